import type { AlterTableStmt, CreateTableStmt, DataType } from "sql-parser-cst";
import type { MysqlFallbackStatement, SqlStatementNode } from "../language/parse-sql.ts";
import { identifierName } from "./identifier-name.ts";
import { mysqlAlterActions, mysqlTableName } from "./mysql-alter-actions.ts";
import { createdMysqlTable, mysqlCreatedColumns } from "./mysql-created-table.ts";
import { isInTransaction, sameTransaction, type MigrationContext } from "./migration-context.ts";
import { pgRelationName } from "./pg-nodes.ts";
import { tableName, updatedTable } from "./table-name.ts";

/**
 * What this migration creates, by normalised name, with the offset of the first statement that
 * creates each. Nothing created in the file has rows written by the application, readers or
 * running code depending on it yet, so locking, renaming or dropping it is harmless.
 * (Tables are also in `MigrationContext.createdTables`.)
 */
interface CreatedInFile {
  /** Tables, views and materialized views, including statements only PostgreSQL's parser read. */
  relations: Map<string, number>;
  /** Index name → offset and the table it is on. */
  indexes: Map<string, { offset: number; table: string | undefined }>;
  domains: Map<string, number>;
  schemas: Map<string, number>;
  /** Views created without OR REPLACE (which may replace one the running code reads). */
  newViews: Map<string, number>;
  /** Plain (not materialized) views → every offset at which one of that name is created or replaced. */
  viewCreations: Map<string, number[]>;
  types: Map<string, number>;
  /** `type \0 value` */
  enumValues: Map<string, number>;
  /** `table \0 column`: columns added to existing tables, columns renamed to a new name, and the columns of created tables. */
  columns: Map<string, number>;
  /**
   * `table \0 column` → every offset at which a column of that name is added (with the type it is
   * added with), or a column this migration added is renamed to it (`byRename`): what takes the
   * name over in a column swap.
   */
  columnAppearances: Map<string, ColumnAppearance[]>;
  /** `table \0 column`: columns renamed to that name, with the rename's offset. */
  renamedColumns: Map<string, number>;
  /**
   * Every offset at which a table, view or materialized view of that name comes into being:
   * created (OR REPLACE included), or another relation renamed to it.
   */
  relationAppearances: Map<string, number[]>;
}

interface ColumnAppearance {
  offset: number;
  byRename: boolean;
  dataType?: DataType;
}

const cache = new WeakMap<MigrationContext, CreatedInFile>();

const key = (...parts: string[]): string => parts.join("\u0000");

function remember(into: Map<string, number>, name: string | undefined, offset: number | undefined): void {
  if (name !== undefined && offset !== undefined && !into.has(name)) into.set(name, offset);
}

function addColumns(created: CreatedInFile, statement: CreateTableStmt | AlterTableStmt): void {
  if (statement.type === "create_table_stmt") {
    const table = tableName(statement.name);
    if (table === undefined) return;
    for (const item of statement.columns?.expr.items ?? []) {
      if (item.type === "column_definition") remember(created.columns, key(table, identifierName(item.name)), statement.range?.[0]);
    }
    return;
  }
  const table = tableName(statement.table);
  if (table === undefined) return;
  for (const action of statement.actions.items) {
    const column =
      action.type === "alter_action_add_column" ? identifierName(action.column.name) : action.type === "alter_action_rename_column" ? identifierName(action.newName) : undefined;
    if (column === undefined || action.range === undefined) continue;
    // A name this migration gives (added, or renamed to) is one no running code uses yet.
    const copiedFrom = action.type === "alter_action_rename_column" ? created.columns.get(key(table, identifierName(action.oldName))) : undefined;
    remember(created.columns, key(table, column), action.range[0]);
    if (action.type === "alter_action_rename_column") {
      remember(created.renamedColumns, key(table, column), action.range[0]);
      // A copy this migration added takes the name over; an existing column renamed to it holds
      // other data (`RENAME sidebar TO description` after `RENAME description TO summary`).
      if (copiedFrom === undefined || copiedFrom > action.range[0]) continue;
    }
    const appearances = created.columnAppearances.get(key(table, column)) ?? [];
    appearances.push(
      action.type === "alter_action_add_column" ? { offset: action.range[0], byRename: false, dataType: action.column.dataType } : { offset: action.range[0], byRename: true },
    );
    created.columnAppearances.set(key(table, column), appearances);
  }
}

function appendTo(into: Map<string, number[]>, name: string, offset: number): void {
  const offsets = into.get(name);
  if (!offsets) into.set(name, [offset]);
  else if (!offsets.includes(offset)) offsets.push(offset);
}


