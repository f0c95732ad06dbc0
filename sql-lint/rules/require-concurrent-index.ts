import type { RuleFixer } from "@eslint/core";
import type { CreateIndexStmt, DropIndexStmt, ReindexStmt } from "sql-parser-cst";
import { adviceMessage, CREATE_INDEX, DROP_INDEX } from "../analysis/change-advice.ts";
import { isIndexOfNewTable } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { isInsideDoBlock } from "../analysis/do-blocks.ts";
import { implicitTransactionRunner, statementCount } from "../analysis/implicit-transaction.ts";
import { tableLockOf } from "../analysis/locks.ts";
import { isInTransaction, migrationOf, sameTransaction } from "../analysis/migration-context.ts";
import { changesBefore, indexTableFromHistory } from "../analysis/migration-history.ts";
import { locOf, spanOf } from "../analysis/source-range.ts";
import { downMigrationOf } from "../language/down-migration.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";
import { isTableNew } from "../analysis/new-tables.ts";

type MessageIds = "createIndex" | "createIndexUnderLock" | "dropIndex" | "reindex" | "reindexBeforePg12" | "addConcurrently";

/**
 * The table `statements` build the index `name` on: the up half building it again after dropping
 * it, or the down half creating it again on the table the up half drops it from.
 */
function tableOfIndexBuilt(statements: Iterable<SqlStatementNode>, name: string): string | undefined {
  for (const statement of statements) {
    if (statement.type === "create_index_stmt" && statement.name && tableName(statement.name) === name) return tableName(statement.table);
  }
  return undefined;
}

/** `REINDEX (CONCURRENTLY [true|false])` in the option list, if given. */
function concurrentlyOption(statement: ReindexStmt) {
  return statement.options?.expr.items.find((option) => option.type === "reindex_option_concurrently");
}

