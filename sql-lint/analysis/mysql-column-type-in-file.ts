import type { SqlStatementNode } from "../language/parse-sql.ts";
import { identifierName } from "./identifier-name.ts";
import type { MigrationContext } from "./migration-context.ts";
import { mysqlAlterActions, mysqlTableName } from "./mysql-alter-actions.ts";
import { mysqlTypeFromCst, type MysqlColumnType } from "./mysql-column-type.ts";
import { createdMysqlTable, mysqlCreatedColumns } from "./mysql-created-table.ts";
import { tableName } from "./table-name.ts";

interface TypeAssignment {
  offset: number;
  type: MysqlColumnType | undefined;
}

const indexes = new WeakMap<MigrationContext, Map<string, TypeAssignment[]>>();

/** MySQL column names are case-insensitive. */
const key = (table: string, column: string): string => `${table}\u0000${column.toLowerCase()}`;

/** Every type this MySQL migration gives each column (CREATE TABLE, ADD, MODIFY, CHANGE), in execution order. */
function typeAssignments(migration: MigrationContext): Map<string, TypeAssignment[]> {
  let index = indexes.get(migration);
  if (index) return index;
  const found = new Map<string, TypeAssignment[]>();
  const assign = (table: string | undefined, column: string, type: MysqlColumnType | undefined, offset: number | undefined): void => {
    if (table === undefined || offset === undefined) return;
    found.set(key(table, column), [...(found.get(key(table, column)) ?? []), { offset, type }]);
  };
  for (const statement of migration.statements) {
    if (statement.type === "create_table_stmt") {
      const table = tableName(statement.name);
      for (const item of statement.columns?.expr.items ?? []) {
        if (item.type === "column_definition") assign(table, identifierName(item.name), item.dataType && mysqlTypeFromCst(item.dataType), statement.range?.[0]);
      }
    } else if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      for (const action of statement.actions.items) {
        if (action.type !== "alter_action_add_column") continue;
        assign(table, identifierName(action.column.name), action.column.dataType && mysqlTypeFromCst(action.column.dataType), action.range?.[0]);
      }
    } else if (statement.type === "mysql_fallback_stmt") {
      const table = mysqlTableName(statement);
      if (createdMysqlTable(statement) !== undefined) {
        for (const column of mysqlCreatedColumns(statement)) assign(table, column.name, column.definition.type, statement.range[0]);
      }
      for (const action of mysqlAlterActions(statement)) {
        if (action.kind === "add-column" || action.kind === "change-column") {
          assign(table, action.kind === "add-column" ? action.column : action.newName, action.definition.type, action.range[0]);
        }
      }
    }
  }
  index = found;
  indexes.set(migration, index);
  return index;
}

/**
 * The type this MySQL migration last gave `table`.`column` before `offset`; undefined when the
 * file does not say (the column comes from an earlier migration).
 */
export function mysqlColumnTypeBefore(migration: MigrationContext, table: string | undefined, column: string, offset: number): MysqlColumnType | undefined {
  if (table === undefined) return undefined;
  let latest: MysqlColumnType | undefined;
  for (const assignment of typeAssignments(migration).get(key(table, column)) ?? []) {
    if (assignment.offset < offset) latest = assignment.type;
  }
  return latest;
}

/**
 * The type the down half of the migration gives `table`.`column` back (`MODIFY column type` or
 * `CHANGE new column type`): what the column was before the up half changed it.
 */
export function mysqlColumnTypeRestoredByDown(down: readonly SqlStatementNode[], table: string | undefined, column: string): MysqlColumnType | undefined {
  if (table === undefined) return undefined;
  for (const statement of down) {
    if (statement.type !== "mysql_fallback_stmt" || mysqlTableName(statement) !== table) continue;
    for (const action of mysqlAlterActions(statement)) {
      if (action.kind === "change-column" && action.newName.toLowerCase() === column.toLowerCase() && action.definition.type) return action.definition.type;
    }
  }
  return undefined;
}
