import rule from "../../../sql-lint/rules/no-drop-column.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const error = (line: number, column: number, endColumn: number, column_ = "email", table = "users") => ({
  messageId: "dropColumn",
  data: { column: column_, table },
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-drop-column", rule, {
  valid: [
    "ALTER TABLE users ADD COLUMN email text;",
    // The table got this name earlier in the migration: the running code knows it by the old one only (no-rename's finding).
    "ALTER TABLE user_ RENAME TO person;\nALTER TABLE person DROP COLUMN password_encrypted;",
    // Dropping a constraint or a default is not dropping a column.
    "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;",
    "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
    "ALTER TABLE users DROP CONSTRAINT users_email_key;",
    // A table created by this very migration has no running code depending on it.
    "CREATE TABLE staging_users (id int, email text);\nALTER TABLE staging_users DROP COLUMN email;",
    'CREATE TABLE public."Users" (id int, email text); ALTER TABLE "Users" DROP COLUMN email;',
    // Text that mentions DROP COLUMN is not a statement that does it.
    "-- ALTER TABLE users DROP COLUMN email;\nSELECT 1;",
    "COMMENT ON COLUMN users.email IS 'to drop: ALTER TABLE users DROP COLUMN email';",
    // A column this migration added, or renamed aside while swapping in a new one of the same name.
    "ALTER TABLE users ADD COLUMN email_tmp text;\nALTER TABLE users DROP COLUMN email_tmp;",
    "BEGIN;\nALTER TABLE notification RENAME COLUMN config TO config_old;\nALTER TABLE notification ADD COLUMN config text;\nUPDATE notification SET config = config_old;\nALTER TABLE notification DROP COLUMN config_old;\nCOMMIT;",
    // Dropped and added again with the type it had: a deliberate reset to the new default, the running code works as before.
    "BEGIN;\nALTER TABLE prefs ALTER COLUMN score TYPE boolean USING score <> 0;\nALTER TABLE prefs DROP COLUMN score,\n  ADD COLUMN score boolean DEFAULT false NOT NULL;\nCOMMIT;",
    // Dropped and re-added under the same name in one transaction (goose wraps its files in one).
    "-- +goose Up\nALTER TABLE playqueue ADD COLUMN position_new int;\nUPDATE playqueue SET position_new = position;\nALTER TABLE playqueue DROP COLUMN position;\nALTER TABLE playqueue RENAME COLUMN position_new TO position;",
  ],
  invalid: [
    { code: "ALTER TABLE users DROP COLUMN email;", errors: [error(1, 19, 36)] },
    // A swap: the name was vacated first, so the running code uses the table now under it.
    { code: "ALTER TABLE users RENAME TO users_old;\nALTER TABLE users_new RENAME TO users;\nALTER TABLE users DROP COLUMN email;", errors: [error(3, 19, 36)] },
    // Renamed aside and dropped without copying its rows anywhere: the data is gone.
    {
      code: "BEGIN;\nALTER TABLE monitor RENAME COLUMN kafka_ssl TO kafka_ssl_old;\nALTER TABLE monitor ADD COLUMN kafka_ssl boolean;\n-- UPDATE monitor SET kafka_ssl = kafka_ssl_old;\nALTER TABLE monitor DROP COLUMN kafka_ssl_old;\nCOMMIT;",
      errors: [error(5, 21, 46, "kafka_ssl_old", "monitor")],
    },
    // Without a transaction, running code sees the column missing until it comes back.
    {
      code: "ALTER TABLE users ADD COLUMN email_new text;\nALTER TABLE users DROP COLUMN email;\nALTER TABLE users RENAME COLUMN email_new TO email;",
      errors: [error(2, 19, 36)],
    },
    // Dropped and merely added again, as Prisma writes a type change: the old values are gone, in a transaction or not.
    ...[{ code: "BEGIN;\n" }, { code: "", filename: "prisma/migrations/20240826094312_visibility/migration.sql" }].map(({ code, filename }) => ({
      code: `${code}CREATE TYPE "Visibility" AS ENUM ('EVERYONE', 'ADMIN');\nALTER TABLE "Document" DROP COLUMN "visibility",\nADD COLUMN "visibility" "Visibility" NOT NULL DEFAULT 'EVERYONE';`,
      ...(filename ? { filename } : {}),
      errors: [{ ...error(code ? 3 : 2, 24, 48, "visibility", "Document"), messageId: "dropColumnAddedAgain", data: { column: "visibility", table: "Document", line: code ? "4" : "3" } }],
    })),
    {
      code: "ALTER TABLE IF EXISTS ONLY public.users DROP COLUMN IF EXISTS email CASCADE;",
      errors: [error(1, 41, 76)],
    },
    {
      code: "ALTER TABLE users\n  DROP COLUMN email,\n  DROP COLUMN phone;",
      errors: [error(2, 3, 20), error(3, 3, 20, "phone")],
    },
    // Quoted identifiers keep their case; unquoted ones fold to lower case.
    { code: 'ALTER TABLE "Users" DROP COLUMN "Email";', errors: [error(1, 21, 40, "Email", "Users")] },
    // A table created after the drop, or a different table created earlier, is no excuse.
    {
      code: "ALTER TABLE users DROP COLUMN email;\nCREATE TABLE users_v2 (id int);",
      errors: [error(1, 19, 36)],
    },
    {
      code: "CREATE TABLE accounts (id int);\nALTER TABLE users DROP COLUMN email;",
      errors: [error(2, 19, 36)],
    },
    { code: "ALTER TABLE users DROP email;", languageOptions: { dialect: "mysql" }, errors: [error(1, 19, 29)] },
    { code: "ALTER TABLE users DROP COLUMN email;", languageOptions: { dialect: "sqlite" }, errors: [error(1, 19, 36)] },
    // CRLF line endings count as one line break.
    { code: "SELECT 1;\r\nALTER TABLE users DROP COLUMN email;", errors: [error(2, 19, 36)] },
  ],
});

// MySQL and MariaDB statements sql-parser-cst rejects reach the rule through node-sql-parser.
sqlRuleTester().run("no-drop-column (node-sql-parser)", rule, {
  valid: [
    { code: "ALTER TABLE users DROP INDEX users_email_idx, ALGORITHM=INPLACE;", languageOptions: { dialect: "mysql" } },
    { code: "ALTER TABLE users DROP FOREIGN KEY users_org_fk;", languageOptions: { dialect: "mysql" } },
    {
      code: "CREATE TABLE staging_users (id INT, email VARCHAR(255), KEY k (email)) ENGINE=InnoDB;\nALTER TABLE staging_users DROP COLUMN email, ALGORITHM=INSTANT;",
      languageOptions: { dialect: "mysql" },
    },
  ],
  invalid: [
    { code: "ALTER TABLE users DROP COLUMN email, ALGORITHM=INSTANT;", languageOptions: { dialect: "mysql" }, errors: [error(1, 19, 36)] },
    {
      code: "ALTER TABLE `Users`\n  MODIFY name VARCHAR(100),\n  DROP `Email`;",
      languageOptions: { dialect: "mariadb" },
      errors: [error(3, 3, 15, "Email", "Users")],
    },
  ],
});
