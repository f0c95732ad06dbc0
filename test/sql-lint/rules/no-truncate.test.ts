import rule from "../../../sql-lint/rules/no-truncate.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (table: string, line: number, column: number, endColumn: number, messageId = "truncate") => ({
  messageId,
  data: { table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-truncate", rule, {
  valid: [
    "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
    // A table created (and filled) by this very migration has no running code depending on it.
    "CREATE TABLE import_staging (id int);\nINSERT INTO import_staging VALUES (1);\nTRUNCATE import_staging;",
    'CREATE TABLE "Staging" (id int);\nTRUNCATE TABLE public."Staging" CASCADE;',
    "DO $$\nBEGIN\n  CREATE TEMP TABLE scratch (id int);\n  TRUNCATE scratch;\nEND\n$$;",
    "-- TRUNCATE users;\nSELECT 1;",
    // A function body runs when the function is called, not when the migration does.
    "CREATE FUNCTION reset_cache() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  TRUNCATE page_cache;\nEND\n$$;",
    "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nTRUNCATE users;",
  ],
  invalid: [
    { code: "TRUNCATE sessions;", errors: [error("sessions", 1, 10, 18)] },
    {
      code: 'TRUNCATE TABLE ONLY public.sessions, "AuditLog" RESTART IDENTITY;',
      errors: [error("sessions", 1, 16, 36), error("AuditLog", 1, 38, 48)],
    },
    // CASCADE empties the tables that reference it too.
    { code: "TRUNCATE users CASCADE;", errors: [error("users", 1, 10, 15, "truncateCascade")] },
    // Another table created earlier is no excuse.
    { code: "CREATE TABLE users_archive (id int);\nTRUNCATE users;", errors: [error("users", 2, 10, 15)] },
    {
      code: "DO $$\nBEGIN\n  TRUNCATE job_queue;\nEND\n$$;",
      errors: [error("job_queue", 3, 12, 21)],
    },
    { code: "TRUNCATE TABLE `sessions`;", languageOptions: { dialect: "mysql" }, errors: [error("sessions", 1, 16, 26)] },
  ],
});
