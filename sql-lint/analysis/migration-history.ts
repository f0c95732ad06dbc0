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
import type { Statement } from "sql-parser-cst";
import { compareMigrationVersions, migrationRelease, migrationTime, migrationVersionOf, parseMigrationVersion, type MigrationVersion } from "../language/migration-version.ts";
import { parseSqlProgram, type SqlStatementNode } from "../language/parse-sql.ts";
import type { SqlDialect } from "../language/sql-language.ts";
import { changesOfStatements } from "./cst-schema-changes.ts";
import { changesOfPostgresText } from "./pg-schema-changes.ts";
import type { HistoricalType, SchemaChange } from "./schema-changes.ts";
import { cacheChanges, cachedChanges } from "./history-cache.ts";
import type * as MigrationsProcessorModule from "../embedded/migrations-processor.ts";
import { onFirstUse } from "../../rules/utils/lazy-module.ts";

export type { HistoricalType } from "./schema-changes.ts";

type Change = SchemaChange;

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

const changesByFile = new Map<string, { stamp: string; dialect: SqlDialect; checkedAt: number; changes: readonly Change[] }>();
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

/**
 * Whether a migration is a folder holding a file of a fixed name (Prisma's `<version>/migration.sql`)
 * rather than a file with its version in its name; migrations in code are files.
 */
function isPerFolder(file: string): boolean {
  const name = path.basename(file);
  return !CODE_FILE.test(name) && migrationVersionOf(name) === undefined;
}

/** The folder holding a migration and the others of its history: its own folder, or its folder's parent for a per-folder layout. */
function historyFolder(file: string): string {
  return isPerFolder(file) ? path.dirname(path.dirname(file)) : path.dirname(file);
}

/** The migrations beside `file`, in version order: files of its folder, or same-named files of its sibling folders. */
function migrationsAround(file: string, now: number): Migration[] {
  const name = path.basename(file);
  // Migrations in code: the files of the folder written in the same language.
  const extension = CODE_FILE.exec(name)?.[0].toLowerCase();
  // A version in the file's own name: one file per migration. Otherwise the folder is the migration.
  const perFolder = isPerFolder(file);
  const root = historyFolder(file);
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

/** What the statements of `statements` that end by `offset` change: a migration's own changes before a point in it. */
export function changesBefore(statements: readonly (Statement | SqlStatementNode)[], offset: number, text: string, file: string): Change[] {
  const prefixes = changePrefixes(statements, text, file);
  if (!prefixes) {
    return changesOfStatements(
      statements.filter((statement) => (statement.range?.[1] ?? 0) <= offset),
      text,
      file,
    );
  }
  // The statements ending by `offset` are a prefix of the file's: the last one is found by halving.
  let low = 0;
  let high = prefixes.ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (prefixes.ends[middle]! <= offset) low = middle + 1;
    else high = middle;
  }
  return prefixes.changes.slice(0, low === 0 ? 0 : prefixes.counts[low - 1]);
}

interface ChangePrefixes {
  /** Where each statement ends, in file order. */
  ends: number[];
  /** How many changes the statements up to each one make. */
  counts: number[];
  changes: Change[];
}

/**
 * The changes of a file's statements read once, in order, with where each statement ends: every
 * statement that asks what came before it (each CREATE INDEX, each ADD COLUMN) takes a prefix,
 * instead of reading every earlier statement again, which made a 20,000-statement file quadratic.
 * Undefined when the statements are not in file order with positions (then they are read as asked).
 */
const prefixCache = new WeakMap<readonly unknown[], { text: string; file: string; prefixes: ChangePrefixes | undefined }>();

