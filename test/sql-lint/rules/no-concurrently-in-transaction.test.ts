import rule from "../../../sql-lint/rules/no-concurrently-in-transaction.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number, data?: Record<string, string>) => ({
  messageId,
  ...(data ? { data } : {}),
  line,
  column,
  endLine: line,
  endColumn,
});

sqlRuleTester().run("no-concurrently-in-transaction", rule, {
  valid: [
    "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
    "DROP INDEX CONCURRENTLY users_email_idx;\nREINDEX TABLE CONCURRENTLY users;",
    // After the COMMIT, outside the block.
    "BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
    // Without CONCURRENTLY there is nothing PostgreSQL would reject (require-concurrent-index's business).
    "BEGIN;\nCREATE INDEX users_email_idx ON users (email);\nCOMMIT;",
    "REINDEX (CONCURRENTLY false) TABLE users;",
    // goose and dbmate files that turn the wrapping off.
    "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
    "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- migrate:down\nDROP INDEX CONCURRENTLY users_email_idx;",
    { code: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", languageOptions: { assumeInTransaction: false } },
    // Alone in a Prisma or golang-migrate file: sent as a single statement, no transaction.
    { code: "-- CreateIndex\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);", filename: "prisma/migrations/20240101000000_email_idx/migration.sql" },
    { code: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", filename: "db/migrations/000042_email_idx.up.sql" },
    // A file of that name outside a migration folder of either layout is not Prisma's.
    { code: "CREATE INDEX CONCURRENTLY a_idx ON a (x);\nCREATE INDEX CONCURRENTLY b_idx ON b (x);", filename: "db/scripts/reindex/migration.sql" },
    // Several statements in a plain file: each runs on its own (psql, Flyway, sqitch).
    "CREATE INDEX CONCURRENTLY a_idx ON a (x);\nCREATE INDEX CONCURRENTLY b_idx ON b (x);",
    "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;",
    "-- ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;\nBEGIN;\nCOMMIT;",
  ],
  invalid: [
    {
      code: "BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;",
      errors: [at("inTransactionBlock", 2, 14, 26, { operation: "CREATE INDEX CONCURRENTLY", line: "1" })],
    },
    {
      code: "START TRANSACTION;\nALTER TABLE users ADD COLUMN email text;\n\nDROP INDEX CONCURRENTLY users_email_idx;",
      errors: [at("inTransactionBlock", 4, 12, 24, { operation: "DROP INDEX CONCURRENTLY", line: "1" })],
    },
    {
      code: "SELECT 1;\nBEGIN;\nREINDEX (VERBOSE, CONCURRENTLY) INDEX users_email_idx;\nREINDEX INDEX CONCURRENTLY users_name_idx;\nCOMMIT;",
      errors: [
        at("inTransactionBlock", 3, 19, 31, { operation: "REINDEX CONCURRENTLY", line: "2" }),
        at("inTransactionBlock", 4, 15, 27, { operation: "REINDEX CONCURRENTLY", line: "2" }),
      ],
    },
    // Only PostgreSQL's parser reads DETACH PARTITION; the finding still points at the keyword.
    {
      code: "BEGIN;\nALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;\nCOMMIT;",
      errors: [at("inTransactionBlock", 2, 61, 73, { operation: "DETACH PARTITION CONCURRENTLY", line: "1" })],
    },
    // A DO block runs as a function.
    {
      code: "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'users_email_idx') THEN\n    CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n  END IF;\nEND\n$$;",
      errors: [at("inDoBlock", 4, 18, 30, { operation: "CREATE INDEX CONCURRENTLY" })],
    },
    // Runners that wrap every file in a transaction.
    {
      code: "-- +goose Up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n-- +goose Down\nDROP INDEX CONCURRENTLY users_email_idx;",
      errors: [at("inRunnerTransaction", 2, 14, 26)],
    },
    { code: "-- migrate:up\nDROP INDEX CONCURRENTLY users_email_idx;", errors: [at("inRunnerTransaction", 2, 12, 24)] },
    {
      code: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
      languageOptions: { assumeInTransaction: true },
      errors: [at("inRunnerTransaction", 1, 14, 26)],
    },
    // Prisma Migrate and golang-migrate send a file as one query: several statements run as one transaction.
    {
      code: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");',
      filename: "prisma/migrations/20240101000000_email/migration.sql",
      errors: [at("inMultiStatementFile", 5, 14, 26, { operation: "CREATE INDEX CONCURRENTLY", runner: "Prisma Migrate" })],
    },
    // Prisma's timestamped folder under a folder the project names as it likes.
    {
      code: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");',
      filename: "packages/database/migration/20240101000000_email/migration.sql",
      errors: [at("inMultiStatementFile", 5, 14, 26, { operation: "CREATE INDEX CONCURRENTLY", runner: "Prisma Migrate" })],
    },
    {
      code: "CREATE INDEX CONCURRENTLY a_idx ON a (x);\nCREATE INDEX CONCURRENTLY b_idx ON b (x);",
      filename: "migrations/000042_indexes.up.sql",
      errors: [
        at("inMultiStatementFile", 1, 14, 26, { operation: "CREATE INDEX CONCURRENTLY", runner: "golang-migrate" }),
        at("inMultiStatementFile", 2, 14, 26, { operation: "CREATE INDEX CONCURRENTLY", runner: "golang-migrate" }),
      ],
    },
    // A transaction left open runs to the end of the file.
    { code: "BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);", errors: [at("inTransactionBlock", 2, 14, 26)] },
  ],
});
