import type { FileError } from "@eslint/core";
import type { DoStmt, Node, Program } from "sql-parser-cst";
import { parse } from "./sql-parser-cst.ts";
import { parseWithMysql, type MysqlFallbackStatement } from "./mysql-fallback.ts";
import { isDeferred, plpgsqlBodyFromTokens, splitTokens, statementFromTokens, toTokens, type ParseLater, type PgToken } from "./pg-cst.ts";
import { parseWithPostgres, scanPostgres } from "./pg-fallback.ts";
import { splitStatements } from "./split-statements.ts";
import type { SqlDialect } from "./sql-language.ts";

export type { MysqlAlterClause, MysqlAst, MysqlFallbackStatement } from "./mysql-fallback.ts";

/** A statement neither sql-parser-cst nor the dialect's fallback parser (PostgreSQL's own, node-sql-parser for MySQL and MariaDB) accepts. */
export interface UnparsedStatement {
  type: "unparsed_stmt";
  range: [number, number];
  /** What the parser said, and where (absolute offset in the file). */
  message: string;
  errorOffset: number;
  /** PostgreSQL's own parser read it too, as a PostgreSQL file, and rejected it: the database would. */
  rejectedByPostgres?: boolean;
}

/**
 * A statement sql-parser-cst does not support but PostgreSQL's parser does (`VACUUM FULL`,
 * `CLUSTER`, `LOCK TABLE`, `ALTER TABLE … DETACH PARTITION`, ...): `kind` is PostgreSQL's node
 * name (`VacuumStmt`) and `pg` that node as libpg-query returns it.
 */
export interface PgFallbackStatement {
  type: "pg_fallback_stmt";
  range: [number, number];
  kind: string;
  pg: Record<string, unknown>;
}

/** The body of a `DO $$ … $$` block, parsed as PL/pgSQL so the statements in it are linted too. */
export type DoStmtWithBody = DoStmt & { parsedBody?: Program };

export type SqlStatementNode = Program["statements"][number] | UnparsedStatement | PgFallbackStatement | MysqlFallbackStatement;
export type SqlNode = Node | UnparsedStatement | PgFallbackStatement | MysqlFallbackStatement;

export interface SqlProgram extends Program {
  /** The dialect the file was parsed as: the configured one, else the one the project's tooling names. */
  dialect?: SqlDialect;
  /** Comments found by the statement splitter when the file had to be parsed statement by statement. */
  splitComments?: { type: "line_comment" | "block_comment"; text: string; range: [number, number] }[];
}

/**
 * After this many statements no parser could read, the file is most likely not SQL in this
 * dialect (a template, another dialect, garbage); the rest is reported as one statement
 * instead of being parsed piece by piece, which bounds the time a hostile file can take.
 */
const MAX_UNPARSED_STATEMENTS = 100;

/**
 * How deep the syntax tree of one statement may nest before the statement is reported unparsed.
 * Real statements stay far below it. sql-parser-cst builds `1 + 1 + … + 1` or `a OR b OR …`
 * without recursing, into a tree as deep as the expression is long; the walks after it recurse
 * (ESLint's traversal, rules looking into expressions) and exhaust the call stack somewhere past
 * 3,000 levels, and ESLint's traversal shifts its ancestor list at every node, which costs time
 * quadratic in the depth.
 */
export const MAX_STATEMENT_DEPTH = 1000;

/** sql-parser-cst's own syntax errors carry `--> file:LINE:COLUMN`; anything else is unexpected. */
const ERROR_POSITION = /^--> .*:(\d+):(\d+)$/mu;
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/u;
/** Whitespace and comments before a statement's first token. */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/)*/u;

/**
 * Turns what sql-parser-cst throws into an ESLint parse error with a 1-based line and column.
 * Its messages list every token the grammar would accept, which can be dozens; keep the
 * first line and the expectation only when it is short enough to help.
 */
