import type { File, FileError, Language, OkParseResult, ParseResult } from "@eslint/core";
import { parse, type Node, type Program } from "sql-parser-cst";
import { SqlSourceCode } from "./sql-source-code.ts";
import { visitorKeys } from "./visitor-keys.ts";

export const SQL_DIALECTS = ["postgresql", "mysql", "sqlite"] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export interface SqlLanguageOptions {
  [key: string]: unknown;
  /** Which SQL dialect the files are written in. */
  dialect?: SqlDialect;
  /** The major PostgreSQL version migrations run against (some locks changed across versions). */
  pgVersion?: number;
}

const DEFAULT_LANGUAGE_OPTIONS = { dialect: "postgresql" } satisfies SqlLanguageOptions;

/** Where sql-parser-cst's formatted syntax error says it stopped: `--> file:LINE:COLUMN`. */
const ERROR_POSITION = /^--> .*:(\d+):(\d+)$/mu;

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

export function validateSqlLanguageOptions(options: SqlLanguageOptions): void {
  const { dialect, pgVersion, ...rest } = options;
  if (dialect !== undefined && !(SQL_DIALECTS as readonly unknown[]).includes(dialect)) {
    throw new TypeError(`Expected "dialect" to be one of ${SQL_DIALECTS.join(", ")}, got ${JSON.stringify(dialect)}.`);
  }
  if (pgVersion !== undefined && !(Number.isInteger(pgVersion) && pgVersion >= 9 && pgVersion <= 99)) {
    throw new TypeError(`Expected "pgVersion" to be a PostgreSQL major version such as 16, got ${JSON.stringify(pgVersion)}.`);
  }
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new TypeError(`Unknown SQL language option "${unknown[0]}"; expected dialect or pgVersion.`);
  }
}

/** The `shipshape/sql` language: SQL files parsed by sql-parser-cst into a concrete syntax tree. */
export const sqlLanguage: Language<{
  LangOptions: SqlLanguageOptions;
  Code: SqlSourceCode;
  RootNode: Program;
  Node: Node;
}> = {
  fileType: "text",
  lineStart: 1,
  columnStart: 0,
  nodeTypeKey: "type",
  visitorKeys,
  defaultLanguageOptions: DEFAULT_LANGUAGE_OPTIONS,

  validateLanguageOptions: validateSqlLanguageOptions,

  parse(file: File, context): ParseResult<Program> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const dialect = context.languageOptions.dialect ?? DEFAULT_LANGUAGE_OPTIONS.dialect;
    try {
      const ast = parse(text, { dialect, includeRange: true, includeComments: true });
      return { ok: true, ast };
    } catch (error) {
      return { ok: false, errors: [toParseError(error)] };
    }
  },

  createSourceCode(file: File, input: OkParseResult<Program>): SqlSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new SqlSourceCode({ text, ast: input.ast });
  },
};
