/**
 * The migration history of a SQL migration: what the earlier migrations of its folder did to
 * the schema, replayed in version order, so a rule can know a column's type before this
 * migration changes it (`ALTER COLUMN name TYPE varchar(200)` after `name varchar(100)` two
 * years earlier is a widening, not a rewrite).
 *
 * Layouts: one file per migration in a folder (`0042_x.up.sql`, `V42__x.sql`, goose and dbmate
 * files), and one folder per migration holding a file of the same name (Prisma's
 * `<version>/migration.sql`, diesel's `<version>/up.sql`). Down migrations are skipped. Each
 * earlier file is parsed once and again only when it changes; a folder's listing is re-read at
 * most once a second, so an editor sees new migrations and a run stays linear.
 */
import fs from "node:fs";
import path from "node:path";
import type { CreateFunctionStmt, DataType, ReferencesSpecification, Statement } from "sql-parser-cst";
import { compareMigrationVersions, migrationRelease, migrationTime, migrationVersionOf, type MigrationVersion } from "../language/migration-version.ts";
import { parseSqlProgram, type MysqlFallbackStatement, type SqlStatementNode } from "../language/parse-sql.ts";
import type { SqlDialect } from "../language/sql-language.ts";
import { identifierName } from "./identifier-name.ts";
import { mysqlAlterActions, mysqlTableName } from "./mysql-alter-actions.ts";
import { mysqlTypeText, type MysqlColumnType } from "./mysql-column-type.ts";
import { createdMysqlTable, mysqlCreatedColumns } from "./mysql-created-table.ts";
import { pgRelationName } from "./pg-nodes.ts";
import type * as MigrationsProcessorModule from "../embedded/migrations-processor.ts";
import { onFirstUse } from "../../rules/utils/lazy-module.ts";
import { tableName } from "./table-name.ts";

/**
 * A column type as an earlier migration wrote it: the parsed type (sql-parser-cst's, or for a
 * MySQL statement only node-sql-parser read, its MySQL type) and its text in that file.
 */
export interface HistoricalType {
  dataType?: DataType;
  mysql?: MysqlColumnType;
  text: string;
  /** The migration that set it. */
  file: string;
}

type Change =
  /** A column's type set; `added` when the column is made (`CREATE TABLE`, `ADD COLUMN`). */
  | { kind: "type"; table: string; column: string; type: HistoricalType; added?: true }
  | { kind: "rename-column"; table: string; from: string; to: string }
  | { kind: "rename-table"; from: string; to: string }
  | { kind: "drop-column"; table: string; column: string }
  /** A table dropped, or made anew (`created`), which forgets what an earlier table of the name had. */
  | { kind: "drop-table"; table: string; created?: true }
  /** Rows copied into a table from a query (`INSERT … SELECT`, `CREATE TABLE … AS SELECT`): it is as big as what it was filled from. */
  | { kind: "fill"; table: string }
  | { kind: "function"; name: string; volatile: boolean }
  /** A view or materialized view created (or renamed to the name), or dropped (or renamed away). */
  | { kind: "view"; name: string; exists: boolean }
  | { kind: "references"; table: string; target: string; cascades: boolean }
  | { kind: "index"; name: string; table: string; columns: string[] }
  | { kind: "drop-index"; name: string };

interface Migration {
  file: string;
  version: MigrationVersion;
}

const RECHECK_MS = 1000;
/** Larger files are dumps, not migrations anyone reviews statement by statement. */
const MAX_FILE_BYTES = 2_000_000;
const DOWN_FILE = /(?:^|[._-])down\.sql$|\.undo\.[^/]*sql$|^U\d/iu;
/** The migrations processor, which reads code with typescript-eslint: loaded only for a folder of migrations in code. */
const migrationsProcessor = onFirstUse<typeof MigrationsProcessorModule>("../embedded/migrations-processor", import.meta.url);
/** Migrations written in code: their `up` functions' SQL is what they change (see upSqlOfMigrationCode). */
const CODE_FILE = /\.[cm]?[jt]s$/iu;
const DECLARATION_FILE = /\.d\.[cm]?ts$/iu;