export function toParseError(error: unknown): FileError {
  const message = error instanceof Error ? error.message : String(error);
  const position = ERROR_POSITION.exec(message);
  if (!position) {
    return { message: `The SQL parser failed: ${message.split("\n")[0]}`, line: 1, column: 1 };
  }
  const [firstLine = message, secondLine = ""] = message.split("\n");
  const expected = secondLine.replace(/^Was expecting to see: /u, "");
  const summary = firstLine.replace(/^Syntax Error: /u, "");
  return {
    message: expected && expected.length <= 80 ? `${summary}, expected ${expected}` : summary,
    line: Number(position[1]),
    column: Number(position[2]),
  };
}

/** Moves every range in a parsed fragment by `offset`, so positions are relative to the whole file. */
function shiftRanges(root: object, offset: number): void {
  if (offset === 0) return;
  const shifted = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    const range = record.range;
    if (Array.isArray(range) && !shifted.has(range)) {
      shifted.add(range);
      range[0] += offset;
      range[1] += offset;
    }
    for (const key in record) if (key !== "range") stack.push(record[key]);
  }
}

function parseFragment(text: string, dialect: SqlDialect | "plpgsql", offset: number, includeComments = true): Program {
  const program = parse(text, { dialect, includeRange: true, includeComments });
  shiftRanges(program, offset);
  return program;
}

/**
 * Where the nesting below `root` (itself included) first passes `limit` levels: the smallest
 * start offset of a node that deep, or undefined when the tree stays within the limit. Found
 * without recursing.
 */
function deepNestingOffset(root: object, limit: number): number | undefined {
  let offset: number | undefined;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, parentDepth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, parentDepth]);
      continue;
    }
    const record = value as Record<string, unknown>;
    const depth = typeof record.type === "string" ? parentDepth + 1 : parentDepth;
    if (depth > limit) {
      const start = (record.range as [number, number] | undefined)?.[0] ?? Number.POSITIVE_INFINITY;
      offset = Math.min(offset ?? start, start);
      continue;
    }
    for (const key in record) {
      // A view's query read on demand: bounded in size where it is deferred, and not to be read here.
      if (key !== "range" && key !== "leading" && key !== "trailing" && !isDeferred(record, key)) stack.push([record[key], depth]);
    }
  }
  return offset;
}

/** Each statement nested too deeply for the rules to walk, replaced by an unparsed statement reported where it gets too deep. */
function withoutDeepStatements(statements: SqlStatementNode[]): SqlStatementNode[] {
  return statements.map((statement) => {
    const deep = deepNestingOffset(statement, MAX_STATEMENT_DEPTH);
    if (deep === undefined || !statement.range) return statement;
    const [start, end] = statement.range;
    return {
      type: "unparsed_stmt",
      range: [start, end],
      message: `it nests more than ${MAX_STATEMENT_DEPTH} levels deep`,
      errorOffset: Math.min(Math.max(deep, start), end),
    };
  });
}

/** Offset in `text` of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const match = /\r\n|\r|\n/u.exec(text.slice(offset));
    if (!match) break;
    offset += match.index + match[0].length;
  }
  return Math.min(offset + column - 1, text.length);
}

/**
 * The body of a `DO` block built from PostgreSQL's tokens (pg-cst.ts) when it has only the
 * shapes the builder knows, else undefined. `text` is the file's, the body starts at `offset`.
 * sql-parser-cst takes a millisecond or more for the smallest PL/pgSQL body.
 */
