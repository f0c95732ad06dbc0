import type { AlterTableStmt, CreateTableStmt } from "sql-parser-cst";
import type { MigrationContext } from "./migration-context.ts";
import { identifierName } from "./identifier-name.ts";
import { tableName } from "./table-name.ts";

/**
 * Schemas, views, enum types, enum values and columns this migration creates, by name, with
 * the offset of the first statement that creates each. Like a table created in the same file,
 * none of them has rows or running code depending on it yet, so renaming or dropping it is
 * harmless. (Tables are in `MigrationContext.createdTables`.)
 */
interface SchemaObjectsInFile {
  schemas: Map<string, number>;
  /** Views created without OR REPLACE (which may replace one the running code reads). */
  views: Map<string, number>;
  types: Map<string, number>;
  /** `type \0 value` */
  enumValues: Map<string, number>;
  /** `table \0 column`: columns added to existing tables, and the columns of created tables. */
  columns: Map<string, number>;
}

const indexes = new WeakMap<MigrationContext, SchemaObjectsInFile>();

const key = (...parts: string[]): string => parts.join("\u0000");

function firstAt(map: Map<string, number>, name: string | undefined, offset: number | undefined): void {
  if (name !== undefined && offset !== undefined && !map.has(name)) map.set(name, offset);
}

function addColumns(index: SchemaObjectsInFile, statement: CreateTableStmt | AlterTableStmt): void {
  if (statement.type === "create_table_stmt") {
    const table = tableName(statement.name);
    if (table === undefined) return;
    for (const item of statement.columns?.expr.items ?? []) {
      if (item.type === "column_definition") firstAt(index.columns, key(table, identifierName(item.name)), statement.range?.[0]);
    }
    return;
  }
  const table = tableName(statement.table);
  if (table === undefined) return;
  for (const action of statement.actions.items) {
    if (action.type === "alter_action_add_column") firstAt(index.columns, key(table, identifierName(action.column.name)), action.range?.[0]);
  }
}

function schemaObjectsInFile(migration: MigrationContext): SchemaObjectsInFile {
  let index = indexes.get(migration);
  if (index) return index;
  index = { schemas: new Map(), views: new Map(), types: new Map(), enumValues: new Map(), columns: new Map() };
  for (const statement of migration.statements) {
    switch (statement.type) {
      case "create_schema_stmt":
        // MySQL's CREATE DATABASE is its CREATE SCHEMA.
        firstAt(index.schemas, tableName(statement.name), statement.range?.[0]);
        break;
      case "create_view_stmt":
        if (!statement.orReplaceKw) firstAt(index.views, tableName(statement.name), statement.range?.[0]);
        break;
      case "create_type_stmt": {
        const type = tableName(statement.name);
        firstAt(index.types, type, statement.range?.[0]);
        if (type !== undefined && statement.definition?.type === "enum_type_definition") {
          for (const value of statement.definition.values.expr.items) firstAt(index.enumValues, key(type, value.value), statement.range?.[0]);
        }
        break;
      }
      case "alter_type_stmt": {
        const type = tableName(statement.name);
        if (type === undefined) break;
        for (const action of statement.actions.items) {
          if (action.type === "alter_action_add_enum_value") firstAt(index.enumValues, key(type, action.value.value), action.range?.[0]);
        }
        break;
      }
      case "create_table_stmt":
      case "alter_table_stmt":
        addColumns(index, statement);
        break;
      default:
        break;
    }
  }
  indexes.set(migration, index);
  return index;
}

function isEarlier(map: Map<string, number>, name: string, offset: number): boolean {
  const createdAt = map.get(name);
  return createdAt !== undefined && createdAt < offset;
}

/** True when `CREATE SCHEMA` made `schema` earlier in this migration. */
export function isSchemaCreatedEarlierInFile(migration: MigrationContext, schema: string | undefined, offset: number): boolean {
  return schema !== undefined && isEarlier(schemaObjectsInFile(migration).schemas, schema, offset);
}

/** True when `CREATE VIEW` (or `CREATE MATERIALIZED VIEW`), without OR REPLACE, made `view` earlier in this migration. */
export function isViewCreatedEarlierInFile(migration: MigrationContext, view: string | undefined, offset: number): boolean {
  return view !== undefined && isEarlier(schemaObjectsInFile(migration).views, view, offset);
}

/** True when `CREATE TYPE` made `type` earlier in this migration. */
export function isTypeCreatedEarlierInFile(migration: MigrationContext, type: string | undefined, offset: number): boolean {
  return type !== undefined && isEarlier(schemaObjectsInFile(migration).types, type, offset);
}

/** True when enum `type` got `value` earlier in this migration, from `CREATE TYPE … AS ENUM` or `ALTER TYPE … ADD VALUE`. */
export function isEnumValueAddedEarlierInFile(migration: MigrationContext, type: string | undefined, value: string, offset: number): boolean {
  return type !== undefined && isEarlier(schemaObjectsInFile(migration).enumValues, key(type, value), offset);
}

/** True when this migration added `column` to `table` (or created the table with it) earlier. */
export function isColumnAddedEarlierInFile(migration: MigrationContext, table: string | undefined, column: string, offset: number): boolean {
  return table !== undefined && isEarlier(schemaObjectsInFile(migration).columns, key(table, column), offset);
}
