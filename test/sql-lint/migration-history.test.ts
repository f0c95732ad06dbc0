/**
 * The migration history: a column's type before a migration comes from the earlier migrations of
 * its folder, in version order, when the migration itself does not say. Real files in a
 * temporary folder, laid out as golang-migrate and diesel lay them out.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { sqlRuleEslint } from "../helpers/rule-testers.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-history-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `SET lock_timeout = '2s';\n${text}\n`);
  }
}

/** ESLint running one SQL rule over the files in the temporary folder. */
const eslintWith = (rule: string, languageOptions: Record<string, unknown> = {}) => sqlRuleEslint(root, rule, languageOptions);
const eslint = eslintWith("no-column-type-change");

/** The lines one rule reports in a file of the folder (each file starts with a `SET lock_timeout` line). */
async function reportedLines(rule: string, file: string, languageOptions: Record<string, unknown> = {}): Promise<number[]> {
  const [result] = await eslintWith(rule, languageOptions).lintFiles([path.join(root, file)]);
  return result!.messages.map((message) => message.line);
}

async function typeChanges(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(root, file)]);
  return result!.messages.map((message) => message.message.split(":")[0]!);
}

describe("one file per migration (golang-migrate)", () => {
  write({
    "flat/0001_init.up.sql": "CREATE TABLE post (id bigint PRIMARY KEY, name varchar(100), body bytea, score int);",
    "flat/0001_init.down.sql": "ALTER TABLE post ALTER COLUMN name TYPE text;",
    "flat/0002_widen_name.up.sql": "ALTER TABLE post ALTER COLUMN name TYPE varchar(200);",
    "flat/0003_body_text.up.sql": "ALTER TABLE post ALTER COLUMN body TYPE text;",
    "flat/0004_narrow_name.up.sql": "ALTER TABLE post ALTER COLUMN name TYPE varchar(150);",
    "flat/0005_wide_name.up.sql": "ALTER TABLE post ALTER COLUMN name TYPE varchar(500);",
  });

  it("knows a widening of a type set two migrations earlier", async () => {
    expect(await typeChanges("flat/0002_widen_name.up.sql")).toEqual([]);
  });

  it("names the old type of a rewrite it would otherwise have assumed to be a string", async () => {
    expect(await typeChanges("flat/0003_body_text.up.sql")).toEqual([expect.stringMatching(/^Changing column "body" of "post" from bytea to text rewrites the table/u)]);
  });

  it("takes the latest earlier type, never a later one or a down migration's", async () => {
    expect(await typeChanges("flat/0004_narrow_name.up.sql")).toEqual([expect.stringContaining('"name" of "post" from varchar(200) to varchar(150)')]);
    expect(await typeChanges("flat/0005_wide_name.up.sql")).toEqual([]);
  });
});

describe("functions defined by earlier migrations", () => {
  const volatile = eslintWith("no-rewriting-add-column");
  write({
    "functions/20170309122510_token_function/up.sql": "CREATE FUNCTION random_string(int4) RETURNS text AS $$ SELECT md5(random()::text) $$ LANGUAGE sql;",
    "functions/2017-09-23-182408_add_token/up.sql": "ALTER TABLE emails ADD COLUMN token text NOT NULL DEFAULT random_string(26);",
    "functions/2018-01-01-000000_stable/up.sql": "CREATE OR REPLACE FUNCTION random_string(int4) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'x' $$;",
    "functions/2019-01-01-000000_add_code/up.sql": "ALTER TABLE emails ADD COLUMN code text DEFAULT random_string(8);",
  });

  it("knows a default that calls one of them is volatile, until it is redefined", async () => {
    const [added] = await volatile.lintFiles([path.join(root, "functions/2017-09-23-182408_add_token/up.sql")]);
    expect(added!.messages.map((message) => message.message.split(",")[0])).toEqual(["The default calls random_string()"]);
    const [later] = await volatile.lintFiles([path.join(root, "functions/2019-01-01-000000_add_code/up.sql")]);
    expect(later!.messages).toEqual([]);
  });
});