const changesByFile = new Map<string, { stamp: string; dialect: SqlDialect; changes: Change[] }>();
const listings = new Map<string, { checkedAt: number; migrations: Migration[] }>();

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function listDirectory(folder: string): fs.Dirent[] {
  try {
    return fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The migrations beside `file`, in version order: files of its folder, or same-named files of its sibling folders. */
function migrationsAround(file: string, now: number): Migration[] {
  const name = path.basename(file);
  // Migrations in code: the files of the folder written in the same language.
  const extension = CODE_FILE.exec(name)?.[0].toLowerCase();
  // A version in the file's own name: one file per migration. Otherwise the folder is the migration.
  const perFolder = extension === undefined && migrationVersionOf(name) === undefined;
  const root = perFolder ? path.dirname(path.dirname(file)) : path.dirname(file);
  const key = `${root}\u0000${perFolder ? name : ""}\u0000${extension ?? ""}`;
  const known = listings.get(key);
  if (known && now - known.checkedAt < RECHECK_MS) return known.migrations;
  const migrations: Migration[] = [];
  for (const entry of listDirectory(root)) {
    const candidate = perFolder ? path.join(root, entry.name, name) : path.join(root, entry.name);
    const ofKind = extension === undefined ? entry.name.toLowerCase().endsWith(".sql") && !DOWN_FILE.test(entry.name) : entry.name.toLowerCase().endsWith(extension) && !DECLARATION_FILE.test(entry.name);
    if (perFolder ? !entry.isDirectory() : !entry.isFile() || !ofKind) continue;
    const version = migrationVersionOf(candidate);
    if (version && (!perFolder || stat(candidate)?.isFile())) migrations.push({ file: candidate, version });
  }
  migrations.sort((a, b) => compareMigrationVersions(a.version, b.version) || a.file.localeCompare(b.file));
  listings.set(key, { checkedAt: now, migrations });
  return migrations;
}

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

/** What the statements of `statements` that end by `offset` change: a migration's own changes before a point in it. */
export function changesBefore(statements: readonly (Statement | SqlStatementNode)[], offset: number, text: string, file: string): Change[] {
  return changesOfStatements(
    statements.filter((statement) => (statement.range?.[1] ?? 0) <= offset),
    text,
    file,
  );
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
    dataType?.range ? { dataType, text: text.slice(dataType.range[0], dataType.range[1]).replace(/\s+/gu, " "), file } : undefined;
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

function changesOf(text: string, file: string, dialect: SqlDialect): Change[] {
  try {
    return changesOfStatements(parseSqlProgram(text, dialect).statements, text, file);
  } catch {
    return [];
  }
}

/** What a migration file changes, read once per version of the file. */
function fileChanges(file: string, dialect: SqlDialect): Change[] {
  const stats = stat(file);
  if (!stats?.isFile() || stats.size > MAX_FILE_BYTES) return [];
  const stamp = `${stats.size}:${stats.mtimeMs}`;
  const known = changesByFile.get(file);
  if (known?.stamp === stamp && known.dialect === dialect) return known.changes;
  let changes: Change[] = [];
  try {
    const text = fs.readFileSync(file, "utf8");
    if (!CODE_FILE.test(file)) changes = changesOf(text, file, dialect);
    else {
      const sql = migrationsProcessor().upSqlOfMigrationCode(text, file);
      changes = sql === undefined ? [] : changesOf(sql, file, dialect);
    }
  } catch {
    changes = [];
  }
  changesByFile.set(file, { stamp, dialect, changes });
  return changes;
}

/** The earlier migrations of `file`, in version order; empty when it is not a versioned migration on disk. */
function earlierMigrations(file: string): Migration[] {
  if (!path.isAbsolute(file) || !(file.toLowerCase().endsWith(".sql") || (CODE_FILE.test(file) && !DECLARATION_FILE.test(file)))) return [];
  const version = migrationVersionOf(file);
  if (!version) return [];
  const migrations = migrationsAround(file, Date.now());
  // The listing is in version order: everything before the first migration of this version or later.
  let low = 0;
  let high = migrations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareMigrationVersions(migrations[middle]!.version, version) < 0) low = middle + 1;
    else high = middle;
  }
  return migrations.slice(0, low);
}

/**
 * Whether the migrations before `file` leave a view (or materialized view) named `name`: true
 * when the latest of them to create, drop or rename one of that name leaves it there, false when
 * none ever did; undefined when the file has no history (no layout, or the first migration).
 */
export function viewExistsInHistory(file: string, dialect: SqlDialect, name: string): boolean | undefined {
  const earlier = earlierMigrations(file);
  if (earlier.length === 0) return undefined;
  for (let index = earlier.length - 1; index >= 0; index--) {
    const changes = fileChanges(earlier[index]!.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "view" && change.name === name) return change.exists;
    }
  }
  return false;
}

