import fs from "node:fs";
import path from "node:path";
import type { Program } from "sql-parser-cst";
import type { SqlNode, SqlProgram, SqlStatementNode } from "../language/parse-sql.ts";
import { DEFAULT_DIALECT, sqlVisitorKeys, type SqlLanguageOptions } from "../language/sql-language.ts";
import { implicitTransactionRunner } from "./implicit-transaction.ts";
import { createdMysqlTable } from "./mysql-created-table.ts";
import { tableName } from "./table-name.ts";

/** The oldest PostgreSQL major release still supported by the PostgreSQL project (14 ended in November 2026). */
export const DEFAULT_PG_VERSION = 15;

/**
 * What a migration file itself establishes, computed once per file and shared by the rules.
 *
 * Statements are taken in execution order, including those inside `DO` blocks. A table the
 * same migration creates has no running code depending on it and no traffic to block, so
 * destructive or locking changes to it are safe until the file ends.
 */
export interface MigrationContext {
  /** Every statement in execution order: top-level ones and those inside DO blocks. */
  statements: readonly SqlStatementNode[];
  /** Start offset of the first `CREATE TABLE` of each table in this file, by normalised name. */
  createdTables: ReadonlyMap<string, number>;
  /** Transaction blocks opened with BEGIN/START TRANSACTION, as [start, end) offsets (end: COMMIT/ROLLBACK or end of file). */
  transactions: readonly { start: number; end: number; closed: boolean; begin: SqlStatementNode }[];
  /** Offsets at which `lock_timeout` is set to a non-zero value. */
  lockTimeoutSetAt: readonly number[];
  /** Offsets at which the session time zone is set to UTC (`SET timezone = 'UTC'`, `SET TIME ZONE 'UTC'`), and changed away from it. */
  timeZoneSetAt: readonly { offset: number; utc: boolean }[];
  /** Whether the migration runner wraps the whole file in one transaction. */
  wrappedInTransaction: boolean;
  pgVersion: number;
}

const contexts = new WeakMap<Program, MigrationContext>();

/** Statements nested in DO block bodies: every statement of every `program` below `node`. */
function nestedStatements(node: SqlNode, into: SqlStatementNode[]): void {
  for (const key of sqlVisitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (typeof item !== "object" || item === null || typeof (item as { type?: unknown }).type !== "string") continue;
      const childNode = item as SqlNode;
      if (childNode.type === "program") {
        for (const statement of childNode.statements) {
          into.push(statement);
          nestedStatements(statement, into);
        }
      } else {
        nestedStatements(childNode, into);
      }
    }
  }
}

function executionOrder(program: SqlProgram): SqlStatementNode[] {
  const ordered: SqlStatementNode[] = [];
  for (const statement of program.statements as SqlStatementNode[]) {
    ordered.push(statement);
    if (statement.type === "do_stmt") nestedStatements(statement, ordered);
  }
  return ordered;
}

/** goose's `-- +goose NO TRANSACTION` and dbmate's `transaction:false` turn their default wrapping off. */
function runnerWrapsFile(text: string): boolean | undefined {
  if (/^--\s*\+goose\s+NO\s+TRANSACTION\b/imu.test(text)) return false;
  if (/^--\s*migrate:up\b.*\btransaction:false\b/imu.test(text)) return false;
  if (/^--\s*\+goose\s+Up\b/imu.test(text) || /^--\s*migrate:up\b/imu.test(text)) return true;
  return undefined;
}

function isLockTimeoutSet(statement: SqlStatementNode): boolean {
  if (statement.type !== "set_parameter_stmt") return false;
  if (statement.name.type !== "identifier" || statement.name.name.toLowerCase() !== "lock_timeout") return false;
  const value = statement.value.type === "list_expr" ? statement.value.items[0] : statement.value;
  if (!value) return false;
  if (value.type === "number_literal") return value.value !== 0;
  if (value.type === "string_literal") return !/^\s*0\s*(?:ms|s)?\s*$/u.test(value.value);
  return true;
}

const UTC_ZONE = /^(?:utc|etc\/utc|gmt|etc\/gmt|zulu|z|utc0|\+?0+(?::00)?)$/iu;