describe("views created by earlier migrations", () => {
  const dropView = eslintWith("no-drop-view");
  write({
    "views/0001_init.up.sql": "CREATE TABLE post (id bigint, title text);\nCREATE VIEW post_view AS SELECT id, title FROM post;",
    "views/0001_init.down.sql": "CREATE VIEW draft_view AS SELECT 1 AS n;",
    "views/0002_stats.up.sql": "CREATE MATERIALIZED VIEW post_stats AS SELECT count(*) AS n FROM post;\nALTER VIEW post_view RENAME TO post_list;",
    "views/0003_drop_guards.up.sql": "DROP VIEW IF EXISTS draft_view;\nDROP VIEW IF EXISTS post_view;\nDROP VIEW IF EXISTS post_list;\nDROP MATERIALIZED VIEW IF EXISTS post_stats;\nDROP VIEW never_made;",
  });

  it("leaves alone DROP VIEW IF EXISTS of a view no earlier up migration left, and reports the ones they did", async () => {
    const [result] = await dropView.lintFiles([path.join(root, "views/0003_drop_guards.up.sql")]);
    expect(result!.messages.map((message) => message.line)).toEqual([4, 5, 6]);
  });
});

describe("one folder per migration (diesel, Prisma)", () => {
  write({
    "diesel/2019-01-01-000000_create/up.sql": "CREATE TABLE person (id serial PRIMARY KEY, title varchar(20), avatar bytea);",
    "diesel/2019-01-01-000000_create/down.sql": "DROP TABLE person;",
    "diesel/2020-01-01-000000_rename/up.sql": "ALTER TABLE person RENAME COLUMN title TO name;",
    "diesel/2021-01-01-000000_widen/up.sql": "ALTER TABLE person ALTER COLUMN name TYPE varchar(255);",
    "diesel/2022-01-01-000000_recreate/up.sql": "DROP TABLE person;\nCREATE TABLE person (id serial PRIMARY KEY, name text, avatar text);",
    "diesel/2023-01-01-000000_avatar/up.sql": "ALTER TABLE person ALTER COLUMN avatar TYPE varchar(64);",
    "diesel/2024-01-01-000000_photo/up.sql": "ALTER TABLE person ADD COLUMN photo bytea;",
    "diesel/2025-01-01-000000_picture/up.sql": "ALTER TABLE person RENAME COLUMN photo TO picture;\nALTER TABLE person ALTER COLUMN picture TYPE text;",
  });

  it("follows a column through its renames", async () => {
    expect(await typeChanges("diesel/2021-01-01-000000_widen/up.sql")).toEqual([]);
  });

  it("follows a rename earlier in the same migration back to the history's name", async () => {
    expect(await typeChanges("diesel/2025-01-01-000000_picture/up.sql")).toEqual([expect.stringContaining('"picture" of "person" from bytea to text')]);
  });

  it("forgets a table dropped and created again", async () => {
    expect(await typeChanges("diesel/2023-01-01-000000_avatar/up.sql")).toEqual([expect.stringContaining('"avatar" of "person" from text to varchar(64)')]);
  });
});

describe("the table of an index dropped later", () => {
  const indexes = eslintWith("require-concurrent-index");
  write({
    "indexes/0001_init.up.sql": "CREATE TABLE post (id bigint PRIMARY KEY, hot_rank int);\nCREATE INDEX idx_post_hot ON post (hot_rank);\nCREATE INDEX idx_post_id ON post (id);",
    "indexes/0002_rename.up.sql": "ALTER TABLE post RENAME TO posts;",
    "indexes/0003_hot_rank.up.sql": "BEGIN;\nDROP INDEX idx_post_hot;\nALTER TABLE posts DROP COLUMN hot_rank;\nCOMMIT;",
    "indexes/0004_drop_alone.up.sql": "BEGIN;\nDROP INDEX idx_post_id;\nALTER TABLE comment DROP COLUMN x;\nCOMMIT;",
    // Indexes renamed with their table (Prisma writes ALTER INDEX … RENAME TO … when a model is renamed).
    "indexes/0005_init_tags.up.sql": "CREATE TABLE tag (id bigint, name text, color text);\nCREATE INDEX tag_name_idx ON tag (name);\nCREATE INDEX tag_color_idx ON tag (color);",
    "indexes/0006_rename_tags.up.sql": "ALTER TABLE tag RENAME TO label;\nALTER INDEX tag_name_idx RENAME TO label_name_idx;",
    "indexes/0007_drop_renamed.up.sql": "BEGIN;\nDROP INDEX label_name_idx;\nALTER TABLE label DROP COLUMN name;\nCOMMIT;",
    "indexes/0008_rename_and_drop.up.sql": "BEGIN;\nALTER INDEX tag_color_idx RENAME TO label_color_idx;\nDROP INDEX label_color_idx;\nALTER TABLE label DROP COLUMN color;\nCOMMIT;",
  });
  const ids = async (file: string) => (await indexes.lintFiles([path.join(root, file)]))[0]!.messages.map((message) => message.messageId);

  it("knows the index's table through a rename, and that the transaction locks it exclusively anyway", async () => {
    expect(await ids("indexes/0003_hot_rank.up.sql")).toEqual([]);
  });

  it("still reports a drop whose table the transaction does not lock", async () => {
    expect(await ids("indexes/0004_drop_alone.up.sql")).toEqual(["dropIndex"]);
  });

  it("follows an index renamed by an earlier migration or earlier in the file", async () => {
    expect(await ids("indexes/0007_drop_renamed.up.sql")).toEqual([]);
    expect(await ids("indexes/0008_rename_and_drop.up.sql")).toEqual([]);
  });
});

