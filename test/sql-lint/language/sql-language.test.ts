import { describe, expect, it } from "vitest";
import { sqlLanguage, toParseError, validateSqlLanguageOptions } from "../../../sql-lint/language/sql-language.ts";
import type { SqlSourceCode } from "../../../sql-lint/language/sql-source-code.ts";

/** Without a dialect the file is assumed to be PostgreSQL, so a statement it rejects stays in the tree as unparsed. */
function sourceCode(text: string, dialect?: "postgresql" | "mysql" | "sqlite"): SqlSourceCode {
  const file = { path: "m.sql", physicalPath: "m.sql", bom: false, body: text };
  const context = { languageOptions: dialect ? { dialect } : {} };
  const result = sqlLanguage.parse(file, context);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return sqlLanguage.createSourceCode(file, result, context);
}

describe("parse", () => {
  const parse = (text: string, dialect?: "postgresql" | "mysql" | "sqlite") =>
    sqlLanguage.parse({ path: "m.sql", physicalPath: "m.sql", bom: false, body: text }, { languageOptions: dialect ? { dialect } : {} });

  it("parses a file sql-parser-cst rejects statement by statement, keeping what it can read", () => {
    const result = parse("SELECT 1;\nALTER TABLE users DROP COLUMN;\nALTER TABLE users DROP COLUMN email;\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ast.statements.map((statement) => statement.type)).toEqual(["select_stmt", "unparsed_stmt", "alter_table_stmt"]);
    expect(result.ast.statements[1]).toMatchObject({
      type: "unparsed_stmt",
      range: [10, 40],
      message: 'Unexpected ";", expected "IF", identifier, or whitespace',
      errorOffset: 39,
    });
    expect(result.ast.statements[2]!.range).toEqual([41, 76]);
  });

  it("reads SQLite table constraints written without a comma between them, as SQLite does", () => {
    // drizzle-kit's table rebuilds for SQLite write them this way; positions stay those of the file.
    const rebuild =
      "CREATE TABLE `assets_new` (\n  `id` text PRIMARY KEY NOT NULL,\n  `bookmarkId` text,\n  `userId` text NOT NULL,\n" +
      "  FOREIGN KEY (`bookmarkId`) REFERENCES `bookmarks`(`id`) ON UPDATE no action ON DELETE cascade\n" +
      "  FOREIGN KEY (`userId`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade\n);\nDROP TABLE `assets`;\n";
    const result = parse(rebuild, "sqlite");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ast.statements.map((statement) => statement.type)).toEqual(["create_table_stmt", "drop_table_stmt"]);
    expect(result.ast.statements[1]!.range).toEqual([rebuild.indexOf("DROP"), rebuild.length - 2]);
    // Not in another dialect, and not a column's own constraint after its type.
    const postgres = parse(rebuild.replaceAll("`", '"'), "postgresql");
    expect(postgres.ok).toBe(false);
    const unreadable = parse("CREATE TABLE t (\n  name varchar(20) UNIQUE CHECK\n);\n", "sqlite");
    expect(unreadable.ok && unreadable.ast.statements.map((statement) => statement.type)).toEqual(["unparsed_stmt"]);
  });

  it("fails a file configured as PostgreSQL whose statement PostgreSQL rejects, with PostgreSQL's message", () => {
    expect(parse("SELECT 1;\nALTER TABLE users DROP COLUMN;\n", "postgresql")).toEqual({
      ok: false,
      errors: [{ message: 'PostgreSQL rejects this statement: syntax error at or near ";"', line: 2, column: 30 }],
    });
  });

  it("hands statements sql-parser-cst does not support to PostgreSQL's own parser", () => {
    const result = parse("-- maintenance\nVACUUM FULL orders;\nLOCK TABLE orders IN ACCESS EXCLUSIVE MODE;");
    if (!result.ok) throw new Error("expected a parse");
    expect(result.ast.statements).toMatchObject([
      { type: "pg_fallback_stmt", kind: "VacuumStmt", range: [15, 33] },
      { type: "pg_fallback_stmt", kind: "LockStmt", range: [35, 77] },
    ]);
  });

  it("parses DO block bodies as PL/pgSQL with positions in the file", () => {
    const result = parse("DO $body$\nBEGIN\n  ALTER TABLE t DROP COLUMN c;\nEND\n$body$;");
    if (!result.ok) throw new Error("expected a parse");
    const body = (result.ast.statements[0] as { parsedBody?: { statements: { type: string; statements?: unknown; program?: { statements: { type: string; range: number[] }[] } }[] } }).parsedBody;
    expect(body?.statements[0]?.program?.statements[0]).toMatchObject({ type: "alter_table_stmt", range: [18, 45] });
  });

  it("reports a binary file as a fatal parse error", () => {
    expect(parse("\u0000\u0001\u0002ALTER")).toEqual({
      ok: false,
      errors: [{ message: "This is a binary file, not SQL text", line: 1, column: 1 }],
    });
  });

  it("keeps only the first line of a syntax error when the parser lists too many expected tokens", () => {
    const error = toParseError(new Error('Syntax Error: Unexpected "SELEC"\nWas expecting to see: ' + "a, ".repeat(60) + "\n--> m.sql:1:1\n"));
    expect(error).toEqual({ message: 'Unexpected "SELEC"', line: 1, column: 1 });
  });

  it("parses with the dialect from languageOptions", () => {
    const postgres = parse("SELECT `id` FROM t;", "postgresql");
    const mysql = parse("SELECT `id` FROM t;", "mysql");
    expect(postgres.ok).toBe(false);
    expect(mysql.ok && mysql.ast.statements[0]!.type).toBe("select_stmt");
  });

  it("reads a file given as bytes", () => {
    const body = new TextEncoder().encode("SELECT 1;");
    expect(sqlLanguage.parse({ path: "m.sql", physicalPath: "m.sql", bom: false, body }, { languageOptions: {} }).ok).toBe(true);
  });

  it("turns an unexpected parser exception into a parse error at the start of the file", () => {
    expect(toParseError(new RangeError("Maximum call stack size exceeded"))).toEqual({
      message: "The SQL parser failed: Maximum call stack size exceeded",
      line: 1,
      column: 1,
    });
  });
});

