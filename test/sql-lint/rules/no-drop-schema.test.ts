import rule from "../../../sql-lint/rules/no-drop-schema.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (messageId: "dropSchema" | "dropDatabase", name: string, line: number, column: number, endColumn: number) => ({
  messageId,
  data: { name },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-drop-schema", rule, {
  valid: [
    "CREATE SCHEMA IF NOT EXISTS reporting;",
    // A schema created by this very migration holds nothing the running code uses.
    "CREATE SCHEMA scratch;\nCREATE TABLE scratch.rows (id int);\nDROP SCHEMA scratch CASCADE;",
    'CREATE SCHEMA "Staging";\nDROP SCHEMA IF EXISTS "Staging";',
    // Other objects that live in a schema are not the schema.
    "DROP TABLE IF EXISTS reporting.daily;",
    "DROP TYPE reporting.status;",
    "-- DROP SCHEMA reporting CASCADE;\nSELECT 1;",
    "-- migrate:up\nCREATE SCHEMA audit;\n-- migrate:down\nDROP SCHEMA audit CASCADE;",
    { code: "CREATE DATABASE scratch;\nDROP DATABASE scratch;", languageOptions: { dialect: "mysql" } },
  ],
  invalid: [
    { code: "DROP SCHEMA reporting;", errors: [error("dropSchema", "reporting", 1, 13, 22)] },
    {
      code: 'DROP SCHEMA IF EXISTS reporting, "Audit" CASCADE;',
      errors: [error("dropSchema", "reporting", 1, 23, 32), error("dropSchema", "Audit", 1, 34, 41)],
    },
    // sql-parser-cst does not read PostgreSQL's DROP DATABASE; PostgreSQL's parser does.
    { code: "DROP DATABASE legacy_shop;", errors: [error("dropDatabase", "legacy_shop", 1, 1, 26)] },
    {
      code: 'SELECT 1;\nDROP DATABASE IF EXISTS "Shop" WITH (FORCE);\nSELECT 2;',
      errors: [error("dropDatabase", "Shop", 2, 1, 44)],
    },
    {
      code: "DO $$\nBEGIN\n  DROP SCHEMA IF EXISTS legacy CASCADE;\nEND\n$$;",
      errors: [error("dropSchema", "legacy", 3, 25, 31)],
    },
    // A schema created after the drop is no excuse.
    { code: "DROP SCHEMA reporting CASCADE;\nCREATE SCHEMA reporting;", errors: [error("dropSchema", "reporting", 1, 13, 22)] },
    // In MySQL a schema is a database.
    { code: "DROP DATABASE shop;", languageOptions: { dialect: "mysql" }, errors: [error("dropDatabase", "shop", 1, 15, 19)] },
    { code: "DROP SCHEMA IF EXISTS `shop`;", languageOptions: { dialect: "mysql" }, errors: [error("dropDatabase", "shop", 1, 23, 29)] },
  ],
});