describe("tables created shortly before (one pull request's migrations)", () => {
  const indexes = eslintWith("require-concurrent-index");
  const constraints = eslintWith("require-not-valid-constraint");
  write({
    "new-tables/20230505080000_subscriptions/migration.sql": "CREATE TABLE subscription (id bigint PRIMARY KEY, plan_id bigint, status text);",
    "new-tables/20230505080500_report/migration.sql": "CREATE TABLE report_combined (id bigint PRIMARY KEY, post_report_id bigint);\nINSERT INTO report_combined (id, post_report_id) SELECT id, id FROM post_report;",
    "new-tables/20230505081000_renamed/migration.sql": "CREATE TABLE draft (id bigint PRIMARY KEY, owner_id bigint);",
    "new-tables/20230505082000_rename_draft/migration.sql": "ALTER TABLE draft RENAME TO drafts;",
    "new-tables/20230505085908_indexes/migration.sql": "CREATE INDEX subscription_plan_idx ON subscription (plan_id);\nCREATE INDEX report_post_idx ON report_combined (post_report_id);\nCREATE INDEX drafts_owner_idx ON drafts (owner_id);",
    "new-tables/20230507090000_later/migration.sql": "CREATE INDEX subscription_status_idx ON subscription (status);\nALTER TABLE drafts ADD CONSTRAINT drafts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);",
    "numbered/0001_subscriptions.up.sql": "CREATE TABLE subscription (id bigint PRIMARY KEY, plan_id bigint);",
    "numbered/0002_index.up.sql": "CREATE INDEX subscription_plan_idx ON subscription (plan_id);",
  });
  const tables = async (eslint: ReturnType<typeof eslintWith>, file: string) =>
    (await eslint.lintFiles([path.join(root, file)]))[0]!.messages.map((message) => /"([^"]+)"/u.exec(message.message)?.[1]);

  it("leaves alone the index of a table an earlier migration created within the hour, followed through a rename", async () => {
    expect(await tables(indexes, "new-tables/20230505085908_indexes/migration.sql")).toEqual(["report_combined"]);
  });

  it("reports a table filled from a query, created two days earlier, or whose age the versions cannot tell", async () => {
    expect(await tables(indexes, "new-tables/20230507090000_later/migration.sql")).toEqual(["subscription"]);
    expect(await tables(constraints, "new-tables/20230507090000_later/migration.sql")).toEqual(["drafts"]);
    expect(await tables(indexes, "numbered/0002_index.up.sql")).toEqual(["subscription"]);
  });
});

