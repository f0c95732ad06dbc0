/**
 * The PostgreSQL front end of the schema-change model reads a migration with PostgreSQL's own
 * parser and must say what the sql-parser-cst front end says of the same statements: the history
 * replays earlier PostgreSQL migrations through it, the linted file's own statements through the
 * other one, and a rule compares the two.
 */
import { describe, expect, it } from "vitest";
import { changesOfStatements } from "../../../sql-lint/analysis/cst-schema-changes.ts";
import { changesOfPostgresText, typeTextAt } from "../../../sql-lint/analysis/pg-schema-changes.ts";
import type { SchemaChange } from "../../../sql-lint/analysis/schema-changes.ts";
import { parseSqlProgram } from "../../../sql-lint/language/parse-sql.ts";

const FILE = "/migrations/0002_x.up.sql";

/** The changes without what only one front end has: sql-parser-cst's node, and the made-up name of an unnamed index. */
function comparable(changes: readonly SchemaChange[]): unknown[] {
  return changes.map((change) => {
    if (change.kind === "type") {
      const type = { ...change.type };
      delete type.dataType;
      return { ...change, type };
    }
    if (change.kind === "index" && change.name.startsWith("\u0000")) return { ...change, name: "(unnamed)" };
    return change;
  });
}

function viaCst(text: string): unknown[] {
  return comparable(changesOfStatements(parseSqlProgram(text, "postgresql").statements, text, FILE));
}

function viaPostgres(text: string): unknown[] {
  return comparable(changesOfPostgresText(text, FILE));
}

describe("both front ends read a migration the same way", () => {
  const migration = [
    'CREATE TABLE public."Account" (id bigserial PRIMARY KEY, email character varying(255) NOT NULL, owner_id int REFERENCES users (id) ON DELETE CASCADE,',
    "  created timestamp(3) with time zone DEFAULT now(), tags text[], price numeric(10, 2), CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams ON DELETE SET NULL, CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES orgs (id));",
    "ALTER TABLE ONLY posts ADD COLUMN score double precision, ALTER COLUMN title TYPE varchar(200) USING title::varchar, DROP COLUMN legacy;",
    "ALTER TABLE posts RENAME COLUMN body TO content;",
    "ALTER TABLE posts RENAME TO articles;",
    "CREATE VIEW recent AS SELECT * FROM articles;",
    "ALTER VIEW recent RENAME TO latest;",
    "DROP VIEW IF EXISTS stale, older;",
    "CREATE MATERIALIZED VIEW totals AS SELECT count(*) FROM articles;",
    "INSERT INTO archive SELECT * FROM articles WHERE id < 10;",
    "INSERT INTO settings (key, value) VALUES ('a', 'b');",
    "INSERT INTO counters DEFAULT VALUES;",
    "CREATE TABLE snapshot AS SELECT * FROM articles;",
    "CREATE UNIQUE INDEX CONCURRENTLY idx_email ON public.\"Account\" (lower(email));",
    "CREATE INDEX ON articles (author_id, (score + 1));",
    "DROP INDEX CONCURRENTLY IF EXISTS public.idx_old, idx_older;",
    "DROP TABLE IF EXISTS scratch, public.tmp CASCADE;",
    "CREATE OR REPLACE FUNCTION app.slug(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower($1) $$;",
    "CREATE FUNCTION token() RETURNS text AS $$ SELECT md5(random()::text) $$ LANGUAGE sql;",
    "CREATE TABLE events (id int, at timestamp without time zone, kind \"Kind\", flags bit varying(8), ratio real, code char(3));",
    "ALTER TABLE articles ALTER COLUMN title SET NOT NULL, ALTER COLUMN score DROP NOT NULL, ADD PRIMARY KEY (id, slug);",
    "ALTER TABLE articles ADD CONSTRAINT articles_pk PRIMARY KEY (uid), ADD COLUMN rank int NOT NULL DEFAULT 0;",
    "CREATE TABLE tagged (tag text, post_id int GENERATED ALWAYS AS IDENTITY, serial_no serial, CONSTRAINT tagged_pk PRIMARY KEY (tag));",
  ].join("\n");

  it("gives the same changes, in the same order", () => {
    const expected = viaCst(migration);
    expect(expected.length).toBeGreaterThan(25);
    expect(viaPostgres(migration)).toEqual(expected);
  });

  it("describes and quotes each column type as sql-parser-cst does", () => {
    const types = viaPostgres(migration).filter((change) => (change as SchemaChange).kind === "type");
    expect(types).toContainEqual(expect.objectContaining({ column: "created", type: { description: { name: "timestamptz", modifiers: [3], arrayDepth: 0 }, text: "timestamp(3) with time zone", file: FILE } }));
    expect(types).toContainEqual(expect.objectContaining({ column: "kind", type: expect.objectContaining({ description: { name: "Kind", modifiers: [], arrayDepth: 0 }, text: '"Kind"' }) }));
  });
});

describe("what only PostgreSQL's parser reads", () => {
  it("reads a renamed materialized view, which sql-parser-cst does not parse", () => {
    expect(viaPostgres("ALTER MATERIALIZED VIEW totals RENAME TO sums;")).toEqual([
      { kind: "view", name: "totals", exists: false },
      { kind: "view", name: "sums", exists: true },
    ]);
  });

  it("keeps the statements PostgreSQL accepts when it rejects one of them", () => {
    const text = "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN COLUMN broken;\nALTER TABLE a RENAME COLUMN id TO key;";
    expect(viaPostgres(text)).toEqual([
      { kind: "drop-table", table: "a", created: true },
      { kind: "type", table: "a", column: "id", type: { description: { name: "int4", modifiers: [], arrayDepth: 0 }, text: "int", file: FILE }, added: true },
      { kind: "not-null", table: "a", column: "id", notNull: false },
      { kind: "rename-column", table: "a", from: "id", to: "key" },
    ]);
  });

  it("reads only the up part of a goose or dbmate file, with Go-template schemas as names", () => {
    const text = "-- +goose Up\nCREATE TABLE {{ .Schema }}.jobs (id int);\n-- +goose Down\nDROP TABLE jobs;";
    expect(viaPostgres(text).map((change) => (change as SchemaChange).kind)).toEqual(["drop-table", "type", "not-null"]);
  });

  it("follows no statement into a procedure, and reads nothing from a file PostgreSQL cannot read at all", () => {
    expect(viaPostgres("CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;")).toEqual([]);
    expect(viaPostgres("this is not sql")).toEqual([]);
  });
});

describe("a column type's text where it is written", () => {
  it.each([
    ["varchar(20) NOT NULL", "varchar(20)"],
    ["character varying ( 255 ) DEFAULT ''", "character varying ( 255 )"],
    ["timestamp without time zone,", "timestamp without time zone"],
    ['public."Status"[] REFERENCES x', 'public."Status"[]'],
    ["interval day to second)", "interval day to second"],
    ["text USING body::text;", "text"],
    ["int4 COLLATE \"C\"", "int4"],
    ["numeric(10,\n 2)\n  NOT NULL", "numeric(10, 2)"],
  ])("%j is %j", (written, type) => {
    expect(typeTextAt(`x ${written}`, 2)).toBe(type);
  });
});
