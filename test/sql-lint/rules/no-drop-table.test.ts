import rule from "../../../sql-lint/rules/no-drop-table.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (table: string, line: number, column: number, endColumn: number) => ({
  messageId: "dropTable",
  data: { table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-drop-table", rule, {
  valid: [
    "CREATE TABLE users (id bigint PRIMARY KEY);",
    // Other objects: views hold no data, indexes and columns have their own rules.
    "DROP VIEW active_users;",
    "DROP MATERIALIZED VIEW daily_totals;",
    "DROP INDEX users_email_idx;",
    "ALTER TABLE users DROP COLUMN legacy_flag;",
    // A table created by this very migration has no rows and no running code depending on it.
    "CREATE TABLE import_staging (id int);\nDROP TABLE import_staging;",
    'CREATE TABLE public."ImportStaging" (id int);\nDROP TABLE IF EXISTS "ImportStaging";',
    "DO $$\nBEGIN\n  CREATE TABLE scratch (id int);\n  DROP TABLE scratch;\nEND\n$$;",
    // A derived table dropped and computed again from its sources in the same transaction.
    "BEGIN;\nDROP TABLE post_aggregates_fast;\nCREATE TABLE post_aggregates_fast AS SELECT * FROM post_aggregates_view;\nCOMMIT;",
    "BEGIN;\nDROP TABLE post_stats;\nCREATE TABLE post_stats (post_id int, score int);\nINSERT INTO post_stats (post_id, score) SELECT id, score FROM post;\nCOMMIT;",
    // A table swap: the running code keeps finding a "User" table with the copied rows.
    'CREATE TABLE "new_User" (id int, email text);\nINSERT INTO "new_User" (id, email) SELECT id, email FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";',
    {
      code: 'CREATE TABLE "new_User" (id INTEGER NOT NULL PRIMARY KEY);\nINSERT INTO "new_User" (id) SELECT id FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";',
      languageOptions: { dialect: "sqlite" },
    },
    // MySQL's temporary tables belong to the session; foreign tables keep their rows where they live.
    { code: "DROP TEMPORARY TABLE IF EXISTS tmp_totals;", languageOptions: { dialect: "mysql" } },
    "DROP FOREIGN TABLE remote_invoices;",
    // Text that mentions DROP TABLE is not a statement that does it.
    "-- DROP TABLE users;\nSELECT 1;",
    // A function body runs when the function is called, not when the migration does.
    "CREATE OR REPLACE FUNCTION drop_partition(name text) RETURNS void LANGUAGE plpgsql AS $fn$\nBEGIN\n  EXECUTE format('DROP TABLE %I', name);\n  DROP TABLE IF EXISTS events_old;\nEND\n$fn$;",
    "COMMENT ON TABLE users IS 'DROP TABLE users; once billing moved';",
    // The down section of a dbmate migration undoes the up section on purpose.
    "-- migrate:up\nALTER TABLE users ADD COLUMN nickname text;\n\n-- migrate:down\nDROP TABLE users;",
  ],
  invalid: [
    // Created again empty, or outside a transaction (the running code finds no table in between).
    {
      code: "BEGIN;\nDROP TABLE post_stats;\nCREATE TABLE post_stats (post_id int, score int);\nCOMMIT;",
      errors: [error("post_stats", 2, 12, 22)],
    },
    {
      code: "DROP TABLE post_stats;\nCREATE TABLE post_stats AS SELECT id AS post_id FROM post;",
      errors: [error("post_stats", 1, 12, 22)],
    },
    { code: "DROP TABLE users;", errors: [error("users", 1, 12, 17)] },
    // Each table in the list, quoted names keeping their case, schema qualifiers ignored.
    {
      code: 'DROP TABLE IF EXISTS public.users, "Orders" CASCADE;',
      errors: [error("users", 1, 22, 34), error("Orders", 1, 36, 44)],
    },
    // Recreating the table afterwards leaves the running code an empty table.
    { code: "DROP TABLE users;\nCREATE TABLE users (id bigint);", errors: [error("users", 1, 12, 17)] },
    // A rename to some other name is no replacement.
    { code: "DROP TABLE users;\nALTER TABLE users_v2 RENAME TO accounts;", errors: [error("users", 1, 12, 17)] },
    // Another table created earlier is no excuse.
    { code: "CREATE TABLE users_archive (id bigint);\nDROP TABLE users;", errors: [error("users", 2, 12, 17)] },
    // Statements inside DO blocks run too.
    {
      code: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'legacy_events') THEN\n    DROP TABLE legacy_events;\n  END IF;\nEND\n$$;",
      errors: [error("legacy_events", 4, 16, 29)],
    },
    { code: "DROP TABLE `Sessions`;", languageOptions: { dialect: "mysql" }, errors: [error("Sessions", 1, 12, 22)] },
    { code: "DROP TABLE IF EXISTS main.sessions;", languageOptions: { dialect: "sqlite" }, errors: [error("sessions", 1, 22, 35)] },
  ],
});

// SQLite's rebuild with the old table renamed away first is judged as a whole by no-unsafe-table-rebuild.
sqlRuleTester().run("no-drop-table (SQLite table rebuild)", rule, {
  valid: [
    {
      code: "ALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users SELECT id FROM users_old;\nDROP TABLE users_old;",
      languageOptions: { dialect: "sqlite" },
    },
  ],
  invalid: [
    {
      // In PostgreSQL the same steps are separate changes.
      code: "ALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users SELECT id FROM users_old;\nDROP TABLE users_old;",
      errors: [{ messageId: "dropTable", data: { table: "users_old" }, line: 4, column: 12, endLine: 4, endColumn: 21 }],
    },
  ],
});
