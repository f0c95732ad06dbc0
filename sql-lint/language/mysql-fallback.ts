/**
 * node-sql-parser, for the MySQL and MariaDB statements sql-parser-cst does not support
 * (`MODIFY`, `CHANGE`, `ALGORITHM=`/`LOCK=`, `ADD INDEX i (…)`, table options, `DROP FOREIGN
 * KEY`, ...), so the rules still see them. Its tree carries positions for column references
 * only, so `ALTER TABLE` is parsed clause by clause: each comma-separated clause gets its own
 * range, and a clause neither parser knows no longer hides the others.
 */
import { createRequire } from "node:module";

/** What node-sql-parser returns for one statement (its own, loosely typed tree). */
export type MysqlAst = Record<string, unknown>;

/** One comma-separated clause of `ALTER TABLE`, such as `MODIFY email varchar(320) NOT NULL` or `ALGORITHM=INPLACE`. */
export interface MysqlAlterClause {
  range: [number, number];
  /** The clause's source text. */
  text: string;
  /** Its first words, upper-cased, without quoted names (`["MODIFY", "COLUMN"]`, `["CONVERT", "TO", "CHARACTER", "SET"]`). */
  keywords: string[];
  /**
   * node-sql-parser's actions for the clause (the items of an ALTER statement's `expr`). Empty for
   * the clauses only recognised by their keywords (`CONVERT TO CHARACTER SET`, `FORCE`, `RENAME INDEX`, ...).
   */
  actions: MysqlAst[];
}

/**
 * A MySQL or MariaDB statement sql-parser-cst does not support but node-sql-parser does: `kind`
 * is node-sql-parser's statement type (`alter`, `create`, `drop`, `rename`, ...) and `ast` the
 * statement as it returns it. Column references in `ast` carry an absolute `range` and their
 * source `text`. A stored program's definition or removal, which node-sql-parser does not read,
 * has the kind `stored-program` (`ast.type`: create, alter or drop; `ast.keyword`: procedure,
 * function, trigger or event).
 */
export interface MysqlFallbackStatement {
  type: "mysql_fallback_stmt";
  range: [number, number];
  kind: string;
  ast: MysqlAst;
  /** The table of `ALTER TABLE`, `CREATE TABLE` and `CREATE INDEX … ON`, as written (`` `shop`.`Users` ``), and where it is. */
  table?: { text: string; range: [number, number] };
  /** For `ALTER TABLE`: every clause, in order. */
  clauses?: MysqlAlterClause[];
}

export type MysqlDialect = "mysql" | "mariadb";

interface ParserInstance {
  astify(sql: string, options: { database: string; parseOptions: { includeLocations: boolean } }): MysqlAst | MysqlAst[];
}

const require = createRequire(import.meta.url);
const parsers = new Map<MysqlDialect, ParserInstance>();

type ParserBuild = { Parser: new () => ParserInstance };

/**
 * node-sql-parser ships one build per database; only the one a file needs is loaded, on first use.
 * The package carries just the MySQL and MariaDB builds (dist/vendor, copied by scripts/build.mjs:
 * node-sql-parser itself installs 89 MB of builds for other databases); a checkout of this
 * repository, where the sources run, reads them from the node-sql-parser development dependency.
 */
function loadBuild(dialect: MysqlDialect): ParserBuild {
  let file: string;
  try {
    file = require.resolve(`../../vendor/node-sql-parser/${dialect}.js`);
  } catch {
    file = require.resolve(`node-sql-parser/build/${dialect}.js`);
  }
  return require(file) as ParserBuild;
}

function parserFor(dialect: MysqlDialect): ParserInstance {
  let parser = parsers.get(dialect);
  if (!parser) {
    parser = new (loadBuild(dialect).Parser)();
    parsers.set(dialect, parser);
  }
  return parser;
}

interface Token {
  text: string;
  /** Upper-cased word; empty for quoted names, strings and punctuation. */
  word: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_$]+/uy;