describe("languageOptions", () => {
  it("accepts the three dialects and a PostgreSQL major version", () => {
    for (const dialect of ["postgresql", "mysql", "sqlite"] as const) {
      expect(() => validateSqlLanguageOptions({ dialect })).not.toThrow();
    }
    expect(() => validateSqlLanguageOptions({ dialect: "postgresql", pgVersion: 16 })).not.toThrow();
  });

  it("rejects unknown dialects, versions and options with a message naming them", () => {
    expect(() => validateSqlLanguageOptions({ dialect: "oracle" as never })).toThrow(/dialect.*oracle/u);
    expect(() => validateSqlLanguageOptions({ pgVersion: 16.5 })).toThrow(/pgVersion/u);
    expect(() => validateSqlLanguageOptions({ dilect: "mysql" })).toThrow(/dilect/u);
  });
});

describe("SqlSourceCode", () => {
  it("locates nodes by line and 0-based column, CRLF counting as one line break", () => {
    const code = sourceCode("SELECT 1;\r\n\r\nALTER TABLE users DROP COLUMN email;");
    const statement = code.ast.statements[1]!;
    expect(code.getLoc(statement)).toEqual({ start: { line: 3, column: 0 }, end: { line: 3, column: 35 } });
  });

  it("spans the whole file with the root, comments before the first statement included", () => {
    const code = sourceCode("-- header\n\nSELECT 1;\n");
    expect(code.getLoc(code.ast)).toEqual({ start: { line: 1, column: 0 }, end: { line: 4, column: 0 } });
    expect(code.getRange(code.ast)).toEqual([0, 21]);
  });

  it("collects every comment in source order, wherever the parser attached it", () => {
    const code = sourceCode("-- one\nSELECT /* two */ 1 -- three\n;\n# four\n", "mysql");
    expect(code.comments.map((comment) => [comment.type, comment.value])).toEqual([
      ["line_comment", " one"],
      ["block_comment", " two "],
      ["line_comment", " three"],
      ["line_comment", " four"],
    ]);
  });

  it("traverses by the generated visitor keys and records parents", () => {
    const code = sourceCode("ALTER TABLE users DROP COLUMN email;");
    const entered = [...code.traverse()]
      .filter((step) => step.kind === 1 && step.phase === 1)
      .map((step) => (step.target as { type: string }).type);
    expect(entered).toEqual(["program", "alter_table_stmt", "identifier", "list_expr", "alter_action_drop_column", "identifier"]);
    const statement = code.ast.statements[0]!;
    expect(code.getParent(statement)).toBe(code.ast);
    expect(code.getAncestors(statement)).toEqual([code.ast]);
  });

  it("reads eslint-disable directives from -- and /* */ comments, with their justification", () => {
    const code = sourceCode(
      "-- eslint-disable-next-line shipshape/no-drop-column -- unused since v41\nALTER TABLE users DROP COLUMN email;\n/* eslint-disable */\n",
    );
    const { directives, problems } = code.getDisableDirectives();
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.type, d.value, d.justification])).toEqual([
      ["disable-next-line", "shipshape/no-drop-column", "unused since v41"],
      ["disable", "", ""],
    ]);
  });

  it("reads directives inside DO block bodies when the file is parsed statement by statement", () => {
    // The unreadable first statement makes the parser split the file; the splitter skips dollar quotes.
    const code = sourceCode(
      "SELEC garbage;\nDO $$\nBEGIN\n  -- eslint-disable-next-line shipshape/no-drop-column -- ok\n  ALTER TABLE users DROP COLUMN email;\nEND\n$$; -- done\n",
    );
    expect(code.ast.splitComments).toBeDefined();
    expect(code.comments.map((comment) => comment.text)).toEqual(["-- eslint-disable-next-line shipshape/no-drop-column -- ok", "-- done"]);
    expect(code.getDisableDirectives().directives.map((d) => [d.type, d.value])).toEqual([["disable-next-line", "shipshape/no-drop-column"]]);
  });

  it("reports a multi-line eslint-disable-line comment as a problem", () => {
    const code = sourceCode("SELECT 1; /* eslint-disable-line\n */");
    expect(code.getDisableDirectives().problems).toHaveLength(1);
  });

  it("applies /* eslint rule: severity */ configuration comments", () => {
    const code = sourceCode('/* eslint shipshape/no-drop-column: "off" */\nSELECT 1;\n/* eslint shipshape/x: [ */');
    const { configs, problems } = code.applyInlineConfig();
    expect(configs).toEqual([{ config: { rules: { "shipshape/no-drop-column": "off" } }, loc: expect.any(Object) }]);
    expect(problems).toHaveLength(1);
  });
});