function changePrefixes(statements: readonly (Statement | SqlStatementNode)[], text: string, file: string): ChangePrefixes | undefined {
  const cached = prefixCache.get(statements);
  if (cached && cached.text === text && cached.file === file) return cached.prefixes;
  let prefixes: ChangePrefixes | undefined = { ends: [], counts: [], changes: [] };
  for (const statement of statements) {
    const end = statement.range?.[1];
    if (end === undefined || end < (prefixes.ends.at(-1) ?? 0)) {
      prefixes = undefined;
      break;
    }
    prefixes.changes.push(...changesOfStatements([statement], text, file));
    prefixes.ends.push(end);
    prefixes.counts.push(prefixes.changes.length);
  }
  prefixCache.set(statements, { text, file, prefixes });
  return prefixes;
}

function changesOf(text: string, file: string, dialect: SqlDialect): readonly Change[] {
  try {
    // PostgreSQL's own parser reads PostgreSQL migrations; sql-parser-cst the other dialects.
    if (dialect === "postgresql") return changesOfPostgresText(text, file);
    return changesOfStatements(parseSqlProgram(text, dialect).statements, text, file);
  } catch {
    return [];
  }
}

/** What a file that is not a migration (missing, a folder, a dump too large) changes. */
const NO_CHANGES: readonly Change[] = Object.freeze([]);

/**
 * What a migration file changes, read once per version of the file. Its size and modification
 * time are checked at most once a second, as the folder's listing is: a run asks about the same
 * earlier files for every migration after them.
 */
