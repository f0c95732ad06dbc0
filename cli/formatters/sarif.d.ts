// @microsoft/eslint-formatter-sarif ships no types; it is an ESLint formatter function.
declare module "@microsoft/eslint-formatter-sarif" {
  import type { ESLint } from "eslint";
  const format: (results: ESLint.LintResult[], data: { rulesMeta: Record<string, unknown> }) => string;
  export default format;
}