/** Columns of a MySQL `CREATE TABLE` or `ALTER TABLE … ADD` that only node-sql-parser read. */
function addMysqlColumns(created: CreatedInFile, statement: MysqlFallbackStatement): void {
  const table = mysqlTableName(statement);
  if (table === undefined) return;
  if (createdMysqlTable(statement) !== undefined) {
    for (const column of mysqlCreatedColumns(statement)) remember(created.columns, key(table, column.name), statement.range[0]);
    return;
  }
  for (const action of mysqlAlterActions(statement)) {
    if (action.kind === "add-column") remember(created.columns, key(table, action.column), action.range[0]);
  }
}

function createdInFile(migration: MigrationContext): CreatedInFile {
  let created = cache.get(migration);
  if (created) return created;
  created = {
    relations: new Map(migration.createdTables),
    indexes: new Map(),
    domains: new Map(),
    schemas: new Map(),
    newViews: new Map(),
    viewCreations: new Map(),
    types: new Map(),
    enumValues: new Map(),
    columns: new Map(),
    columnAppearances: new Map(),
    renamedColumns: new Map(),
    relationAppearances: new Map(),
  };
  const appears = (name: string | undefined, offset: number | undefined): void => {
    if (name !== undefined && offset !== undefined) appendTo(created.relationAppearances, name, offset);
  };
  for (const statement of migration.statements) {
    const offset = statement.range?.[0] ?? 0;
    switch (statement.type) {
      case "create_view_stmt":
        appears(tableName(statement.name), offset);
        remember(created.relations, tableName(statement.name), offset);
        if (!statement.orReplaceKw) remember(created.newViews, tableName(statement.name), offset);
        // Only a permanent, plain view stands in for a table: a temporary one is the migration's own, a materialized one a copy.
        if (statement.kinds.length === 0 || statement.kinds.every((kind) => !Array.isArray(kind.kindKw) && kind.kindKw.name === "RECURSIVE")) {
          const view = tableName(statement.name);
          if (view !== undefined) appendTo(created.viewCreations, view, offset);
        }
        break;
      case "create_index_stmt": {
        const name = tableName(statement.name);
        if (name !== undefined && !created.indexes.has(name)) created.indexes.set(name, { offset, table: tableName(statement.table) });
        break;
      }
      case "create_domain_stmt":
        remember(created.domains, tableName(statement.name), offset);
        break;
      case "create_schema_stmt":
        // MySQL's CREATE DATABASE is its CREATE SCHEMA.
        remember(created.schemas, tableName(statement.name), offset);
        break;
      case "create_type_stmt": {
        const type = tableName(statement.name);
        remember(created.types, type, offset);
        if (type !== undefined && statement.definition?.type === "enum_type_definition") {
          for (const value of statement.definition.values.expr.items) remember(created.enumValues, key(type, value.value), offset);
        }
        break;
      }
      case "alter_type_stmt": {
        const type = tableName(statement.name);
        if (type === undefined) break;
        for (const action of statement.actions.items) {
          if (action.type === "alter_action_add_enum_value") remember(created.enumValues, key(type, action.value.value), action.range?.[0]);
        }
        break;
      }
      case "create_table_stmt":
        appears(tableName(statement.name), offset);
        addColumns(created, statement);
        break;
      case "alter_table_stmt":
        for (const action of statement.actions.items) if (action.type === "alter_action_rename") appears(tableName(action.newName), action.range?.[0]);
        addColumns(created, statement);
        break;
      case "alter_view_stmt":
        for (const action of statement.actions.items) if (action.type === "alter_action_rename") appears(tableName(action.newName), action.range?.[0]);
        break;
      case "mysql_fallback_stmt":
        addMysqlColumns(created, statement);
        break;
      case "pg_fallback_stmt": {
        const { pg } = statement;
        if (statement.kind === "CreateStmt") remember(created.relations, pgRelationName(pg.relation), offset);
        if (statement.kind === "CreateTableAsStmt") remember(created.relations, pgRelationName((pg.into as { rel?: unknown } | undefined)?.rel), offset);
        if (statement.kind === "ViewStmt" && (pg.view as { relpersistence?: string } | undefined)?.relpersistence !== "t") {
          const view = pgRelationName(pg.view);
          remember(created.relations, view, offset);
          if (view !== undefined) appendTo(created.viewCreations, view, offset);
        }
        if (statement.kind === "CreateStmt" || statement.kind === "ViewStmt") appears(pgRelationName(pg.relation ?? pg.view), offset);
        if (statement.kind === "CreateTableAsStmt") appears(pgRelationName((pg.into as { rel?: unknown } | undefined)?.rel), offset);
        if (statement.kind === "IndexStmt" && typeof pg.idxname === "string" && !created.indexes.has(pg.idxname)) {
          created.indexes.set(pg.idxname, { offset, table: pgRelationName(pg.relation) });
        }
        break;
      }
      default:
        break;
    }
  }
  cache.set(migration, created);
  return created;
}

