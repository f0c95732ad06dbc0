import fs from "node:fs";
import { afterAll } from "vitest";
import os from "node:os";
import path from "node:path";
import rule from "../../../sql-lint/rules/no-set-not-null.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

// A Flyway migration whose script configuration turns its transaction off.
const flywayFolder = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-flyway-"));
fs.writeFileSync(path.join(flywayFolder, "V4__plan.sql.conf"), "executeInTransaction=false\n");
afterAll(() => fs.rmSync(flywayFolder, { recursive: true, force: true }));

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-set-not-null", rule, {
  valid: [
    // The safe sequence in one file (each statement commits on its own).
    [
      "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
      "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;",
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      "ALTER TABLE users DROP CONSTRAINT users_email_not_null;",
    ].join("\n"),
    // A check added without NOT VALID is validated when added (require-not-valid-constraint reports that scan).
    "ALTER TABLE users ADD CHECK (email IS NOT NULL);\nALTER TABLE users ALTER email SET NOT NULL;",
    // Conjunctions and the NOTNULL spelling prove it too; quoted names keep their case.
    'ALTER TABLE "User" ADD CONSTRAINT "User_check" CHECK ("email" IS NOT NULL AND "name" NOTNULL);\nALTER TABLE "User" ALTER COLUMN "email" SET NOT NULL, ALTER COLUMN "name" SET NOT NULL;',
    "ALTER TABLE public.users ADD CONSTRAINT users_email_nn CHECK ((email IS NOT NULL)) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    // Added and validated in earlier migrations, named for the column and NOT NULL: validated here.
    "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
    // A table created earlier in the same migration has no rows to scan.
    "CREATE TABLE accounts (id bigint, email text);\nALTER TABLE accounts ALTER COLUMN email SET NOT NULL;",
    "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
    "-- +goose Up\nSELECT 1;\n-- +goose Down\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    { code: "ALTER TABLE users MODIFY email text NOT NULL;", languageOptions: { dialect: "mysql" } },
  ],
  invalid: [
    {
      code: "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [at("setNotNull", 1, 19, 50, { table: "users", column: "email", pgVersion: "15" })],
    },
    {
      code: 'ALTER TABLE "public"."User" ALTER COLUMN "email" SET NOT NULL,\nALTER COLUMN "name" SET NOT NULL;',
      errors: [at("setNotNull", 1, 29, 62, { table: "User", column: "email", pgVersion: "15" }), at("setNotNull", 2, 1, 33, { table: "User", column: "name", pgVersion: "15" })],
    },
    // A check that is not validated yet, validated after, dropped before, or on another column does not help.
    {
      code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [at("setNotNull", 2, 19, 50)],
    },
    {
      code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;",
      errors: [at("setNotNull", 2, 19, 50)],
    },
    {
      code: "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);\nALTER TABLE users DROP CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [at("setNotNull", 3, 19, 50)],
    },
    {
      code: "ALTER TABLE users ADD CHECK (name IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [at("setNotNull", 2, 19, 50)],
    },
    {
      code: "ALTER TABLE accounts ADD CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      errors: [at("setNotNull", 2, 19, 50)],
    },
    // A strict comparison passes on NULL: it proves nothing.
    { code: "ALTER TABLE users ADD CHECK (age > 0);\nALTER TABLE users ALTER COLUMN age SET NOT NULL;", errors: [at("setNotNull", 2, 19, 48)] },
    // A constraint validated here but defined elsewhere counts only when its name says what it checks.
    {
      code: "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
      errors: [at("setNotNull", 2, 20, 57)],
    },
    // PostgreSQL 11 cannot use the check to skip the scan.
    {
      code: "ALTER TABLE users ADD CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
      languageOptions: { pgVersion: 11 },
      errors: [at("setNotNullBeforePg12", 2, 19, 50, { table: "users", column: "email", pgVersion: "11" })],
    },
    // A column this transaction added and filled: ADD COLUMN's lock is held through the backfill and the scan, which a CHECK in the
    // same transaction would not shorten; the advice is to split the migration.
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;\nCOMMIT;",
      errors: [at("setNotNullOfNewColumn", 4, 19, 49, { table: "users", column: "plan", pgVersion: "15", line: "2" })],
    },
    // Added without a transaction around both, or in another transaction: the ADD COLUMN's lock is gone by the time SET NOT NULL scans.
    {
      code: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;",
      errors: [at("setNotNull", 3, 19, 49)],
    },
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nCOMMIT;\nBEGIN;\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;\nCOMMIT;",
      errors: [at("setNotNull", 6, 19, 49)],
    },
    // golang-migrate and Prisma send the file as one query string, which PostgreSQL runs as one transaction; Flyway runs
    // each PostgreSQL migration in one.
    ...["db/migrations/0042_plan.up.sql", "prisma/migrations/20240101000000_plan/migration.sql", "src/main/resources/db/migration/V4__plan.sql"].map((filename) => ({
      code: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;",
      filename,
      errors: [at("setNotNullOfNewColumn", 3, 19, 49, { table: "users", column: "plan", pgVersion: "15", line: "1" })],
    })),
    // Flyway runs a migration without a transaction when a statement cannot run in one, or its configuration says so.
    {
      code: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;\nCREATE INDEX CONCURRENTLY users_plan_idx ON users (plan);",
      filename: "src/main/resources/db/migration/V4__plan.sql",
      errors: [at("setNotNull", 3, 19, 49)],
    },
    {
      code: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;",
      filename: path.join(flywayFolder, "V4__plan.sql"),
      errors: [at("setNotNull", 3, 19, 49)],
    },
    // A COMMIT of the file's own ends the query string's transaction there.
    {
      code: "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';\nCOMMIT;\nALTER TABLE users ALTER COLUMN plan SET NOT NULL;",
      filename: "db/migrations/0042_plan.up.sql",
      errors: [at("setNotNull", 4, 19, 49)],
    },
    // Inside a DO block, and before a down section.
    {
      code: "DO $$ BEGIN ALTER TABLE users ALTER COLUMN email SET NOT NULL; END $$;",
      errors: [at("setNotNull", 1, 31, 62)],
    },
    {
      code: "-- migrate:up\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n-- migrate:down\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
      errors: [at("setNotNull", 2, 19, 50)],
    },
  ],
});
