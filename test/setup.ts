import { fileURLToPath } from "node:url";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import { preloadModule } from "../rules/utils/lazy-module.ts";

// ESLint's RuleTester reports through the test framework's describe/it.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The plugin loads each language's modules on first use with `require` (rules/utils/lazy-module.ts),
// which cannot load these TypeScript sources: vitest imports them here and hands them over.
for (const specifier of [
  "../rules/index.ts",
  "../sql-lint/rules/index.ts",
  "../config-lint/rules/index.ts",
  "../sql-lint/language/sql-language.ts",
  "../config-lint/language/yaml-language.ts",
  "../sql-lint/embedded/migrations-processor.ts",
  "../rules/utils/schema-builder-findings.ts",
]) {
  preloadModule(fileURLToPath(new URL(specifier, import.meta.url)), await import(specifier));
}