function plpgsqlBodyOf(text: string, body: string, offset: number, parseLater: ParseLater): Program | undefined {
  const scanned = scanPostgres(body);
  if (!scanned) return undefined;
  const { tokens, comments } = toTokens(scanned, body);
  for (const token of [...tokens, ...comments]) {
    token.start += offset;
    token.end += offset;
  }
  // An IF's condition, read as the one column of a SELECT: sql-parser-cst reads it only when a rule asks for it.
  const parseCondition = (start: number, end: number): unknown => {
    const prefix = "SELECT ";
    try {
      const select = parseFragment(prefix + text.slice(start, end), "plpgsql", start - prefix.length, false).statements[0];
      const clause = select?.type === "select_stmt" && select.clauses.length === 1 ? select.clauses[0] : undefined;
      return clause?.type === "select_clause" ? clause.columns?.items[0] : undefined;
    } catch {
      return undefined;
    }
  };
  const program = plpgsqlBodyFromTokens(tokens, offset + body.length, parseLater, parseCondition) as Program | undefined;
  if (!program) return undefined;
  // Where the disable comments of the body are found (sql-parser-cst attaches each to a node near it).
  program.leading = commentNodes(comments);
  return program;
}

/** The scanner's comments as the comment nodes the source code collects, `offset` characters on. */
function commentNodes(comments: readonly PgToken[], offset = 0): NonNullable<SqlProgram["splitComments"]> {
  return comments.map((comment) => ({
    type: comment.text.startsWith("--") ? "line_comment" : "block_comment",
    text: comment.text,
    range: [offset + comment.start, offset + comment.end],
  }));
}

/**
 * Parses the body of each top-level `DO $$ … $$` block as PL/pgSQL, in place. With `readFile`
 * (the file's text and its statement reader), a body of the common shapes is built from
 * PostgreSQL's tokens first.
 */
function parseDoBlocks(statements: readonly SqlStatementNode[], readFile?: { text: string; parseLater: ParseLater }): void {
  for (const statement of statements) {
    if (statement.type !== "do_stmt" || statement.body.type !== "string_literal" || !statement.body.range) continue;
    const tag = DOLLAR_TAG.exec(statement.body.text)?.[0];
    if (!tag) continue;
    const offset = statement.body.range[0] + tag.length;
    const built = readFile && plpgsqlBodyOf(readFile.text, statement.body.value, offset, readFile.parseLater);
    if (built) {
      (statement as DoStmtWithBody).parsedBody = built;
      continue;
    }
    try {
      (statement as DoStmtWithBody).parsedBody = parseFragment(statement.body.value, "plpgsql", offset);
    } catch {
      // sql-parser-cst does not read every PL/pgSQL body (ELSIF, for one): the SQL statements in
      // it are still read one by one. Otherwise the body stays a string; the statement itself is still linted.
      const salvaged = readFile && statementsOfBody(statement.body.value, offset, readFile.parseLater);
      if (salvaged) (statement as DoStmtWithBody).parsedBody = salvaged;
    }
  }
}

/** Words that start a statement of SQL, as opposed to PL/pgSQL's own (assignments, IF, LOOP, RAISE, PERFORM). */
const SQL_STATEMENT_WORDS = new Set(["UPDATE", "INSERT", "DELETE", "ALTER", "CREATE", "DROP", "TRUNCATE", "LOCK", "REFRESH", "REINDEX", "VACUUM", "CLUSTER", "COMMENT", "GRANT", "REVOKE", "MERGE"]);
/** Tokens after which a PL/pgSQL statement starts. */
const STATEMENT_BOUNDARIES = new Set([";", "THEN", "ELSE", "LOOP", "BEGIN"]);

/**
 * The SQL statements of a PL/pgSQL body, each from its first word to its `;` at the same depth
 * of parentheses, read on its own: what a loop, a condition or a variable around it does is not
 * kept, only which statements the block runs. Undefined when the body cannot be scanned or holds
 * none.
 */
