import rule from "../../../sql-lint/rules/no-column-type-change.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (column: string, table: string, change: string, line: number, column_: number, endColumn: number) => ({
  messageId: "changeType",
  data: { column, table, change },
  line,
  column: column_,
  endLine: line,
  endColumn,
});

/** The column gets its current type earlier in the same file, so the change can be judged exactly. */
const afterAdding = (type: string, change: string) => `ALTER TABLE users ADD COLUMN code ${type};\nALTER TABLE users ALTER COLUMN code TYPE ${change};`;

sqlRuleTester().run("no-column-type-change", rule, {
  valid: [
    // To text or unbounded varchar: no rewrite from any varchar or text column.
    "ALTER TABLE users ALTER COLUMN email TYPE text;",
    'ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE TEXT;',
    "ALTER TABLE users ALTER COLUMN email TYPE character varying;",
    "ALTER TABLE users ALTER COLUMN email TYPE pg_catalog.varchar;",
    // Without USING, nothing converts to uuid, boolean or bytea but the type itself: the statement
    // restates the current type (ORMs write these to change nullability), or fails before it locks.
    'ALTER TABLE "collection_users" ALTER COLUMN "collectionId" TYPE UUID;',
    "ALTER TABLE users ALTER COLUMN is_admin TYPE boolean, ALTER COLUMN avatar TYPE bytea;",
    // Widening a known type.
    afterAdding("varchar(10)", "varchar(20)"),
    afterAdding("varchar(10)", "varchar(10)"),
    afterAdding("character varying(10)", "VARCHAR"),
    afterAdding("text", "varchar"),
    afterAdding("numeric(10, 2)", "numeric(12, 2)"),
    afterAdding("decimal(10, 2)", "numeric"),
    afterAdding("numeric(10)", "numeric(12, 0)"),
    afterAdding("bit varying(8)", "varbit(16)"),
    afterAdding("cidr", "inet"),
    afterAdding("timestamp(3)", "timestamp(6)"),
    afterAdding("timestamptz(3)", "timestamp with time zone"),
    afterAdding('"Status"', 'public."Status"'),
    // A table created by this very migration has no rows and no running code depending on it.
    "CREATE TABLE invoices (id int, total int);\nALTER TABLE invoices ALTER COLUMN total TYPE bigint;",
    // Other column changes.
    "ALTER TABLE users ALTER COLUMN email SET DEFAULT '';",
    "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
    "-- migrate:up\nALTER TABLE users ADD COLUMN age int;\n-- migrate:down\nALTER TABLE users ALTER COLUMN id TYPE int;",
    // Between timestamp and timestamptz with the session in UTC, PostgreSQL 12+ keeps the rows as they are.
    "SET timezone = 'UTC';\nALTER TABLE api_tokens ALTER created_at TYPE timestamptz;\nALTER TABLE api_tokens ALTER last_used_at TYPE timestamptz;",
    "SET TIME ZONE 'Etc/UTC';\nALTER TABLE posts ALTER COLUMN published TYPE timestamp with time zone USING published;",
    `SET timezone TO 'UTC';\n${afterAdding("timestamptz", "timestamp")}`,
  ],
  invalid: [
    { code: "ALTER TABLE users ALTER COLUMN id TYPE bigint;", errors: [error("id", "users", "to bigint", 1, 19, 46)] },
    // With USING any type converts, and an array of uuid is not uuid.
    { code: "ALTER TABLE users ALTER COLUMN id TYPE uuid USING id::uuid;", errors: [error("id", "users", "to uuid", 1, 19, 59)] },
    { code: "ALTER TABLE users ALTER COLUMN ids TYPE uuid[];", errors: [error("ids", "users", "to uuid[]", 1, 19, 47)] },
    // USING recomputes every row, even towards text.
    {
      code: "ALTER TABLE users ALTER COLUMN email TYPE text USING lower(email);",
      errors: [error("email", "users", "to text", 1, 19, 66)],
    },
    // The current type is unknown: only a change to text or unbounded varchar is safe from every string type.
    {
      code: 'ALTER TABLE "User" ALTER COLUMN "email" SET DATA TYPE VARCHAR(100);',
      errors: [error("email", "User", "to VARCHAR(100)", 1, 20, 67)],
    },
    { code: afterAdding("varchar(20)", "varchar(10)"), errors: [error("code", "users", "from varchar(20) to varchar(10)", 2, 19, 53)] },
    { code: afterAdding("text", "varchar(64)"), errors: [error("code", "users", "from text to varchar(64)", 2, 19, 53)] },
    { code: afterAdding("numeric(10, 2)", "numeric(12, 3)"), errors: [error("code", "users", "from numeric(10, 2) to numeric(12, 3)", 2, 19, 56)] },
    { code: afterAdding("numeric", "numeric(12, 2)"), errors: [error("code", "users", "from numeric to numeric(12, 2)", 2, 19, 56)] },
    { code: afterAdding("char(2)", "text"), errors: [error("code", "users", "from char(2) to text", 2, 19, 46)] },
    { code: afterAdding("int", "bigint"), errors: [error("code", "users", "from int to bigint", 2, 19, 48)] },
    { code: afterAdding("varchar(10)[]", "text[]"), errors: [error("code", "users", "from varchar(10)[] to text[]", 2, 19, 48)] },
    { code: afterAdding("timestamp(6)", "timestamp(3)"), errors: [error("code", "users", "from timestamp(6) to timestamp(3)", 2, 19, 54)] },
    // The type the file gave the column last is the one it changes from.
    {
      code: "ALTER TABLE users ADD COLUMN code varchar(10);\nALTER TABLE users ALTER COLUMN code TYPE varchar(30);\nALTER TABLE users ALTER COLUMN code TYPE varchar(20);",
      errors: [error("code", "users", "from varchar(30) to varchar(20)", 3, 19, 53)],
    },
    // No rewrite on PostgreSQL 12+ only with the session in UTC: without it, a rewrite.
    {
      code: afterAdding("timestamp", "timestamptz"),
      languageOptions: { pgVersion: 16 },
      errors: [error("code", "users", "from timestamp to timestamptz", 2, 19, 53)],
    },
    {
      code: "SET timezone = 'UTC';\nALTER TABLE posts ALTER COLUMN published TYPE timestamptz;",
      languageOptions: { pgVersion: 11 },
      errors: [error("published", "posts", "to timestamptz", 2, 19, 58)],
    },
    {
      // Set back to another zone before the change; a USING that shifts the values; an old type that is not a timestamp.
      code: "SET timezone = 'UTC';\nSET timezone = 'Europe/Paris';\nALTER TABLE posts ALTER COLUMN published TYPE timestamptz;",
      errors: [error("published", "posts", "to timestamptz", 3, 19, 58)],
    },
    {
      code: "SET TIME ZONE 'UTC';\nALTER TABLE posts ALTER COLUMN published TYPE timestamptz USING published AT TIME ZONE 'Europe/Paris';",
      errors: [error("published", "posts", "to timestamptz", 2, 19, 102)],
    },
    {
      code: `SET timezone = 'UTC';\n${afterAdding("text", "timestamptz")}`,
      errors: [error("code", "users", "from text to timestamptz", 3, 19, 53)],
    },
    // COLLATE rebuilds the indexes on the column.
    { code: 'ALTER TABLE users ALTER COLUMN name TYPE text COLLATE "C";', errors: [error("name", "users", "to text", 1, 19, 58)] },
    // Prisma's enum change.
    {
      code: 'ALTER TABLE "Order" ALTER COLUMN "status" TYPE "OrderStatus_new" USING ("status"::text::"OrderStatus_new");',
      errors: [error("status", "Order", 'to "OrderStatus_new"', 1, 21, 107)],
    },
    // One finding per offending action.
    {
      code: "ALTER TABLE users\n  ALTER COLUMN email TYPE text,\n  ALTER COLUMN age TYPE smallint,\n  ALTER COLUMN email SET NOT NULL;",
      errors: [error("age", "users", "to smallint", 3, 3, 33)],
    },
    {
      code: "DO $$\nBEGIN\n  ALTER TABLE payments ALTER COLUMN amount TYPE numeric(14, 4);\nEND\n$$;",
      errors: [error("amount", "payments", "to numeric(14, 4)", 3, 24, 63)],
    },
    // A table created later is no excuse.
    {
      code: "ALTER TABLE users ALTER COLUMN id TYPE bigint;\nCREATE TABLE users_v2 (id bigint);",
      errors: [error("id", "users", "to bigint", 1, 19, 46)],
    },
  ],
});

