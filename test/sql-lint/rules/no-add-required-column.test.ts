import rule from "../../../sql-lint/rules/no-add-required-column.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (column: string, table: string, line: number, column_: number, endColumn: number, messageId = "requiredColumn") => ({
  messageId,
  data: { column, table },
  line,
  column: column_,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-add-required-column", rule, {
  valid: [
    // A default added with the column and kept, or dropped together with NOT NULL, or given back later.
    'ALTER TABLE "Envelope" ADD COLUMN "signatureLevel" TEXT NOT NULL DEFAULT \'simple\';',
    'ALTER TABLE "Organization" ADD COLUMN "billing" JSONB NOT NULL DEFAULT \'{}\';\nALTER TABLE "Organization" ALTER COLUMN "billing" DROP DEFAULT, ALTER COLUMN "billing" DROP NOT NULL;',
    "ALTER TABLE tenants ADD status INT NOT NULL DEFAULT 1;\nALTER TABLE tenants ALTER COLUMN status DROP DEFAULT;\nALTER TABLE tenants ALTER COLUMN status SET DEFAULT 0;",
    // A table this migration creates has no old writers.
    'CREATE TABLE "Claim" (id TEXT);\nALTER TABLE "Claim" ADD COLUMN "limits" JSONB NOT NULL DEFAULT \'{}\';\nALTER TABLE "Claim" ALTER COLUMN "limits" DROP DEFAULT;',
    // A trigger named for the column fills it before each insert.
    "ALTER TABLE hooks ADD COLUMN tenant_id varchar(21) NOT NULL DEFAULT 'default';\nALTER TABLE hooks ALTER COLUMN tenant_id DROP DEFAULT;\nCREATE TRIGGER set_tenant_id BEFORE INSERT ON hooks FOR EACH ROW EXECUTE PROCEDURE set_tenant_id();",
    // A default dropped from a column this migration did not add is another question.
    'ALTER TABLE "Organization" ALTER COLUMN "billing" DROP DEFAULT;',
    // Added nullable and made NOT NULL in the same migration, with a default by then; or the table is new.
    "ALTER TABLE users ADD COLUMN code text DEFAULT 'x';\nALTER TABLE users ALTER COLUMN code SET NOT NULL;",
    "ALTER TABLE users ADD COLUMN code text;\nALTER TABLE users ALTER COLUMN code SET DEFAULT 'x';\nALTER TABLE users ALTER COLUMN code SET NOT NULL;",
    "CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN code text;\nALTER TABLE users ALTER COLUMN code SET NOT NULL;",
    // A table its triggers fill, and the migration redefines the trigger function to set the column.
    "ALTER TABLE post_aggregates ADD COLUMN community_id int;\nCREATE OR REPLACE FUNCTION post_aggregates_post() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO post_aggregates (post_id, community_id) VALUES (NEW.id, NEW.community_id);\n  RETURN NULL;\nEND $$;\nUPDATE post_aggregates pa SET community_id = p.community_id FROM post p WHERE p.id = pa.post_id;\nALTER TABLE post_aggregates ALTER COLUMN community_id SET NOT NULL;",
    "ALTER TABLE users ADD COLUMN nickname text;",
    "ALTER TABLE users ADD COLUMN nickname text NULL;",
    // Any default fills the existing rows and the old code's INSERTs (volatile ones are another rule's concern).
    "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;",
    'ALTER TABLE "User" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;',
    "ALTER TABLE users ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();",
    "ALTER TABLE users ADD COLUMN status text DEFAULT 'new' NOT NULL;",
    // Identity, serial and generated columns fill themselves.
    "ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL;",
    "ALTER TABLE events ADD COLUMN seq bigserial NOT NULL;",
    "ALTER TABLE events ADD COLUMN id serial PRIMARY KEY;",
    "ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED NOT NULL;",
    { code: "ALTER TABLE events ADD COLUMN id int NOT NULL AUTO_INCREMENT PRIMARY KEY;", languageOptions: { dialect: "mysql" } },
    // A table created by this very migration has no rows and no running code writing to it.
    "CREATE TABLE accounts (id bigint);\nALTER TABLE accounts ADD COLUMN owner_id bigint NOT NULL;",
    'CREATE TABLE "Account" (id bigint);\nALTER TABLE public."Account" ADD COLUMN "ownerId" bigint NOT NULL;',
    // NOT NULL on an existing column is another rule's concern.
    "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
    "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;",
    "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nALTER TABLE users ADD COLUMN legacy int NOT NULL;",
    // Required, then given a default before the transaction commits: no insert can come in between.
    {
      code: "ALTER TABLE tenants ADD prevent_indexing boolean NULL;\nUPDATE tenants SET prevent_indexing = false;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET NOT NULL;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET DEFAULT true;",
      filename: "migrations/202507091200_add_prevent_indexing.up.sql",
    },
  ],
  invalid: [
    // Prisma's way of adding a required column to existing rows: a default for them, dropped at once.
    {
      code: 'ALTER TABLE "Envelope" ADD COLUMN "signatureLevel" TEXT NOT NULL DEFAULT \'simple\';\nALTER TABLE "Envelope" ALTER COLUMN "signatureLevel" DROP DEFAULT;',
      errors: [error("signatureLevel", "Envelope", 2, 54, 66, "defaultDropped")],
    },
    // A trigger on another table, or one that fills another column, does not set this one.
    {
      code: "ALTER TABLE hooks ADD COLUMN tenant_id varchar(21) NOT NULL DEFAULT 'default';\nALTER TABLE hooks ALTER COLUMN tenant_id DROP DEFAULT;\nCREATE TRIGGER set_updated_at BEFORE INSERT ON hooks FOR EACH ROW EXECUTE PROCEDURE set_updated_at();\nCREATE TRIGGER set_tenant_id BEFORE INSERT ON users FOR EACH ROW EXECUTE PROCEDURE set_tenant_id();",
      errors: [error("tenant_id", "hooks", 2, 42, 54, "defaultDropped")],
    },
    {
      code: "BEGIN;\nALTER TABLE signin_requests ADD expires_on TIMESTAMPTZ NOT NULL DEFAULT now();\nUPDATE signin_requests SET expires_on = created_on + INTERVAL '1 day';\nALTER TABLE signin_requests ALTER COLUMN expires_on SET DEFAULT NULL;\nCOMMIT;",
      errors: [error("expires_on", "signin_requests", 4, 53, 69, "defaultDropped")],
    },
    // The same, with a commit in between, or a default of NULL.
    {
      code: "BEGIN;\nALTER TABLE tenants ADD prevent_indexing boolean NULL;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET NOT NULL;\nCOMMIT;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET DEFAULT true;",
      errors: [{ messageId: "requiredLater" }],
    },
    {
      code: "BEGIN;\nALTER TABLE tenants ADD prevent_indexing boolean NULL;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET NOT NULL;\nALTER TABLE tenants ALTER COLUMN prevent_indexing SET DEFAULT NULL;\nCOMMIT;",
      errors: [{ messageId: "requiredLater" }],
    },
    {
      // Added nullable, backfilled, then required: the old code's inserts fail all the same.
      code: "ALTER TABLE users ADD COLUMN code text;\nUPDATE users SET code = 'x';\nALTER TABLE users ALTER COLUMN code SET NOT NULL;",
      errors: [{ messageId: "requiredLater", data: { column: "code", table: "users" }, line: 3, column: 37, endLine: 3, endColumn: 49 }],
    },
    {
      code: "ALTER TABLE users ADD COLUMN code text DEFAULT 'x';\nALTER TABLE users ALTER COLUMN code DROP DEFAULT, ALTER COLUMN code SET NOT NULL;",
      errors: [{ messageId: "requiredLater" }],
    },
    {
      // The function inserts into the table but does not set the column.
      code: "ALTER TABLE post_aggregates ADD COLUMN creator_id int;\nCREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO post_aggregates (post_id) VALUES (NEW.id);\n  RETURN NULL;\nEND $$;\nALTER TABLE post_aggregates ALTER COLUMN creator_id SET NOT NULL;",
      errors: [{ messageId: "requiredLater" }],
    },
    { code: "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;", errors: [error("tenant_id", "users", 1, 47, 55)] },
    // DEFAULT NULL is no default.
    { code: "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL DEFAULT NULL;", errors: [error("tenant_id", "users", 1, 47, 55)] },
    // A named NOT NULL constraint, and PRIMARY KEY, which implies NOT NULL.
    { code: "ALTER TABLE users ADD COLUMN tenant_id bigint CONSTRAINT tenant_required NOT NULL;", errors: [error("tenant_id", "users", 1, 74, 82)] },
    { code: "ALTER TABLE users ADD COLUMN uid uuid PRIMARY KEY;", errors: [error("uid", "users", 1, 39, 50)] },
    // Prisma's form, quoted names keeping their case; one finding per column.
    {
      code: 'ALTER TABLE "Invoice" ADD COLUMN "shopId" INTEGER NOT NULL,\nADD COLUMN "title" TEXT NOT NULL DEFAULT \'\',\nADD COLUMN "ownerId" TEXT NOT NULL;',
      errors: [error("shopId", "Invoice", 1, 51, 59), error("ownerId", "Invoice", 3, 27, 35)],
    },
    // A table created later, or another table created earlier, is no excuse.
    { code: "CREATE TABLE teams (id int);\nALTER TABLE users ADD COLUMN team_id int NOT NULL;", errors: [error("team_id", "users", 2, 42, 50)] },
    {
      code: "DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;\nEXCEPTION WHEN duplicate_column THEN NULL;\nEND\n$$;",
      errors: [error("tenant_id", "users", 3, 49, 57)],
    },
    {
      code: "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;",
      languageOptions: { dialect: "mysql" },
      errors: [error("tenant_id", "users", 1, 47, 55, "requiredColumnMysql")],
    },
    {
      code: "ALTER TABLE users ADD COLUMN tenant_id INTEGER NOT NULL;",
      languageOptions: { dialect: "sqlite" },
      errors: [error("tenant_id", "users", 1, 48, 56)],
    },
  ],
});

