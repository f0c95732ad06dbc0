import rule from "../../../sql-lint/rules/no-delete-all-rows.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (table: string, line: number, column: number, endColumn: number, messageId = "deleteAll") => ({
  messageId,
  data: { table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-delete-all-rows", rule, {
  valid: [
    "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
    "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < now() LIMIT 10000);",
    // A condition that only looks constant.
    "DELETE FROM flags WHERE enabled = true;",
    "DELETE FROM flags WHERE 1 = 2 OR name = 'legacy';",
    // A table created (and filled) by this very migration has no running code depending on it.
    "CREATE TABLE import_staging (id int);\nINSERT INTO import_staging SELECT id FROM imports;\nDELETE FROM import_staging;",
    'CREATE TEMP TABLE "Scratch" (id int);\nDELETE FROM public."Scratch";',
    "CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n;\nCREATE TABLE totals_copy AS SELECT * FROM totals;\nDELETE FROM totals_copy;",
    // Emptied to be filled again: a seeded lookup table, a derived table recomputed from its sources.
    "DELETE FROM plan_limits;\nINSERT INTO plan_limits (plan, seats) VALUES ('free', 1), ('team', 10);",
    'DELETE FROM "DailyTotals";\nINSERT INTO public."DailyTotals" AS t SELECT day, count(*) FROM events GROUP BY day;',
    // Emptied before being dropped: no-drop-table reports the drop.
    "DELETE FROM legacy_audit;\nDROP TABLE legacy_audit;",
    // MySQL's multi-table form deletes the joined rows only; one batch of a batched delete.
    { code: "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id;", languageOptions: { dialect: "mysql" } },
    { code: "DELETE FROM sessions LIMIT 1000;", languageOptions: { dialect: "mysql" } },
    "DELETE FROM jobs WHERE CURRENT OF job_cursor;",
    "-- DELETE FROM users;\nSELECT 1;",
    // A function body runs when the function is called, not when the migration does.
    "CREATE FUNCTION reset_cache() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  DELETE FROM page_cache;\nEND\n$$;",
    "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDELETE FROM users;",
    // A table only PostgreSQL's parser reads the creation of (WITHOUT OVERLAPS is PostgreSQL 18).
    "CREATE TABLE bookings (id int, during tstzrange, PRIMARY KEY (id, during WITHOUT OVERLAPS));\nDELETE FROM bookings;",
  ],
  invalid: [
    { code: "DELETE FROM sessions;", errors: [error("sessions", 1, 13, 21)] },
    // Quoted names keep their case; the schema and an alias are looked through.
    { code: 'DELETE FROM ONLY public."AuditLog" AS a;', errors: [error("AuditLog", 1, 13, 40)] },
    { code: "WITH gone AS (SELECT 1) DELETE FROM users RETURNING id;", errors: [error("users", 1, 37, 42)] },
    // Always-true conditions.
    { code: "DELETE FROM users WHERE 1 = 1;", errors: [error("users", 1, 13, 18, "deleteAllTautology")] },
    { code: "DELETE FROM users WHERE (TRUE) OR id > 5;", errors: [error("users", 1, 13, 18, "deleteAllTautology")] },
    // USING without a condition pairs every row with the other table's.
    { code: "DELETE FROM users USING banned;", errors: [error("users", 1, 13, 18)] },
    // Another table created earlier is no excuse.
    { code: "CREATE TABLE users_archive (id int);\nDELETE FROM users;", errors: [error("users", 2, 13, 18)] },
    // Created only after the delete.
    { code: "DELETE FROM settings;\nCREATE TABLE settings_v2 (id int);\nCREATE TABLE IF NOT EXISTS settings (id int);", errors: [error("settings", 1, 13, 21)] },
    // Rows inserted before the delete are deleted with the rest.
    { code: "INSERT INTO plan_limits VALUES ('free', 1);\nDELETE FROM plan_limits;", errors: [error("plan_limits", 2, 13, 24)] },
    { code: "DO $$\nBEGIN\n  DELETE FROM job_queue;\nEND\n$$;", errors: [error("job_queue", 3, 15, 24)] },
    { code: "DELETE FROM `sessions`;", languageOptions: { dialect: "mysql" }, errors: [error("sessions", 1, 13, 23)] },
    { code: "DELETE FROM sessions WHERE 1;", languageOptions: { dialect: "sqlite" }, errors: [error("sessions", 1, 13, 21, "deleteAllTautology")] },
  ],
});