/** Whether a statement sets the session time zone: to UTC (true), to another zone (false), or not at all (undefined). */
function timeZoneSetting(statement: SqlStatementNode): boolean | undefined {
  let value;
  if (statement.type === "set_time_zone_parameter_stmt") value = statement.value;
  else if (statement.type === "set_parameter_stmt" && statement.name.type === "identifier" && statement.name.name.toLowerCase() === "timezone") {
    value = statement.value.type === "list_expr" ? statement.value.items[0] : statement.value;
  } else return undefined;
  if (value?.type === "string_literal") return UTC_ZONE.test(value.value.trim());
  if (value?.type === "number_literal") return value.value === 0;
  return false;
}

/**
 * Whether PostgreSQL runs the whole file as one implicit transaction: its runner sends the file as
 * one query string (Prisma Migrate, golang-migrate; see implicit-transaction.ts), it holds several
 * statements, and none of them controls transactions (a BEGIN or COMMIT of its own splits the
 * string into the blocks it writes, which `transactions` follows).
 */
function isSentAsOneQuery(program: SqlProgram, filename: string | undefined, statements: readonly SqlStatementNode[]): boolean {
  if (filename === undefined || implicitTransactionRunner({ filename, sourceCode: { ast: program } }) === undefined) return false;
  return !statements.some(
    (statement) => statement.type === "start_transaction_stmt" || statement.type === "commit_transaction_stmt" || statement.type === "rollback_transaction_stmt",
  );
}

/** The migration context of the file a SQL rule is linting. */
export function migrationOf(ruleContext: { sourceCode: { ast: SqlProgram; text: string }; languageOptions: SqlLanguageOptions; filename?: string }): MigrationContext {
  return migrationContext(ruleContext.sourceCode.ast, ruleContext.sourceCode.text, ruleContext.languageOptions, ruleContext.filename);
}

/** diesel's migration folders: `2019-02-26-002946_create_user/up.sql`, `2026-06-17-105325-0000_x/up.sql`, `00000000000000_diesel_initial_setup/up.sql`. */
const DIESEL_MIGRATION = /(?:^|[\\/])(?:\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{4})?|\d{14})_[^\\/]+[\\/]up\.sql$/u;

/**
 * Whether the migration tool that the file's layout names wraps it in a transaction: diesel runs
 * every migration in one, unless the `metadata.toml` beside it says `run_in_transaction = false`.
 */
function runnerWrapsLayout(filename: string | undefined): boolean | undefined {
  if (filename === undefined || !DIESEL_MIGRATION.test(filename)) return undefined;
  let metadata = "";
  try {
    metadata = fs.readFileSync(path.join(path.dirname(filename), "metadata.toml"), "utf8");
  } catch {
    // No metadata: diesel's default.
  }
  return !/^\s*run_in_transaction\s*=\s*false\b/mu.test(metadata);
}

/** Flyway's versioned migrations: `V42__add_email.sql`, `V1_2__x.sql`. */
const FLYWAY_MIGRATION = /(?:^|[\\/])V\d+(?:[._]\d+)*__[^\\/]*\.sql$/u;
/** What PostgreSQL refuses to run in a transaction block, and Flyway therefore runs its migration without one for. */
const NON_TRANSACTIONAL = /^\s*(?:(?:create|drop)\s+(?:unique\s+)?index\s+concurrently|reindex\b.*\bconcurrently|vacuum|(?:create|drop)\s+(?:database|tablespace)|alter\s+system)\b/isu;

/**
 * Whether Flyway runs a PostgreSQL migration in a transaction: it does, unless a statement cannot
 * run in one (`CREATE INDEX CONCURRENTLY`, `VACUUM`, ...), which it detects and then runs the whole
 * migration without, or the migration's script configuration (`V42__x.sql.conf`) says
 * `executeInTransaction=false`.
 */