describe("migrations after the deployed baseline (startAfter) ship with the one linted", () => {
  const baseline = { startAfter: "0002" };
  write({
    "pending/0001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
    "pending/0002_audit.up.sql": "CREATE TABLE audit (id bigint PRIMARY KEY, actor_id bigint);",
    "pending/0003_drafts.up.sql": "CREATE TABLE drafts (id bigint PRIMARY KEY, owner_id bigint);\nALTER TABLE users ADD COLUMN nickname text;",
    "pending/0004_copies.up.sql": "CREATE TABLE copies (id bigint PRIMARY KEY, user_id bigint);\nINSERT INTO copies (id, user_id) SELECT id, id FROM users;",
    "pending/0005_rename.up.sql": "ALTER TABLE drafts RENAME TO draft_posts;",
    "pending/0006_indexes.up.sql":
      "CREATE INDEX draft_posts_owner_idx ON draft_posts (owner_id);\nCREATE INDEX copies_user_idx ON copies (user_id);\nCREATE INDEX audit_actor_idx ON audit (actor_id);",
    "pending/0007_drops.up.sql": "ALTER TABLE users DROP COLUMN nickname;\nALTER TABLE users DROP COLUMN email;\nDROP TABLE draft_posts;\nDROP TABLE audit;",
  });

  it("takes a table a pending migration created (followed through a rename) to hold no rows, unless a query filled it", async () => {
    expect(await reportedLines("require-concurrent-index", "pending/0006_indexes.up.sql", baseline)).toEqual([3, 4]);
    // Numbered versions cannot say when a migration was written: without the baseline every index is reported.
    expect(await reportedLines("require-concurrent-index", "pending/0006_indexes.up.sql", {})).toEqual([2, 3, 4]);
  });

  it("lets a deploy drop a column or table a pending migration made, never one production has", async () => {
    expect(await reportedLines("no-drop-column", "pending/0007_drops.up.sql", baseline)).toEqual([3]);
    expect(await reportedLines("no-drop-table", "pending/0007_drops.up.sql", baseline)).toEqual([5]);
    expect(await reportedLines("no-drop-column", "pending/0007_drops.up.sql", {})).toEqual([2, 3]);
    expect(await reportedLines("no-drop-table", "pending/0007_drops.up.sql", {})).toEqual([4, 5]);
  });
});

describe("what the history leaves under a dropped table's name", () => {
  write({
    "backups/0001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE sessions (id bigint PRIMARY KEY);\nDROP TABLE IF EXISTS legacy_settings;",
    "backups/0002_rebuild.up.sql": "ALTER TABLE users RENAME TO _bkp_users;\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE sessions RENAME TO user_sessions;",
    "backups/0003_cleanup.up.sql":
      "DROP TABLE _bkp_users;\nDROP TABLE IF EXISTS legacy_config;\nDROP TABLE legacy_audit;\nDROP TABLE IF EXISTS sessions;\nDROP TABLE user_sessions;\nDROP TABLE IF EXISTS users;\nDROP TABLE IF EXISTS legacy_settings;",
    "fresh/0001_first.up.sql": "DROP TABLE IF EXISTS legacy_config;",
  });
  it("leaves alone the old rows a replaced table kept aside, and IF EXISTS of a name no table has", async () => {
    // Reported: a table made outside the history (no IF EXISTS: it must exist), one renamed to its name, and the new users table.
    expect(await reportedLines("no-drop-table", "backups/0003_cleanup.up.sql")).toEqual([4, 6, 7]);
  });

  it("says nothing of a name without a history", async () => {
    expect(await reportedLines("no-drop-table", "fresh/0001_first.up.sql")).toEqual([2]);
  });
});

describe("indexes rebuilt by a type change that skips the rewrite", () => {
  const work = eslintWith("no-work-after-exclusive-lock");
  write({
    "utc/0001_init.up.sql": "CREATE TABLE post (id bigint PRIMARY KEY, published timestamp, updated timestamp);\nCREATE INDEX idx_post_published ON post (published DESC);",
    "utc/0002_tz.up.sql":
      "BEGIN;\nSET timezone = 'UTC';\nALTER TABLE person DROP COLUMN a;\nALTER TABLE post ALTER COLUMN updated TYPE timestamptz USING updated;\nALTER TABLE post ALTER COLUMN published TYPE timestamptz USING published;\nCOMMIT;",
  });

  it("counts the index rebuild of an indexed column as work, and the unindexed column's change as catalog-only", async () => {
    const [result] = await work.lintFiles([path.join(root, "utc/0002_tz.up.sql")]);
    expect(result!.messages.map((message) => message.line)).toEqual([6]);
  });
});

