/**
 * The sql-parser-cst front end of the schema-change model: what statements sql-parser-cst (or,
 * for MySQL and MariaDB, node-sql-parser) read change. It reads the linted file's own statements
 * (its changes before a point in it) and the earlier migrations of a dialect PostgreSQL's parser
 * does not read (`pg-schema-changes.ts` reads those).
 */
import type { ColumnDefinition, CreateFunctionStmt, DataType, ReferencesSpecification, Statement } from "sql-parser-cst";
import type { MysqlFallbackStatement, SqlStatementNode } from "../language/parse-sql.ts";
import { columnConstraints, requiredClause } from "./column-constraints.ts";
import { describeDataType, isSerialType } from "./data-type.ts";
import { identifierName } from "./identifier-name.ts";
import { mysqlAlterActions, mysqlTableName } from "./mysql-alter-actions.ts";
import { mysqlTypeText, type MysqlColumnType } from "./mysql-column-type.ts";
import { createdMysqlTable, mysqlCreatedColumns } from "./mysql-created-table.ts";
import { pgRelationName } from "./pg-nodes.ts";
import type { HistoricalType, SchemaChange } from "./schema-changes.ts";
import { tableName } from "./table-name.ts";

type Change = SchemaChange;

/** A function is VOLATILE unless its definition says STABLE or IMMUTABLE (PostgreSQL's default). */
export function isVolatileDefinition(statement: CreateFunctionStmt): boolean {
  return !statement.clauses.some(
    (clause) => clause.type === "function_behavior_clause" && !Array.isArray(clause.behaviorKw) && ["STABLE", "IMMUTABLE"].includes(clause.behaviorKw.name),
  );
}

/** Every `REFERENCES` clause below `node`: column constraints and table-level foreign keys, named or not. */
function referencesIn(node: unknown, found: ReferencesSpecification[] = []): ReferencesSpecification[] {
  if (!node || typeof node !== "object") return found;
  if (Array.isArray(node)) {
    for (const item of node) referencesIn(item, found);
    return found;
  }
  const record = node as Record<string, unknown>;
  if (record.type === "references_specification") found.push(node as ReferencesSpecification);
  for (const [key, value] of Object.entries(record)) if (key !== "range" && value && typeof value === "object") referencesIn(value, found);
  return found;
}

/** `ON DELETE CASCADE`, `SET NULL` or `SET DEFAULT`: deleting a referenced row changes the referencing rows. */
function cascadesOnDelete(reference: ReferencesSpecification): boolean {
  return reference.options.some((option) => {
    if (option.type !== "referential_action" || option.eventKw.name !== "DELETE") return false;
    const action = (Array.isArray(option.actionKw) ? option.actionKw : [option.actionKw]).map((keyword) => keyword.name).join(" ");
    return action === "CASCADE" || action === "SET NULL" || action === "SET DEFAULT";
  });
}

/** The names of the columns an index's column list mentions, in plain references and expressions. */
function identifiersIn(node: unknown): string[] {
  if (node === null || typeof node !== "object") return [];
  if ((node as { type?: unknown }).type === "identifier") return [identifierName(node as Parameters<typeof identifierName>[0])];
  if ((node as { type?: unknown }).type === "func_call") return identifiersIn((node as { args?: unknown }).args);
  return Object.values(node).flatMap(identifiersIn);
}

/** Whether a column definition rejects NULL: NOT NULL, PRIMARY KEY, an identity, or a serial type. */
function definesNotNull(column: ColumnDefinition): boolean {
  if (requiredClause(column) !== undefined || (column.dataType !== undefined && isSerialType(column.dataType))) return true;
  return columnConstraints(column).some(({ constraint }) => constraint.type === "constraint_generated" && constraint.expr.type === "identity_column");
}

/** The columns a table-level `PRIMARY KEY (a, b)` (named or not) makes NOT NULL. */
function primaryKeyColumns(item: unknown): string[] {
  const node = item as { type?: string; constraint?: { type?: string; columns?: unknown }; columns?: unknown };
  const constraint = node.type === "constraint" ? node.constraint : node;
  return constraint?.type === "constraint_primary_key" ? identifiersIn(constraint.columns) : [];
}

