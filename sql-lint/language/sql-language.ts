import type { File, Language, OkParseResult, ParseResult } from "@eslint/core";
import { SQL_DIALECTS, type SqlDialect } from "./dialects.ts";
import { codeFileOfBlock } from "../embedded/migration-files.ts";
import { attachDownMigration } from "./down-migration.ts";
import { isMigrationAtOrBefore, parseMigrationVersion } from "./migration-version.ts";
import { parseSqlProgram, toParseError, type SqlNode, type SqlProgram, type SqlStatementNode } from "./parse-sql.ts";
import { postgresSyntaxError } from "./pg-fallback.ts";
import { projectDatabase } from "./project-dialect.ts";
import { SqlSourceCode } from "./sql-source-code.ts";
import { visitorKeys as generatedVisitorKeys } from "./visitor-keys.ts";

export { toParseError };

/**
 * The generated keys, plus the nodes shipshape adds to sql-parser-cst's tree: statements
 * recovered by PostgreSQL's parser or by node-sql-parser (MySQL, MariaDB) or not parsed at all,
 * and the parsed body of `DO` blocks; without a view's query.
 */
export const sqlVisitorKeys: Record<string, string[]> = {
  ...generatedVisitorKeys,
  do_stmt: [...(generatedVisitorKeys.do_stmt ?? []), "parsedBody"],
  // No rule listens inside a view's query or an IF's condition, which are read on demand (pg-cst.ts): traversal skips them.
  create_view_stmt: (generatedVisitorKeys.create_view_stmt ?? []).filter((key) => key !== "clauses"),
  if_clause: (generatedVisitorKeys.if_clause ?? []).filter((key) => key !== "condition"),
  elseif_clause: (generatedVisitorKeys.elseif_clause ?? []).filter((key) => key !== "condition"),
  pg_fallback_stmt: [],
  mysql_fallback_stmt: [],
  unparsed_stmt: [],
};

