import type { SqlNode } from "../language/parse-sql.ts";
import { isInTransaction, type MigrationContext } from "./migration-context.ts";
import { mysqlAlterActions } from "./mysql-alter-actions.ts";
import { tableName } from "./table-name.ts";

/**
 * Offsets at which this migration renames a table to each name. A table dropped or renamed away
 * and then replaced by another table renamed to its name is a table swap, the standard way to
 * rebuild a table: build `users_new`, copy the rows, drop or rename `users` away and rename
 * `users_new` to `users` (Prisma does this on SQLite; `RENAME TABLE users TO users_old,
 * users_new TO users` on MySQL). The running code keeps finding a `users` table throughout.
 */
const indexes = new WeakMap<MigrationContext, Map<string, number[]>>();

function renamesTo(migration: MigrationContext): Map<string, number[]> {
  let index = indexes.get(migration);
  if (index) return index;
  const found = new Map<string, number[]>();
  const add = (name: string | undefined, offset: number | undefined): void => {
    if (name !== undefined && offset !== undefined) found.set(name, [...(found.get(name) ?? []), offset]);
  };
  // sql-parser-cst's Statement type leaves out MySQL's RENAME TABLE, which it does parse.
  for (const statement of migration.statements as readonly SqlNode[]) {
    if (statement.type === "alter_table_stmt") {
      for (const action of statement.actions.items) {
        if (action.type === "alter_action_rename") add(tableName(action.newName), action.range?.[0]);
      }
    } else if (statement.type === "rename_table_stmt") {
      for (const action of statement.actions.items) add(tableName(action.to), action.range?.[0]);
    } else if (statement.type === "mysql_fallback_stmt") {
      for (const action of mysqlAlterActions(statement)) if (action.kind === "rename-table") add(action.newName, action.range[0]);
    }
  }
  index = found;
  indexes.set(migration, index);
  return index;
}

/**
 * True when this migration gave `table` its name before `offset`, renaming another table to it
 * (`ALTER TABLE user_ RENAME TO person`), and the name was free before: the code still running
 * knows the table by its old name only, so changing it under the new one breaks nothing more than
 * the rename (which no-rename reports). Not a swap, where the name was renamed away or dropped
 * first and the running code keeps using it.
 */
export function isNewNameEarlierInFile(migration: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined) return false;
  const renamedAt = (renamesTo(migration).get(table) ?? []).filter((at) => at < offset);
  if (renamedAt.length === 0) return false;
  const first = Math.min(...renamedAt);
  return !(migration.statements as readonly SqlNode[]).some((statement) => {
    if ((statement.range?.[0] ?? 0) >= first) return false;
    if (statement.type === "drop_table_stmt") return statement.tables.items.some((item) => tableName(item) === table);
    return statement.type === "alter_table_stmt" && tableName(statement.table) === table && statement.actions.items.some((action) => action.type === "alter_action_rename");
  });
}

/** True when, after `offset`, this migration renames another table to `table`: the table is being swapped out, not removed. */
export function isTableReplacedLaterInFile(migration: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined) return false;
  return (renamesTo(migration).get(table) ?? []).some((renamedAt) => renamedAt > offset);
}

/**
 * True when, after `offset`, this migration creates `table` again and fills it from a query
 * (`CREATE TABLE t AS SELECT …`, or `CREATE TABLE t (…)` then `INSERT INTO t … SELECT …`), inside
 * the transaction the drop runs in: a derived table rebuilt from its sources (an aggregates
 * cache, a denormalised copy). The code still running never sees it missing, and what it held
 * is computed again.
 */
export function isTableRebuiltFromQueryLaterInFile(migration: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined || !isInTransaction(migration, offset)) return false;
  let created = false;
  for (const statement of migration.statements as readonly SqlNode[]) {
    if ((statement.range?.[0] ?? 0) <= offset) continue;
    if (statement.type === "create_table_stmt" && tableName(statement.name) === table) {
      if (statement.clauses.some((clause) => clause.type === "as_clause" && clause.expr.type === "select_stmt")) return true;
      created = true;
    } else if (created && statement.type === "insert_stmt") {
      const into = statement.clauses.find((clause) => clause.type === "insert_clause");
      if (into?.type === "insert_clause" && tableName(into.table) === table && statement.clauses.some((clause) => clause.type === "select_stmt")) return true;
    }
  }
  return false;
}
