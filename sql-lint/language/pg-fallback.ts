/**
 * PostgreSQL's own parser (libpg-query, compiled to WebAssembly), for the statements
 * sql-parser-cst does not support (`VACUUM`, `CLUSTER`, `LOCK`, `DETACH PARTITION`, ...), so
 * the rules still see them.
 *
 * Loaded on the first statement that needs it, which most runs never have (a run over JS/TS or
 * YAML files, most migrations). ESLint's `parse` is synchronous, and libpg-query only loads
 * asynchronously: its entry points start an `await`ed WebAssembly instantiation when imported
 * (waiting for it at import cost every run 30–50 ms). So this module instantiates the package's
 * own emscripten build synchronously: its glue script runs in a `vm` context whose microtasks
 * run as soon as a script returns (`microtaskMode: "afterEvaluate"`), its `instantiateWasm`
 * hook compiles the package's `.wasm` synchronously, and the glue's `await`s then all complete
 * before the call returns. `parse` below reads the result as libpg-query's `parseSync` does
 * (test/sql-lint/language/pg-fallback.test.ts checks both agree).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { ParseResult } from "libpg-query";

/** The part of libpg-query's emscripten module (its `Module`) that parsing uses. */
interface PgQueryModule {
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, size: number): void;
  UTF8ToString(pointer: number): string;
  getValue(pointer: number, type: "i32"): number;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _wasm_parse_query_raw(text: number): number;
  _wasm_free_parse_result(result: number): void;
  _wasm_scan(text: number): number;
  _wasm_free_string(result: number): void;
}

const require = createRequire(import.meta.url);
let pgQuery: PgQueryModule | undefined;

function loadPgQuery(): PgQueryModule {
  const glueFile = require.resolve("libpg-query/wasm/libpg-query.js");
  const folder = path.dirname(glueFile);
  // What the glue reads from a CommonJS module's scope and Node's globals.
  const context = vm.createContext(
    { process, require, Buffer, console, TextDecoder, performance, setTimeout, clearTimeout, __filename: glueFile, __dirname: folder },
    { microtaskMode: "afterEvaluate" },
  );
  vm.runInContext(fs.readFileSync(glueFile, "utf8"), context, { filename: glueFile });
  context.wasmBytes = fs.readFileSync(path.join(folder, "libpg-query.wasm"));
  vm.runInContext(
    "PgQueryModule({ instantiateWasm(imports, receive) { receive(new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), imports)); return {}; } })" +
      ".then((module) => { pgQuery = module; });",
    context,
  );
  if (!context.pgQuery) throw new Error("libpg-query did not initialise synchronously");
  return context.pgQuery as PgQueryModule;
}

/**
 * What libpg-query's `parseSync` returns, from the synchronously loaded module; undefined where
 * `parseSync` throws (a syntax error, empty text, a failure inside the parser).
 */
export function parsePostgres(text: string): ParseResult | undefined {
  const outcome = runParser(text);
  return outcome && "tree" in outcome ? outcome.tree : undefined;
}

/** PostgreSQL's syntax error for `text`, with the 0-based offset its parser points at; undefined when it parses. */
export function postgresSyntaxError(text: string): { message: string; offset: number } | undefined {
  const outcome = runParser(text);
  return outcome && "error" in outcome ? outcome.error : undefined;
}

/**
 * Calls one of libpg-query's entry points on `text` copied into its memory: `call` returns the
 * result's address, `read` what the caller wants from it, `free` releases it. Undefined when the
 * call fails or returns nothing.
 */
function withText<T>(text: string, call: (module: PgQueryModule, input: number) => number, read: (module: PgQueryModule, result: number) => T, free: (module: PgQueryModule, result: number) => void): T | undefined {
  const module = (pgQuery ??= loadPgQuery());
  const size = module.lengthBytesUTF8(text) + 1;
  const input = module._malloc(size);
  let result = 0;
  try {
    module.stringToUTF8(text, input, size);
    result = call(module, input);
    return result ? read(module, result) : undefined;
  } catch {
    return undefined;
  } finally {
    module._free(input);
    if (result) free(module, result);
  }
}

/** One run of PostgreSQL's parser: the tree, or the error it reports (as libpg-query's own reader takes them from its structs). */
function runParser(text: string): { tree: ParseResult } | { error: { message: string; offset: number } } | undefined {
  if (text === "") return undefined;
  return withText(
    text,
    (module, input) => module._wasm_parse_query_raw(input),
    (module, result) => {
      // A PgQueryParseResult: the tree as JSON, the captured stderr, the error.
      const tree = module.getValue(result, "i32");
      const error = module.getValue(result + 8, "i32");
      if (error) {
        // A PgQueryError: message, funcname, filename, lineno, cursorpos (1-based, in characters).
        const message = module.getValue(error, "i32");
        const cursor = module.getValue(error + 16, "i32");
        const offset = Array.from(text).slice(0, Math.max(cursor - 1, 0)).join("").length;
        return { error: { message: message ? module.UTF8ToString(message) : "syntax error", offset } };
      }
      return tree ? { tree: JSON.parse(module.UTF8ToString(tree)) as ParseResult } : undefined;
    },
    (module, result) => module._wasm_free_parse_result(result),
  );
}

/** One token of PostgreSQL's scanner, with byte offsets into the UTF-8 text. */
export interface PgScannedToken {
  start: number;
  end: number;
  /** The grammar's token name (`IDENT`, `SCONST`, `ICONST`, `SQL_COMMENT`, ...); `UNKNOWN` for keywords and most punctuation. */
  tokenName: string;
  /** 0 for a token that is no keyword, else the keyword's category (unreserved, column name, type or function name, reserved). */
  keywordKind: number;
}

/** The tokens of `text` as PostgreSQL's scanner reads them (comments included); undefined when it cannot. */
export function scanPostgres(text: string): PgScannedToken[] | undefined {
  if (text === "") return [];
  return withText(
    text,
    (module, input) => module._wasm_scan(input),
    (module, result) => {
      const output = module.UTF8ToString(result);
      return output.startsWith("{") ? ((JSON.parse(output) as { tokens?: PgScannedToken[] }).tokens ?? []) : undefined;
    },
    (module, result) => module._wasm_free_string(result),
  );
}

/** A statement as PostgreSQL parsed it: its node kind (`VacuumStmt`) and that node. */
export interface PgParsedStatement {
  kind: string;
  node: Record<string, unknown>;
  /** Start offset within the text given, and length. */
  location: number;
  length: number;
}

/** Parses text with PostgreSQL's parser; undefined when PostgreSQL would reject it. */
export function parseWithPostgres(text: string): PgParsedStatement[] | undefined {
  const result = parsePostgres(text);
  if (!result) return undefined;
  return (result.stmts ?? []).flatMap((raw) => {
    const statement = raw.stmt as Record<string, Record<string, unknown>> | undefined;
    if (!statement) return [];
    const [kind] = Object.keys(statement);
    if (!kind) return [];
    const location = raw.stmt_location ?? 0;
    return [{ kind, node: statement[kind]!, location, length: raw.stmt_len || text.length - location }];
  });
}