function statementsOfBody(body: string, offset: number, parseLater: ParseLater): Program | undefined {
  const scanned = scanPostgres(body);
  if (!scanned) return undefined;
  const { tokens, comments } = toTokens(scanned, body);
  const statements: SqlStatementNode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    if (!SQL_STATEMENT_WORDS.has(token.upper) || (previous && !STATEMENT_BOUNDARIES.has(previous.upper || previous.text))) continue;
    let depth = 0;
    let end = i;
    while (end < tokens.length && !(depth === 0 && tokens[end]!.text === ";")) {
      if (tokens[end]!.text === "(") depth++;
      else if (tokens[end]!.text === ")") depth--;
      end++;
    }
    const last = tokens[end - 1]!;
    const node = parseLater(offset + token.start, offset + last.end);
    if (node) statements.push(node);
    i = end;
  }
  if (statements.length === 0) return undefined;
  // Where the disable comments of the body are found, as for a body built from tokens.
  return { type: "program", statements, range: [offset, offset + body.length], leading: commentNodes(comments, offset) } as unknown as Program;
}

/** A table constraint of CREATE TABLE that follows another with no comma between them. */
const UNSEPARATED_CONSTRAINT = /(?<=[^\s,(])(\s+)(?=(?:FOREIGN\s+KEY|PRIMARY\s+KEY|UNIQUE|CHECK|CONSTRAINT)\b)/giu;

/**
 * SQLite accepts table constraints without the comma between them, and drizzle-kit writes its
 * table rebuilds that way (`… ON DELETE cascade` then `FOREIGN KEY (…)` on the next line);
 * sql-parser-cst wants the comma. Read a CREATE TABLE again with one in place of the whitespace
 * before each such constraint: the same length, so every position stays where it was.
 */
function parseWithConstraintCommas(source: string, offset: number): Program | undefined {
  if (!/^\s*CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\b/iu.test(source.replace(LEADING_TRIVIA, ""))) return undefined;
  let changed = false;
  const repaired = source.replace(UNSEPARATED_CONSTRAINT, (space: string, _group: string, at: number) => {
    // Only after a column or another constraint, not after `CREATE TABLE t (` or inside a column's own clauses' words.
    const before = source.slice(0, at).trimEnd();
    if (!/(?:\)|\b(?:action|cascade|restrict|null|default|deferred|immediate|[`"\]]))$/iu.test(before)) return space;
    changed = true;
    return `,${space.slice(1)}`;
  });
  if (!changed) return undefined;
  try {
    return parseFragment(repaired, "sqlite", offset);
  } catch {
    return undefined;
  }
}

/**
 * Parses one statement sql-parser-cst rejected: with PostgreSQL's own parser for PostgreSQL
 * files, with node-sql-parser for MySQL and MariaDB, else (or when that fails too) as an
 * unparsed statement the rules can report.
 */
function recoverStatement(text: string, start: number, end: number, dialect: SqlDialect, error: unknown): SqlStatementNode[] {
  const source = text.slice(start, end);
  const trimmedStart = start + (LEADING_TRIVIA.exec(source)?.[0].length ?? 0);
  const { message, line, column } = toParseError(error);
  const errorOffset = Math.max(start + offsetOf(source, line, column ?? 1), trimmedStart);
  if (dialect === "mysql" || dialect === "mariadb") {
    const parsed = parseWithMysql(text, start, end, dialect);
    if ("statement" in parsed) return [parsed.statement];
    // Report the position of the parser that read further.
    const fallbackOffset = start + parsed.offset;
    if (fallbackOffset > errorOffset) {
      const word = /^[\w$]+|^\S/u.exec(text.slice(fallbackOffset, end))?.[0];
      const fallbackMessage = word === undefined || word === ";" ? "Unexpected end of statement" : `Unexpected "${word}"`;
      return [{ type: "unparsed_stmt", range: [trimmedStart, end], message: fallbackMessage, errorOffset: fallbackOffset }];
    }
    return [{ type: "unparsed_stmt", range: [trimmedStart, end], message, errorOffset }];
  }
  if (dialect === "postgresql") {
    const parsed = parseWithPostgres(source);
    if (parsed && parsed.length > 0) {
      return parsed.map((statement) => {
        const location = start + statement.location;
        const leading = LEADING_TRIVIA.exec(text.slice(location, location + statement.length))?.[0].length ?? 0;
        return { type: "pg_fallback_stmt", kind: statement.kind, pg: statement.node, range: [location + leading, location + statement.length] };
      });
    }
    if (!parsed) return [{ type: "unparsed_stmt", range: [trimmedStart, end], message, errorOffset, rejectedByPostgres: true }];
  }
  return [{ type: "unparsed_stmt", range: [trimmedStart, end], message, errorOffset }];
}

/**
 * Where the down part of a single-file migration starts: dbmate's `-- migrate:down` and goose's
 * `-- +goose Down`. What follows undoes the up part on purpose and is not linted as a change.
 */
export function downSectionStart(text: string): number | undefined {
  const marker = /^--\s*(?:migrate:down|\+goose\s+down)\b/imu.exec(text);
  return marker?.index;
}

function withoutDownSection(program: SqlProgram, text: string): SqlProgram {
  const downStart = downSectionStart(text);
  if (downStart === undefined) return program;
  program.statements = program.statements.filter((statement) => (statement.range?.[0] ?? 0) < downStart);
  // Comments of the down part neither: a disable comment there has nothing to disable.
  program.splitComments = program.splitComments?.filter((comment) => comment.range[0] < downStart);
  return program;
}

/**
 * Parses a SQL file. The whole file is parsed at once when sql-parser-cst accepts it (the
 * common case); otherwise it is split into statements and each is parsed on its own, so a
 * statement the parser does not understand hides nothing but itself.
 */
/** A Go-template action on one line: `{{ index .Options "Namespace" }}` (gobuffalo/pop, supabase), `{{.Schema}}`. */
const TEMPLATE_ACTION = /\{\{[^{}\n]{0,200}\}\}/gu;

/**
 * Migration runners that render their files as Go templates (pop's fizz and SQL migrations,
 * supabase's auth) write the schema as `{{ index .Options "Namespace" }}.users`. Each action
 * becomes an identifier of underscores of the same length, so the statement parses, a schema
 * qualifier stays one, and every offset stays the same.
 */
export function withTemplatesBlanked(text: string): string {
  return text.includes("{{") ? text.replace(TEMPLATE_ACTION, (action) => "_".repeat(action.length)) : text;
}

/**
 * A PostgreSQL file read with PostgreSQL's scanner and split into statements as the database
 * splits them: the common statements built from its tokens (`pg-cst.ts`), the others parsed by
 * sql-parser-cst alone, and those rejected by it read by PostgreSQL's parser as before
 * (`recoverStatement`). Undefined when the scanner cannot read the file (an unterminated quote
 * or comment) or cannot split it, which the caller then parses as before.
 */
function parsePostgresProgram(text: string): SqlProgram | undefined {
  const scanned = scanPostgres(text);
  if (!scanned) return undefined;
  const { tokens, comments } = toTokens(scanned, text);
  const split = splitTokens(tokens, text.length);
  if (!split) return undefined;
  const statements: SqlStatementNode[] = [];
  const parseLater: ParseLater = (start, end) => {
    try {
      return parseFragment(text.slice(start, end), "postgresql", start, false).statements[0];
    } catch {
      return undefined;
    }
  };
  let unparsed = 0;
  for (const { start, end, tokens: own } of split) {
    if (unparsed >= MAX_UNPARSED_STATEMENTS) {
      statements.push(unreadableRest(own[0]!.start, text.length));
      break;
    }
    const built = statementFromTokens(own, parseLater);
    if (built) {
      statements.push(built);
      continue;
    }
    try {
      const fragment = parseFragment(text.slice(start, end), "postgresql", start, false);
      statements.push(...fragment.statements.filter((node) => node.type !== "empty"));
    } catch (error) {
      const recovered = recoverStatement(text, start, end, "postgresql", error);
      if (recovered.some((statement) => statement.type === "unparsed_stmt")) unparsed++;
      statements.push(...recovered);
    }
  }
  parseDoBlocks(statements, { text, parseLater });
  const program: SqlProgram = {
    type: "program",
    statements: withoutDeepStatements(statements) as Program["statements"],
    range: [0, text.length],
    splitComments: commentNodes(comments),
  };
  return withoutDownSection(program, text);
}

/** The rest of a file after too many unreadable statements, as one statement the rules can report. */
function unreadableRest(start: number, end: number): UnparsedStatement {
  return {
    type: "unparsed_stmt",
    range: [start, end],
    message: `parsing stopped after ${MAX_UNPARSED_STATEMENTS} unreadable statements; is the dialect right?`,
    errorOffset: start,
  };
}

export interface ParseSqlOptions {
  /**
   * Read a PostgreSQL file with PostgreSQL's parser and build the common statements from its tokens
   * (the default). Off, every statement is sql-parser-cst's: the reference the builder is checked against.
   */
  postgresParser?: boolean;
}

/** goose's marker closing a statement block: `-- +goose StatementEnd`. */
const GOOSE_STATEMENT_END = /^--[ \t]*\+goose[ \t]+StatementEnd\b[^\n]*/gimu;

/**
 * goose sends each `-- +goose StatementBegin … StatementEnd` block as it is, so the last statement
 * of a block needs no `;`. The marker ends it here too: its first character becomes the `;` and
 * the rest of its line is blanked (one character for one, so every offset stays the same).
 */
function withGooseBlocksEnded(text: string): string {
  if (!text.includes("+goose")) return text;
  return text.replace(GOOSE_STATEMENT_END, (marker) => `;${" ".repeat(marker.length - 1)}`);
}

export function parseSqlProgram(source: string, dialect: SqlDialect, { postgresParser = true }: ParseSqlOptions = {}): SqlProgram {
  // sql-parser-cst takes "\r" for a line end only before "\n": files with old Mac line ends (a lone
  // "\r") would not parse, and a `--` comment would run on over the following lines. One
  // character for one, so every offset stays the same.
  const text = withGooseBlocksEnded(withTemplatesBlanked(source.replace(/\r(?!\n)/gu, "\n")));
  if (dialect === "postgresql" && postgresParser) {
    const program = parsePostgresProgram(text);
    if (program) return program;
  }
  try {
    const program = parseFragment(text, dialect, 0);
    if (dialect === "postgresql") parseDoBlocks(program.statements);
    program.statements = withoutDeepStatements(program.statements) as Program["statements"];
    return withoutDownSection(program, text);
  } catch {
    // Fall through to statement-by-statement parsing.
  }
  const split = splitStatements(text, dialect);
  const statements: SqlStatementNode[] = [];
  let unparsed = 0;
  for (const { start, end } of split.statements) {
    const source = text.slice(start, end);
    if (source.replace(LEADING_TRIVIA, "").trim() === "") continue;
    if (unparsed >= MAX_UNPARSED_STATEMENTS) {
      statements.push(unreadableRest(start + (LEADING_TRIVIA.exec(source)?.[0].length ?? 0), text.length));
      break;
    }
    try {
      const fragment = parseFragment(source, dialect, start);
      statements.push(...fragment.statements.filter((statement) => statement.type !== "empty"));
    } catch (error) {
      const repaired = dialect === "sqlite" ? parseWithConstraintCommas(source, start) : undefined;
      if (repaired) {
        statements.push(...repaired.statements.filter((statement) => statement.type !== "empty"));
        continue;
      }
      const recovered = recoverStatement(text, start, end, dialect, error);
      if (recovered.some((statement) => statement.type === "unparsed_stmt")) unparsed++;
      statements.push(...recovered);
    }
  }
  if (dialect === "postgresql") parseDoBlocks(statements);
  const program: SqlProgram = {
    type: "program",
    statements: withoutDeepStatements(statements) as Program["statements"],
    range: [0, text.length],
    splitComments: split.comments,
  };
  return withoutDownSection(program, text);
}

export function isSqlNode(value: unknown): value is SqlNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
