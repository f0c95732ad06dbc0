import type { Linter } from "eslint";
import type { TSESTree } from "@typescript-eslint/utils";
import packageJson from "../../package.json" with { type: "json" };
import { lazyTypeScriptParser } from "../../rules/utils/lazy-typescript-parser.ts";
import { DISABLE_FOR_LINE } from "../create-sql-rule.ts";
import { SQL_LINE_ENDING } from "../language/sql-source-code.ts";
import { schemaBuilderChanges } from "../../rules/utils/schema-builder-changes.ts";
import { builderCreatedTables, builderTableName, descendants, isMigrationCode, migrationFunctions, runsInTransaction, sqlSites, type FunctionNode } from "./migration-code.ts";
import { UP_BLOCK, UP_BLOCK_IN_TRANSACTION } from "./migration-files.ts";
import { registerEmbeddedDown } from "../language/down-migration.ts";
import { renderSql } from "./render-sql.ts";
import { applyDirectives, parseDirectives, withoutUsedDirectiveReports, type SourceComment } from "./source-directives.ts";
import { constInitializer, type SourceContext } from "./sql-text.ts";
import { composeBlock, isInDynamicSql, sourceOffset, verbatimSourceRange, type BlockPiece, type VirtualBlock } from "./virtual-block.ts";

/**
 * The `migrations` processor: lints the SQL that migrations written in JS/TS send to the
 * database with the SQL rules, under the SQL rules' ids and messages, at the exact position in
 * the string.
 *
 * `preprocess` returns the file itself (still linted by the JS/TS rules) and, for each `up`
 * function, one virtual `.sql` block with the SQL of that function (see virtual-block.ts).
 * ESLint lints a block as `<file>/<n>_up.sql`, which the SQL config's `**\/*.sql` matches.
 * `postprocess` maps the blocks' findings back into the strings, drops those that cannot be
 * placed exactly (in text added for parsing), and applies the file's own `eslint-disable`
 * comments to them; `-- eslint-disable` comments inside the SQL work as in a `.sql` file.
 *
 * The SQL rules' automatic fixes are not carried over (the string may be built or run in ways
 * a SQL rule cannot see, such as inside a transaction callback); their suggestions are, when
 * the edit falls on characters copied verbatim into one literal and needs no escaping there.
 * The SQL rules' "disable for this line" suggestion is kept only where its `--` comment lands on
 * a line of its own inside a multi-line template literal: there a `//` comment (what the editor's
 * own quick fix writes) would be inserted into the SQL. Elsewhere a `//` comment above the line does it.
 */

interface ProcessedFile {
  text: string;
  lineStarts: number[];
  blocks: VirtualBlock[];
  comments: SourceComment[];
}

/** Between `preprocess` and `postprocess` of the same file (ESLint calls them in turn, synchronously). */
const processed = new Map<string, ProcessedFile>();

const UP_NAME = /\bup\b/u;
const JS_LINE_ENDING = /\r\n|[\r\n\u2028\u2029]/gu;

function lineStartsOf(text: string, pattern: RegExp): number[] {
  const starts = [0];
  const global = new RegExp(pattern.source, "gu");
  for (const match of text.matchAll(global)) starts.push(match.index + match[0].length);
  return starts;
}

function setParents(root: TSESTree.Node): void {
  for (const node of descendants(root)) {
    for (const key in node) {
      if (key === "parent") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (typeof child === "object" && child !== null && typeof (child as { type?: unknown }).type === "string" && child !== node) {
          (child as { parent?: TSESTree.Node }).parent = node;
        }
      }
    }
  }
}

interface ParsedFile {
  ast: TSESTree.Program;
  context: SourceContext;
}

function parse(text: string, filename: string): ParsedFile | undefined {
  try {
    const parser = lazyTypeScriptParser as { parseForESLint(text: string, options: Linter.ParserOptions): Linter.ESLintParseResult };
    const result = parser.parseForESLint(text, {
      ecmaVersion: "latest",
      sourceType: "module",
      range: true,
      loc: true,
      comment: true,
      tokens: false,
      filePath: filename,
      ecmaFeatures: { jsx: /\.[cm]?jsx?$/u.test(filename) },
    });
    const ast = result.ast as unknown as TSESTree.Program;
    const resolved = new Map<TSESTree.Node, unknown>();
    const scopeManager = result.scopeManager as unknown as { scopes: { references: { identifier: TSESTree.Node; resolved: unknown }[] }[] } | undefined;
    for (const scope of scopeManager?.scopes ?? []) {
      for (const reference of scope.references) resolved.set(reference.identifier, reference.resolved);
    }
    setParents(ast);
    const context: SourceContext = {
      text,
      constantOf: (identifier) => constInitializer(resolved.get(identifier) as Parameters<typeof constInitializer>[0]),
    };
    return { ast, context };
  } catch {
    // ESLint reports the syntax error when it parses the file itself.
    return undefined;
  }
}

