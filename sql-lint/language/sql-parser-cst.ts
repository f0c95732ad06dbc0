/**
 * sql-parser-cst's `parse`, loaded on the first call: its grammar is 6 MB of JavaScript that
 * takes about 100 ms to compile, which a run over JS/TS or YAML files only should not pay.
 * The package is CommonJS, so a synchronous `require` loads it from inside ESLint's synchronous
 * `parse`.
 */
import { createRequire } from "node:module";
import type * as SqlParserCstModule from "sql-parser-cst";
import type { ParserOptions, Program } from "sql-parser-cst";

type SqlParserCst = typeof SqlParserCstModule;

const require = createRequire(import.meta.url);
let sqlParserCst: SqlParserCst | undefined;

export function parse(sql: string, options: ParserOptions): Program {
  sqlParserCst ??= require("sql-parser-cst") as SqlParserCst;
  return sqlParserCst.parse(sql, options);
}
