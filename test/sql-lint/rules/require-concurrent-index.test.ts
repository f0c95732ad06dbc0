import rule from "../../../sql-lint/rules/require-concurrent-index.ts";
import { sqlRuleTester } from "../../helpers/rule-testers.ts";

const at = (messageId: string, line: number, column: number, endColumn: number) => ({ messageId, line, column, endLine: line, endColumn });
const suggestion = (output: string) => [{ messageId: "addConcurrently", output }];

sqlRuleTester().run("require-concurrent-index", rule, {
  valid: [
    "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
    "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON public.users (email);",
    "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
    "REINDEX INDEX CONCURRENTLY users_email_idx;",
    "REINDEX TABLE CONCURRENTLY users;",
    "REINDEX (CONCURRENTLY) TABLE users;",
    "REINDEX (VERBOSE, CONCURRENTLY true) SCHEMA public;",
    // REINDEX SYSTEM has no concurrent form; migrations do not run it.
    "REINDEX SYSTEM app;",
    // A table created earlier in the same migration has no rows and no readers yet.
    "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\nCREATE UNIQUE INDEX accounts_email_key ON accounts (email);",
    'CREATE TABLE public."Accounts" (id bigint, email text);\nCREATE INDEX "Accounts_email_idx" ON "Accounts" (email);',
    "CREATE TABLE IF NOT EXISTS app.accounts (id bigint);\nCREATE INDEX ON app.accounts (id);\nREINDEX TABLE app.accounts;",
    "CREATE MATERIALIZED VIEW daily_totals AS SELECT 1 AS day;\nCREATE UNIQUE INDEX daily_totals_day ON daily_totals (day);",
    // A table only PostgreSQL's parser read (WITHOUT OVERLAPS is PostgreSQL 18) is still known to be new.
    "CREATE TABLE bookings (id int, during tstzrange, PRIMARY KEY (id, during WITHOUT OVERLAPS));\nCREATE INDEX bookings_during_idx ON bookings (during);",
    // Dropping or rebuilding an index this migration created on a table it created.
    "CREATE TABLE imports (id int, email text);\nCREATE INDEX imports_email_idx ON imports (email);\nREINDEX INDEX imports_email_idx;\nDROP INDEX public.imports_email_idx;",
    // A table this migration emptied holds no rows to index (a DELETE of every row, a TRUNCATE).
    'DELETE FROM "UserProfile";\nALTER TABLE "UserProfile" ADD COLUMN "userId" integer;\nCREATE UNIQUE INDEX "UserProfile_userId_key" ON "UserProfile" ("userId");',
    "TRUNCATE staging_rows;\nCREATE INDEX staging_rows_batch_idx ON staging_rows (batch);",
    // A NOT NULL column added without a default: PostgreSQL refuses it on a table with rows, so the table is empty past it.
    'ALTER TABLE "Action" DROP COLUMN "id",\nADD COLUMN "id" UUID NOT NULL;\nCREATE UNIQUE INDEX "Action_id_key" ON "Action"("id");',
    // ON ONLY builds the index of a partitioned parent alone; partitions get theirs concurrently.
    "CREATE INDEX measurements_day_idx ON ONLY measurements (day);",
    // Statements in a down section undo the up section; they are not linted.
    "-- migrate:up\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n-- migrate:down\nDROP INDEX users_email_idx;",
    // The down half creates the dropped index again on users, which the up half's ALTER locks anyway.
    "-- migrate:up\nDROP INDEX users_tenant_idx;\nALTER TABLE users DROP CONSTRAINT users_pkey, ADD PRIMARY KEY (tenant_id, id);\n-- migrate:down\nALTER TABLE users DROP CONSTRAINT users_pkey, ADD PRIMARY KEY (id);\nCREATE INDEX users_tenant_idx ON users (tenant_id, id);",
    // Other dialects have other locking rules.
    { code: "CREATE INDEX users_email_idx ON users (email);", languageOptions: { dialect: "mysql" } },
    "-- CREATE INDEX users_email_idx ON users (email);\nSELECT 1;",
  ],
  invalid: [
    // Some rows kept, or the table filled again before the index is built.
    {
      code: "DELETE FROM sessions WHERE expires_at < now();\nCREATE INDEX sessions_user_idx ON sessions (user_id);",
      errors: [{ messageId: "createIndex", suggestions: suggestion("DELETE FROM sessions WHERE expires_at < now();\nCREATE INDEX CONCURRENTLY sessions_user_idx ON sessions (user_id);") }],
    },
    {
      code: "TRUNCATE totals;\nINSERT INTO totals SELECT day, sum(amount) FROM payments GROUP BY day;\nCREATE INDEX totals_day_idx ON totals (day);",
      errors: [{ messageId: "createIndex", suggestions: suggestion("TRUNCATE totals;\nINSERT INTO totals SELECT day, sum(amount) FROM payments GROUP BY day;\nCREATE INDEX CONCURRENTLY totals_day_idx ON totals (day);") }],
    },
    // Alone in its file, outside a transaction: CONCURRENTLY is added automatically.
    {
      code: "CREATE INDEX users_email_idx ON users (email);",
      output: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
      errors: [{ ...at("createIndex", 1, 1, 13), data: { table: "users" } }],
    },
    {
      code: "-- CreateIndex\nCREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON public.users USING btree (email) WHERE deleted_at IS NULL;",
      output: "-- CreateIndex\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON public.users USING btree (email) WHERE deleted_at IS NULL;",
      errors: [at("createIndex", 2, 1, 20)],
    },
    {
      code: 'CREATE INDEX "Users_email_idx" ON "Users" ("email");',
      output: 'CREATE INDEX CONCURRENTLY "Users_email_idx" ON "Users" ("email");',
      errors: [{ ...at("createIndex", 1, 1, 13), data: { table: "Users" } }],
    },
    {
      code: "DROP INDEX IF EXISTS users_email_idx;",
      output: "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
      errors: [{ ...at("dropIndex", 1, 1, 11), data: { index: "users_email_idx" } }],
    },
    {
      code: "REINDEX TABLE users;",
      output: "REINDEX TABLE CONCURRENTLY users;",
      errors: [{ ...at("reindex", 1, 1, 14), data: { target: "TABLE", name: "users" } }],
    },
    {
      code: "REINDEX (VERBOSE) INDEX users_email_idx;",
      output: "REINDEX (VERBOSE) INDEX CONCURRENTLY users_email_idx;",
      errors: [at("reindex", 1, 1, 24)],
    },
    { code: "REINDEX SCHEMA public;", output: "REINDEX SCHEMA CONCURRENTLY public;", errors: [at("reindex", 1, 1, 15)] },
    // Next to other statements, a runner that sends the file as one query would run it in a transaction: a suggestion only.
    {
      code: "ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);",
      output: null,
      errors: [
        {
          ...at("createIndex", 2, 1, 13),
          suggestions: suggestion("ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);"),
        },
      ],
    },
    // CONCURRENTLY cannot be added: inside a transaction block, a DO block, or a runner's transaction.
    {
      code: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "email" TEXT;\n\n-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");',
      filename: "prisma/migrations/20240101000000_email/migration.sql",
      output: null,
      errors: [{ ...at("createIndexUnderLock", 5, 1, 13), suggestions: [] }],
    },
    {
      code: '-- CreateIndex\nCREATE INDEX "User_email_idx" ON "User"("email");',
      filename: "prisma/migrations/20240101000001_email_idx/migration.sql",
      output: '-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");',
      errors: [at("createIndex", 2, 1, 13)],
    },
    {
      code: "BEGIN;\nCREATE INDEX users_email_idx ON users (email);\nCOMMIT;",
      output: null,
      errors: [{ ...at("createIndex", 2, 1, 13), suggestions: [] }],
    },
    // The down half says the dropped index is on another table than the one the up half locks.
    {
      code: "-- migrate:up\nDROP INDEX orders_tenant_idx;\nALTER TABLE users DROP CONSTRAINT users_pkey, ADD PRIMARY KEY (tenant_id, id);\n-- migrate:down\nALTER TABLE users DROP CONSTRAINT users_pkey, ADD PRIMARY KEY (id);\nCREATE INDEX orders_tenant_idx ON orders (tenant_id, id);",
      output: null,
      errors: [{ ...at("dropIndex", 2, 1, 11), suggestions: [] }],
    },
    // A series of plain drops in one transaction: the first takes the table's ACCESS EXCLUSIVE lock and holds it, so the
    // later drops of indexes of the same table add no wait; one of another table still does.
    {
      code: "-- migrate:up\nDROP INDEX users_a_idx;\nDROP INDEX users_b_idx;\nDROP INDEX orders_c_idx;\n-- migrate:down\nCREATE INDEX users_a_idx ON users (a);\nCREATE INDEX users_b_idx ON users (b);\nCREATE INDEX orders_c_idx ON orders (c);",
      output: null,
      errors: [
        { ...at("dropIndex", 2, 1, 11), suggestions: [] },
        { ...at("dropIndex", 4, 1, 11), suggestions: [] },
      ],
    },
    // Indexes dropped if they exist and built again further down: the builds say which table they are on.
    {
      code: "BEGIN;\nDROP INDEX IF EXISTS users_a_idx;\nDROP INDEX IF EXISTS users_b_idx;\nCREATE UNIQUE INDEX users_a_idx ON users (a);\nCREATE UNIQUE INDEX users_b_idx ON users (b);\nCOMMIT;",
      output: null,
      errors: [
        { ...at("dropIndex", 2, 1, 11), suggestions: [] },
        { ...at("createIndex", 4, 1, 20), suggestions: [] },
        { ...at("createIndex", 5, 1, 20), suggestions: [] },
      ],
    },
    // Outside a transaction each drop takes and releases the lock on its own.
    {
      code: "-- migrate:up transaction:false\nDROP INDEX users_a_idx;\nDROP INDEX users_b_idx;\n-- migrate:down\nCREATE INDEX users_a_idx ON users (a);\nCREATE INDEX users_b_idx ON users (b);",
      output: null,
      errors: [
        { ...at("dropIndex", 2, 1, 11), suggestions: suggestion("-- migrate:up transaction:false\nDROP INDEX CONCURRENTLY users_a_idx;\nDROP INDEX users_b_idx;\n-- migrate:down\nCREATE INDEX users_a_idx ON users (a);\nCREATE INDEX users_b_idx ON users (b);") },
        { ...at("dropIndex", 3, 1, 11), suggestions: suggestion("-- migrate:up transaction:false\nDROP INDEX users_a_idx;\nDROP INDEX CONCURRENTLY users_b_idx;\n-- migrate:down\nCREATE INDEX users_a_idx ON users (a);\nCREATE INDEX users_b_idx ON users (b);") },
      ],
    },
    // With a default, or IF NOT EXISTS (a no-op when the column is there), the rows stay.
    {
      code: 'ALTER TABLE "Action" ADD COLUMN "kind" TEXT NOT NULL DEFAULT \'task\';\nCREATE INDEX "Action_kind_idx" ON "Action"("kind");',
      output: null,
      errors: [{ ...at("createIndex", 2, 1, 13), suggestions: suggestion('ALTER TABLE "Action" ADD COLUMN "kind" TEXT NOT NULL DEFAULT \'task\';\nCREATE INDEX CONCURRENTLY "Action_kind_idx" ON "Action"("kind");') }],
    },
    {
      code: "ALTER TABLE flow_state ADD COLUMN IF NOT EXISTS auth_method text NOT NULL;\nCREATE INDEX flow_state_auth_method_idx ON flow_state (auth_method);",
      output: null,
      errors: [{ ...at("createIndex", 2, 1, 13), suggestions: suggestion("ALTER TABLE flow_state ADD COLUMN IF NOT EXISTS auth_method text NOT NULL;\nCREATE INDEX CONCURRENTLY flow_state_auth_method_idx ON flow_state (auth_method);") }],
    },
    // Built under the ACCESS EXCLUSIVE lock the transaction took on the table: reads wait for the build too.
    {
      code: "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX users_nickname_idx ON users (nickname);\nCREATE INDEX orders_user_idx ON orders (user_id);\nCOMMIT;",
      output: null,
      errors: [
        { ...at("createIndexUnderLock", 3, 1, 13), data: { table: "users", line: "2" }, suggestions: [] },
        { ...at("createIndex", 4, 1, 13), data: { table: "orders" }, suggestions: [] },
      ],
    },
    // A Prisma migration is one transaction: the ADD COLUMN's lock is held through the unique index build.
    {
      code: '-- AlterTable\nALTER TABLE "User" ADD COLUMN "profileURL" TEXT;\n\n-- CreateIndex\nCREATE UNIQUE INDEX "User_profileURL_key" ON "User"("profileURL");',
      filename: "prisma/migrations/20240101000001_profile_url/migration.sql",
      output: null,
      errors: [{ ...at("createIndexUnderLock", 5, 1, 20), data: { table: "User", line: "2" }, suggestions: [] }],
    },
    {
      code: "DO $$\nBEGIN\n  CREATE INDEX users_email_idx ON users (email);\nEND\n$$;",
      output: null,
      errors: [{ ...at("createIndex", 3, 3, 15), suggestions: [] }],
    },
    {
      code: "CREATE INDEX users_email_idx ON users (email);",
      languageOptions: { assumeInTransaction: true },
      output: null,
      errors: [at("createIndex", 1, 1, 13)],
    },
    {
      code: "-- +goose Up\nCREATE INDEX users_email_idx ON users (email);",
      output: null,
      errors: [at("createIndex", 2, 1, 13)],
    },
    // DROP INDEX CONCURRENTLY takes a single index and no CASCADE.
    {
      code: "DROP INDEX users_email_idx, users_name_idx;",
      output: null,
      errors: [{ ...at("dropIndex", 1, 1, 11), data: { index: 'users_email_idx", "users_name_idx' } }],
    },
    { code: "DROP INDEX users_email_idx CASCADE;", output: null, errors: [at("dropIndex", 1, 1, 11)] },
    // An explicit CONCURRENTLY false is a decision to read, not to overwrite.
    { code: "REINDEX (CONCURRENTLY false) TABLE users;", output: null, errors: [at("reindex", 1, 1, 35)] },
    // PostgreSQL 11 has no REINDEX CONCURRENTLY.
    {
      code: "REINDEX INDEX users_email_idx;",
      languageOptions: { pgVersion: 11 },
      output: null,
      errors: [{ ...at("reindexBeforePg12", 1, 1, 14), data: { target: "INDEX", name: "users_email_idx", pgVersion: "11" } }],
    },
    // A table created after the index, or another table created before, is no excuse.
    {
      code: "CREATE INDEX users_email_idx ON users (email);\nCREATE TABLE users_v2 (id int);",
      output: null,
      errors: [{ ...at("createIndex", 1, 1, 13), suggestions: suggestion("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCREATE TABLE users_v2 (id int);") }],
    },
    {
      code: "CREATE TABLE accounts (id int);\nDROP INDEX users_email_idx;",
      output: null,
      errors: [{ ...at("dropIndex", 2, 1, 11), suggestions: suggestion("CREATE TABLE accounts (id int);\nDROP INDEX CONCURRENTLY users_email_idx;") }],
    },
    // An index this migration created on an existing table still locks that table when dropped.
    {
      code: "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nDROP INDEX users_email_idx;",
      output: null,
      errors: [
        {
          ...at("dropIndex", 2, 1, 11),
          suggestions: suggestion("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nDROP INDEX CONCURRENTLY users_email_idx;"),
        },
      ],
    },
    // Statements before a down section are linted.
    {
      code: "-- migrate:up transaction:false\nCREATE INDEX users_email_idx ON users (email);\n-- migrate:down\nDROP INDEX users_email_idx;",
      output: "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n-- migrate:down\nDROP INDEX users_email_idx;",
      errors: [at("createIndex", 2, 1, 13)],
    },
  ],
});
