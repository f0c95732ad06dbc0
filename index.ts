/**
 * The shipshape ESLint plugin: rules for JS/TS services, SQL migrations and deployment YAML,
 * the `shipshape/sql` language, and flat configs generated from the rules' `meta`.
 *
 *     import shipshape from "shipshape";
 *     export default [...shipshape.configs.recommended];
 */
import type { Language } from "@eslint/core";
import type { ESLint, Linter } from "eslint";
import yml from "eslint-plugin-yml";
import { YAML_LANGUAGE_ID } from "./config-lint/create-yaml-rule.ts";
import { yamlLanguage } from "./config-lint/language/yaml-language.ts";
import { yamlRules } from "./config-lint/rules/index.ts";
import packageJson from "./package.json" with { type: "json" };
import { jsRules } from "./rules/index.ts";
import type { ShipshapeDocs } from "./rules/utils/docs-url.ts";
import { lazyTypeScriptParser } from "./rules/utils/lazy-typescript-parser.ts";
import { IN_TRANSACTION_BLOCKS, MIGRATION_CODE_FILES } from "./sql-lint/embedded/migration-files.ts";
import { migrationsProcessor } from "./sql-lint/embedded/migrations-processor.ts";
import { sqlLanguage } from "./sql-lint/language/sql-language.ts";
import { sqlRules } from "./sql-lint/rules/index.ts";

export type { SqlDialect, SqlLanguageOptions } from "./sql-lint/language/sql-language.ts";

export const JS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];
export const SQL_FILES = ["**/*.sql"];
export const YAML_FILES = ["**/*.{yaml,yml}"];
/** Test code is not production code: production-only rules skip it. */
export const TEST_FILES = [
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  "**/integration-tests/**",
  "**/cypress/**",
  "**/__mocks__/**",
  "**/__fixtures__/**",
  "**/testdata/**",
];
/**
 * Down migrations undo a change on purpose; dropping what the up migration added is their job.
 * golang-migrate `*.down.sql` (and `*_down.sql`, `*-down.sql`), folder-per-migration `down.sql`,
 * Postgrator `001.undo.name.sql`, Flyway undo `U<version>__*.sql`,
 * sqitch `revert/`. (dbmate and goose keep both directions in one file; see downSectionStart.)
 */
export const DOWN_MIGRATION_FILES = [
  "**/*.down.sql",
  "**/*_down.sql",
  "**/*-down.sql",
  "**/down.sql",
  "**/*.undo.sql",
  "**/*.undo.*.sql",
  "**/U[0-9]*__*.sql",
  "**/revert/**/*.sql",
];

/**
 * Files nobody writes by hand, which every recommended config ignores. Linting them finds
 * nothing anyone can fix, and they are big: a monorepo's `pnpm-lock.yaml` is a fatal error
 * (a mapping of more keys than the YAML language parses) or seconds per run.
 * `package-lock.json`, `yarn.lock` and `bun.lock` are never linted (no JS, SQL or YAML
 * extension). Only names that mean generated or third-party code wherever they appear are here:
 * not `build/`, `out/` or `lib/`, which hold source in many projects, and not generated SQL
 * migrations (Prisma, drizzle-kit), which are what the SQL rules are for.
 */
export const GENERATED_FILES = [
  // Lockfiles with a YAML extension: pnpm, conda-lock.
  "**/pnpm-lock.yaml",
  "**/conda-lock.yml",
  "**/*.conda-lock.yml",
  // Yarn 2+ commits its own release, plugins and Plug'n'Play loader.
  "**/.yarn/",
  "**/.pnp.cjs",
  "**/.pnp.loader.mjs",
  // Minified bundles, build output, and the output folders of frameworks and coverage reports.
  "**/*.min.{js,mjs,cjs}",
  "**/dist/",
  "**/.next/",
  "**/.nuxt/",
  "**/.output/",
  "**/.svelte-kit/",
  "**/.serverless/",
  "**/coverage/lcov-report/",
  // Third-party code checked in: Go modules, Composer, Bundler, vendored libraries.
  "**/vendor/",
  // Code generators' folders (Relay, Apollo, GraphQL Code Generator).
  "**/__generated__/",
];