export default createSqlRule<[], MessageIds>({
  name: "require-concurrent-index",
  meta: {
    type: "problem",
    docs: {
      description: "Require CONCURRENTLY when creating, dropping or rebuilding an index of an existing PostgreSQL table",
      recommended: "error",
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      createIndex: adviceMessage(CREATE_INDEX),
      createIndexUnderLock:
        'CREATE INDEX on "{{table}}" runs while this transaction holds the ACCESS EXCLUSIVE lock taken on line {{line}}, so every read and write of the table waits until the index is built. ' +
        "Build it with CREATE INDEX CONCURRENTLY in a migration of its own, after this one commits.",
      dropIndex: adviceMessage(DROP_INDEX),
      reindex:
        'REINDEX {{target}} "{{name}}" blocks writes to the table, and reads that use the index, until the rebuild ends. ' +
        "Use REINDEX {{target}} CONCURRENTLY, outside a transaction block.",
      reindexBeforePg12:
        'REINDEX {{target}} "{{name}}" blocks writes to the table, and reads that use the index, until the rebuild ends, and PostgreSQL {{pgVersion}} has no REINDEX CONCURRENTLY. ' +
        "Build a replacement with CREATE INDEX CONCURRENTLY, then DROP INDEX CONCURRENTLY the old one and rename the new one.",
      addConcurrently: "Add CONCURRENTLY; the statement must then run outside any transaction block, in a migration file of its own if the runner sends a file as one query.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    const topLevelStatements = statementCount(sourceCode.ast);
    const fileIsOneTransaction = implicitTransactionRunner(context) !== undefined;
    /** The table of each dropped index, by offset and name: a drop series asks about each earlier drop again. */
    const indexTables = new Map<string, string | undefined>();

    /**
     * Whether the transaction of the statement at `offset` also takes ACCESS EXCLUSIVE on the table
     * the index `name` is on (an ALTER TABLE before or after it): dropping the index concurrently
     * would then spare no reader or writer. The table comes from this file, the migrations before it,
     * or the down half that creates the index again.
     */
    function isOnTableLockedExclusively(name: string | undefined, offset: number): boolean {
      if (name === undefined || (!fileIsOneTransaction && !isInTransaction(migration, offset))) return false;
      const table = indexTableOf(name, offset);
      return exclusiveLocksAround(table, offset).length > 0 || hasEarlierDropOn(table, offset);
    }

    /**
     * The table the index `name` is on, as the file before `offset`, the migrations before it, the
     * up half building it again under that name (`DROP INDEX IF EXISTS x; … CREATE INDEX x ON t`)
     * or the down half tell.
     */
    function indexTableOf(name: string, offset: number): string | undefined {
      const key = `${offset}\0${name}`;
      if (!indexTables.has(key)) {
        const before = changesBefore(migration.statements, offset, sourceCode.text, context.physicalFilename);
        indexTables.set(
          key,
          indexTableFromHistory(context.physicalFilename, "postgresql", name, before) ??
            tableOfIndexBuilt(
              migration.statements.filter((statement) => (statement.range?.[0] ?? 0) > offset),
              name,
            ) ??
            tableOfIndexBuilt(downMigrationOf(sourceCode.ast), name),
        );
      }
      return indexTables.get(key);
    }

    /**
     * A plain DROP INDEX earlier in the same transaction of another index of `table`: its ACCESS
     * EXCLUSIVE lock is held until commit, so this drop waits for no one and blocks no one longer.
     * Only earlier ones: when every drop of a series is plain, the first still takes the lock that
     * concurrent drops would not.
     */
    function hasEarlierDropOn(table: string | undefined, offset: number): boolean {
      if (table === undefined) return false;
      return migration.statements.some((statement) => {
        const at = statement.range?.[0] ?? 0;
        if (at >= offset || statement.type !== "drop_index_stmt" || statement.concurrentlyKw) return false;
        if (!fileIsOneTransaction && !sameTransaction(migration, at, offset)) return false;
        return statement.indexes.items.some((index) => {
          const name = tableName(index);
          return name !== undefined && indexTableOf(name, at) === table;
        });
      });
    }

    /**
     * The other statements of the transaction of the statement at `offset` (before or after it)
     * that take ACCESS EXCLUSIVE on `table`, in file order: that lock is held until commit.
     */
    function exclusiveLocksAround(table: string | undefined, offset: number): SqlStatementNode[] {
      if (table === undefined || (!fileIsOneTransaction && !isInTransaction(migration, offset))) return [];
      return migration.statements.filter((statement) => {
        const at = statement.range?.[0] ?? 0;
        const lock = at === offset ? undefined : tableLockOf(statement);
        return lock?.mode === "ACCESS EXCLUSIVE" && lock.table === table && (fileIsOneTransaction || sameTransaction(migration, at, offset));
      });
    }


    /**
     * Where CONCURRENTLY can go in automatically: never inside a transaction block or a DO block,
     * where PostgreSQL rejects it. Alone in its file it is a fix; next to other statements only
     * a suggestion, since a runner that sends the file as one query runs it in a transaction.
     */
    function report(
      statement: CreateIndexStmt | DropIndexStmt | ReindexStmt,
      range: [number, number],
      messageId: MessageIds,
      data: Record<string, string>,
      canAdd: boolean,
    ): void {
      const offset = statement.range?.[0] ?? 0;
      const insertable = canAdd && !fileIsOneTransaction && !isInTransaction(migration, offset) && !isInsideDoBlock(migration, offset);
      const add: RuleFixer = (fixer) => fixer.insertTextAfterRange(range, " CONCURRENTLY");
      context.report({
        loc: locOf(sourceCode, range),
        messageId,
        data,
        fix: insertable && topLevelStatements === 1 ? add : null,
        suggest: insertable && topLevelStatements > 1 ? [{ messageId: "addConcurrently", fix: add }] : [],
      });
    }

    return {
      create_index_stmt(statement) {
        if (statement.concurrentlyKw) return;
        const offset = statement.range?.[0] ?? 0;
        // ON ONLY builds the (invalid) index of a partitioned parent alone, without touching the partitions.
        if (statement.table.type === "table_without_inheritance") return;
        const table = tableName(statement.table);
        if (isTableNew(context, migration, table, offset)) return;
        const data = { table: table ?? sourceCode.getText(statement.table) };
        // Built under a lock the transaction already holds: reads wait too, for the whole build.
        const locked = exclusiveLocksAround(table, offset).find((statement) => (statement.range?.[0] ?? 0) < offset);
        if (locked) {
          const line = String(sourceCode.getLocFromIndex(locked.range?.[0] ?? 0).line);
          report(statement, spanOf(statement.createKw, statement.indexKw), "createIndexUnderLock", { ...data, line }, true);
        } else {
          report(statement, spanOf(statement.createKw, statement.indexKw), "createIndex", data, true);
        }
      },

      drop_index_stmt(statement) {
        if (statement.concurrentlyKw) return;
        const offset = statement.range?.[0] ?? 0;
        const indexes = statement.indexes.items;
        if (indexes.every((index) => isIndexOfNewTable(migration, tableName(index), offset))) return;
        // The transaction locks the index's table ACCESS EXCLUSIVE anyway: a concurrent drop would spare no one.
        if (indexes.every((index) => isOnTableLockedExclusively(tableName(index), offset))) return;
        const names = indexes.map((index) => tableName(index) ?? sourceCode.getText(index)).join('", "');
        // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
        const canAdd = indexes.length === 1 && statement.behaviorKw?.name !== "CASCADE";
        report(statement, spanOf(statement.dropKw, statement.indexKw), "dropIndex", { index: names }, canAdd);
      },

      reindex_stmt(statement) {
        const option = concurrentlyOption(statement);
        if (statement.concurrentlyKw || (option && option.value?.value !== false)) return;
        const target = statement.targetKw?.name;
        // REINDEX SYSTEM has no concurrent form; it is not something a migration does.
        if (!target || target === "SYSTEM" || !statement.name) return;
        const offset = statement.range?.[0] ?? 0;
        const name = tableName(statement.name);
        if (target === "INDEX" && isIndexOfNewTable(migration, name, offset)) return;
        if (target === "TABLE" && isTableNew(context, migration, name, offset)) return;
        const data = { target, name: name ?? sourceCode.getText(statement.name), pgVersion: String(migration.pgVersion) };
        const range = spanOf(statement.reindexKw, statement.targetKw);
        if (migration.pgVersion < 12) report(statement, range, "reindexBeforePg12", data, false);
        else report(statement, range, "reindex", data, option === undefined);
      },
    };
  },
});