// MySQL and MariaDB statements sql-parser-cst rejects reach the rule through node-sql-parser.
sqlRuleTester().run("no-add-required-column (node-sql-parser)", rule, {
  valid: [
    { code: "ALTER TABLE users ADD COLUMN age INT UNSIGNED NOT NULL DEFAULT 0 AFTER name;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users ADD COLUMN created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, ALGORITHM=INSTANT;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users ADD COLUMN nickname VARCHAR(50) NULL, ALGORITHM=INSTANT;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users ADD COLUMN plan VARCHAR(20) NULL;\nALTER TABLE users MODIFY plan VARCHAR(20) NOT NULL DEFAULT 'free';", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users ADD COLUMN seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE FIRST;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users ADD COLUMN name_lower VARCHAR(100) AS (LOWER(name)) STORED NOT NULL;", languageOptions: { dialect: "mysql" } },
    {
      code: "CREATE TABLE accounts (id INT, KEY k (id)) ENGINE=InnoDB;\nALTER TABLE accounts ADD COLUMN plan VARCHAR(20) NOT NULL AFTER id;",
      languageOptions: { dialect: "mysql" },
    },
  ],
  invalid: [
    {
      code: "ALTER TABLE users ADD COLUMN plan VARCHAR(20) NOT NULL AFTER email;",
      languageOptions: { dialect: "mysql" },
      errors: [error("plan", "users", 1, 47, 55, "requiredColumnMysql")],
    },
    {
      code: "ALTER TABLE `Users` ADD `Plan` VARCHAR(20) NOT NULL DEFAULT NULL, ALGORITHM=INSTANT;",
      languageOptions: { dialect: "mariadb" },
      errors: [error("Plan", "Users", 1, 44, 52, "requiredColumnMysql")],
    },
    {
      // Added nullable, then MODIFY restates it NOT NULL without a DEFAULT.
      code: "ALTER TABLE `website_event` ADD COLUMN `visit_id` VARCHAR(36) NULL;\nUPDATE `website_event` SET visit_id = UUID();\nALTER TABLE `website_event` MODIFY `Visit_Id` VARCHAR(36) NOT NULL;",
      languageOptions: { dialect: "mysql" },
      errors: [error("Visit_Id", "website_event", 3, 59, 67, "requiredLaterMysql")],
    },
  ],
});