/** The tokens of `text` between `from` and `to`, without comments and whitespace: words, quoted strings and names, punctuation. */
function tokens(text: string, from: number, to: number): Token[] {
  const found: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    const next = text[i + 1];
    if (/\s/u.test(c)) {
      i++;
    } else if ((c === "-" && next === "-") || c === "#") {
      const end = text.indexOf("\n", i);
      i = end === -1 || end > to ? to : end;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 || end + 2 > to ? to : end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < to) {
        if (text[j] === "\\" && c !== "`") j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      const end = Math.min(j + 1, to);
      found.push({ text: text.slice(i, end), word: "", start: i, end });
      i = end;
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(text)?.[0];
      const end = word ? i + word.length : i + 1;
      found.push({ text: text.slice(i, end), word: word ? word.toUpperCase() : "", start: i, end });
      i = end;
    }
  }
  return found;
}

/** Clauses of `ALTER TABLE` that node-sql-parser does not read but whose leading keywords say what they do. */
const KEYWORD_CLAUSES: readonly (readonly string[])[] = [
  ["CONVERT", "TO"],
  ["FORCE"],
  ["DEFAULT"],
  ["CHARACTER", "SET"],
  ["CHARSET"],
  ["COLLATE"],
  ["RENAME", "INDEX"],
  ["RENAME", "KEY"],
  ["ALTER"],
  ["ALGORITHM"],
  ["LOCK"],
  ["ENGINE"],
  ["ROW_FORMAT"],
  ["KEY_BLOCK_SIZE"],
  ["COMMENT"],
  ["AUTO_INCREMENT"],
  ["ORDER", "BY"],
  ["ENABLE", "KEYS"],
  ["DISABLE", "KEYS"],
  ["PARTITION", "BY"],
  ["REMOVE", "PARTITIONING"],
  ["ADD", "PARTITION"],
  ["DROP", "PARTITION"],
  ["TRUNCATE", "PARTITION"],
  ["COALESCE", "PARTITION"],
  ["REORGANIZE", "PARTITION"],
  ["EXCHANGE", "PARTITION"],
  ["REBUILD", "PARTITION"],
];

function isKeywordClause(keywords: readonly string[]): boolean {
  return KEYWORD_CLAUSES.some((prefix) => prefix.every((word, index) => keywords[index] === word));
}

interface ParseFailure {
  message: string;
  /** Offset in the text given to node-sql-parser. */
  offset: number;
}

function parseFailure(error: unknown): ParseFailure {
  const { location, found } = error as { location?: { start?: { offset?: number } }; found?: unknown };
  const offset = location?.start?.offset ?? 0;
  return { message: typeof found === "string" ? `unexpected "${found}"` : "unexpected end of statement", offset };
}

/**
 * Gives every node that has a location an absolute `range` and its source `text` (how a name was
 * written: quoted or not): `sql` is the parsed text, `offset` where it starts in the file, `skip`
 * how many leading characters of it are not in the file (a prefix).
 */
function addRanges(root: unknown, sql: string, offset: number, skip: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    const record = value as Record<string, unknown>;
    const loc = record.loc as { start?: { offset?: number }; end?: { offset?: number } } | undefined;
    if (typeof loc?.start?.offset === "number" && typeof loc.end?.offset === "number" && loc.start.offset >= skip) {
      record.range = [offset + loc.start.offset - skip, offset + loc.end.offset - skip];
      record.text = sql.slice(loc.start.offset, loc.end.offset);
    }
    for (const key in record) if (key !== "loc" && key !== "range" && key !== "text") stack.push(record[key]);
  }
}

function astify(dialect: MysqlDialect, sql: string): MysqlAst[] {
  const result = parserFor(dialect).astify(sql, { database: dialect, parseOptions: { includeLocations: true } });
  return (Array.isArray(result) ? result : [result]).filter((ast) => typeof ast === "object" && ast !== null);
}

