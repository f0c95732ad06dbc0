import { isPostgresql } from "../analysis/dialect.ts";
import { isCreatedEarlierInFile, isInTransaction, migrationOf } from "../analysis/migration-context.ts";
import { isRunnerTable, tableLockOf } from "../analysis/locks.ts";
import { columnTypeChange, type ColumnTypeChange } from "../analysis/column-type-rewrite.ts";
import { isAddedNotValid } from "../analysis/not-valid.ts";
import { tableName } from "../analysis/table-name.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import type { AlterTableStmt } from "sql-parser-cst";
import { createSqlRule } from "../create-sql-rule.ts";
import { downMigrationOf } from "../language/down-migration.ts";

/**
 * `ALTER TABLE` actions that read or rewrite every row: a type change that rewrites (`rewrites`
 * judges it from the column's old type), SET NOT NULL, a constraint checked as it is added.
 */
function scansRows(action: AlterTableStmt["actions"]["items"][number], rewrites: (action: AlterTableStmt["actions"]["items"][number]) => boolean): boolean {
  if (action.type === "alter_action_alter_column") return action.action.type === "alter_action_set_not_null" || (action.action.type === "alter_action_set_data_type" && rewrites(action));
  if (action.type === "alter_action_add_constraint") {
    return ["constraint_check", "constraint_foreign_key", "constraint_primary_key", "constraint_unique", "constraint_exclude"].includes(action.constraint.type) && !isAddedNotValid(action);
  }
  return action.type === "alter_action_validate_constraint";
}

/**
 * Whether a statement takes time in proportion to a table's rows, which the lock held meanwhile
 * turns into downtime: an index build, a row-by-row UPDATE, DELETE or INSERT … SELECT, a scan or
 * rewrite of ALTER TABLE, a copy into a new table, a refresh, VACUUM FULL or CLUSTER. Catalog-only
 * follow-ups (a rename, a nullable column, a constant default, a dropped column or constraint,
 * NOT VALID constraints, a type change PostgreSQL makes without a rewrite, views, functions,
 * comments, grants, LOCK TABLE) finish at once.
 */
function isSlowWork(statement: SqlStatementNode, rewrites: (action: AlterTableStmt["actions"]["items"][number]) => boolean): boolean {
  switch (statement.type) {
    case "create_index_stmt":
    case "reindex_stmt":
    case "refresh_materialized_view_stmt":
      return true;
    case "update_stmt":
    case "delete_stmt": {
      // PostgreSQL's own catalogs (`UPDATE pg_index SET indisready …`) hold a handful of rows per table.
      const target = statement.clauses.find((clause) => clause.type === "update_clause" || clause.type === "delete_clause");
      const table = target?.type === "update_clause" ? tableName(target.tables.items[0]) : target?.type === "delete_clause" ? tableName(target.tables.items[0]) : undefined;
      return !(table !== undefined && /^(?:pg_catalog\.)?pg_/u.test(table));
    }
    case "insert_stmt":
      return statement.clauses.some((clause) => clause.type === "select_stmt");
    case "create_table_stmt":
      return statement.clauses.some((clause) => clause.type === "as_clause");
    case "alter_table_stmt":
      return statement.actions.items.some((action) => scansRows(action, rewrites));
    case "select_stmt":
      // `SELECT backfill_scores()` or a query over a table; `SELECT 1`, `SELECT set_config(…)` take no time.
      return statement.clauses.some((clause) => clause.type === "from_clause");
    case "pg_fallback_stmt":
      return statement.kind === "VacuumStmt" || statement.kind === "ClusterStmt";
    default:
      return false;
  }
}

/** A type change that rewrites the table, or rebuilds the indexes on the column; an unknown change counts. */
function isSlowTypeChange(change: ColumnTypeChange | undefined): boolean {
  return change === undefined || change.rewrites || change.rebuildsIndexes;
}

export default createSqlRule<[], "workAfterLock">({
  name: "no-work-after-exclusive-lock",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow further statements in a transaction after one has taken an ACCESS EXCLUSIVE lock on an existing table",
      // Opt-in: what the finding costs depends on the size of the table, which the migration does not say (see the doc page).
      recommended: false,
    },
    schema: [],
    messages: {
      workAfterLock:
        'This statement runs while the ACCESS EXCLUSIVE lock on "{{table}}" taken on line {{line}} is still held, so nothing can read or write "{{table}}" until the whole transaction commits. ' +
        "Commit right after the locking statement (or combine the changes to that table into one ALTER TABLE), and do other work in its own transaction.",
    },
  },
  create(context) {
    // PostgreSQL's lock modes and transactional DDL; MySQL commits each DDL statement on its own.
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    const { sourceCode } = context;
    return {
      "program:exit"(program) {
        if (program !== sourceCode.ast) return;
        let held: { table: string; line: number } | undefined;
        for (const statement of migration.statements) {
          const start = statement.range?.[0] ?? 0;
          const rewrites = (action: AlterTableStmt["actions"]["items"][number]) =>
            statement.type !== "alter_table_stmt" ||
            isSlowTypeChange(columnTypeChange(migration, action, tableName(statement.table), {
                text: sourceCode.text,
                file: context.physicalFilename,
                dialect: "postgresql",
                down: () => downMigrationOf(sourceCode.ast),
              }));
          // A dropped table blocks nobody who could use it afterwards: the lock on it stops mattering.
          if (held && statement.type === "drop_table_stmt" && statement.tables.items.some((item) => tableName(item) === held!.table)) held = undefined;
          if (statement.type === "commit_transaction_stmt" || statement.type === "rollback_transaction_stmt" || statement.type === "start_transaction_stmt") {
            held = undefined;
            continue;
          }
          if (!isInTransaction(migration, start)) {
            held = undefined;
            continue;
          }
          if (held && isSlowWork(statement, rewrites)) {
            const lock = tableLockOf(statement);
            const onNewTable = lock !== undefined && isCreatedEarlierInFile(migration, lock.table, start);
            // A rewrite of the locked table takes that same lock itself: holding it already adds nothing.
            const locksHeldTable = lock?.mode === "ACCESS EXCLUSIVE" && lock.table === held.table;
            if (!onNewTable && !locksHeldTable) {
              context.report({ node: statement, messageId: "workAfterLock", data: { table: held.table, line: String(held.line) } });
              held = undefined;
              continue;
            }
          }
          const lock = tableLockOf(statement);
          const drops = statement.type === "drop_table_stmt";
          if (!held && !drops && lock?.mode === "ACCESS EXCLUSIVE" && lock.table !== undefined && !isCreatedEarlierInFile(migration, lock.table, start) && !isRunnerTable(lock.table)) {
            held = { table: lock.table, line: sourceCode.getLoc(statement).start.line };
          }
        }
      },
    };
  },
});