describe("MySQL, where CREATE TABLE is often only node-sql-parser's to read", () => {
  const mysqlEslint = eslintWith("no-column-type-change", { dialect: "mysql" });
  for (const [name, text] of Object.entries({
    "0002_bookmark.up.sql": "CREATE TABLE IF NOT EXISTS bookmark(\n  id INT(11) NOT NULL AUTO_INCREMENT,\n  excerpt TEXT NOT NULL DEFAULT (''),\n  modified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n  PRIMARY KEY(id),\n  FULLTEXT (excerpt)) CHARACTER SET utf8mb4;",
    "0005_rename.up.sql": "ALTER TABLE bookmark RENAME COLUMN modified TO created_at;",
    "0006_settings.up.sql": "ALTER TABLE bookmark MODIFY created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;",
    "0007_to_datetime.up.sql": "ALTER TABLE bookmark MODIFY created_at DATETIME NOT NULL;",
  })) {
    fs.mkdirSync(path.join(root, "mysql"), { recursive: true });
    fs.writeFileSync(path.join(root, "mysql", name), `${text}\n`);
  }
  const messages = async (name: string) => (await mysqlEslint.lintFiles([path.join(root, "mysql", name)]))[0]!.messages.map((message) => message.messageId);

  it("knows a MODIFY restates the type an earlier CREATE TABLE gave, through a rename", async () => {
    expect(await messages("0006_settings.up.sql")).toEqual([]);
  });

  it("names the type a real change replaces", async () => {
    const [result] = await mysqlEslint.lintFiles([path.join(root, "mysql", "0007_to_datetime.up.sql")]);
    expect(result!.messages.map((message) => message.message)).toEqual([expect.stringContaining('"created_at" of "bookmark" from timestamp to datetime')]);
  });
});

describe("what references a table (SQLite rebuilds)", () => {
  const folder = path.join(root, "sqlite");
  const files: Record<string, string> = {
    "0001_init.up.sql": [
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);",
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);",
      "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);",
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, tag_id INTEGER, FOREIGN KEY (tag_id) REFERENCES tags (id));",
      "CREATE TABLE labels (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES labels(id) ON DELETE CASCADE);",
    ].join("\n"),
    "0002_rebuild_tags.up.sql": rebuildOf("tags", "id INTEGER PRIMARY KEY, name TEXT NOT NULL"),
    "0003_rebuild_users.up.sql": rebuildOf("users", "id INTEGER PRIMARY KEY, email TEXT NOT NULL"),
    "0004_rename_away_tags.up.sql": renameAwayOf("tags", "id INTEGER PRIMARY KEY, name TEXT NOT NULL"),
    "0005_rename_away_labels.up.sql": renameAwayOf("labels", "id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES labels(id) ON DELETE CASCADE"),
    "0006_rebuild_legacy.up.sql": rebuildOf("legacy", "id INTEGER PRIMARY KEY"),
    "0007_posts_set_null.up.sql": "CREATE TABLE comments (id INTEGER PRIMARY KEY, tag_id INTEGER REFERENCES tags(id) ON DELETE SET NULL);",
    "0008_rebuild_tags_again.up.sql": rebuildOf("tags", "id INTEGER PRIMARY KEY, name TEXT NOT NULL, color TEXT"),
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), `${text}\n`);
  }
  const sqliteEslint = eslintWith("no-unsafe-table-rebuild", { dialect: "sqlite" });
  const findings = async (name: string) => (await sqliteEslint.lintFiles([path.join(folder, name)]))[0]!.messages.map((message) => message.messageId);

  it("leaves a rebuild alone when no table references the rebuilt one with a cascading action", async () => {
    expect(await findings("0002_rebuild_tags.up.sql")).toEqual([]);
  });

  it("reports a rebuild whose DROP TABLE cascades into a referencing table", async () => {
    expect(await findings("0003_rebuild_users.up.sql")).toEqual(["foreignKeysOn"]);
    expect(await findings("0008_rebuild_tags_again.up.sql")).toEqual(["foreignKeysOn"]);
  });

  it("reports renaming a referenced table away, but not a table only its own rows reference", async () => {
    expect(await findings("0004_rename_away_tags.up.sql")).toEqual(["renameAway"]);
    expect(await findings("0005_rename_away_labels.up.sql")).toEqual([]);
  });

  it("reports when the history does not know the table", async () => {
    expect(await findings("0006_rebuild_legacy.up.sql")).toEqual(["foreignKeysOn"]);
  });
});

