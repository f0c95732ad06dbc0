import rule from "../../../sql-lint/rules/no-rename.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

type MessageId = "renameColumn" | "renameTable" | "renameView" | "renameSchema" | "renameEnumValue" | "renameTypeForPrisma";

const error = (messageId: MessageId, data: Record<string, string>, line: number, column: number, endColumn: number) => ({
  messageId,
  data,
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-rename", rule, {
  valid: [
    // Prisma's enum swap: another type takes the name in the same transaction.
    {
      code: 'BEGIN;\nCREATE TYPE "DataSource_new" AS ENUM (\'MANUAL\', \'YAHOO\');\nALTER TABLE "MarketData" ALTER COLUMN "dataSource" TYPE "DataSource_new" USING ("dataSource"::text::"DataSource_new");\nALTER TYPE "DataSource" RENAME TO "DataSource_old";\nALTER TYPE "DataSource_new" RENAME TO "DataSource";\nDROP TYPE "DataSource_old";\nCOMMIT;',
      filename: "prisma/migrations/20221225084546_removed_rakuten/migration.sql",
    },
    // Renamed aside and replaced by a new column of the same name in one transaction.
    // The same swap through a copy renamed into place.
    "BEGIN;\nALTER TABLE notification ADD COLUMN config_new jsonb;\nUPDATE notification SET config_new = config::jsonb;\nALTER TABLE notification RENAME COLUMN config TO config_old;\nALTER TABLE notification RENAME COLUMN config_new TO config;\nCOMMIT;",
    "BEGIN;\nALTER TABLE notification RENAME COLUMN config TO config_old;\nALTER TABLE notification ADD COLUMN config text;\nUPDATE notification SET config = config_old;\nALTER TABLE notification DROP COLUMN config_old;\nCOMMIT;",
    // Renamed aside, replaced under its name, and dropped: a column replaced in one transaction (no-drop-column judges the drop).
    "BEGIN;\nALTER TABLE monitor RENAME COLUMN kafka_ssl TO kafka_ssl_old;\nALTER TABLE monitor ADD COLUMN kafka_ssl boolean DEFAULT false NOT NULL;\nALTER TABLE monitor DROP COLUMN kafka_ssl_old;\nCOMMIT;",
    // Index and constraint names are not used by the running code.
    "ALTER INDEX users_email_idx RENAME TO users_email_key;",
    'ALTER TABLE "User" RENAME CONSTRAINT "User_pkey" TO "Account_pkey";',
    // Renaming what this very migration created: no running code knows the old name.
    "CREATE TABLE accounts_new (id bigint);\nALTER TABLE accounts_new RENAME TO accounts_v2;",
    "CREATE TABLE accounts (id bigint, mail text);\nALTER TABLE accounts RENAME COLUMN mail TO email;",
    "ALTER TABLE users ADD COLUMN emial text;\nALTER TABLE users RENAME COLUMN emial TO email;",
    "CREATE SCHEMA reportng;\nALTER SCHEMA reportng RENAME TO reporting;",
    "CREATE TYPE mood AS ENUM ('sad', 'ok');\nALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';",
    "ALTER TYPE mood ADD VALUE 'meh';\nALTER TYPE mood RENAME VALUE 'meh' TO 'neutral';",
    "CREATE VIEW active_users AS SELECT * FROM users;\nALTER VIEW active_users RENAME TO current_users;",
    // A table swap keeps a table under the old name for the running code.
    'CREATE TABLE "new_User" (id int);\nINSERT INTO "new_User" SELECT id FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";',
    "CREATE TABLE users_rebuilt (id bigint);\nALTER TABLE users RENAME TO users_old;\nALTER TABLE users_rebuilt RENAME TO users;",
    { code: "RENAME TABLE users TO users_old, users_rebuilt TO users;", languageOptions: { dialect: "mysql" } },
    // Renaming a type or adding an enum value is not renaming a value.
    "ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';",
    "-- ALTER TABLE users RENAME TO accounts;\nSELECT 1;",
    // A type rename outside Prisma: plain SQL rarely names the type; a type created in the same migration.
    'ALTER TYPE "TeamMemberRole" RENAME TO "TeamAccessRole";',
    { code: 'CREATE TYPE "Role" AS ENUM (\'A\');\nALTER TYPE "Role" RENAME TO "TeamRole";', filename: "prisma/migrations/20250306054346_role/migration.sql" },
    // The advised rename: a view under the old name over the new table, in the same transaction.
    "BEGIN;\nALTER TABLE backlinks RENAME TO relationships;\nCREATE VIEW backlinks AS SELECT * FROM relationships;\nCOMMIT;",
    "BEGIN;\nALTER TABLE public.backlinks RENAME TO relationships;\nCREATE OR REPLACE VIEW public.backlinks AS SELECT id, source_id FROM relationships;\nCOMMIT;",
    "-- migrate:up\nALTER TABLE users ADD COLUMN nick text;\n-- migrate:down\nALTER TABLE users RENAME COLUMN nick TO nickname;",
  ],
  invalid: [
    // Renamed aside and replaced by a new, unfilled column of the same name: the running code reads other values under it.
    {
      code: "BEGIN;\nALTER TABLE identities RENAME COLUMN id TO provider_id;\nALTER TABLE identities ADD COLUMN id uuid DEFAULT gen_random_uuid() PRIMARY KEY;\nCOMMIT;",
      errors: [error("renameColumn", { from: "id", to: "provider_id", table: "identities" }, 2, 24, 55)],
    },
    {
      // Two existing columns trading names in one transaction: the running code finds "description"
      // still there, holding what used to be the sidebar, and "sidebar" gone.
      code: "BEGIN;\nALTER TABLE community RENAME description TO summary;\nALTER TABLE community RENAME COLUMN sidebar TO description;\nCOMMIT;",
      errors: [
        error("renameColumn", { from: "description", to: "summary", table: "community" }, 2, 23, 52),
        error("renameColumn", { from: "sidebar", to: "description", table: "community" }, 3, 23, 59),
      ],
    },
    {
      // Replaced only after the transaction ends: running code sees the name missing in between.
      code: "BEGIN;\nALTER TABLE users RENAME COLUMN config TO config_old;\nCOMMIT;\nALTER TABLE users ADD COLUMN config text;",
      errors: [error("renameColumn", { from: "config", to: "config_old", table: "users" }, 2, 19, 53)],
    },
    {
      code: "ALTER TABLE users RENAME COLUMN mail TO email;",
      errors: [error("renameColumn", { from: "mail", to: "email", table: "users" }, 1, 19, 46)],
    },
    // COLUMN is optional in PostgreSQL.
    {
      code: 'ALTER TABLE IF EXISTS ONLY public."User" RENAME "Mail" TO "email";',
      errors: [error("renameColumn", { from: "Mail", to: "email", table: "User" }, 1, 42, 66)],
    },
    {
      code: "ALTER TABLE users RENAME TO accounts;",
      errors: [error("renameTable", { from: "users", to: "accounts" }, 1, 19, 37)],
    },
    // Prisma's client casts enum values to the type by name.
    {
      code: 'CREATE TYPE "Kind_new" AS ENUM (\'A\');\nALTER TYPE "Kind" RENAME TO "Kind_old";\nALTER TYPE "Kind_new" RENAME TO "Kinds";',
      filename: "prisma/migrations/20250306054346_kind/migration.sql",
      errors: [error("renameTypeForPrisma", { from: "Kind", to: "Kind_old" }, 2, 19, 39)],
    },
    {
      code: 'ALTER TYPE "TeamMemberRole" RENAME TO "TeamAccessRole";',
      filename: "packages/backend/prisma/migrations/20250306054346_team_access_role_enum/migration.sql",
      errors: [error("renameTypeForPrisma", { from: "TeamMemberRole", to: "TeamAccessRole" }, 1, 29, 55)],
    },
    // The view comes in a later transaction, so the name is missing in between; a materialized
    // view is a stale copy that takes no writes; a view of another name does not help.
    {
      code: "BEGIN;\nALTER TABLE users RENAME TO accounts;\nCOMMIT;\nCREATE VIEW users AS SELECT * FROM accounts;",
      errors: [error("renameTable", { from: "users", to: "accounts" }, 2, 19, 37)],
    },
    {
      code: "BEGIN;\nALTER TABLE users RENAME TO accounts;\nCREATE MATERIALIZED VIEW users AS SELECT * FROM accounts;\nCOMMIT;",
      errors: [error("renameTable", { from: "users", to: "accounts" }, 2, 19, 37)],
    },
    {
      code: "BEGIN;\nALTER TABLE users RENAME TO accounts;\nCREATE TEMP VIEW users AS SELECT * FROM accounts;\nCOMMIT;",
      errors: [error("renameTable", { from: "users", to: "accounts" }, 2, 19, 37)],
    },
    {
      code: "BEGIN;\nALTER TABLE users RENAME TO accounts;\nCREATE VIEW user_list AS SELECT * FROM accounts;\nCOMMIT;",
      errors: [error("renameTable", { from: "users", to: "accounts" }, 2, 19, 37)],
    },
    {
      code: "ALTER SCHEMA billing RENAME TO payments;",
      errors: [error("renameSchema", { from: "billing", to: "payments" }, 1, 22, 40)],
    },
    {
      code: "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
      errors: [error("renameEnumValue", { from: "canceled", to: "cancelled", type: "order_status" }, 1, 25, 63)],
    },
    {
      code: "ALTER MATERIALIZED VIEW daily_totals RENAME TO daily_sums;",
      errors: [error("renameView", { kind: "materialized view", from: "daily_totals", to: "daily_sums" }, 1, 38, 58)],
    },
    {
      code: "ALTER VIEW active_users RENAME COLUMN mail TO email;",
      errors: [error("renameColumn", { from: "mail", to: "email", table: "active_users" }, 1, 25, 52)],
    },
    // A rename away with no table taking the name over, and the column of a table created later.
    {
      code: "ALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id bigint);",
      errors: [error("renameTable", { from: "users", to: "users_old" }, 1, 19, 38)],
    },
    // Filling a vacated name is only a swap for a table the migration built itself, or within one RENAME TABLE.
    {
      code: "ALTER TABLE users RENAME TO users_old;\nALTER TABLE accounts RENAME TO users;",
      errors: [error("renameTable", { from: "accounts", to: "users" }, 2, 22, 37)],
    },
    {
      code: "ALTER TABLE users RENAME COLUMN mail TO email;\nALTER TABLE users ADD COLUMN mail text;",
      errors: [error("renameColumn", { from: "mail", to: "email", table: "users" }, 1, 19, 46)],
    },
    {
      code: "DO $$\nBEGIN\n  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'mail') THEN\n    ALTER TABLE users RENAME COLUMN mail TO email;\n  END IF;\nEND\n$$;",
      errors: [error("renameColumn", { from: "mail", to: "email", table: "users" }, 4, 23, 50)],
    },
    {
      code: "RENAME TABLE orders TO purchases, order_items TO purchase_items;",
      languageOptions: { dialect: "mysql" },
      errors: [
        error("renameTable", { from: "orders", to: "purchases" }, 1, 14, 33),
        error("renameTable", { from: "order_items", to: "purchase_items" }, 1, 35, 64),
      ],
    },
    {
      code: "ALTER TABLE `orders` RENAME purchases;",
      languageOptions: { dialect: "mysql" },
      errors: [error("renameTable", { from: "orders", to: "purchases" }, 1, 22, 38)],
    },
    {
      code: "ALTER TABLE orders RENAME COLUMN total TO amount;",
      languageOptions: { dialect: "mysql" },
      errors: [error("renameColumn", { from: "total", to: "amount", table: "orders" }, 1, 20, 49)],
    },
    {
      code: "ALTER TABLE orders RENAME TO purchases;",
      languageOptions: { dialect: "sqlite" },
      errors: [error("renameTable", { from: "orders", to: "purchases" }, 1, 20, 39)],
    },
  ],
});

