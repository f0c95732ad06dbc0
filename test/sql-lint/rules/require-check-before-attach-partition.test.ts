import rule from "../../../sql-lint/rules/require-check-before-attach-partition.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (table: string, partition: string, line: number, column: number, endColumn: number) => ({
  messageId: "attach",
  data: { table, partition },
  line,
  column,
  endLine: line,
  endColumn,
});

const ATTACH = "ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');";

sqlRuleTester().run("require-check-before-attach-partition", rule, {
  valid: [
    // A CHECK matching the bounds, added NOT VALID and validated: PostgreSQL skips the scan.
    `ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bounds CHECK (day IS NOT NULL AND day >= '2024-01-01' AND day < '2025-01-01') NOT VALID;\nALTER TABLE events_2024 VALIDATE CONSTRAINT events_2024_bounds;\n${ATTACH}`,
    `ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bounds CHECK (day >= '2024-01-01' AND day < '2025-01-01');\n${ATTACH}`,
    // Validated here, added by an earlier migration.
    `ALTER TABLE events_2024 VALIDATE CONSTRAINT events_2024_bounds;\n${ATTACH}`,
    // A table created by this migration has no readers yet.
    `CREATE TABLE events_2024 (LIKE events INCLUDING ALL);\nINSERT INTO events_2024 SELECT * FROM events_archive WHERE day >= '2024-01-01';\n${ATTACH}`,
    'CREATE TABLE public."Events_2024" (id int, day date);\nALTER TABLE "Events" ATTACH PARTITION "Events_2024" DEFAULT;',
    "ALTER INDEX events_day_idx ATTACH PARTITION events_2024_day_idx;",
    "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;",
    { code: ATTACH, languageOptions: { dialect: "mysql" } },
    `-- migrate:up\nSELECT 1;\n-- migrate:down\n${ATTACH}`,
  ],
  invalid: [
    { code: ATTACH, errors: [error("events", "events_2024", 1, 20, 36)] },
    // Quoted, schema-qualified names keep their case; the default partition too.
    { code: 'ALTER TABLE ONLY public."Events"\n  ATTACH PARTITION public."Events_2024" DEFAULT;', errors: [error("Events", "Events_2024", 2, 3, 19)] },
    // NOT VALID and never validated: PostgreSQL cannot rely on it.
    { code: `ALTER TABLE events_2024 ADD CONSTRAINT events_2024_bounds CHECK (day >= '2024-01-01') NOT VALID;\n${ATTACH}`, errors: [error("events", "events_2024", 2, 20, 36)] },
    // Dropped before the attach; a check on another table.
    {
      code: `ALTER TABLE events_2024 ADD CONSTRAINT b CHECK (day >= '2024-01-01');\nALTER TABLE events_2024 DROP CONSTRAINT b;\nALTER TABLE events_2023 ADD CONSTRAINT c CHECK (day < '2024-01-01');\n${ATTACH}`,
      errors: [error("events", "events_2024", 4, 20, 36)],
    },
    // Inside a transaction block too: the lock lasts until COMMIT.
    { code: `BEGIN;\n${ATTACH}\nCOMMIT;`, errors: [error("events", "events_2024", 2, 20, 36)] },
  ],
});