describe("whether a column rejects NULL, as earlier migrations leave it", () => {
  write({
    "nullability/0001_init.up.sql":
      "CREATE TABLE account (id serial, email text NOT NULL, plan text DEFAULT 'free', region text NOT NULL DEFAULT 'eu', code text, nickname text DEFAULT '', PRIMARY KEY (code));\nCREATE TABLE org (id bigint PRIMARY KEY, slug text);",
    "nullability/0002_relax.up.sql": "ALTER TABLE account ALTER COLUMN region DROP NOT NULL;\nALTER TABLE org ALTER COLUMN slug SET NOT NULL;\nALTER TABLE account RENAME COLUMN email TO login;",
    "nullability/0003_restate.up.sql":
      "ALTER TABLE account ALTER COLUMN login SET NOT NULL;\nALTER TABLE account ALTER COLUMN region SET NOT NULL;\nALTER TABLE org ALTER COLUMN slug SET NOT NULL;\nALTER TABLE account ALTER COLUMN plan SET NOT NULL;",
    "nullability/0004_defaults.up.sql":
      "ALTER TABLE account ALTER COLUMN id DROP DEFAULT;\nALTER TABLE account ALTER COLUMN nickname DROP DEFAULT;\nALTER TABLE account ALTER COLUMN region SET DEFAULT NULL;\nALTER TABLE account ALTER COLUMN code DROP DEFAULT;\nALTER TABLE account ADD COLUMN tier text NOT NULL DEFAULT 'a';\nALTER TABLE account ALTER COLUMN tier DROP DEFAULT;",
    "nullability/0005_swap.up.sql": "ALTER TABLE account ALTER COLUMN login DROP DEFAULT;\nALTER TABLE account ALTER COLUMN login SET DEFAULT '';",
  });

  it("lets SET NOT NULL of a column that already rejects NULL pass: PostgreSQL scans nothing", async () => {
    // login was created NOT NULL as email, then renamed; region was relaxed; slug became NOT NULL in 0002; plan never was.
    expect(await reportedLines("no-set-not-null", "nullability/0003_restate.up.sql")).toEqual([3, 5]);
  });

  it("reports a default dropped from a column that rejects NULL, which the running code's inserts may rely on", async () => {
    const messages = (await eslintWith("no-add-required-column").lintFiles([path.join(root, "nullability/0004_defaults.up.sql")]))[0]!.messages;
    // id is serial (NOT NULL) and loses its sequence default; nickname accepts NULL; region is NOT NULL again since 0003;
    // code is NOT NULL through the primary key; tier is added here, a case of its own.
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [2, "requiredDefaultDropped"],
      [4, "requiredDefaultDropped"],
      [5, "requiredDefaultDropped"],
      [7, "defaultDropped"],
    ]);
    expect(messages[0]!.message).toMatch(/^Column "id" of "account" is NOT NULL and this migration drops its default/u);
  });

  it("does not report a default dropped and given back in the same migration", async () => {
    expect(await reportedLines("no-add-required-column", "nullability/0005_swap.up.sql")).toEqual([]);
  });

  it("trusts a migration that fills a column's NULLs over files that say it has none (edited after they ran)", async () => {
    write({
      "nullability-edited/0001_init.up.sql": "CREATE TABLE job (id bigint, args jsonb NOT NULL DEFAULT '{}', meta jsonb NOT NULL DEFAULT '{}');",
      "nullability-edited/0002_fix.up.sql":
        "ALTER TABLE job ALTER COLUMN meta SET DEFAULT '{}';\nUPDATE job SET meta = '{}' WHERE meta IS NULL;\nALTER TABLE job ALTER COLUMN meta SET NOT NULL;\nALTER TABLE job ALTER COLUMN args SET NOT NULL;",
    });
    expect(await reportedLines("no-set-not-null", "nullability-edited/0002_fix.up.sql")).toEqual([4]);
  });

  it("does not report a default dropped with NOT NULL in the same statement, or one this migration set itself", async () => {
    write({
      "nullability-relaxed/0001_init.up.sql": "CREATE TABLE settings (id bigint, theme text NOT NULL DEFAULT 'light', args jsonb NOT NULL);",
      "nullability-relaxed/0002_relax.up.sql":
        "ALTER TABLE settings ALTER COLUMN theme DROP NOT NULL, ALTER COLUMN theme DROP DEFAULT;\nALTER TABLE settings ALTER COLUMN args SET DEFAULT '{}';\nUPDATE settings SET args = '{}' WHERE args IS NULL;\nALTER TABLE settings ALTER COLUMN args DROP DEFAULT;",
    });
    expect(await reportedLines("no-add-required-column", "nullability-relaxed/0002_relax.up.sql")).toEqual([]);
  });

  it("reads what this file did before the statement too", async () => {
    write({ "nullability-in-file/0001_init.up.sql": "CREATE TABLE t (id bigint);", "nullability-in-file/0002_add.up.sql": "ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT 0;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;" });
    expect(await reportedLines("no-set-not-null", "nullability-in-file/0002_add.up.sql")).toEqual([]);
  });

  it("in MySQL, takes a MODIFY that restates the column without NOT NULL as accepting NULL again", async () => {
    write({
      "nullability-mysql/0001_init.up.sql": "CREATE TABLE orders (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, status varchar(20) NOT NULL DEFAULT 'new', note varchar(20) NOT NULL DEFAULT '');",
      "nullability-mysql/0002_relax.up.sql": "ALTER TABLE orders MODIFY note varchar(40) DEFAULT '';",
      "nullability-mysql/0003_defaults.up.sql": "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;\nALTER TABLE orders ALTER COLUMN note DROP DEFAULT;",
    });
    const messages = (await eslintWith("no-add-required-column", { dialect: "mysql" }).lintFiles([path.join(root, "nullability-mysql/0003_defaults.up.sql")]))[0]!.messages;
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[2, "requiredDefaultDroppedMysql"]]);
  });
});

