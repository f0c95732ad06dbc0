import rule from "../../../sql-lint/rules/require-unique-using-index.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("require-unique-using-index", rule, {
  valid: [
    // The safe form: an index built concurrently, then attached as the constraint.
    "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);",
    "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_key;",
    "ALTER TABLE users ADD PRIMARY KEY USING INDEX users_id_key, ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;",
    // A table created earlier in the same migration is empty.
    "CREATE TABLE accounts (id bigint, email text);\nALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id), ADD UNIQUE (email);",
    'CREATE TABLE "public"."Account" ("id" TEXT NOT NULL);\nALTER TABLE "Account" ADD COLUMN "code" TEXT UNIQUE;',
    // Without a default, the new key column only goes in on an empty table (no-add-required-column reports that), so the key
    // builds over no rows.
    'ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_pkey",\nDROP COLUMN "id",\nADD COLUMN "id" TEXT NOT NULL,\nADD CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id");',
    // A key column without a default is NULL in every existing row, so the ALTER fails unless the table is empty.
    "ALTER TABLE users ADD COLUMN uid uuid PRIMARY KEY;",
    // Other constraints are other rules' business.
    "ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;",
    "ALTER TABLE users DROP CONSTRAINT users_email_key;",
    "-- migrate:up\nSELECT 1;\n-- migrate:down\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
    { code: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", languageOptions: { dialect: "mysql" } },
  ],
  invalid: [
    {
      code: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
      errors: [at("tableConstraint", 1, 19, 64, { table: "users", kind: "UNIQUE" })],
    },
    // Prisma rebuilds a primary key this way when the id column changes; with a default, the table keeps its rows.
    {
      code: 'ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_pkey",\nDROP COLUMN "id",\nADD COLUMN "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,\nADD CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id");',
      errors: [at("tableConstraint", 4, 1, 49, { table: "Webhook", kind: "PRIMARY KEY" })],
    },
    {
      code: "ALTER TABLE ONLY public.users ADD PRIMARY KEY (id), ADD UNIQUE NULLS NOT DISTINCT (email);",
      errors: [
        at("tableConstraint", 1, 31, 51, { table: "users", kind: "PRIMARY KEY" }),
        at("tableConstraint", 1, 53, 90, { table: "users", kind: "UNIQUE" }),
      ],
    },
    // On a new column of an existing table the index is built under the ADD COLUMN's lock.
    {
      code: "ALTER TABLE users ADD COLUMN code text CONSTRAINT users_code_key UNIQUE, ADD COLUMN handle text UNIQUE;",
      errors: [
        at("columnConstraint", 1, 40, 72, { table: "users", kind: "UNIQUE" }),
        at("columnConstraint", 1, 97, 103, { table: "users", kind: "UNIQUE" }),
      ],
    },
    { code: "ALTER TABLE users ADD COLUMN uid uuid DEFAULT gen_random_uuid() PRIMARY KEY;", errors: [at("columnConstraint", 1, 65, 76, { table: "users", kind: "PRIMARY KEY" })] },
    // Inside a DO block too, and a table created after does not count.
    {
      code: "DO $$ BEGIN\n  ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nEND $$;\nCREATE TABLE users_archive (id int);",
      errors: [at("tableConstraint", 2, 21, 66)],
    },
  ],
});