/** Whether the latest earlier definition of function `name` is volatile; undefined when no earlier migration defines it. */
export function functionVolatilityFromHistory(file: string, dialect: SqlDialect, name: string): boolean | undefined {
  const earlier = earlierMigrations(file);
  for (let index = earlier.length - 1; index >= 0; index--) {
    const changes = fileChanges(earlier[index]!.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "function" && change.name === name) return change.volatile;
    }
  }
  return undefined;
}

/**
 * The type the migrations before `file` (in version order), then the `before` changes of the file
 * itself, leave `table`.`column` with, following renames; undefined when the history does not say
 * (no layout, no such column, the file is not a versioned migration on disk).
 */
export function columnTypeFromHistory(file: string, dialect: SqlDialect, table: string, column: string, before: readonly Change[] = []): HistoricalType | undefined {
  const earlier = earlierMigrations(file);
  // Replay backwards, the file's own changes before the point in question first: follow the
  // column to its name when each earlier change happened.
  let [currentTable, currentColumn] = [table, column];
  for (let index = earlier.length; index >= 0; index--) {
    const changes = index === earlier.length ? before : fileChanges(earlier[index]!.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "type" && change.table === currentTable && change.column === currentColumn) return change.type;
      if (change.kind === "rename-column" && change.table === currentTable && change.to === currentColumn) currentColumn = change.from;
      else if (change.kind === "rename-table" && change.to === currentTable) currentTable = change.from;
      else if (change.kind === "drop-column" && change.table === currentTable && change.column === currentColumn) return undefined;
      else if (change.kind === "drop-table" && change.table === currentTable) return undefined;
    }
  }
  return undefined;
}

/** How long before a migration a table may have been created and still be new: created in the same change, with next to no rows. */
const NEW_TABLE_MS = 60 * 60 * 1000;

/**
 * Whether `table` (followed through renames) was created by an earlier migration timestamped at
 * most an hour before `file`, and not filled from a query since: written together, typically in
 * one pull request and deployed together, so the table holds next to no rows when this migration
 * locks or scans it. Only
 * timestamped versions (`20240131120000_…`, `2024-01-31-120000_…`) can say; numbered ones cannot.
 */
export function isTableNewInHistory(file: string, dialect: SqlDialect, table: string): boolean {
  const version = migrationVersionOf(file);
  const now = version === undefined ? undefined : migrationTime(version);
  if (now === undefined) return false;
  const earlier = earlierMigrations(file);
  let current = table;
  for (let index = earlier.length - 1; index >= 0; index--) {
    const migration = earlier[index]!;
    const time = migrationTime(migration.version);
    if (time === undefined || now - time > NEW_TABLE_MS) return false;
    const changes = fileChanges(migration.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "rename-table" && change.to === current) current = change.from;
      else if (change.kind === "fill" && change.table === current) return false;
      else if (change.kind === "drop-table" && change.table === current) return change.created === true;
    }
  }
  return false;
}

/**
 * Whether an earlier migration of the same release as `file` made `table` (or, given `column`,
 * added that column to it), following renames: the release ships them together, so the code
 * running during its deploy (the previous release) never used it. Only names that carry their
 * release (`1.30.0-1751400000-….ts`, see migrationRelease) can say.
 */
export function isMadeInSameRelease(file: string, dialect: SqlDialect, table: string, column?: string): boolean {
  const release = migrationRelease(file);
  if (release === undefined) return false;
  const earlier = earlierMigrations(file);
  let currentTable = table;
  let currentColumn = column;
  for (let index = earlier.length - 1; index >= 0; index--) {
    const migration = earlier[index]!;
    // Releases follow each other: an earlier one means the migrations before it shipped already.
    if (migrationRelease(migration.file) !== release) return false;
    const changes = fileChanges(migration.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "rename-table" && change.to === currentTable) currentTable = change.from;
      else if (change.kind === "rename-column" && change.table === currentTable && change.to === currentColumn) currentColumn = change.from;
      else if (change.kind === "drop-table" && change.table === currentTable) return change.created === true;
      else if (change.kind === "type" && change.added && change.table === currentTable && change.column === currentColumn) return true;
    }
  }
  return false;
}