type AnyRule = { meta?: { docs?: Partial<ShipshapeDocs> } };

/** All rules of the plugin, by name. Names are unique across the three languages. */
const rules = { ...jsRules, ...sqlRules, ...yamlRules } as unknown as Record<string, NonNullable<ESLint.Plugin["rules"]>[string]>;

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: "shipshape" },
  rules,
  // Typed as ESLint's Language: the YAML language's inferred type names yaml-eslint-parser
  // types that its declarations do not export, which breaks declaration emit.
  languages: { sql: sqlLanguage as unknown as Language, yaml: yamlLanguage as unknown as Language },
  processors: { migrations: migrationsProcessor },
  configs: {} as Record<"recommended" | "recommended-js" | "recommended-sql" | "recommended-yaml", Linter.Config[]>,
} satisfies ESLint.Plugin;

/** The recommended severities of a group of rules, from their `meta.docs`. */
function recommendedRules(
  group: Record<string, AnyRule>,
  filter: (docs: Partial<ShipshapeDocs>) => boolean = () => true,
): Linter.RulesRecord {
  const entries: [string, Linter.RuleEntry][] = [];
  for (const [name, rule] of Object.entries(group)) {
    const docs = rule.meta?.docs ?? {};
    if (docs.recommended && filter(docs)) entries.push([`shipshape/${name}`, docs.recommended]);
  }
  return Object.fromEntries(entries);
}

/**
 * A global `ignores` object (nothing but `ignores`): ESLint then skips these files for every
 * config, as `eslint .` and the `shipshape` command should; `--no-ignore` or a later
 * `ignores: ["!**\/dist/"]` undoes it.
 */
const generatedFilesConfig: Linter.Config = { name: "shipshape/ignore-generated-files", ignores: GENERATED_FILES };

const jsConfigs: Linter.Config[] = [
  {
    name: "shipshape/recommended-js",
    files: JS_FILES,
    plugins: { shipshape: plugin },
    languageOptions: {
      parser: lazyTypeScriptParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: recommendedRules(jsRules, (docs) => !docs.productionOnly),
  },
  {
    name: "shipshape/recommended-js-production",
    files: JS_FILES,
    ignores: TEST_FILES,
    rules: recommendedRules(jsRules, (docs) => docs.productionOnly === true),
  },
];

const sqlConfigs: Linter.Config[] = [
  {
    name: "shipshape/recommended-sql",
    files: SQL_FILES,
    plugins: { shipshape: plugin },
    language: "shipshape/sql",
  },
  {
    // Down migrations are still parsed (a syntax error is worth knowing) but not judged.
    name: "shipshape/recommended-sql-rules",
    files: SQL_FILES,
    ignores: DOWN_MIGRATION_FILES,
    rules: recommendedRules(sqlRules),
  },
  {
    // Migrations written in code: the SQL their `up` sends is linted as virtual `.sql` blocks.
    name: "shipshape/recommended-sql-in-migration-code",
    files: MIGRATION_CODE_FILES,
    plugins: { shipshape: plugin },
    processor: "shipshape/migrations",
  },
  {
    // Blocks of migrations their library runs in a transaction (TypeORM, Knex, node-pg-migrate, MikroORM, Kysely).
    name: "shipshape/recommended-sql-in-migration-transaction",
    files: IN_TRANSACTION_BLOCKS,
    languageOptions: { assumeInTransaction: true },
  },
];

const yamlConfigs: Linter.Config[] = [
  {
    name: "shipshape/recommended-yaml",
    files: YAML_FILES,
    plugins: { shipshape: plugin, yml: yml as unknown as ESLint.Plugin },
    language: YAML_LANGUAGE_ID,
    rules: recommendedRules(yamlRules),
  },
];

plugin.configs.recommended = [generatedFilesConfig, ...jsConfigs, ...sqlConfigs, ...yamlConfigs];
plugin.configs["recommended-js"] = [generatedFilesConfig, ...jsConfigs];
plugin.configs["recommended-sql"] = [generatedFilesConfig, ...sqlConfigs];
plugin.configs["recommended-yaml"] = [generatedFilesConfig, ...yamlConfigs];

export default plugin;