describe("an editor linting a migration again after an earlier one changed", () => {
  const indexes = eslintWith("require-concurrent-index");
  write({
    "editor/0001_init.up.sql": "CREATE TABLE post (id bigint, name varchar(100), body bytea, a int);\nCREATE TABLE comment (id bigint, a int);\nCREATE INDEX idx_a ON post (a);",
    "editor/0002_widen.up.sql": "ALTER TABLE post ALTER COLUMN name TYPE varchar(200);",
    "editor/0003_drop_index.up.sql": "BEGIN;\nDROP INDEX idx_a;\nALTER TABLE post DROP COLUMN b;\nCOMMIT;",
    "editor/0004_comment_index.up.sql": "CREATE INDEX idx_a ON comment (a);",
    "editor/0005_drop_index.up.sql": "BEGIN;\nDROP INDEX idx_a;\nALTER TABLE post DROP COLUMN c;\nCOMMIT;",
  });
  const ids = async (file: string) => (await indexes.lintFiles([path.join(root, file)]))[0]!.messages.map((message) => message.messageId);
  afterEach(() => vi.useRealTimers());

  it("replays a later migration's history, then an earlier one's, each to its own point", async () => {
    expect(await ids("editor/0005_drop_index.up.sql")).toEqual(["dropIndex"]);
    expect(await ids("editor/0003_drop_index.up.sql")).toEqual([]);
    expect(await ids("editor/0005_drop_index.up.sql")).toEqual(["dropIndex"]);
  });

  it("sees the new content of an earlier migration once its file is checked again (at most once a second)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    expect(await typeChanges("editor/0002_widen.up.sql")).toEqual([]);
    expect(await ids("editor/0003_drop_index.up.sql")).toEqual([]);
    write({ "editor/0001_init.up.sql": "CREATE TABLE post (id bigint, name bytea, a int);\nCREATE TABLE comment (id bigint, a int);\nCREATE INDEX idx_a ON comment (a);" });
    vi.setSystemTime(Date.now() + 2000);
    expect(await typeChanges("editor/0002_widen.up.sql")).toEqual([expect.stringContaining('"name" of "post" from bytea to varchar(200)')]);
    expect(await ids("editor/0003_drop_index.up.sql")).toEqual(["dropIndex"]);
  });
});

function rebuildOf(table: string, columns: string): string {
  const names = columns.split(",").map((column) => column.trim().split(" ")[0]).join(", ");
  return `CREATE TABLE new_${table} (${columns});\nINSERT INTO new_${table} (${names}) SELECT ${names} FROM ${table};\nDROP TABLE ${table};\nALTER TABLE new_${table} RENAME TO ${table};`;
}

function renameAwayOf(table: string, columns: string): string {
  const names = columns.split(",").map((column) => column.trim().split(" ")[0]).join(", ");
  return `ALTER TABLE ${table} RENAME TO old_${table};\nCREATE TABLE ${table} (${columns});\nINSERT INTO ${table} (${names}) SELECT ${names} FROM old_${table};\nDROP TABLE old_${table};`;
}
