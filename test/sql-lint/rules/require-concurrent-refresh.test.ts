import rule from "../../../sql-lint/rules/require-concurrent-refresh.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (messageId: string, view: string, line: number, column: number, endColumn: number) => ({
  messageId,
  data: { view },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("require-concurrent-refresh", rule, {
  valid: [
    "REFRESH MATERIALIZED VIEW CONCURRENTLY post_stats;",
    "BEGIN;\nREFRESH MATERIALIZED VIEW CONCURRENTLY public.\"PostStats\" WITH DATA;\nCOMMIT;",
    // Created in this migration: empty or unqueried until the release that reads it.
    "CREATE MATERIALIZED VIEW post_stats AS SELECT count(*) AS n FROM post WITH NO DATA;\nREFRESH MATERIALIZED VIEW post_stats;",
    'DROP MATERIALIZED VIEW "PostStats";\nCREATE MATERIALIZED VIEW "PostStats" AS SELECT 1 AS n;\nREFRESH MATERIALIZED VIEW public."PostStats";',
    // A function body runs when the function is called, not when the migration does.
    "CREATE FUNCTION refresh_stats() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  REFRESH MATERIALIZED VIEW post_stats;\nEND\n$$;",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nREFRESH MATERIALIZED VIEW post_stats;",
  ],
  invalid: [
    {
      code: "REFRESH MATERIALIZED VIEW post_stats;",
      errors: [
        {
          ...error("refresh", "post_stats", 1, 27, 37),
          suggestions: [{ messageId: "addConcurrently", output: "REFRESH MATERIALIZED VIEW CONCURRENTLY post_stats;" }],
        },
      ],
    },
    {
      code: 'REFRESH MATERIALIZED VIEW public."PostStats" WITH DATA;',
      errors: [
        {
          ...error("refresh", "PostStats", 1, 27, 45),
          suggestions: [{ messageId: "addConcurrently", output: 'REFRESH MATERIALIZED VIEW CONCURRENTLY public."PostStats" WITH DATA;' }],
        },
      ],
    },
    // Another view of another name created earlier is no excuse; a quoted name keeps its case.
    {
      code: 'CREATE MATERIALIZED VIEW poststats AS SELECT 1 AS n;\nREFRESH MATERIALIZED VIEW "PostStats";',
      errors: [{ ...error("refresh", "PostStats", 2, 27, 38), suggestions: [{ messageId: "addConcurrently", output: 'CREATE MATERIALIZED VIEW poststats AS SELECT 1 AS n;\nREFRESH MATERIALIZED VIEW CONCURRENTLY "PostStats";' }] }],
    },
    { code: "REFRESH MATERIALIZED VIEW post_stats WITH NO DATA;", errors: [error("refreshWithNoData", "post_stats", 1, 27, 37)] },
    {
      code: "DO $$\nBEGIN\n  REFRESH MATERIALIZED VIEW post_stats;\nEND\n$$;",
      errors: [
        {
          ...error("refresh", "post_stats", 3, 29, 39),
          suggestions: [{ messageId: "addConcurrently", output: "DO $$\nBEGIN\n  REFRESH MATERIALIZED VIEW CONCURRENTLY post_stats;\nEND\n$$;" }],
        },
      ],
    },
  ],
});
