import rule from "../../../sql-lint/rules/require-lock-timeout.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (line: number, column: number, endColumn: number, mode: string, table = '"users"') => ({
  messageId: "missingLockTimeout",
  data: { mode, table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("require-lock-timeout", rule, {
  valid: [
    "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;",
    "SET LOCAL lock_timeout TO 2000;\nCREATE INDEX users_email_idx ON users (email);",
    // Statements that take no lock blocking writes.
    "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
    "ALTER TABLE users VALIDATE CONSTRAINT users_email_check;",
    "SELECT 1;\nINSERT INTO settings (key) VALUES ('x');",
    // A table this migration created is not in use yet.
    "CREATE TABLE invoices (id bigint PRIMARY KEY);\nCREATE INDEX invoices_id_idx ON invoices (id);\nALTER TABLE invoices ADD COLUMN total numeric;",
    // The runner's own bookkeeping table: only the runner, running this migration, uses it.
    "ALTER TABLE migrations ADD CONSTRAINT pk_migrations PRIMARY KEY (version);",
    'ALTER TABLE "_prisma_migrations" ADD COLUMN note text;',
    // A statement in the down part of a dbmate migration is not run on deploy.
    "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;",
  ],
  invalid: [
    { code: "ALTER TABLE users ADD COLUMN nickname text;", errors: [error(1, 19, 43, "ACCESS EXCLUSIVE")] },
    // Reported once, at the first statement; lock_timeout set too late does not count.
    {
      code: "CREATE INDEX users_email_idx ON users (email);\nSET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN a;",
      errors: [error(1, 1, 46, "SHARE")],
    },
    // lock_timeout = 0 disables the timeout.
    { code: "SET lock_timeout = 0;\nTRUNCATE users;", errors: [error(2, 1, 15, "ACCESS EXCLUSIVE")] },
    // A foreign key locks both tables in SHARE ROW EXCLUSIVE mode.
    {
      code: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
      errors: [error(1, 20, 103, "SHARE ROW EXCLUSIVE", '"orders"')],
    },
    // PostgreSQL-only statements parsed by PostgreSQL's parser count too.
    { code: "VACUUM FULL users;", errors: [error(1, 1, 18, "ACCESS EXCLUSIVE")] },
    { code: "LOCK TABLE users IN SHARE MODE;", errors: [error(1, 1, 31, "SHARE")] },
    // Inside a DO block.
    {
      code: "DO $$ BEGIN\n  ALTER TABLE users ALTER COLUMN email SET DEFAULT '';\nEND $$;",
      errors: [error(2, 21, 54, "ACCESS EXCLUSIVE")],
    },
  ],
});

// PostgreSQL's lock_timeout and lock modes; MySQL and SQLite files are not judged by them.
sqlRuleTester().run("require-lock-timeout (other dialects)", rule, {
  valid: [
    { code: "ALTER TABLE users ADD COLUMN age INT;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL;", languageOptions: { dialect: "mariadb" } },
    { code: "DROP TABLE sessions;", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [],
});