// MySQL and MariaDB statements sql-parser-cst rejects reach the rule through node-sql-parser.
sqlRuleTester().run("no-rename (node-sql-parser)", rule, {
  valid: [
    // MODIFY keeps the name; CHANGE to the same name (in any case: MySQL column names ignore case) too.
    { code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users CHANGE email email VARCHAR(320) NOT NULL;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users CHANGE `email` `Email` VARCHAR(320), LOCK=NONE;", languageOptions: { dialect: "mysql" } },
    // A column this migration added.
    { code: "ALTER TABLE users ADD COLUMN nick VARCHAR(20) AFTER name;\nALTER TABLE users CHANGE nick nickname VARCHAR(20);", languageOptions: { dialect: "mysql" } },
    // The MySQL table swap, with clauses sql-parser-cst rejects.
    {
      code: "CREATE TABLE users_new (id INT, KEY k (id)) ENGINE=InnoDB;\nALTER TABLE users RENAME TO users_old, ALGORITHM=INSTANT;\nALTER TABLE users_new RENAME TO users, ALGORITHM=INSTANT;",
      languageOptions: { dialect: "mysql" },
    },
  ],
  invalid: [
    {
      code: "ALTER TABLE users CHANGE email email_address VARCHAR(320) NOT NULL;",
      languageOptions: { dialect: "mysql" },
      errors: [error("renameColumn", { from: "email", to: "email_address", table: "users" }, 1, 19, 67)],
    },
    {
      code: "ALTER TABLE users RENAME COLUMN email TO email_address, ALGORITHM=INSTANT;",
      languageOptions: { dialect: "mariadb" },
      errors: [error("renameColumn", { from: "email", to: "email_address", table: "users" }, 1, 19, 55)],
    },
    {
      code: "ALTER TABLE users RENAME TO `Customers`, ALGORITHM=INSTANT;",
      languageOptions: { dialect: "mysql" },
      errors: [error("renameTable", { from: "users", to: "Customers" }, 1, 19, 40)],
    },
  ],
});

// SQLite's rebuild with the old table renamed away first is judged as a whole by no-unsafe-table-rebuild.
sqlRuleTester().run("no-rename (SQLite table rebuild)", rule, {
  valid: [
    {
      code: "ALTER TABLE users RENAME TO users_old;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users SELECT id FROM users_old;\nDROP TABLE users_old;",
      languageOptions: { dialect: "sqlite" },
    },
  ],
  invalid: [
    {
      // Not a rebuild: nothing takes the name over.
      code: "ALTER TABLE users RENAME TO users_old;",
      languageOptions: { dialect: "sqlite" },
      errors: [error("renameTable", { from: "users", to: "users_old" }, 1, 19, 38)],
    },
  ],
});
