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
      // Before or after the DDL, it is the same transaction.
      code: "UPDATE orders SET status = 'open' WHERE status IS NULL;\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;",
      errors: [error(1, 1, 14, "orders")],
    },
    {
      code: "CREATE INDEX users_email_idx ON users (email);\nDO $$ BEGIN\n  UPDATE accounts SET tier = 'basic';\nEND $$;",
      errors: [error(3, 3, 18, "accounts")],
    },
  ],
});

// MySQL commits each DDL statement on its own, so the backfill holds no schema-change lock.
sqlRuleTester().run("no-backfill-with-schema-change (other dialects)", rule, {
  valid: [{ code: "ALTER TABLE users ADD COLUMN age INT;\nUPDATE users SET age = 0;", languageOptions: { dialect: "mysql" } }],
  invalid: [],
});