/** The tokens of a (possibly schema-qualified) name starting at `index`. */
function nameAt(all: readonly Token[], index: number): Token[] {
  const name: Token[] = [];
  let i = index;
  while (all[i] && (name.length === 0 || all[i]!.text === "." || name.at(-1)!.text === ".")) name.push(all[i++]!);
  return name;
}

/** Skips the words of `sequence` present at `index`, in order; returns the index after them. */
function skip(all: readonly Token[], index: number, ...words: string[]): number {
  let i = index;
  for (const word of words) if (all[i]?.word === word) i++;
  return i;
}

/** The table an `ALTER TABLE`, `CREATE TABLE` or `CREATE INDEX … ON` statement names, and for ALTER TABLE the tokens after it. */
function statementTable(all: readonly Token[]): { table: Token[]; rest?: Token[] } | undefined {
  if (all[0]?.word === "ALTER") {
    let i = 1;
    while (all[i]?.word === "ONLINE" || all[i]?.word === "OFFLINE" || all[i]?.word === "IGNORE") i++;
    if (all[i]?.word !== "TABLE") return undefined;
    i = skip(all, i + 1, "IF", "EXISTS");
    const table = nameAt(all, i);
    return table.length > 0 ? { table, rest: all.slice(i + table.length) } : undefined;
  }
  if (all[0]?.word !== "CREATE") return undefined;
  let i = skip(all, 1, "OR", "REPLACE", "TEMPORARY");
  if (all[i]?.word === "TABLE") {
    const table = nameAt(all, skip(all, i + 1, "IF", "NOT", "EXISTS"));
    return table.length > 0 ? { table } : undefined;
  }
  i = skip(all, i, "ONLINE", "OFFLINE", "UNIQUE", "FULLTEXT", "SPATIAL");
  if (all[i]?.word !== "INDEX") return undefined;
  const on = all.findIndex((token, index) => index > i && token.word === "ON");
  const table = on === -1 ? [] : nameAt(all, on + 1);
  return table.length > 0 ? { table } : undefined;
}

function tableOf(text: string, name: readonly Token[]): { text: string; range: [number, number] } {
  const range: [number, number] = [name[0]!.start, name.at(-1)!.end];
  return { text: text.slice(...range), range };
}