function createdBefore(objects: ReadonlyMap<string, number>, name: string | undefined, offset: number): boolean {
  if (name === undefined) return false;
  const createdAt = objects.get(name);
  return createdAt !== undefined && createdAt < offset;
}

/**
 * True when this migration created the table, view or materialized view `name` before
 * `offset`, including statements only PostgreSQL's parser read. Such a relation has no rows
 * written by the application and no readers yet, so locking it blocks nobody.
 */
export function isRelationCreatedEarlierInFile(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  return createdBefore(createdInFile(migration).relations, name, offset);
}

/**
 * True when this migration created the index `name` before `offset`, on a table it created
 * before that. (Dropping or rebuilding an index locks its table, so an index that is new but
 * sits on an existing table does not count.)
 */
export function isIndexOfNewTable(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  const index = name === undefined ? undefined : createdInFile(migration).indexes.get(name);
  return index !== undefined && index.offset < offset && isRelationCreatedEarlierInFile(migration, index.table, index.offset + 1);
}

/**
 * True when, after `offset`, this migration creates a table, view or materialized view named
 * `name` again (or renames one to it), in the transaction the statement at `offset` runs in when
 * it runs in one: a view dropped to change its definition, which the running code keeps finding.
 */
export function isRelationRecreatedLaterInFile(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  if (name === undefined) return false;
  const inTransaction = isInTransaction(migration, offset);
  return (createdInFile(migration).relationAppearances.get(name) ?? []).some((at) => at > offset && (!inTransaction || sameTransaction(migration, offset, at)));
}

/** True when this migration created the domain `name` before `offset`: no existing column uses it yet. */
export function isDomainCreatedEarlierInFile(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  return createdBefore(createdInFile(migration).domains, name, offset);
}

/** True when `CREATE SCHEMA` made `schema` earlier in this migration. */
export function isSchemaCreatedEarlierInFile(migration: MigrationContext, schema: string | undefined, offset: number): boolean {
  return schema !== undefined && createdBefore(createdInFile(migration).schemas, schema, offset);
}

/** True when `CREATE VIEW` (or `CREATE MATERIALIZED VIEW`), without OR REPLACE, made `view` earlier in this migration. */
export function isViewCreatedEarlierInFile(migration: MigrationContext, view: string | undefined, offset: number): boolean {
  return view !== undefined && createdBefore(createdInFile(migration).newViews, view, offset);
}

/**
 * True when, after `offset` and in the same transaction, this migration creates a plain view named
 * `name`: a table renamed away and replaced by a view over its new name, the compatibility step
 * of a rename. A simple view reads and writes through to the table, so the code still running
 * keeps working with the old name, and no moment passes without it.
 */
export function isReplacedByViewLaterInTransaction(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  if (name === undefined) return false;
  return (createdInFile(migration).viewCreations.get(name) ?? []).some((at) => at > offset && sameTransaction(migration, offset, at));
}

/** The plain, permanent views this migration creates or replaces, by name. */
export function createsPlainView(migration: MigrationContext): ReadonlySet<string> {
  return new Set(createdInFile(migration).viewCreations.keys());
}

/** True when `CREATE TYPE` made `type` earlier in this migration. */
export function isTypeCreatedEarlierInFile(migration: MigrationContext, type: string | undefined, offset: number): boolean {
  return type !== undefined && createdBefore(createdInFile(migration).types, type, offset);
}

/** True when enum `type` got `value` earlier in this migration, from `CREATE TYPE … AS ENUM` or `ALTER TYPE … ADD VALUE`. */
export function isEnumValueAddedEarlierInFile(migration: MigrationContext, type: string | undefined, value: string, offset: number): boolean {
  return type !== undefined && createdBefore(createdInFile(migration).enumValues, key(type, value), offset);
}

/**
 * True when, after `offset` and in the same transaction, this migration gives `table` a column
 * named `column` again that holds what the code reads there: a copy it added and filled, renamed
 * to the name, or a column added under the name that an UPDATE then fills (from the column renamed
 * aside). A column swapped out, not removed. A column merely added again is new and empty (a
 * DROP then ADD of the same name loses every value); outside a transaction the running code would
 * see the column missing in between; an existing column renamed to the name holds other data than
 * the code expects.
 */
export function isColumnRestoredLaterInFile(migration: MigrationContext, table: string | undefined, column: string, offset: number, renamedTo?: string): boolean {
  if (table === undefined) return false;
  return laterAppearances(migration, table, column, offset).some(
    (appearance) =>
      appearance.byRename ||
      isColumnSetLaterInTransaction(migration, table, column, appearance.offset) ||
      // Renamed aside only to be dropped: a column replaced under its name, whose values the drop decides about.
      (renamedTo !== undefined && isColumnDroppedLaterInTransaction(migration, table, renamedTo, appearance.offset)),
  );
}