function fileChanges(file: string, dialect: SqlDialect): readonly Change[] {
  const now = Date.now();
  const known = changesByFile.get(file);
  if (known?.dialect === dialect && now - known.checkedAt < RECHECK_MS) return known.changes;
  const stats = stat(file);
  const stamp = stats?.isFile() && stats.size <= MAX_FILE_BYTES ? `${stats.size}:${stats.mtimeMs}` : "";
  if (known?.dialect === dialect && known.stamp === stamp) {
    known.checkedAt = now;
    return known.changes;
  }
  let changes = NO_CHANGES;
  if (stamp !== "") {
    // What a previous process read, when the file has not changed since (history-cache.ts).
    const folder = historyFolder(file);
    const cached = cachedChanges(folder, file, stamp, dialect);
    if (cached) {
      changes = cached;
    } else {
      try {
        const text = fs.readFileSync(file, "utf8");
        const sql = CODE_FILE.test(file) ? migrationsProcessor().upSqlOfMigrationCode(text, file) : text;
        if (sql !== undefined) changes = changesOf(sql, file, dialect);
      } catch {
        changes = NO_CHANGES;
      }
      cacheChanges(folder, file, stamp, dialect, changes);
    }
  }
  changesByFile.set(file, { stamp, dialect, checkedAt: now, changes });
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

/** The table a change is about, when it names one (the table a foreign key references counts: it must exist). */
function tablesOf(change: Change): string[] {
  switch (change.kind) {
    case "type":
    case "rename-column":
    case "drop-column":
    case "fill":
    case "index":
      return [change.table];
    case "references":
      return [change.table, change.target];
    default:
      return [];
  }
}

/**
 * What the migrations before `file`, then the `before` changes of the file itself, leave under
 * the table name `table`:
 * - `absent`: no migration ever made it, or the latest one to touch the name dropped it or
 *   renamed it away, so the running code, built on this schema, cannot use a table of the name;
 * - `backup`: it got the name by a rename (`ALTER TABLE users RENAME TO _bkp_users`) after which a
 *   new table took the old name: the old rows kept aside, which the running code no longer reads;
 * - `present`: anything else.
 * Undefined when the file has no history (no layout, or the first migration). Names compare as
 * the dialect resolves them: exactly in PostgreSQL (the front ends fold unquoted names), without
 * case elsewhere.
 */
export function tableStateInHistory(file: string, dialect: SqlDialect, table: string, before: readonly Change[] = []): "absent" | "backup" | "present" | undefined {
  const earlier = earlierMigrations(file);
  if (earlier.length === 0) return undefined;
  const same = dialect === "postgresql" ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  /** Names a table was created under after the point the walk has reached (it walks back in time). */
  const createdLater: string[] = [];
  for (let index = earlier.length; index >= 0; index--) {
    const changes = index === earlier.length ? before : fileChanges(earlier[index]!.file, dialect);
    for (let position = changes.length - 1; position >= 0; position--) {
      const change = changes[position]!;
      if (change.kind === "drop-table" && same(change.table, table)) return change.created ? "present" : "absent";
      if (change.kind === "rename-table" && same(change.from, table)) return "absent";
      if (change.kind === "rename-table" && same(change.to, table)) return createdLater.some((name) => same(name, change.from)) ? "backup" : "present";
      if (tablesOf(change).some((name) => same(name, table))) return "present";
      if (change.kind === "drop-table" && change.created) createdLater.push(change.table);
    }
  }
  return "absent";
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
 * The migration that production has already applied, when the project says
 * (`--start-after` / the SQL language's `startAfter`): every migration after it is still to be
 * deployed, together with the one being linted.
 */
export type DeployedBaseline = string | number | undefined;

/** Whether the earlier migration `migration` is still to be deployed: its version sorts after the baseline. */
function isPending(migration: Migration, baseline: DeployedBaseline): boolean {
  const version = baseline === undefined ? undefined : parseMigrationVersion(baseline);
  return version !== undefined && compareMigrationVersions(migration.version, version) > 0;
}

/**
 * Whether `table` (followed through renames) was created by an earlier migration that ships with
 * `file` and was not filled from a query since, so it holds next to no rows when this migration
 * locks or scans it. Ships with it: timestamped at most an hour before `file` (written together,
 * typically in one pull request; only timestamped versions can say), or, when the project names
 * the migration production has applied (`baseline`), any migration after that one.
 */
export function isTableNewInHistory(file: string, dialect: SqlDialect, table: string, baseline?: DeployedBaseline): boolean {
  const version = migrationVersionOf(file);
  const now = version === undefined ? undefined : migrationTime(version);
  if (now === undefined && baseline === undefined) return false;
  const earlier = earlierMigrations(file);
  let current = table;
  for (let index = earlier.length - 1; index >= 0; index--) {
    const migration = earlier[index]!;
    const time = migrationTime(migration.version);
    const recent = now !== undefined && time !== undefined && now - time <= NEW_TABLE_MS;
    if (!recent && !isPending(migration, baseline)) return false;
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
 * Whether an earlier migration deployed together with `file` made `table` (or, given `column`,
 * added that column to it), following renames: the code running during the deploy (the previous
 * release) never used it. Deployed together: of the same release, for names that carry theirs
 * (`1.30.0-1751400000-….ts`, see migrationRelease), or after the migration production has
 * applied, when the project names it (`baseline`).
 */
export function isMadeBeforeDeploy(file: string, dialect: SqlDialect, table: string, column?: string, baseline?: DeployedBaseline): boolean {
  const release = migrationRelease(file);
  if (release === undefined && baseline === undefined) return false;
  const earlier = earlierMigrations(file);
  let currentTable = table;
  let currentColumn = column;
  for (let index = earlier.length - 1; index >= 0; index--) {
    const migration = earlier[index]!;
    // Releases follow each other: an earlier one means the migrations before it shipped already.
    const sameRelease = release !== undefined && migrationRelease(migration.file) === release;
    if (!sameRelease && !isPending(migration, baseline)) return false;
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

/**
 * A state of the schema replayed from a folder's history, kept per folder and kind of question:
 * the files replayed so far, each file's changes as replayed (so a changed file is noticed),
 * and the state after them. A run asks about migrations in version order, so each question
 * replays only the migrations since the last one; an editor asking again replays nothing.
 */
interface Replay<State> {
  files: string[];
  changes: (readonly Change[])[];
  state: State;
}

const replays = new Map<string, Replay<unknown>>();

/** How a kind of question replays the history into its state. */
interface Replayer<State> {
  kind: string;
  start(): State;
  apply(state: State, change: Change): void;
  copy(state: State): State;
}

/**
 * The state `replayer` builds from the migrations before `file` in version order, then the file's
 * own `before` changes. The state returned is the cached one when `before` is empty: not to be
 * changed by the caller.
 */
function replayHistory<State>(replayer: Replayer<State>, file: string, dialect: SqlDialect, before: readonly Change[]): State {
  const earlier = earlierMigrations(file);
  const key = `${replayer.kind}\u0000${dialect}\u0000${earlier[0]?.file ?? ""}`;
  let replay = replays.get(key) as Replay<State> | undefined;
  const current = replay !== undefined && replay.files.length <= earlier.length && replay.files.every((replayed, index) => earlier[index]!.file === replayed && replay!.changes[index] === fileChanges(replayed, dialect));
  if (!current || !replay) {
    replay = { files: [], changes: [], state: replayer.start() };
    replays.set(key, replay);
  }
  for (let index = replay.files.length; index < earlier.length; index++) {
    const migration = earlier[index]!.file;
    const changes = fileChanges(migration, dialect);
    for (const change of changes) replayer.apply(replay.state, change);
    replay.files.push(migration);
    replay.changes.push(changes);
  }
  if (before.length === 0) return replay.state;
  const state = replayer.copy(replay.state);
  for (const change of before) replayer.apply(state, change);
  return state;
}

interface IndexEntry {
  table: string;
  columns: readonly string[];
}

/** The indexes a history leaves, by name, and their names by table (so a table's change touches only its own). */
interface Indexes {
  byName: Map<string, IndexEntry>;
  byTable: Map<string, Set<string>>;
}

function removeIndex(indexes: Indexes, name: string): void {
  const entry = indexes.byName.get(name);
  if (!entry) return;
  indexes.byName.delete(name);
  indexes.byTable.get(entry.table)?.delete(name);
}

function addIndex(indexes: Indexes, name: string, entry: IndexEntry): void {
  removeIndex(indexes, name);
  indexes.byName.set(name, entry);
  let names = indexes.byTable.get(entry.table);
  if (!names) indexes.byTable.set(entry.table, (names = new Set()));
  names.add(name);
}

/** The indexes a history leaves: name → table and columns. */
const indexReplayer: Replayer<Indexes> = {
  kind: "indexes",
  start: () => ({ byName: new Map(), byTable: new Map() }),
  apply(indexes, change) {
    if (change.kind === "index") addIndex(indexes, change.name, { table: change.table, columns: change.columns });
    else if (change.kind === "drop-index") removeIndex(indexes, change.name);
    else if (change.kind === "rename-index") {
      const entry = indexes.byName.get(change.from);
      if (entry) {
        removeIndex(indexes, change.from);
        addIndex(indexes, change.to, entry);
      }
    }
    else if (change.kind === "rename-table" || change.kind === "drop-table" || change.kind === "rename-column" || change.kind === "drop-column") {
      const table = change.kind === "rename-table" ? change.from : change.table;
      const names = indexes.byTable.get(table);
      if (!names) return;
      // A column's change touches only the indexes over it: most of a long-lived table's are not.
      const column = change.kind === "rename-column" ? change.from : change.kind === "drop-column" ? change.column : undefined;
      const touched: string[] = [];
      for (const name of names) if (column === undefined || indexes.byName.get(name)!.columns.includes(column)) touched.push(name);
      for (const name of touched) {
        const index = indexes.byName.get(name)!;
        if (change.kind === "rename-table") addIndex(indexes, name, { ...index, table: change.to });
        else if (change.kind === "rename-column") addIndex(indexes, name, { ...index, columns: index.columns.map((each) => (each === change.from ? change.to : each)) });
        else removeIndex(indexes, name);
      }
    }
  },
  copy: (indexes) => ({ byName: new Map(indexes.byName), byTable: new Map([...indexes.byTable].map(([table, names]) => [table, new Set(names)])) }),
};

/**
 * The table index `name` is on, from the migrations before `file` and then its own `before`
 * changes (following table renames); undefined when the history does not say.
 */
export function indexTableFromHistory(file: string, dialect: SqlDialect, name: string, before: readonly Change[] = []): string | undefined {
  return replayHistory(indexReplayer, file, dialect, before).byName.get(name)?.table;
}

/** Whether an index the history knows covers `table`.`column` (as a key column or inside an expression). */
export function isColumnIndexedInHistory(file: string, dialect: SqlDialect, table: string, column: string, before: readonly Change[] = []): boolean {
  const { byName, byTable } = replayHistory(indexReplayer, file, dialect, before);
  return [...(byTable.get(table) ?? [])].some((name) => byName.get(name)!.columns.includes(column));
}

/** Whether each column rejects NULL, by table then column, as the history leaves it (absent: the history does not say). */
type Nullability = Map<string, Map<string, boolean>>;

const nullabilityReplayer: Replayer<Nullability> = {
  kind: "nullability",
  start: () => new Map(),
  apply(tables, change) {
    switch (change.kind) {
      case "not-null": {
        let columns = tables.get(change.table);
        if (!columns) tables.set(change.table, (columns = new Map()));
        columns.set(change.column, change.notNull);
        break;
      }
      case "drop-table":
        tables.delete(change.table);
        break;
      case "rename-table": {
        const columns = tables.get(change.from);
        tables.delete(change.from);
        if (columns) tables.set(change.to, columns);
        else tables.delete(change.to);
        break;
      }
      case "drop-column":
        tables.get(change.table)?.delete(change.column);
        break;
      case "rename-column": {
        const columns = tables.get(change.table);
        const notNull = columns?.get(change.from);
        columns?.delete(change.from);
        if (notNull === undefined) columns?.delete(change.to);
        else columns!.set(change.to, notNull);
        break;
      }
      default:
    }
  },
  copy: (tables) => new Map([...tables].map(([table, columns]) => [table, new Map(columns)])),
};

/**
 * Whether `table`.`column` rejects NULL after the migrations before `file` and then its own
 * `before` changes; undefined when the history does not define the column.
 */
export function isColumnNotNullInHistory(file: string, dialect: SqlDialect, table: string, column: string, before: readonly Change[] = []): boolean | undefined {
  return replayHistory(nullabilityReplayer, file, dialect, before).get(table)?.get(column);
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
  const { keys, known } = replayHistory(foreignKeyReplayer, file, dialect, before);
  if (!known.has(table)) return undefined;
  const found: ForeignKeyToTable[] = [];
  for (const [referencing, references] of keys) {
    for (const reference of references) if (reference.target === table) found.push({ table: referencing, cascades: reference.cascades });
  }
  return found;
}

interface ForeignKeys {
  /** Referencing table → the tables it references. */
  keys: Map<string, readonly { target: string; cascades: boolean }[]>;
  /** Tables the history created, dropped or renamed to: what it knows. */
  known: Set<string>;
}

/** The foreign keys a history leaves, by referencing table. */
const foreignKeyReplayer: Replayer<ForeignKeys> = {
  kind: "foreign-keys",
  start: () => ({ keys: new Map(), known: new Set() }),
  apply({ keys, known }, change) {
    if (change.kind === "drop-table") {
      keys.delete(change.table);
      known.add(change.table);
    } else if (change.kind === "references") {
      keys.set(change.table, [...(keys.get(change.table) ?? []), { target: change.target, cascades: change.cascades }]);
    } else if (change.kind === "rename-table") {
      const moved = keys.get(change.from);
      keys.delete(change.from);
      if (moved) keys.set(change.to, moved);
      // SQLite 3.26+ and PostgreSQL follow a renamed table in the foreign keys that reference it.
      for (const [referencing, references] of keys) {
        if (references.some((reference) => reference.target === change.from)) {
          keys.set(
            referencing,
            references.map((reference) => (reference.target === change.from ? { ...reference, target: change.to } : reference)),
          );
        }
      }
      known.add(change.to);
    }
  },
  copy: ({ keys, known }) => ({ keys: new Map(keys), known: new Set(known) }),
};