/** A name as a quoted SQL identifier. */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function blockOf(up: FunctionNode, context: SourceContext, file: Pick<ProcessedFile, "lineStarts">): VirtualBlock | undefined {
  const sites = sqlSites(up, context);
  if (sites.length === 0) return undefined;
  const lineOf = (offset: number): number => locOf(file, offset).line;
  const pieces: { at: number; piece: BlockPiece }[] = sites.map((site) => {
    const sql = renderSql(site.parts, site.placeholders);
    if (site.dynamic) sql.dynamic = true;
    const first = site.parts[0];
    const at = first?.kind === "text" ? first.offsets[0]! : (first?.span[0] ?? site.node.range[0]);
    return { at: site.node.range[0], piece: { sql, line: lineOf(at) } };
  });
  // Tables the builders create, so the SQL rules know them as new (no finding for changing them).
  for (const table of builderCreatedTables(up, context)) {
    const name = quoted(table.name);
    const synthetic = table.kind === "table" ? `CREATE TABLE ${name} (id integer)` : `CREATE ${table.kind.toUpperCase()} ${name} AS SELECT 1`;
    pieces.push({ at: table.node.range[0], piece: { synthetic, line: lineOf(table.node.range[0]) } });
  }
  // Tables the builders rename, so the SQL rules know what takes a name over (a view dropped for a table renamed to its name).
  for (const change of schemaBuilderChanges(up, context)) {
    const to = change.method === "renameTable" && change.table.known ? builderTableName(change.call.arguments[1], context) : undefined;
    if (to === undefined) continue;
    const synthetic = `ALTER TABLE ${quoted(change.table.name)} RENAME TO ${quoted(to)}`;
    pieces.push({ at: change.call.range[0], piece: { synthetic, line: lineOf(change.call.range[0]) } });
  }
  pieces.sort((a, b) => a.at - b.at);
  return composeBlock(pieces.map(({ piece }) => piece));
}

function preprocess(text: string, filename: string): (string | Linter.ProcessorFile)[] {
  processed.delete(filename);
  try {
    return extractBlocks(text, filename);
  } catch {
    // Whatever the SQL side cannot read, the file itself is still linted.
    processed.delete(filename);
    return [text];
  }
}

interface MigrationSql {
  text: string;
  ast: TSESTree.Program;
  lineStarts: number[];
  /** The `up` functions' blocks, and whether the library runs each in a transaction. */
  up: { block: VirtualBlock; inTransaction: boolean }[];
  /** The SQL the `down` functions send. */
  down: string[];
}

/** The SQL a migration written in code sends, up and down; undefined when the file is not one or sends none up. */
function migrationSql(rawText: string, filename: string): MigrationSql | undefined {
  // ESLint reports positions in the text without its byte order mark.
  const text = rawText.startsWith("\uFEFF") ? rawText.slice(1) : rawText;
  if (!UP_NAME.test(text)) return undefined;
  const parsed = parse(text, filename);
  if (!parsed) return undefined;
  const { ast, context } = parsed;
  const functions = migrationFunctions(ast);
  if (!isMigrationCode(filename, ast, functions)) return undefined;
  const lineStarts = lineStartsOf(text, JS_LINE_ENDING);
  const up: MigrationSql["up"] = [];
  const down: string[] = [];
  for (const { direction, node } of functions) {
    const block = blockOf(node, context, { lineStarts });
    if (!block) continue;
    // Down migrations undo the up migration on purpose: not linted, only read for what the up half replaces.
    if (direction === "up") up.push({ block, inTransaction: runsInTransaction(ast, node) });
    else down.push(block.text);
  }
  return up.length > 0 ? { text, ast, lineStarts, up, down } : undefined;
}

/**
 * The SQL the `up` functions of a migration written in code send, one statement list, for the
 * history of its folder (see migration-history.ts); undefined when the file is not a migration.
 */
export function upSqlOfMigrationCode(rawText: string, filename: string): string | undefined {
  const known = upSqlByFile.get(filename);
  if (known?.text === rawText) return known.sql;
  let sql: string | undefined;
  try {
    sql = joinedUpSql(migrationSql(rawText, filename));
  } catch {
    sql = undefined;
  }
  upSqlByFile.set(filename, { text: rawText, sql });
  return sql;
}

/**
 * The up SQL of each code migration this process extracted, with the text it came from: the
 * history of a folder asks for the files ESLint has just preprocessed, which need no second parse.
 */