function flywayWrapsFile(filename: string | undefined, text: string, statements: readonly SqlStatementNode[]): boolean | undefined {
  if (filename === undefined || !FLYWAY_MIGRATION.test(filename)) return undefined;
  let configuration = "";
  try {
    configuration = fs.readFileSync(`${filename}.conf`, "utf8");
  } catch {
    // No script configuration: Flyway's default.
  }
  if (/^\s*executeInTransaction\s*=\s*false\b/mu.test(configuration)) return false;
  return !statements.some((statement) => statement.range !== undefined && NON_TRANSACTIONAL.test(text.slice(statement.range[0], statement.range[1])));
}

export function migrationContext(program: SqlProgram, text = "", languageOptions: SqlLanguageOptions = {}, filename?: string): MigrationContext {
  let context = contexts.get(program);
  if (context) return context;

  const statements = executionOrder(program);
  const createdTables = new Map<string, number>();
  const transactions: { start: number; end: number; closed: boolean; begin: SqlStatementNode }[] = [];
  const lockTimeoutSetAt: number[] = [];
  const timeZoneSetAt: { offset: number; utc: boolean }[] = [];
  let open: { start: number; end: number; closed: boolean; begin: SqlStatementNode } | undefined;

  for (const statement of statements) {
    const start = statement.range?.[0] ?? 0;
    if (statement.type === "create_table_stmt" || statement.type === "mysql_fallback_stmt") {
      const name = statement.type === "create_table_stmt" ? tableName(statement.name) : createdMysqlTable(statement);
      if (name !== undefined && !createdTables.has(name)) createdTables.set(name, start);
    } else if (statement.type === "start_transaction_stmt" && !open) {
      open = { start, end: text.length || Number.MAX_SAFE_INTEGER, closed: false, begin: statement };
      transactions.push(open);
    } else if ((statement.type === "commit_transaction_stmt" || statement.type === "rollback_transaction_stmt") && open) {
      open.end = statement.range?.[1] ?? start;
      open.closed = true;
      open = undefined;
    } else if (isLockTimeoutSet(statement)) {
      lockTimeoutSetAt.push(start);
    } else {
      const utc = timeZoneSetting(statement);
      if (utc !== undefined) timeZoneSetAt.push({ offset: start, utc });
    }
  }

  const postgresql = (program.dialect ?? languageOptions.dialect ?? DEFAULT_DIALECT) === "postgresql";
  context = {
    statements,
    createdTables,
    transactions,
    lockTimeoutSetAt,
    timeZoneSetAt,
    wrappedInTransaction:
      languageOptions.assumeInTransaction ??
      runnerWrapsFile(text) ??
      runnerWrapsLayout(filename) ??
      // Flyway's per-migration transaction and a query string's implicit one, modelled for PostgreSQL.
      (postgresql ? (flywayWrapsFile(filename, text, statements) ?? isSentAsOneQuery(program, filename, statements)) : false),
    pgVersion: languageOptions.pgVersion ?? DEFAULT_PG_VERSION,
  };
  contexts.set(program, context);
  return context;
}

/** True when `table` was created by this migration before `offset`. */
export function isCreatedEarlierInFile(context: MigrationContext, table: string | undefined, offset: number): boolean {
  if (table === undefined) return false;
  const createdAt = context.createdTables.get(table);
  return createdAt !== undefined && createdAt < offset;
}

/** True when the statement at `offset` runs inside a transaction block. */
export function isInTransaction(context: MigrationContext, offset: number): boolean {
  return context.wrappedInTransaction || context.transactions.some((block) => block.start < offset && offset < block.end);
}

/** True when the last time zone the file set before `offset` is UTC. */
export function isTimeZoneUtcAt(context: MigrationContext, offset: number): boolean {
  return context.timeZoneSetAt.filter((setting) => setting.offset < offset).at(-1)?.utc ?? false;
}

/** True when the statements at both offsets run in one transaction: the runner's, or the same BEGIN … COMMIT block. */
export function sameTransaction(context: MigrationContext, first: number, second: number): boolean {
  if (context.wrappedInTransaction) return true;
  return context.transactions.some((block) => block.start < first && first < block.end && block.start < second && second < block.end);
}

/** True when `lock_timeout` was set earlier in the file. */
export function hasLockTimeoutBefore(context: MigrationContext, offset: number): boolean {
  return context.lockTimeoutSetAt.some((setAt) => setAt < offset);
}

