import { isPostgresql } from "../analysis/dialect.ts";
import { isInsideDoBlock } from "../analysis/do-blocks.ts";
import { implicitTransactionRunner } from "../analysis/implicit-transaction.ts";
import { keywordRange } from "../analysis/keyword-range.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { pgAlterTableCommands } from "../analysis/pg-nodes.ts";
import { locOf, spanOf } from "../analysis/source-range.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "inTransactionBlock" | "inRunnerTransaction" | "inMultiStatementFile" | "inDoBlock";

export default createSqlRule<[], MessageIds>({
  name: "no-concurrently-in-transaction",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow CONCURRENTLY operations where PostgreSQL rejects them: inside a transaction block or a DO block",
      recommended: "error",
    },
    schema: [],
    messages: {
      inTransactionBlock:
        "{{operation}} cannot run inside a transaction block, and this one is in the transaction opened on line {{line}}: PostgreSQL rejects it and the migration fails. " +
        "Run it after the COMMIT, as a statement of its own.",
      inRunnerTransaction:
        "{{operation}} cannot run inside a transaction block, and the migration runner wraps this file in one: PostgreSQL rejects it and the migration fails. " +
        "Turn the wrapping off for this migration (goose: `-- +goose NO TRANSACTION`; dbmate: `-- migrate:up transaction:false`; Flyway: `executeInTransaction=false` in the script's .conf; TypeORM: `transaction = false`; Knex: `export const config = { transaction: false }`; node-pg-migrate: `pgm.noTransaction()`; MikroORM: `isTransactional()` returning false) or, with a runner that cannot (golang-migrate, Prisma Migrate), give the statement a migration file of its own.",
      inMultiStatementFile:
        "{{runner}} sends this file to PostgreSQL as one query, which runs as a single transaction block when it holds several statements, so {{operation}} fails. " +
        "Put the statement in a migration file of its own.",
      inDoBlock:
        "{{operation}} cannot be executed from a function, and a DO block is one: PostgreSQL rejects it and the migration fails. " +
        "Run it as a top-level statement, outside any transaction block.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    const runner = implicitTransactionRunner(context);

    function check(statementStart: number, concurrently: [number, number], operation: string): void {
      const loc = locOf(sourceCode, concurrently);
      if (isInsideDoBlock(migration, statementStart)) {
        context.report({ loc, messageId: "inDoBlock", data: { operation } });
        return;
      }
      const block = migration.transactions.find((transaction) => transaction.start < statementStart && statementStart < transaction.end);
      if (block) {
        const line = String(sourceCode.getLocFromIndex(block.start).line);
        context.report({ loc, messageId: "inTransactionBlock", data: { operation, line } });
      } else if (runner) {
        // The runner sends the file as one query string, which PostgreSQL runs as one transaction.
        context.report({ loc, messageId: "inMultiStatementFile", data: { operation, runner } });
      } else if (migration.wrappedInTransaction) {
        context.report({ loc, messageId: "inRunnerTransaction", data: { operation } });
      }
    }

    return {
      create_index_stmt(statement) {
        if (statement.concurrentlyKw) check(statement.range?.[0] ?? 0, spanOf(statement.concurrentlyKw), "CREATE INDEX CONCURRENTLY");
      },
      drop_index_stmt(statement) {
        if (statement.concurrentlyKw) check(statement.range?.[0] ?? 0, spanOf(statement.concurrentlyKw), "DROP INDEX CONCURRENTLY");
      },
      reindex_stmt(statement) {
        const option = statement.options?.expr.items.find((item) => item.type === "reindex_option_concurrently");
        const concurrently = statement.concurrentlyKw ?? (option && option.value?.value !== false ? option : undefined);
        if (concurrently) check(statement.range?.[0] ?? 0, spanOf(concurrently), "REINDEX CONCURRENTLY");
      },
      pg_fallback_stmt(statement) {
        if (statement.kind !== "AlterTableStmt") return;
        const detach = pgAlterTableCommands(statement.pg).some(
          (command) => command.subtype === "AT_DetachPartition" && (command.def?.PartitionCmd as { concurrent?: boolean } | undefined)?.concurrent === true,
        );
        const concurrently = detach ? keywordRange(sourceCode.text, statement.range, ["CONCURRENTLY"]) : undefined;
        if (concurrently) check(statement.range[0], concurrently, "DETACH PARTITION CONCURRENTLY");
      },
    };
  },
});
