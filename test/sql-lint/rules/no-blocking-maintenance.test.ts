import rule from "../../../sql-lint/rules/no-blocking-maintenance.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-blocking-maintenance", rule, {
  valid: [
    // Plain VACUUM and ANALYZE do not block reads or writes.
    "VACUUM users;",
    "VACUUM (VERBOSE, ANALYZE) users;",
    "ANALYZE users;",
    "VACUUM (FULL false) users;",
    "VACUUM (FULL 0, ANALYZE) users;",
    "VACUUM (FULL off) users;",
    // Tables created earlier in the same migration have no traffic to block.
    "CREATE TABLE staging (id int);\nVACUUM FULL staging;\nCLUSTER staging USING staging_pkey;\nALTER TABLE staging SET LOGGED;",
    'CREATE UNLOGGED TABLE "Import" (id int);\nALTER TABLE "Import" SET LOGGED;',
    // The words in comments and strings are not statements.
    "-- VACUUM FULL users;\nCOMMENT ON TABLE users IS 'CLUSTER users nightly';",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nVACUUM FULL users;",
    { code: "ALTER TABLE users SET UNLOGGED;", languageOptions: { dialect: "mysql" } },
  ],
  invalid: [
    { code: "VACUUM FULL users;", errors: [at("vacuumFull", 1, 8, 12, { what: '"users"' })] },
    { code: "VACUUM FULL;", errors: [at("vacuumFull", 1, 8, 12, { what: "every table of the database" })] },
    // Option list, schema-qualified names, one new table among existing ones.
    {
      code: "CREATE TABLE staging (id int);\nVACUUM (VERBOSE, FULL true) public.users, staging;",
      errors: [at("vacuumFull", 2, 18, 22, { what: '"users"' })],
    },
    { code: "CLUSTER users USING users_created_at_idx;", errors: [at("cluster", 1, 1, 8, { what: '"users"' })] },
    { code: "/* reorder */ CLUSTER VERBOSE;", errors: [at("cluster", 1, 15, 22, { what: "every table that was clustered before" })] },
    {
      code: "ALTER TABLE users SET UNLOGGED;\nALTER TABLE public.events SET LOGGED, ALTER COLUMN payload SET STORAGE EXTERNAL;",
      errors: [at("setPersistence", 1, 19, 31, { persistence: "UNLOGGED", table: "users" }), at("setPersistence", 2, 27, 37, { persistence: "LOGGED", table: "events" })],
    },
    // A statement sql-parser-cst rejects (VACUUM) does not hide the rest of the file.
    {
      code: "VACUUM users;\nALTER TABLE users SET LOGGED;",
      errors: [at("setPersistence", 2, 19, 29, { persistence: "LOGGED", table: "users" })],
    },
    {
      code: "DO $$ BEGIN ALTER TABLE users SET UNLOGGED; END $$;",
      errors: [at("setPersistence", 1, 31, 43)],
    },
  ],
});