const upSqlByFile = new Map<string, { text: string; sql: string | undefined }>();

const joinedUpSql = (sql: MigrationSql | undefined): string | undefined => sql?.up.map(({ block }) => block.text).join("\n;\n");

function extractBlocks(rawText: string, filename: string): (string | Linter.ProcessorFile)[] {
  const sql = migrationSql(rawText, filename);
  if (!sql) return [rawText];
  upSqlByFile.set(filename, { text: rawText, sql: joinedUpSql(sql) });
  const { text, ast, lineStarts, up, down } = sql;
  registerEmbeddedDown(filename, down.length > 0 ? down.join("\n;\n") : undefined);
  processed.set(filename, { text, lineStarts, blocks: up.map(({ block }) => block), comments: (ast.comments ?? []) as SourceComment[] });
  return [rawText, ...up.map(({ block, inTransaction }) => ({ text: block.text, filename: inTransaction ? UP_BLOCK_IN_TRANSACTION : UP_BLOCK }))];
}

function locOf(file: Pick<ProcessedFile, "lineStarts">, offset: number): { line: number; column: number } {
  let low = 0;
  let high = file.lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (file.lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - file.lineStarts[low]! + 1 };
}

/** A fix in the block as the same edit in the source, when it is one: inside one literal, verbatim, with nothing to escape. */
function sourceFix(fix: Linter.LintMessage["fix"], block: VirtualBlock, file: ProcessedFile): Linter.LintMessage["fix"] | undefined {
  if (!fix) return undefined;
  const verbatim = verbatimSourceRange(block, file.text, fix.range[0], fix.range[1]);
  if (!verbatim || fix.text.includes("\\") || fix.text.includes(verbatim.quote)) return undefined;
  if (verbatim.quote === "`" ? fix.text.includes("${") : /[\r\n\u2028\u2029]/u.test(fix.text)) return undefined;
  return { range: verbatim.range, text: fix.text };
}

/** True when only spaces and tabs precede `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  return /^[ \t]*$/u.test(text.slice(lineStart, offset));
}

function mapMessage(message: Linter.LintMessage, block: VirtualBlock, blockLineStarts: number[], file: ProcessedFile): Linter.LintMessage | undefined {
  const blockOffset = (line: number, column: number): number | undefined => {
    const start = blockLineStarts[line - 1];
    return start === undefined ? undefined : start + column - 1;
  };
  const start = blockOffset(message.line, message.column);
  if (start === undefined) return undefined;
  // A statement that cannot be parsed because of a value only known at run time is expected, not a finding.
  if (message.ruleId === "shipshape/unparsable-statement" && isInDynamicSql(block, start)) return undefined;
  const end = message.endLine === undefined ? undefined : blockOffset(message.endLine, message.endColumn ?? message.column);
  const from = sourceOffset(block, start, "start");
  const to = end === undefined ? undefined : end === start ? from : sourceOffset(block, end, "end");
  if (from === undefined || (end !== undefined && (to === undefined || to < from))) return undefined;

  const { suggestions } = message;
  const mapped: Linter.LintMessage = { ...message, ...locOf(file, from) };
  delete mapped.fix;
  delete mapped.suggestions;
  if (to !== undefined) {
    const endLoc = locOf(file, to);
    mapped.endLine = endLoc.line;
    mapped.endColumn = endLoc.column;
  }
  const mappedSuggestions = (suggestions ?? []).flatMap((suggestion) => {
    const fix = sourceFix(suggestion.fix, block, file);
    if (!fix || (suggestion.messageId === DISABLE_FOR_LINE && !startsLine(file.text, fix.range[0]))) return [];
    return [{ ...suggestion, fix }];
  });
  if (mappedSuggestions.length > 0) mapped.suggestions = mappedSuggestions;
  return mapped;
}

function postprocess(messageLists: Linter.LintMessage[][], filename: string): Linter.LintMessage[] {
  const file = processed.get(filename);
  processed.delete(filename);
  if (!file) return messageLists.flat();
  const [own = [], ...blockMessages] = messageLists;
  const embedded = blockMessages.flatMap((messages, index) => {
    const block = file.blocks[index];
    if (!block) return [];
    const blockLineStarts = lineStartsOf(block.text, SQL_LINE_ENDING);
    return messages.flatMap((message) => mapMessage(message, block, blockLineStarts, file) ?? []);
  });
  const directives = parseDirectives(file.comments);
  const suppressed = applyDirectives(directives, embedded);
  return [...withoutUsedDirectiveReports(directives, own), ...suppressed].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const migrationsProcessor: Linter.Processor = {
  meta: { name: "shipshape/migrations", version: packageJson.version },
  supportsAutofix: true,
  preprocess,
  postprocess,
};