/**
 * Where, after `offset` and in the same transaction, this migration merely adds a column named
 * `column` to `table` again, not filled from anything, and the type it adds it with: a new, empty
 * column under the old name.
 */
export function columnAddedAgain(migration: MigrationContext, table: string | undefined, column: string, offset: number): { offset: number; dataType?: DataType } | undefined {
  return laterAppearances(migration, table, column, offset).find((appearance) => !appearance.byRename);
}

function laterAppearances(migration: MigrationContext, table: string | undefined, column: string, offset: number): ColumnAppearance[] {
  if (table === undefined || !isInTransaction(migration, offset)) return [];
  return (createdInFile(migration).columnAppearances.get(key(table, column)) ?? []).filter(
    (appearance) => appearance.offset > offset && sameTransaction(migration, offset, appearance.offset),
  );
}

export type AlterAction = Extract<SqlStatementNode, { type: "alter_table_stmt" }>["actions"]["items"][number];

/** Whether an `ALTER TABLE` action on `table` that `matches` follows `offset` in the file. */
export function isAlterActionLater(migration: MigrationContext, table: string | undefined, offset: number, matches: (action: AlterAction) => boolean): boolean {
  return migration.statements.some(
    (statement) =>
      statement.type === "alter_table_stmt" &&
      tableName(statement.table) === table &&
      statement.actions.items.some((action) => (action.range?.[0] ?? 0) > offset && matches(action)),
  );
}

/** Whether an `ALTER TABLE` action on `table` that `matches` comes before `offset` (an earlier action of the same statement included). */
export function isAlterActionBefore(migration: MigrationContext, table: string | undefined, offset: number, matches: (action: AlterAction) => boolean): boolean {
  return migration.statements.some(
    (statement) =>
      statement.type === "alter_table_stmt" &&
      tableName(statement.table) === table &&
      statement.actions.items.some((action) => (action.range?.[0] ?? 0) < offset && matches(action)),
  );
}

/** Whether an `ALTER TABLE` action on `table` that `matches` follows `offset` in the same transaction. */
export function isAlterActionLaterInTransaction(migration: MigrationContext, table: string | undefined, offset: number, matches: (action: AlterAction) => boolean): boolean {
  return isAlterActionLater(migration, table, offset, (action) => sameTransaction(migration, offset, action.range?.[0] ?? 0) && matches(action));
}

/** Whether an `ALTER TABLE … DROP COLUMN` of `table`.`column` follows `offset` in the same transaction. */
function isColumnDroppedLaterInTransaction(migration: MigrationContext, table: string, column: string, offset: number): boolean {
  return isAlterActionLaterInTransaction(migration, table, offset, (action) => action.type === "alter_action_drop_column" && identifierName(action.column) === column);
}

/** Whether an UPDATE of `table` after `offset`, in the same transaction, sets `column`. */
function isColumnSetLaterInTransaction(migration: MigrationContext, table: string, column: string, offset: number): boolean {
  return migration.statements.some((statement) => {
    const start = statement.range?.[0] ?? 0;
    if (statement.type !== "update_stmt" || start <= offset || !sameTransaction(migration, offset, start)) return false;
    if (updatedTable(statement) !== table) return false;
    return statement.clauses.some(
      (clause) => clause.type === "set_clause" && clause.assignments.items.some((assignment) => assignment.type === "column_assignment" && assignment.column.type === "identifier" && identifierName(assignment.column) === column),
    );
  });
}

/** Where this migration renamed a column of `table` to `column` before `offset`, if it did: the column holds the old column's rows. */
export function columnRenamedToEarlierInFile(migration: MigrationContext, table: string | undefined, column: string, offset: number): number | undefined {
  const at = table === undefined ? undefined : createdInFile(migration).renamedColumns.get(key(table, column));
  return at !== undefined && at < offset ? at : undefined;
}

/** True when this migration added `column` to `table` (or created the table with it, or renamed a column to it) earlier. */
export function isColumnAddedEarlierInFile(migration: MigrationContext, table: string | undefined, column: string, offset: number): boolean {
  return columnAddedEarlierAt(migration, table, column, offset) !== undefined;
}

/** Where this migration added `column` to `table` (or created the table with it, or renamed a column to it), when that was before `offset`. */
export function columnAddedEarlierAt(migration: MigrationContext, table: string | undefined, column: string, offset: number): number | undefined {
  const at = table === undefined ? undefined : createdInFile(migration).columns.get(key(table, column));
  return at !== undefined && at < offset ? at : undefined;
}