/** The views a statement creates, drops or renames. */
function viewChanges(statement: Statement | SqlStatementNode): Change[] {
  const view = (name: string | undefined, exists: boolean): Change[] => (name === undefined ? [] : [{ kind: "view", name, exists }]);
  switch (statement.type) {
    case "create_view_stmt":
      return view(tableName(statement.name), true);
    case "drop_view_stmt":
      return statement.views.items.flatMap((item) => view(tableName(item), false));
    case "alter_view_stmt":
      return statement.actions.items.flatMap((action) =>
        action.type === "alter_action_rename" ? [...view(tableName(statement.name), false), ...view(tableName(action.newName), true)] : [],
      );
    case "pg_fallback_stmt": {
      const { pg } = statement;
      if (statement.kind === "ViewStmt") return view(pgRelationName(pg.view), true);
      if (statement.kind === "CreateTableAsStmt" && pg.objtype === "OBJECT_MATVIEW") return view(pgRelationName((pg.into as { rel?: unknown } | undefined)?.rel), true);
      return [];
    }
    default:
      return [];
  }
}

/** What the statements of one migration change, in order. */
export function changesOfStatements(statements: readonly (Statement | SqlStatementNode)[], text: string, file: string): Change[] {
  const changes: Change[] = [];
  const typeOf = (dataType: DataType | undefined): HistoricalType | undefined =>
    dataType?.range ? { description: describeDataType(dataType), dataType, text: text.slice(dataType.range[0], dataType.range[1]).replace(/\s+/gu, " "), file } : undefined;
  for (const statement of statements) {
    if (statement.type === "create_table_stmt") {
      const table = tableName(statement.name);
      if (table === undefined) continue;
      // A table made anew forgets what an earlier table of the same name had.
      changes.push({ kind: "drop-table", table, created: true });
      if (statement.clauses.some((clause) => clause.type === "as_clause")) changes.push({ kind: "fill", table });
      for (const item of statement.columns?.expr.items ?? []) {
        const type = item.type === "column_definition" ? typeOf(item.dataType) : undefined;
        if (item.type === "column_definition" && type) changes.push({ kind: "type", table, column: identifierName(item.name), type, added: true });
        if (item.type === "column_definition") changes.push({ kind: "not-null", table, column: identifierName(item.name), notNull: definesNotNull(item) });
        for (const key of primaryKeyColumns(item)) changes.push({ kind: "not-null", table, column: key, notNull: true });
      }
      for (const reference of referencesIn(statement.columns)) {
        const target = tableName(reference.table);
        if (target !== undefined) changes.push({ kind: "references", table, target, cascades: cascadesOnDelete(reference) });
      }
    } else if (statement.type === "alter_table_stmt") {
      const table = tableName(statement.table);
      if (table === undefined) continue;
      for (const action of statement.actions.items) {
        if (action.type === "alter_action_add_column") {
          const type = typeOf(action.column.dataType);
          if (type) changes.push({ kind: "type", table, column: identifierName(action.column.name), type, added: true });
          changes.push({ kind: "not-null", table, column: identifierName(action.column.name), notNull: definesNotNull(action.column) });
        } else if (
          action.type === "alter_action_alter_column" &&
          action.column.type === "identifier" &&
          (action.action.type === "alter_action_set_not_null" || action.action.type === "alter_action_drop_not_null")
        ) {
          changes.push({ kind: "not-null", table, column: identifierName(action.column), notNull: action.action.type === "alter_action_set_not_null" });
        } else if (action.type === "alter_action_add_constraint") {
          for (const key of primaryKeyColumns(action.constraint)) changes.push({ kind: "not-null", table, column: key, notNull: true });
        } else if (action.type === "alter_action_alter_column" && action.column.type === "identifier" && action.action.type === "alter_action_set_data_type") {
          const type = typeOf(action.action.dataType);
          if (type) changes.push({ kind: "type", table, column: identifierName(action.column), type });
        } else if (action.type === "alter_action_rename_column") {
          changes.push({ kind: "rename-column", table, from: identifierName(action.oldName), to: identifierName(action.newName) });
        } else if (action.type === "alter_action_rename") {
          const to = tableName(action.newName);
          if (to !== undefined) changes.push({ kind: "rename-table", from: table, to });
        } else if (action.type === "alter_action_drop_column") {
          changes.push({ kind: "drop-column", table, column: identifierName(action.column) });
        }
      }
    } else if (statement.type === "insert_stmt") {
      const into = statement.clauses.find((clause) => clause.type === "insert_clause");
      const table = into?.type === "insert_clause" ? tableName(into.table) : undefined;
      // Rows from a query (a SELECT, a UNION of them, a WITH), not a list of VALUES.
      const fromValues = statement.clauses.some((clause) => clause.type === "values_clause" || clause.type === "default_values");
      if (table !== undefined && !fromValues && statement.clauses.length > 1) changes.push({ kind: "fill", table });
    } else if (statement.type === "create_index_stmt") {
      // An unnamed index gets a name from PostgreSQL; it still says which columns are indexed.
      const name = statement.name ? tableName(statement.name) : `\u0000${statement.range?.[0] ?? 0}@${file}`;
      const table = tableName(statement.table);
      if (name !== undefined && table !== undefined) changes.push({ kind: "index", name, table, columns: identifiersIn(statement.columns) });
    } else if (statement.type === "alter_index_stmt" && statement.action.type === "alter_action_rename") {
      const from = tableName(statement.index);
      const to = tableName(statement.action.newName);
      if (from !== undefined && to !== undefined) changes.push({ kind: "rename-index", from, to });
    } else if (statement.type === "drop_index_stmt") {
      for (const index of statement.indexes.items) {
        const name = tableName(index);
        if (name !== undefined) changes.push({ kind: "drop-index", name });
      }
    } else if (statement.type === "mysql_fallback_stmt") {
      changes.push(...mysqlChanges(statement, file));
    } else if (statement.type === "create_function_stmt") {
      const name = tableName(statement.name);
      if (name !== undefined) changes.push({ kind: "function", name, volatile: isVolatileDefinition(statement) });
    } else if (statement.type === "drop_table_stmt") {
      for (const item of statement.tables.items) {
        const table = tableName(item);
        if (table !== undefined) changes.push({ kind: "drop-table", table });
      }
    } else {
      changes.push(...viewChanges(statement));
    }
  }
  return changes;
}

