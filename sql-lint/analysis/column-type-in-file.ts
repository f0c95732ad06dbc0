import type { DataType } from "sql-parser-cst";
import type { MigrationContext } from "./migration-context.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { identifierName } from "./identifier-name.ts";
import { tableName } from "./table-name.ts";

interface TypeAssignment {
  offset: number;
  dataType: DataType;
}

const indexes = new WeakMap<MigrationContext, Map<string, TypeAssignment[]>>();

const key = (table: string, column: string): string => `${table}\u0000${column}`;

/** Every type this migration gives each column (`CREATE TABLE`, `ADD COLUMN`, `ALTER COLUMN … TYPE`), in execution order. */
function typeAssignments(migration: MigrationContext): Map<string, TypeAssignment[]> {
  let index = indexes.get(migration);
  if (index) return index;
  const found = new Map<string, TypeAssignment[]>();
  const assign = (table: string | undefined, column: string, dataType: DataType | undefined, offset: number | undefined): void => {
    if (table === undefined || dataType === undefined || offset === undefined) return;
    const list = found.get(key(table, column)) ?? [];
    list.push({ offset, dataType });
    found.set(key(table, column), list);
  };
  for (const statement of migration.statements) {
    if (statement.type === "create_table_stmt") {
      const table = tableName(statement.name);
      for (const item of statement.columns?.expr.items ?? []) {
        if (item.type === "column_definition") assign(table, identifierName(item.name), item.dataType, statement.range?.[0]);
      }
    } else if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      for (const action of statement.actions.items) {
        if (action.type === "alter_action_add_column") {
          assign(table, identifierName(action.column.name), action.column.dataType, action.range?.[0]);
        } else if (action.type === "alter_action_alter_column" && action.column.type === "identifier" && action.action.type === "alter_action_set_data_type") {
          assign(table, identifierName(action.column), action.action.dataType, action.range?.[0]);
        }
      }
    }
  }
  index = found;
  indexes.set(migration, index);
  return index;
}

/**
 * The type this migration last gave `table`.`column` before `offset`; undefined when the file
 * does not say (the column comes from an earlier migration).
 */
export function columnTypeBefore(migration: MigrationContext, table: string | undefined, column: string, offset: number): DataType | undefined {
  if (table === undefined) return undefined;
  let latest: DataType | undefined;
  for (const assignment of typeAssignments(migration).get(key(table, column)) ?? []) {
    if (assignment.offset < offset) latest = assignment.dataType;
  }
  return latest;
}

/**
 * The type the down half of the migration gives `table`.`column` back (`ALTER COLUMN … TYPE
 * varchar(128)` undoing the up half's `varchar(256)`): the type the up half replaces, when
 * neither the file nor the history states it.
 */
export function columnTypeRestoredByDown(down: readonly SqlStatementNode[], table: string | undefined, column: string): DataType | undefined {
  if (table === undefined) return undefined;
  let restored: DataType | undefined;
  for (const statement of down) {
    if (statement.type !== "alter_table_stmt" || tableName(statement.table) !== table) continue;
    for (const action of statement.actions.items) {
      if (action.type === "alter_action_alter_column" && action.column.type === "identifier" && identifierName(action.column) === column && action.action.type === "alter_action_set_data_type") {
        restored = action.action.dataType;
      }
    }
  }
  return restored;
}