// MySQL and MariaDB: MODIFY and CHANGE restate a column's whole definition (read by node-sql-parser).
const mysqlError = (messageId: string, data: Record<string, string>, line: number, column_: number, endColumn: number) => ({
  messageId,
  data: { table: "users", column: "status", keyword: "MODIFY", ...data },
  line,
  column: column_,
  endLine: line,
  endColumn,
});
const mysql = { dialect: "mysql" } as const;
/** The migration changes the column twice (the first time in place), so the second change is judged against the first. */
const twice = (first: string, second: string) => `ALTER TABLE users MODIFY status ${first}, ALGORITHM=INPLACE;\nALTER TABLE users MODIFY status ${second};`;

sqlRuleTester().run("no-column-type-change (MySQL)", rule, {
  valid: [
    // ALGORITHM=INPLACE or LOCK=NONE: MySQL refuses any change that would copy the table.
    { code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;", languageOptions: mysql },
    { code: "ALTER TABLE users MODIFY email VARCHAR(320) NOT NULL, LOCK=NONE;", languageOptions: { dialect: "mariadb" } },
    // Appending ENUM values at the end is instant; a longer VARCHAR within its length-prefix size is in place.
    { code: twice("ENUM('new','paid') NOT NULL", "ENUM('new','paid','shipped') NOT NULL"), languageOptions: mysql },
    { code: twice("VARCHAR(20)", "VARCHAR(40) NOT NULL DEFAULT ''"), languageOptions: mysql },
    { code: twice("VARCHAR(100)", "VARCHAR(255)"), languageOptions: mysql },
    // Only the nullability or the default changes; integer display widths are not types.
    { code: twice("INT(11) NULL", "INT NOT NULL DEFAULT 0"), languageOptions: mysql },
    // Columns and tables this migration created.
    { code: "ALTER TABLE users ADD COLUMN code CHAR(2);\nALTER TABLE users MODIFY code VARCHAR(10);", languageOptions: mysql },
    { code: "CREATE TABLE codes (code CHAR(2), KEY k (code)) ENGINE=InnoDB;\nALTER TABLE codes MODIFY code VARCHAR(10);", languageOptions: mysql },
    // A rename with CHANGE is no-rename's finding; the type it restates is unknown here.
    { code: "ALTER TABLE users CHANGE status state VARCHAR(20);", languageOptions: mysql },
    // ALTER COLUMN … SET DEFAULT is not a type change.
    { code: "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';", languageOptions: mysql },
  ],
  invalid: [
    // The file does not say what the type was: the restated type is reported with the way to say "unchanged".
    {
      code: "ALTER TABLE users MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;",
      languageOptions: mysql,
      errors: [mysqlError("restateTypeMysql", { column: "id", to: "bigint unsigned" }, 1, 19, 68)],
    },
    {
      code: "ALTER TABLE users CHANGE COLUMN status status VARCHAR(20) NOT NULL;",
      languageOptions: mysql,
      errors: [mysqlError("restateTypeMysql", { keyword: "CHANGE", to: "varchar(20)" }, 1, 19, 67)],
    },
    {
      code: twice("INT", "BIGINT"),
      languageOptions: mysql,
      errors: [mysqlError("changeTypeMysql", { from: "int", to: "bigint" }, 2, 19, 39)],
    },
    {
      // Crossing 63 characters needs a two-byte length prefix in utf8mb4: the table is copied.
      code: twice("VARCHAR(50)", "VARCHAR(100)"),
      languageOptions: mysql,
      errors: [mysqlError("changeTypeMysql", { from: "varchar(50)", to: "varchar(100)" }, 2, 19, 45)],
    },
    {
      code: twice("ENUM('new','paid','void')", "ENUM('new','paid')"),
      languageOptions: mysql,
      errors: [mysqlError("removeEnumValues", { to: "enum('new','paid')", values: "'void'" }, 2, 19, 51)],
    },
    {
      code: twice("ENUM('new','paid')", "ENUM('new','pending','paid')"),
      languageOptions: mysql,
      errors: [mysqlError("reorderEnumValues", { to: "enum('new','pending','paid')" }, 2, 19, 61)],
    },
  ],
});

// The down half of the migration restores the old definition, so the change is judged exactly.
sqlRuleTester().run("no-column-type-change (MySQL, old type from the down half)", rule, {
  valid: [
    {
      code: "-- migrate:up\nALTER TABLE orders MODIFY status ENUM('new','paid','shipped') NOT NULL;\n\n-- migrate:down\nALTER TABLE orders MODIFY status ENUM('new','paid') NOT NULL;\n",
      languageOptions: mysql,
    },
  ],
  invalid: [
    {
      code: "-- migrate:up\nALTER TABLE orders MODIFY status ENUM('new','shipped') NOT NULL;\n\n-- migrate:down\nALTER TABLE orders MODIFY status ENUM('new','paid','shipped') NOT NULL;\n",
      languageOptions: mysql,
      errors: [mysqlError("removeEnumValues", { table: "orders", to: "enum('new','shipped')", values: "'paid'" }, 2, 20, 64)],
    },
  ],
});

// PostgreSQL too: the down half restores the type the up half replaces, when nothing else says it.
sqlRuleTester().run("no-column-type-change (PostgreSQL, old type from the down half)", rule, {
  valid: [
    "-- migrate:up\nALTER TABLE users ALTER COLUMN password TYPE varchar(256);\n\n-- migrate:down\nALTER TABLE users ALTER COLUMN password TYPE varchar(128);\n",
    "-- +goose Up\nALTER TABLE logs ALTER COLUMN key TYPE varchar(128);\n-- +goose Down\nALTER TABLE logs ALTER COLUMN key TYPE varchar(64);\n",
  ],
  invalid: [
    {
      // Narrowing: every row is checked under the exclusive lock.
      code: "-- migrate:up\nALTER TABLE users ALTER COLUMN password TYPE varchar(64);\n\n-- migrate:down\nALTER TABLE users ALTER COLUMN password TYPE varchar(128);\n",
      errors: [error("password", "users", "to varchar(64)", 2, 19, 57)],
    },
    {
      // The down half of another table says nothing about this one.
      code: "-- migrate:up\nALTER TABLE users ALTER COLUMN password TYPE varchar(256);\n\n-- migrate:down\nALTER TABLE accounts ALTER COLUMN password TYPE varchar(128);\n",
      errors: [error("password", "users", "to varchar(256)", 2, 19, 58)],
    },
  ],
});