/** What a MySQL statement only node-sql-parser read changes: `CREATE TABLE`, and `ALTER TABLE`'s columns and names. */
function mysqlChanges(statement: MysqlFallbackStatement, file: string): Change[] {
  const typeOf = (mysql: MysqlColumnType | undefined): HistoricalType | undefined => (mysql ? { mysql, text: mysqlTypeText(mysql), file } : undefined);
  const changes: Change[] = [];
  const created = createdMysqlTable(statement);
  if (created !== undefined) {
    changes.push({ kind: "drop-table", table: created, created: true });
    for (const column of mysqlCreatedColumns(statement)) {
      const type = typeOf(column.definition.type);
      if (type) changes.push({ kind: "type", table: created, column: column.name, type });
      changes.push({ kind: "not-null", table: created, column: column.name, notNull: column.definition.notNull || column.definition.primaryKey });
    }
    return changes;
  }
  const table = mysqlTableName(statement);
  if (table === undefined) return changes;
  for (const action of mysqlAlterActions(statement)) {
    if (action.kind === "add-column" || action.kind === "change-column") {
      const to = action.kind === "change-column" ? action.newName : action.column;
      if (action.kind === "change-column" && to !== action.column) changes.push({ kind: "rename-column", table, from: action.column, to });
      const type = typeOf(action.definition.type);
      if (type) changes.push({ kind: "type", table, column: to, type });
      // MODIFY and CHANGE restate the whole definition: without NOT NULL the column accepts NULL again.
      changes.push({ kind: "not-null", table, column: to, notNull: action.definition.notNull || action.definition.primaryKey });
    } else if (action.kind === "rename-column") {
      changes.push({ kind: "rename-column", table, from: action.column, to: action.newName });
    } else if (action.kind === "rename-table") {
      changes.push({ kind: "rename-table", from: table, to: action.newName });
    } else if (action.kind === "drop-column") {
      changes.push({ kind: "drop-column", table, column: action.column });
    }
  }
  return changes;
}