/** Splits tokens at the commas outside parentheses. */
function splitAtCommas(list: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of list) {
    if (token.text === ";" && depth === 0) break;
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
    if (token.text === "," && depth === 0) parts.push([]);
    else parts.at(-1)!.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

/** Parses `ALTER TABLE` clause by clause; a failure gives the absolute offset in the first clause neither parser can read. */
function parseAlterTable(
  text: string,
  range: [number, number],
  head: { table: Token[]; rest: Token[] },
  dialect: MysqlDialect,
): MysqlFallbackStatement | ParseFailure {
  const table = tableOf(text, head.table);
  const tableText = table.text;
  const prefix = `ALTER TABLE ${tableText} `;
  const clauses: MysqlAlterClause[] = [];
  let tableAst: unknown;
  for (const part of splitAtCommas(head.rest)) {
    const clauseRange: [number, number] = [part[0]!.start, part.at(-1)!.end];
    const keywords = part.slice(0, 6).map((token) => token.word);
    let actions: MysqlAst[];
    try {
      const sql = prefix + text.slice(...clauseRange);
      const [ast] = astify(dialect, sql);
      tableAst ??= ast?.table;
      actions = Array.isArray(ast?.expr) ? (ast.expr as MysqlAst[]) : [];
      addRanges(actions, sql, clauseRange[0], prefix.length);
    } catch (error) {
      if (!isKeywordClause(keywords)) {
        const failure = parseFailure(error);
        return { message: failure.message, offset: clauseRange[0] + Math.max(0, failure.offset - prefix.length) };
      }
      actions = [];
    }
    clauses.push({ range: clauseRange, text: text.slice(...clauseRange), keywords, actions });
  }
  return {
    type: "mysql_fallback_stmt",
    range,
    kind: "alter",
    ast: { type: "alter", table: tableAst ?? [], expr: clauses.flatMap((clause) => clause.actions) },
    table,
    clauses,
  };
}

/** The kinds of MySQL and MariaDB stored program. */
const STORED_PROGRAMS = new Set(["PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"]);

/**
 * The stored program a statement defines, alters or drops (`CREATE [OR REPLACE] [DEFINER = …]
 * PROCEDURE|FUNCTION|TRIGGER|EVENT …`, `ALTER PROCEDURE …`, `DROP PROCEDURE [IF EXISTS] …`), which
 * neither parser reads. Such a statement changes no table when it runs (a body runs when it is
 * called or fired), so it is kept as a statement of its kind rather than reported unreadable.
 */
function storedProgramStatement(all: Token[], range: [number, number]): MysqlFallbackStatement | undefined {
  const [verb] = all;
  if (verb?.word !== "CREATE" && verb?.word !== "ALTER" && verb?.word !== "DROP") return undefined;
  let i = 1;
  if (verb.word === "CREATE" && all[i]?.word === "OR" && all[i + 1]?.word === "REPLACE") i += 2;
  if (verb.word !== "DROP" && all[i]?.word === "DEFINER" && all[i + 1]?.text === "=") {
    // DEFINER = user, `user`@`host`, 'user'@'%' or CURRENT_USER[()]
    i += 3;
    while (all[i]?.text === "@" || all[i]?.text === "(" || all[i]?.text === ")" || all[i - 1]?.text === "@") i++;
  }
  if (verb.word === "CREATE" && all[i]?.word === "AGGREGATE") i++;
  const program = all[i]?.word;
  if (program === undefined || !STORED_PROGRAMS.has(program)) return undefined;
  return { type: "mysql_fallback_stmt", range, kind: "stored-program", ast: { type: verb.word.toLowerCase(), keyword: program.toLowerCase() } };
}

/**
 * Parses one MySQL or MariaDB statement (`text` between `start` and `end`, which may include
 * comments and the closing semicolon) with node-sql-parser. Returns the statement, or why and
 * where (offset from `start`) it could not be read.
 */
export function parseWithMysql(
  text: string,
  start: number,
  end: number,
  dialect: MysqlDialect,
): { statement: MysqlFallbackStatement } | { message: string; offset: number } {
  const all = tokens(text, start, end);
  const first = all[0];
  if (!first) return { message: "empty statement", offset: 0 };
  const last = all.at(-1)!.text === ";" ? all.at(-2) : all.at(-1);
  const range: [number, number] = [first.start, (last ?? first).end];
  const head = statementTable(all);
  if (head?.rest) {
    const result = parseAlterTable(text, range, { table: head.table, rest: head.rest }, dialect);
    if (!("type" in result)) return { message: result.message, offset: result.offset - start };
    return { statement: result };
  }
  // From the first token: node-sql-parser drops leading whitespace before counting offsets, so a
  // statement given with the blank lines before it would get every position shifted by them.
  const sql = text.slice(first.start, end);
  try {
    const asts = astify(dialect, sql);
    if (asts.length !== 1) return { message: "more than one statement", offset: first.start - start };
    const ast = asts[0]!;
    addRanges(ast, sql, first.start, 0);
    const kind = typeof ast.type === "string" ? ast.type : "unknown";
    const statement: MysqlFallbackStatement = { type: "mysql_fallback_stmt", range, kind, ast };
    if (head) statement.table = tableOf(text, head.table);
    return { statement };
  } catch (error) {
    const storedProgram = storedProgramStatement(all, range);
    if (storedProgram) return { statement: storedProgram };
    const failure = parseFailure(error);
    return { message: failure.message, offset: first.start - start + failure.offset };
  }
}
