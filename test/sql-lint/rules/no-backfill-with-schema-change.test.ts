import rule from "../../../sql-lint/rules/no-backfill-with-schema-change.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (line: number, column: number, endColumn: number, table = "users") => ({
  messageId: "backfill",
  data: { table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-backfill-with-schema-change", rule, {
  valid: [
    // A data migration on its own is the safe form.
    "UPDATE users SET locale = 'en' WHERE locale IS NULL;",
    "ALTER TABLE users ADD COLUMN locale text;",
    // Filling a table this migration created.
    "CREATE TABLE plans (id int, name text);\nINSERT INTO plans VALUES (1, 'free');\nUPDATE plans SET name = 'Free';",
    // A schema change only on a new table is no schema change to running code.
    "CREATE TABLE plans (id int);\nCREATE INDEX plans_id_idx ON plans (id);\nUPDATE users SET plan_id = 1;",
    // Constant rows are seeds, not copies; a table created here is filled before anyone reads it.
    "ALTER TABLE users ADD COLUMN plan_id int;\nINSERT INTO plans (id, name) VALUES (1, 'free');\nINSERT INTO plans (id, name) SELECT 2, 'pro';",
    "ALTER TABLE users ADD COLUMN plan_id int;\nCREATE TABLE user_plans (user_id int, plan_id int);\nINSERT INTO user_plans SELECT id, plan_id FROM users;",
    // Limited to duplicate rows before a unique index: a data fix of a handful of rows.
    'ALTER TABLE "User" ADD COLUMN "bio" text;\nUPDATE "User" SET "url" = NULL WHERE "url" IN (SELECT "url" FROM "User" GROUP BY "url" HAVING COUNT(*) > 1);',
    // Before the schema change, a write holds none of its lock on PostgreSQL (no-set-not-null judges the scan).
    "UPDATE orders SET status = 'open' WHERE status IS NULL;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;",
    // The system catalogs are not the application's rows.
    "ALTER TABLE users ADD COLUMN plan_id int;\nUPDATE pg_index SET indisvalid = true WHERE indexrelid = 'users_email_idx'::regclass;",
  ],
  invalid: [
    {
      // An alias, a FROM list and a CTE are still a backfill of the table the UPDATE names.
      code: "ALTER TABLE notification ADD COLUMN creator_id int;\nWITH m AS (SELECT id, creator_id FROM message)\nUPDATE notification n SET creator_id = m.creator_id FROM m WHERE n.message_id = m.id;",
      errors: [error(3, 1, 22, "notification")],
    },
    {
      code: "ALTER TABLE notification ADD COLUMN kind text;\nINSERT INTO notification (recipient_id, kind)\nSELECT recipient_id, 'mention' FROM mention;",
      errors: [{ messageId: "copy", data: { table: "notification" }, line: 2, column: 1, endLine: 2, endColumn: 46 }],
    },
    {
      code: "ALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en';",
      errors: [error(2, 1, 13)],
    },
    {
      // The schema change's lock is taken first and held while the backfill runs.
      code: "BEGIN;\nALTER TABLE orders ADD COLUMN status text;\nUPDATE orders SET status = 'open' WHERE status IS NULL;\nCOMMIT;",
      errors: [error(3, 1, 14, "orders")],
    },
    {
      code: "CREATE INDEX users_email_idx ON users (email);\nDO $$ BEGIN\n  UPDATE accounts SET tier = 'basic';\nEND $$;",
      errors: [error(3, 3, 18, "accounts")],
    },
    {
      // A loop whose PL/pgSQL sql-parser-cst does not read (ELSIF): its UPDATE is still seen.
      code: "BEGIN;\nALTER TABLE scan_report ADD COLUMN critical_cnt BIGINT;\nDO $$ DECLARE r RECORD; n BIGINT; BEGIN\n  FOR r IN SELECT uuid FROM scan_report LOOP\n    IF r.uuid IS NULL THEN n := 0; ELSIF r.uuid > '' THEN n := 1; END IF;\n    UPDATE scan_report SET critical_cnt = n WHERE uuid = r.uuid;\n  END LOOP;\nEND $$;\nCOMMIT;",
      errors: [error(6, 5, 23, "scan_report")],
    },
  ],
});

const mysql = { dialect: "mysql" } as const;
const sqlite = { dialect: "sqlite" } as const;

// SQLite holds the database's write lock through the rewrite; MySQL locks every row the one statement touches.
sqlRuleTester().run("no-backfill-with-schema-change (other dialects)", rule, {
  valid: [
    // The update in a transaction of its own, after the ALTER's committed.
    { code: "BEGIN TRANSACTION;\nALTER TABLE monitor ADD auth_method VARCHAR(250);\nCOMMIT;\nBEGIN TRANSACTION;\nUPDATE monitor SET auth_method = 'basic' WHERE basic_auth_user IS NOT NULL;\nCOMMIT;", languageOptions: sqlite },
    // A data migration on its own, a table created here, duplicates only.
    { code: "UPDATE bookmark SET modified_at = created_at WHERE created_at IS NOT NULL;", languageOptions: mysql },
    { code: "CREATE TABLE plans (id INT, name TEXT);\nUPDATE plans SET name = 'Free';", languageOptions: sqlite },
    {
      code: "ALTER TABLE users ADD COLUMN bio TEXT;\nUPDATE users u JOIN (SELECT email FROM users GROUP BY email HAVING COUNT(*) > 1) d ON u.email = d.email SET u.email = NULL;",
      languageOptions: mysql,
    },
  ],
  invalid: [
    {
      code: "-- +goose Up\nalter table media_file add column bpm_new integer;\nupdate media_file set bpm_new = nullif(bpm, 0);",
      languageOptions: sqlite,
      errors: [{ messageId: "backfillSqlite", data: { table: "media_file" }, line: 3, column: 1, endLine: 3, endColumn: 18 }],
    },
    {
      code: "ALTER TABLE spaces ADD COLUMN root_id INTEGER;\nWITH RECURSIVE a AS (SELECT id, parent_id FROM spaces)\nUPDATE spaces SET root_id = (SELECT id FROM a WHERE a.id = spaces.id);",
      languageOptions: sqlite,
      errors: [{ messageId: "backfillSqlite", data: { table: "spaces" } }],
    },
    {
      // One block for both.
      code: "BEGIN TRANSACTION;\nALTER TABLE notification ADD COLUMN config TEXT;\nUPDATE notification SET config = config_old;\nCOMMIT;",
      languageOptions: sqlite,
      errors: [{ messageId: "backfillSqlite", data: { table: "notification" } }],
    },
    {
      code: "ALTER TABLE users ADD COLUMN age INT;\nUPDATE users SET age = 0;",
      languageOptions: mysql,
      errors: [{ messageId: "backfillMysql", data: { table: "users" }, line: 2, column: 1, endLine: 2, endColumn: 13 }],
    },
    {
      // A join only node-sql-parser reads; the ALTER too.
      code: "ALTER TABLE `website_event` ADD COLUMN `visit_id` VARCHAR(36) NULL;\nUPDATE `website_event` we\nJOIN (SELECT DISTINCT session_id FROM `website_event`) a ON we.session_id = a.session_id\nSET we.visit_id = UUID()\nWHERE we.visit_id IS NULL;",
      languageOptions: mysql,
      errors: [{ messageId: "backfillMysql", data: { table: "website_event" }, line: 2, column: 1, endLine: 2, endColumn: 26 }],
    },
  ],
});
