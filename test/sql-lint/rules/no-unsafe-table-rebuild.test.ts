import rule from "../../../sql-lint/rules/no-unsafe-table-rebuild.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const sqlite = { dialect: "sqlite" } as const;

/** SQLite's documented procedure, as Prisma and drizzle-kit generate it; `before`/`after` wrap it. */
const rebuild = ({ before = "", after = "", copy = "INSERT INTO new_users (id, email) SELECT id, email FROM users;\n" } = {}): string =>
  `${before}CREATE TABLE new_users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n${copy}DROP TABLE users;\nALTER TABLE new_users RENAME TO users;\n${after}`;

const error = (messageId: string, line: number, column: number, endColumn: number, data: Record<string, string> = {}) => ({
  messageId,
  data: { table: "users", newTable: "new_users", ...data },
  line,
  column,
  endLine: line,
  endColumn,
});

const ENFORCED = "with foreign keys enforced";
const IN_TRANSACTION = "with foreign keys still enforced: PRAGMA foreign_keys = OFF does nothing inside a transaction";

sqlRuleTester().run("no-unsafe-table-rebuild", rule, {
  valid: [
    // Foreign keys really off: the pragma runs outside any transaction.
    { code: rebuild({ before: "PRAGMA foreign_keys = OFF;\n", after: "PRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;\n" }), languageOptions: sqlite },
    { code: rebuild({ before: "PRAGMA foreign_keys=0;\nBEGIN;\n", after: "COMMIT;\nPRAGMA foreign_keys=1;\n" }), languageOptions: sqlite },
    // Values computed in the copy, and the same names in another case, rename nothing.
    {
      code: rebuild({ before: "PRAGMA foreign_keys=OFF;\n", copy: "INSERT INTO new_users (id, Email) SELECT id, lower(email) FROM users;\n" }),
      languageOptions: sqlite,
    },
    // A rebuild of a table this migration created has no rows or readers yet.
    { code: `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n${rebuild()}`, languageOptions: sqlite },
    // Not a rebuild: a table created, filled and dropped, with no rename to the old name.
    { code: "CREATE TABLE users_backup AS SELECT * FROM users;\nDROP TABLE sessions;", languageOptions: sqlite },
    "ALTER TABLE users ADD COLUMN nickname TEXT;",
    // MySQL and PostgreSQL change columns in place; this rule is about SQLite.
    { code: rebuild(), languageOptions: { dialect: "mysql" } },
    rebuild(),
  ],
  invalid: [
    { code: rebuild(), languageOptions: sqlite, errors: [error("foreignKeysOn", 1, 14, 23, { why: ENFORCED })] },
    // Turned off inside BEGIN: a no-op.
    {
      code: rebuild({ before: "BEGIN;\nPRAGMA foreign_keys = OFF;\n", after: "PRAGMA foreign_keys = ON;\nCOMMIT;\n" }),
      languageOptions: sqlite,
      errors: [error("foreignKeysOn", 3, 14, 23, { why: IN_TRANSACTION })],
    },
    // The runner wraps the file (goose's default), so the pragma is a no-op too.
    {
      code: rebuild({ before: "-- +goose Up\nPRAGMA foreign_keys = OFF;\n" }),
      languageOptions: sqlite,
      errors: [error("foreignKeysOn", 3, 14, 23, { why: IN_TRANSACTION })],
    },
    {
      code: rebuild({ before: "PRAGMA foreign_keys = OFF;\n" }),
      languageOptions: { dialect: "sqlite", assumeInTransaction: true },
      errors: [error("foreignKeysOn", 2, 14, 23, { why: IN_TRANSACTION })],
    },
    // drizzle-kit's output: its migrator runs every migration in one transaction.
    {
      code: rebuild({ before: "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n" }).replaceAll(";\n", ";\n--> statement-breakpoint\n"),
      languageOptions: sqlite,
      errors: [
        error("foreignKeysOn", 2, 14, 23, {
          why: "with foreign keys still enforced: PRAGMA foreign_keys = OFF does nothing inside a transaction, and drizzle's migrator runs each migration in one",
        }),
      ],
    },
    // Turned back on before the drop.
    {
      code: "PRAGMA foreign_keys = OFF;\nCREATE TABLE new_users (id INTEGER PRIMARY KEY);\nINSERT INTO new_users (id) SELECT id FROM users;\nPRAGMA foreign_keys = ON;\nDROP TABLE users;\nALTER TABLE new_users RENAME TO users;",
      languageOptions: sqlite,
      errors: [error("foreignKeysOn", 2, 14, 23, { why: ENFORCED })],
    },
    // The copy renames a column.
    {
      code: rebuild({ before: "PRAGMA foreign_keys = OFF;\n", copy: "INSERT INTO new_users (id, email) SELECT id, mail FROM users;\n" }),
      languageOptions: sqlite,
      errors: [error("renamedColumn", 2, 14, 23, { from: "mail", to: "email" })],
    },
    // Nothing copies the rows.
    { code: rebuild({ copy: "" }), languageOptions: sqlite, errors: [error("noCopy", 1, 14, 23)] },
    // The other order: the old table renamed away first, its foreign keys following it.
    {
      code: 'PRAGMA foreign_keys = OFF;\nALTER TABLE "users" RENAME TO "users_old";\nCREATE TABLE "users" (id INTEGER PRIMARY KEY, email TEXT);\nINSERT INTO "users" SELECT * FROM "users_old";\nDROP TABLE "users_old";',
      languageOptions: sqlite,
      errors: [error("renameAway", 3, 14, 21, { newTable: "users" })],
    },
  ],
});