/** Template placeholders (`${schema}`, `{{ .Namespace }}`) and psql meta-commands: text a tool rewrites before PostgreSQL sees it. */
const NOT_SQL_YET = /\$\{|\{\{|^\s*\\/mu;

/**
 * The first statement PostgreSQL's parser rejects, as a fatal error with PostgreSQL's message and
 * the position it points at; undefined when every statement parses (or only templates fail).
 */
function postgresRejection(program: SqlProgram, text: string): { message: string; line: number; column: number } | undefined {
  for (const statement of program.statements as SqlStatementNode[]) {
    if (statement.type !== "unparsed_stmt" || !statement.rejectedByPostgres) continue;
    const source = text.slice(statement.range[0], statement.range[1]);
    if (NOT_SQL_YET.test(source)) continue;
    const error = postgresSyntaxError(source);
    if (!error) continue;
    const before = text.slice(0, statement.range[0] + error.offset).split(/\r\n|\r|\n/u);
    return { message: `PostgreSQL rejects this statement: ${error.message}`, line: before.length, column: before.at(-1)!.length + 1 };
  }
  return undefined;
}

/** Text with NUL bytes is not SQL; a binary file would otherwise become thousands of "statements". */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes("\u0000");
}

export { SQL_DIALECTS, type SqlDialect };

export interface SqlLanguageOptions {
  [key: string]: unknown;
  /**
   * Which SQL dialect the files are written in. Unset: the one the project's folders or tooling
   * name (see project-dialect.ts), else PostgreSQL; files the project writes for a database
   * shipshape does not read (H2, HSQLDB, Oracle, SQL Server) are not linted.
   */
  dialect?: SqlDialect;
  /** The major PostgreSQL version migrations run against (some locks changed across versions). */
  pgVersion?: number;
  /**
   * Whether the migration runner wraps each file in a transaction (Flyway, goose and dbmate do
   * by default). Unset: detected from goose/dbmate annotations, else only explicit BEGIN counts.
   */
  assumeInTransaction?: boolean;
  /**
   * Migrations whose version (from the file or folder name) sorts at or before this one are
   * already applied and are not linted, like strong_migrations' `start_after`.
   */
  startAfter?: string | number;
}

/** The dialect of a file when neither the configuration nor the project's tooling names one. */
export const DEFAULT_DIALECT: SqlDialect = "postgresql";

/**
 * What JavaScript configs put in `languageOptions`. A config object without `files` (typescript-eslint's
 * base config sets `parser`, @eslint/js users set `globals`) applies to SQL files too: accepted and ignored.
 */
const JAVASCRIPT_LANGUAGE_OPTIONS = new Set(["ecmaVersion", "sourceType", "globals", "parser", "parserOptions"]);

export function validateSqlLanguageOptions(options: SqlLanguageOptions): void {
  const { dialect, pgVersion, assumeInTransaction, startAfter, ...rest } = options;
  if (dialect !== undefined && !(SQL_DIALECTS as readonly unknown[]).includes(dialect)) {
    throw new TypeError(`Expected "dialect" to be one of ${SQL_DIALECTS.join(", ")}, got ${JSON.stringify(dialect)}.`);
  }
  if (pgVersion !== undefined && !(Number.isInteger(pgVersion) && pgVersion >= 9 && pgVersion <= 99)) {
    throw new TypeError(`Expected "pgVersion" to be a PostgreSQL major version such as 16, got ${JSON.stringify(pgVersion)}.`);
  }
  if (assumeInTransaction !== undefined && typeof assumeInTransaction !== "boolean") {
    throw new TypeError(`Expected "assumeInTransaction" to be true or false, got ${JSON.stringify(assumeInTransaction)}.`);
  }
  if (startAfter !== undefined && !((typeof startAfter === "string" || typeof startAfter === "number") && parseMigrationVersion(startAfter))) {
    throw new TypeError(`Expected "startAfter" to be a migration version such as "20240131120000", "V12" or "0042", got ${JSON.stringify(startAfter)}.`);
  }
  const unknown = Object.keys(rest).filter((key) => !JAVASCRIPT_LANGUAGE_OPTIONS.has(key));
  if (unknown.length > 0) {
    throw new TypeError(`Unknown SQL language option "${unknown[0]}"; expected dialect, pgVersion, assumeInTransaction or startAfter.`);
  }
}

/** The `shipshape/sql` language: SQL files parsed by sql-parser-cst into a concrete syntax tree. */
/**
 * A file of named queries: sqlc's `-- name: GetUser :one`, yesql's and aiosql's `-- name: get-user`,
 * HugSQL's `-- :name get-user :? :1`, PgTyped's `@name GetUser` block comment. Code generators and
 * loaders read them; they change no schema.
 */
const QUERY_ANNOTATION = /^\s*(?:--\s*(?:name:\s*[\w$.-]+[!<>*#^$]*|:name\s+[\w-]+)(?:\s+:\S+)*|\/\*\s*@name\s+\w+\s*\*\/)\s*$/mu;

export function isQueryFile(text: string): boolean {
  return QUERY_ANNOTATION.test(text);
}

export const sqlLanguage: Language<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RootNode: SqlProgram;
  Node: SqlNode;
}> = {
  fileType: "text",
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: "type",
  visitorKeys: sqlVisitorKeys,
  // No default dialect here: an unset dialect is looked up in the project before falling back to PostgreSQL.
  defaultLanguageOptions: {},

  validateLanguageOptions: validateSqlLanguageOptions,

  // Rules written for JavaScript that a config without `files` also runs here read `parserOptions`.
  normalizeLanguageOptions(options: SqlLanguageOptions): SqlLanguageOptions {
    return { ...options, parserOptions: { ...(options.parserOptions as object | undefined) } };
  },

  parse(file: File, context): ParseResult<SqlProgram> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const { startAfter } = context.languageOptions;
    // An empty program, so no rule and no directive reports anything.
    const nothingToLint: ParseResult<SqlProgram> = { ok: true, ast: { type: "program", statements: [], range: [0, text.length], splitComments: [] } };
    // Applied before the baseline.
    if (startAfter !== undefined && isMigrationAtOrBefore(file.path, startAfter)) return nothingToLint;
    if (looksBinary(text)) {
      return { ok: false, errors: [{ message: "This is a binary file, not SQL text", line: 1, column: 1 }] };
    }
    // Named queries for a code generator or query loader (sqlc, yesql, aiosql, HugSQL): the application's
    // queries, not a migration; none of the rules is about them.
    if (isQueryFile(text)) return nothingToLint;
    const project = context.languageOptions.dialect === undefined ? projectDatabase(file.path) : undefined;
    // Written for a database shipshape does not read (`db/hsqldb/schema.sql`, a Spring app on Oracle):
    // read as PostgreSQL, each of its statements would be reported as unparsable.
    if (project && "unsupported" in project) return nothingToLint;
    const knownDialect = context.languageOptions.dialect ?? project?.dialect;
    const dialect = knownDialect ?? DEFAULT_DIALECT;
    try {
      const ast = parseSqlProgram(text, dialect);
      // A file known to be PostgreSQL's that PostgreSQL rejects fails its migration: a fatal error, as ESLint reports any syntax error.
      // SQL rendered from a JS/TS migration's code (a virtual block) is not run as written.
      const rejected = knownDialect === "postgresql" && codeFileOfBlock(file.path) === undefined ? postgresRejection(ast, text) : undefined;
      if (rejected) return { ok: false, errors: [rejected] };
      ast.dialect = dialect;
      attachDownMigration(ast, text, file.path, dialect);
      return { ok: true, ast };
    } catch (error) {
      // Statement recovery catches parser errors; this is the parser itself failing.
      return { ok: false, errors: [toParseError(error)] };
    }
  },

  createSourceCode(file: File, input: OkParseResult<SqlProgram>): SqlSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new SqlSourceCode({ text, ast: input.ast });
  },
};
