import { createRequire } from "node:module";
import type * as TypeScriptParserModule from "@typescript-eslint/parser";
import type { Linter } from "eslint";

const require = createRequire(import.meta.url);
const { version } = require("@typescript-eslint/parser/package.json") as { version: string };

type TypeScriptParser = typeof TypeScriptParserModule;
let parser: TypeScriptParser | undefined;

/**
 * typescript-eslint's parser, loaded on first use. Loading it loads TypeScript (about 0.2 s),
 * which a run over only SQL and YAML files, such as a pull request touching three
 * migrations, never needs.
 *
 * Its syntax errors carry a 0-based `column` where ESLint expects espree's 1-based one, so a
 * TypeScript parse error would be reported one column early (column 0 at the start of a line);
 * the column is corrected here. A stack overflow on absurdly deep nesting becomes a syntax
 * error at the start of the file instead of a message without a position.
 */
export const lazyTypeScriptParser: Linter.Parser = {
  meta: { name: "@typescript-eslint/parser", version },
  parseForESLint(code: string, options?: Linter.ParserOptions) {
    parser ??= require("@typescript-eslint/parser") as TypeScriptParser;
    try {
      return parser.parseForESLint(code, options as never) as unknown as Linter.ESLintParseResult;
    } catch (error) {
      const { column, lineNumber } = (error ?? {}) as { column?: unknown; lineNumber?: unknown };
      if (error instanceof Error && typeof column === "number" && typeof lineNumber === "number") {
        // TSError's position properties are getters; report the same error with the column corrected.
        throw Object.assign(new SyntaxError(error.message), { lineNumber, column: column + 1 });
      }
      if (error instanceof RangeError) {
        // Thousands of nested brackets exhaust the parser's stack; say so at a position.
        throw Object.assign(new SyntaxError(`The file nests too deeply to parse (${error.message})`), { lineNumber: 1, column: 1 });
      }
      throw error;
    }
  },
};