/** The indexes the migrations before `file`, then its own `before` changes, leave: name → table and columns. */
function indexesFromHistory(file: string, dialect: SqlDialect, before: readonly Change[]): Map<string, { table: string; columns: string[] }> {
  const indexes = new Map<string, { table: string; columns: string[] }>();
  const replay = (change: Change): void => {
    if (change.kind === "index") indexes.set(change.name, { table: change.table, columns: change.columns });
    else if (change.kind === "drop-index") indexes.delete(change.name);
    else {
      for (const [name, index] of indexes) {
        if (change.kind === "rename-table" && index.table === change.from) index.table = change.to;
        else if (change.kind === "drop-table" && index.table === change.table) indexes.delete(name);
        else if (change.kind === "rename-column" && index.table === change.table) index.columns = index.columns.map((column) => (column === change.from ? change.to : column));
        else if (change.kind === "drop-column" && index.table === change.table && index.columns.includes(change.column)) indexes.delete(name);
      }
    }
  };
  for (const migration of earlierMigrations(file)) for (const change of fileChanges(migration.file, dialect)) replay(change);
  for (const change of before) replay(change);
  return indexes;
}

/**
 * The table index `name` is on, from the migrations before `file` and then its own `before`
 * changes (following table renames); undefined when the history does not say.
 */
export function indexTableFromHistory(file: string, dialect: SqlDialect, name: string, before: readonly Change[] = []): string | undefined {
  return indexesFromHistory(file, dialect, before).get(name)?.table;
}

/** Whether an index the history knows covers `table`.`column` (as a key column or inside an expression). */
export function isColumnIndexedInHistory(file: string, dialect: SqlDialect, table: string, column: string, before: readonly Change[] = []): boolean {
  for (const index of indexesFromHistory(file, dialect, before).values()) if (index.table === table && index.columns.includes(column)) return true;
  return false;
}

/** A foreign key of one table to another, as the history leaves it. */
export interface ForeignKeyToTable {
  /** The referencing table. */
  table: string;
  /** Whether deleting a referenced row deletes or changes the referencing rows (ON DELETE CASCADE, SET NULL, SET DEFAULT). */
  cascades: boolean;
}

/**
 * The foreign keys that reference `table` once the migrations before `file` have run, then the
 * `before` changes of the file itself (statements ahead of the point in question): undefined when
 * the history does not know the table (no layout, or a history that never creates it), so a rule
 * cannot tell that nothing references it.
 */
export function foreignKeysToTable(file: string, dialect: SqlDialect, table: string, before: readonly Change[] = []): ForeignKeyToTable[] | undefined {
  const keys = new Map<string, { target: string; cascades: boolean }[]>();
  let known = false;
  const replay = (change: Change): void => {
    if (change.kind === "drop-table") {
      keys.delete(change.table);
      if (change.table === table) known = true;
    } else if (change.kind === "references") {
      keys.set(change.table, [...(keys.get(change.table) ?? []), { target: change.target, cascades: change.cascades }]);
    } else if (change.kind === "rename-table") {
      const moved = keys.get(change.from);
      keys.delete(change.from);
      if (moved) keys.set(change.to, moved);
      // SQLite 3.26+ and PostgreSQL follow a renamed table in the foreign keys that reference it.
      for (const references of keys.values()) for (const reference of references) if (reference.target === change.from) reference.target = change.to;
      if (change.to === table) known = true;
    }
  };
  for (const migration of earlierMigrations(file)) for (const change of fileChanges(migration.file, dialect)) replay(change);
  for (const change of before) replay(change);
  if (!known) return undefined;
  const found: ForeignKeyToTable[] = [];
  for (const [referencing, references] of keys) {
    for (const reference of references) if (reference.target === table) found.push({ table: referencing, cascades: reference.cascades });
  }
  return found;
}
