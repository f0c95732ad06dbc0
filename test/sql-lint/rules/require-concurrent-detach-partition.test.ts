import rule from "../../../sql-lint/rules/require-concurrent-detach-partition.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});
const addConcurrently = (output: string) => [{ messageId: "addConcurrently", output }];

sqlRuleTester().run("require-concurrent-detach-partition", rule, {
  valid: [
    "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;",
    "ALTER TABLE measurements DETACH PARTITION measurements_2023 FINALIZE;",
    "ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
    // A partitioned table created earlier in the same migration has no traffic yet.
    "CREATE TABLE measurements (day date) PARTITION BY RANGE (day);\nCREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');\nALTER TABLE measurements DETACH PARTITION measurements_2023;",
    "-- ALTER TABLE measurements DETACH PARTITION measurements_2023;\nSELECT 1;",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nALTER TABLE measurements DETACH PARTITION measurements_2023;",
  ],
  invalid: [
    {
      code: "ALTER TABLE measurements DETACH PARTITION measurements_2023;",
      errors: [
        {
          ...at("detach", 1, 26, 42, { table: "measurements", pgVersion: "15" }),
          suggestions: addConcurrently("ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;"),
        },
      ],
    },
    // Quoted and schema-qualified names; the suggestion goes right after the partition's name.
    {
      code: 'ALTER TABLE IF EXISTS ONLY "public"."Measurement"\n  DETACH PARTITION "public"."Measurement_2023" -- last year\n;',
      errors: [
        {
          ...at("detach", 2, 3, 19, { table: "Measurement", pgVersion: "15" }),
          suggestions: addConcurrently('ALTER TABLE IF EXISTS ONLY "public"."Measurement"\n  DETACH PARTITION "public"."Measurement_2023" CONCURRENTLY -- last year\n;'),
        },
      ],
    },
    // Not inside a transaction block, where CONCURRENTLY is rejected.
    {
      code: "BEGIN;\nALTER TABLE measurements DETACH PARTITION measurements_2023;\nCOMMIT;",
      errors: [{ ...at("detach", 2, 26, 42), suggestions: [] }],
    },
    // PostgreSQL 13 has no concurrent form.
    {
      code: "ALTER TABLE measurements DETACH PARTITION measurements_2023;",
      languageOptions: { pgVersion: 13 },
      errors: [at("detachBeforePg14", 1, 26, 42, { table: "measurements", pgVersion: "13" })],
    },
  ],
});
