import rule from "../../../sql-lint/rules/no-drop-view.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (view: string, line: number, column: number, endColumn: number, kind = "view") => ({
  messageId: "dropView",
  data: { kind, view },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-drop-view", rule, {
  valid: [
    // Dropped and created again to change the definition, in the file's one transaction.
    "DROP VIEW post_view;\nCREATE VIEW post_view AS SELECT id, title FROM post;",
    "BEGIN;\nDROP VIEW IF EXISTS public.post_view CASCADE;\nCREATE OR REPLACE VIEW post_view AS SELECT id FROM post;\nCOMMIT;",
    'DROP MATERIALIZED VIEW "PostStats";\nCREATE MATERIALIZED VIEW public."PostStats" AS SELECT count(*) AS n FROM post;',
    // Built under another name, then renamed into place.
    "CREATE VIEW post_view_new AS SELECT id FROM post;\nDROP VIEW post_view;\nALTER VIEW post_view_new RENAME TO post_view;",
    // Replaced by a table of the same name.
    "DROP VIEW site_stats;\nCREATE TABLE site_stats (users bigint);",
    // Created by this migration: nothing running queries it yet.
    "CREATE VIEW tmp_report AS SELECT 1 AS n;\nDROP VIEW tmp_report;",
    "CREATE MATERIALIZED VIEW tmp_totals AS SELECT 1 AS n WITH NO DATA;\nDROP MATERIALIZED VIEW tmp_totals;",
    { code: "DROP TEMPORARY VIEW scratch;", languageOptions: { dialect: "sqlite" } },
    "-- DROP VIEW post_view;\nSELECT 1;",
    "-- migrate:up\nCREATE VIEW v AS SELECT 1;\n-- migrate:down\nDROP VIEW v;",
  ],
  invalid: [
    { code: "DROP VIEW post_view;", errors: [error("post_view", 1, 11, 20)] },
    {
      code: 'DROP MATERIALIZED VIEW IF EXISTS public."PostStats", user_stats CASCADE;',
      errors: [error("PostStats", 1, 34, 52, "materialized view"), error("user_stats", 1, 54, 64, "materialized view")],
    },
    // Created again under another name only, or with a different case.
    { code: "DROP VIEW post_view;\nCREATE VIEW post_view_v2 AS SELECT 1;", errors: [error("post_view", 1, 11, 20)] },
    { code: 'DROP VIEW "Report";\nCREATE VIEW report AS SELECT 1;', errors: [error("Report", 1, 11, 19)] },
    // Created again in a later transaction: the running code sees it missing in between.
    {
      code: "BEGIN;\nDROP VIEW post_view;\nCOMMIT;\nBEGIN;\nCREATE VIEW post_view AS SELECT 1;\nCOMMIT;",
      errors: [error("post_view", 2, 11, 20)],
    },
    { code: "DROP VIEW `report`;", languageOptions: { dialect: "mysql" }, errors: [error("report", 1, 11, 19)] },
  ],
});
