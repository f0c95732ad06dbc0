import type { MigrationContext } from "./migration-context.ts";
import { identifierName } from "./identifier-name.ts";
import { tableName } from "./table-name.ts";

/** Offsets of the `DROP TABLE`s and `DROP COLUMN`s of this migration, by table (and `table \0 column`). */
interface DropsInFile {
  tables: Map<string, number[]>;
  columns: Map<string, { column: string; offset: number }[]>;
}

const indexes = new WeakMap<MigrationContext, DropsInFile>();

function dropsInFile(migration: MigrationContext): DropsInFile {
  let index = indexes.get(migration);
  if (index) return index;
  const found: DropsInFile = { tables: new Map(), columns: new Map() };
  for (const statement of migration.statements) {
    if (statement.type === "drop_table_stmt") {
      for (const table of statement.tables.items) {
        const name = tableName(table);
        if (name !== undefined && table.range) found.tables.set(name, [...(found.tables.get(name) ?? []), table.range[0]]);
      }
    } else if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      if (table === undefined) continue;
      for (const action of statement.actions.items) {
        if (action.type !== "alter_action_drop_column" || !action.range) continue;
        found.columns.set(table, [...(found.columns.get(table) ?? []), { column: identifierName(action.column), offset: action.range[0] }]);
      }
    }
  }
  index = found;
  indexes.set(migration, index);
  return index;
}

/** True when this migration drops `table` after `offset`. */
export function isTableDroppedLaterInFile(migration: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined) return false;
  return (dropsInFile(migration).tables.get(table) ?? []).some((droppedAt) => droppedAt > offset);
}

/** The columns this migration drops from `table` after `offset`. */
export function columnsDroppedLaterInFile(migration: MigrationContext, table: string | undefined, offset: number): string[] {
  if (table === undefined) return [];
  return (dropsInFile(migration).columns.get(table) ?? []).filter((drop) => drop.offset > offset).map((drop) => drop.column);
}
