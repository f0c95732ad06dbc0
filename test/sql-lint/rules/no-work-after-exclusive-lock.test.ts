import rule from "../../../sql-lint/rules/no-work-after-exclusive-lock.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

sqlRuleTester().run("no-work-after-exclusive-lock", rule, {
  valid: [
    // Not in a transaction: each statement commits on its own.
    "ALTER TABLE users ADD COLUMN a int;\nUPDATE accounts SET x = 1;",
    // The lock is released by COMMIT before more work.
    "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;\nBEGIN;\nUPDATE accounts SET x = 1;\nCOMMIT;",
    // Setting options and comments take no time.
    "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMENT ON COLUMN users.a IS 'x';\nSET lock_timeout = '1s';\nCOMMIT;",
    // Locks weaker than ACCESS EXCLUSIVE leave reads running.
    "BEGIN;\nCREATE INDEX i ON users (a);\nUPDATE accounts SET x = 1;\nCOMMIT;",
    // Catalog-only follow-ups finish at once: renames, nullable columns, constant defaults, dropped
    // columns and constraints, NOT VALID constraints, views, small inserts, LOCK TABLE.
    "BEGIN;\nALTER TABLE community ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;\nALTER TABLE post ADD COLUMN deleted boolean DEFAULT FALSE NOT NULL;\nCOMMIT;",
    "BEGIN;\nALTER TABLE site RENAME COLUMN published TO published_at;\nALTER TABLE site RENAME COLUMN updated TO updated_at;\nALTER TABLE site DROP CONSTRAINT site_name_check;\nCOMMIT;",
    "BEGIN;\nALTER TABLE users DROP COLUMN a;\nALTER TABLE users DROP COLUMN b;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nCOMMIT;",
    "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCREATE VIEW paying_users AS SELECT * FROM users WHERE plan IS NOT NULL;\nINSERT INTO plans (name) VALUES ('free');\nSELECT 1;\nCOMMIT;",
    // A rewrite of the table already locked takes that lock itself (no-column-type-change judges the rewrite).
    "BEGIN;\nALTER TABLE user_ RENAME COLUMN icon TO avatar;\nALTER TABLE user_ ALTER COLUMN avatar TYPE text;\nCOMMIT;",
    // Updates of the system catalogs (re-enabling indexes) touch a handful of rows.
    "BEGIN;\nALTER TABLE post_aggregates ENABLE TRIGGER ALL;\nUPDATE pg_index SET indisready = TRUE WHERE indrelid = 'post_aggregates'::regclass;\nCOMMIT;",
    // Type changes PostgreSQL makes in the catalog: timestamp to timestamptz under UTC, a varchar widening, text.
    "BEGIN;\nSET timezone = 'UTC';\nALTER TABLE post ALTER COLUMN published TYPE timestamptz USING published;\nALTER TABLE comment ALTER COLUMN published TYPE timestamptz;\nCOMMIT;",
    "BEGIN;\nALTER TABLE users DROP COLUMN a;\nALTER TABLE accounts ALTER COLUMN name TYPE text;\nCOMMIT;",
    // A dropped table blocks nobody who could still use it; dropping is not a lock held over later work.
    "BEGIN;\nALTER TABLE cache ADD COLUMN a int;\nDROP TABLE cache;\nCREATE TABLE cache AS SELECT id FROM post;\nCREATE INDEX cache_id ON cache (id);\nUPDATE comment SET x = 1;\nCOMMIT;",
    "BEGIN;\nDROP TABLE comment_saved;\nINSERT INTO saved SELECT * FROM post_saved;\nCOMMIT;",
    // A table created in this migration is not in use.
    "BEGIN;\nCREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN a int;\nCREATE INDEX t_a ON t (a);\nCOMMIT;",
  ],
  invalid: [
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nUPDATE accounts SET x = 1;\nSELECT 1;\nCOMMIT;",
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "2" }, line: 3, column: 1, endLine: 3, endColumn: 26 }],
    },
    {
      // A type change that rewrites (the time zone is not UTC) is slow work.
      code: "BEGIN;\nALTER TABLE users DROP COLUMN a;\nALTER TABLE post ALTER COLUMN published TYPE timestamptz;\nCOMMIT;",
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "2" } }],
    },
    {
      // The runner wraps the file in a transaction.
      code: "ALTER TABLE users DROP COLUMN a;\nALTER TABLE accounts ALTER COLUMN b SET NOT NULL;",
      languageOptions: { assumeInTransaction: true },
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "1" }, line: 2, column: 1, endLine: 2, endColumn: 49 }],
    },
    {
      // Constraints checked as they are added, copies, scans of a table.
      code: "BEGIN;\nALTER TABLE users RENAME COLUMN a TO b;\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\nCOMMIT;",
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "2" }, line: 3, column: 1, endLine: 3, endColumn: 93 }],
    },
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN score int;\nINSERT INTO user_scores (user_id) SELECT id FROM users;\nCOMMIT;",
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "2" }, line: 3, column: 1, endLine: 3, endColumn: 55 }],
    },
    {
      // goose wraps each file in a transaction unless told otherwise.
      code: "-- +goose Up\nALTER TABLE users ADD COLUMN a int;\nCREATE INDEX accounts_x ON accounts (x);",
      errors: [{ messageId: "workAfterLock", data: { table: "users", line: "2" }, line: 3, column: 1, endLine: 3, endColumn: 40 }],
    },
  ],
});

// MySQL commits each DDL statement on its own; PostgreSQL's lock modes do not apply.
sqlRuleTester().run("no-work-after-exclusive-lock (other dialects)", rule, {
  valid: [
    { code: "START TRANSACTION;\nALTER TABLE users ADD COLUMN age INT;\nUPDATE users SET age = 0;\nCOMMIT;", languageOptions: { dialect: "mysql" } },
    { code: "BEGIN;\nALTER TABLE users ADD COLUMN age INTEGER;\nUPDATE users SET age = 0;\nCOMMIT;", languageOptions: { dialect: "sqlite" } },
  ],
  invalid: [],
});
