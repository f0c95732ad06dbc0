import { describe, expect, it } from "vitest";
import { splitStatements } from "../../../sql-lint/language/split-statements.ts";
import type { SqlDialect } from "../../../sql-lint/language/sql-language.ts";

function pieces(text: string, dialect: SqlDialect = "postgresql"): string[] {
  return splitStatements(text, dialect).statements.map(({ start, end }) => text.slice(start, end).trim());
}

describe("splitStatements", () => {
  it("splits at top-level semicolons and keeps a last statement without one", () => {
    expect(pieces("SELECT 1; SELECT 2;\nSELECT 3")).toEqual(["SELECT 1;", "SELECT 2;", "SELECT 3"]);
  });

  it("ignores semicolons in strings, quoted identifiers, comments and dollar quotes", () => {
    const sql = [
      "SELECT 'a;b', E'c\\';d', \"e;f\";",
      "-- x; y\nSELECT /* ; /* nested; */ ; */ 1;",
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql;",
      "DO $$ BEGIN PERFORM 1; END $$;",
    ].join("\n");
    expect(pieces(sql)).toHaveLength(4);
  });

  it("keeps trigger and routine bodies whole", () => {
    const sqlite = "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); UPDATE c SET d = CASE WHEN 1 THEN 2 END; END;\nSELECT 1;";
    expect(pieces(sqlite, "sqlite")).toEqual([sqlite.split("\n")[0], "SELECT 1;"]);
    const atomic = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;";
    expect(pieces(`${atomic}\nSELECT 3;`)).toEqual([atomic, "SELECT 3;"]);
  });

  it("keeps a MySQL routine body whole whatever its DEFINER clause", () => {
    const body = "BEGIN\n  SET @q = CONCAT('ALTER TABLE ', t, ';');\n  PREPARE s FROM @q;\n  IF 1 THEN EXECUTE s; END IF;\nEND;";
    for (const definer of ["", "DEFINER=`admin`@`%` ", "DEFINER = 'u'@'localhost' ", "DEFINER = root@localhost ", "DEFINER=CURRENT_USER "]) {
      const routine = `CREATE ${definer}PROCEDURE p(IN t VARCHAR(64), IN c VARCHAR(64), IN d INT)\n${body}`;
      expect(pieces(`${routine}\nSELECT 1;`, "mysql")).toEqual([routine, "SELECT 1;"]);
    }
  });

  it("reads MySQL's backslash escapes, backticks and # comments", () => {
    expect(pieces("SELECT 'it\\'s;'; # a; comment\nSELECT `a;b`;", "mysql")).toEqual(["SELECT 'it\\'s;';", "# a; comment\nSELECT `a;b`;"]);
  });

  it("treats a plain BEGIN; as its own statement (a transaction, not a block)", () => {
    expect(pieces("BEGIN;\nALTER TABLE a ADD b int;\nCOMMIT;")).toEqual(["BEGIN;", "ALTER TABLE a ADD b int;", "COMMIT;"]);
  });

  it("runs unterminated quotes, dollar quotes and comments to the end instead of failing", () => {
    for (const text of ["SELECT 'abc; SELECT 2;", "DO $$ BEGIN; SELECT 2;", "SELECT 1; /* SELECT 2;", 'SELECT "a; b'])
      expect(() => splitStatements(text, "postgresql")).not.toThrow();
    expect(pieces("SELECT 1; SELECT 'abc; SELECT 2;")).toEqual(["SELECT 1;", "SELECT 'abc; SELECT 2;"]);
  });

  it("reports comments with their ranges", () => {
    const { comments } = splitStatements("-- a\nSELECT 1; /* b */", "postgresql");
    expect(comments).toEqual([
      { type: "line_comment", text: "-- a", range: [0, 4] },
      { type: "block_comment", text: "/* b */", range: [15, 22] },
    ]);
  });

  it("splits a large file, ignoring a trailing comment", () => {
    const text = "ALTER TABLE t ADD COLUMN c int; -- note\n".repeat(50_000);
    expect(splitStatements(text, "postgresql").statements).toHaveLength(50_000);
  });
});
