import type { Program } from "sql-parser-cst";
import { tableName } from "./table-name.ts";

/**
 * What a migration file itself establishes, computed once per file and shared by the rules.
 *
 * A table the same migration creates has no running code depending on it and no traffic to
 * block, so destructive or locking changes to it are safe until the file ends.
 */
export interface MigrationContext {
  /** Start offset of the first `CREATE TABLE` of each table in this file, by normalised name. */
  createdTables: ReadonlyMap<string, number>;
}

const contexts = new WeakMap<Program, MigrationContext>();

export function migrationContext(program: Program): MigrationContext {
  let context = contexts.get(program);
  if (!context) {
    const createdTables = new Map<string, number>();
    for (const statement of program.statements) {
      if (statement.type !== "create_table_stmt") continue;
      const name = tableName(statement.name);
      if (name !== undefined && !createdTables.has(name) && statement.range) {
        createdTables.set(name, statement.range[0]);
      }
    }
    context = { createdTables };
    contexts.set(program, context);
  }
  return context;
}

/** True when `table` was created by this migration before `offset`. */
export function isCreatedEarlierInFile(program: Program, table: string, offset: number): boolean {
  const createdAt = migrationContext(program).createdTables.get(table);
  return createdAt !== undefined && createdAt < offset;
}
