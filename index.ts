/**
 * The shipshape ESLint plugin: rules for JS/TS services, SQL migrations and deployment YAML,
 * the `shipshape/sql` language, and flat configs generated from the rules' `meta`.
 *
 *     import shipshape from "shipshape";
 *     export default [...shipshape.configs.recommended];
 */
import type { Language } from "@eslint/core";
import type { ESLint, Linter } from "eslint";
import { createRequire } from "node:module";
import type * as YamlLanguageModule from "./config-lint/language/yaml-language.ts";
import type * as YamlRulesModule from "./config-lint/rules/index.ts";
import { YAML_LANGUAGE_ID } from "./config-lint/create-yaml-rule.ts";
import packageJson from "./package.json" with { type: "json" };
import type * as JsRulesModule from "./rules/index.ts";
import type { ShipshapeDocs } from "./rules/utils/docs-url.ts";
import { onFirstUse } from "./rules/utils/lazy-module.ts";
import { lazyTypeScriptParser } from "./rules/utils/lazy-typescript-parser.ts";
import { RULE_CATALOG } from "./rules/utils/rule-catalog.ts";
import { RULE_OF_BUILDER_CHANGE } from "./sql-lint/analysis/change-advice.ts";
import { IN_TRANSACTION_BLOCKS, MIGRATION_CODE_FILES } from "./sql-lint/embedded/migration-files.ts";
import type * as MigrationsProcessorModule from "./sql-lint/embedded/migrations-processor.ts";
import type * as SqlLanguageModule from "./sql-lint/language/sql-language.ts";
import type * as SqlRulesModule from "./sql-lint/rules/index.ts";

export type { SqlDialect, SqlLanguageOptions } from "./sql-lint/language/sql-language.ts";

export const JS_FILES = ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"];
export const SQL_FILES = ["**/*.sql"];
export const YAML_FILES = ["**/*.{yaml,yml}"];
/** Test code is not production code: production-only rules skip it. */
export const TEST_FILES = [
  "**/*.{test,spec}.*",
  "**/__tests__/**",
  "**/__test__/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  "**/integration-tests/**",
  "**/cypress/**",
  "**/__mocks__/**",
  "**/__fixtures__/**",
  "**/testdata/**",
  // Packages of test support: containers started for tests, shared test helpers.
  "**/testcontainers/**",
  "**/{test-utils,test-helpers,testutils,testing-utils}/**",
  // Test runners' own configuration and set-up files.
  "**/{vitest,jest,playwright,cypress}.config.*",
  "**/{vitest,jest}.setup.*",
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

type Rule = NonNullable<ESLint.Plugin["rules"]>[string];

/*
 * Each language's code loads when ESLint first asks for it: a rule when the config of a file being
 * linted turns it on, a language when it parses a file, the processor when it reads a migration
 * written in code, eslint-plugin-yml when a YAML file's config is computed. So a run over SQL
 * files never loads the JS/TS rules (nor typescript-eslint's utilities) or the YAML language and
 * rules (nor `yaml`), and a run over YAML files never loads the SQL language. ESLint receives the
 * modules' own objects, through getters. The configs, built at once, take the rules' names and
 * recommended severities from RULE_CATALOG, which `npm run generate` writes from their `meta`.
 */
const jsRulesModule = onFirstUse<typeof JsRulesModule>("./rules/index", import.meta.url);
const sqlRulesModule = onFirstUse<typeof SqlRulesModule>("./sql-lint/rules/index", import.meta.url);
const yamlRulesModule = onFirstUse<typeof YamlRulesModule>("./config-lint/rules/index", import.meta.url);
const sqlLanguageModule = onFirstUse<typeof SqlLanguageModule>("./sql-lint/language/sql-language", import.meta.url);
const yamlLanguageModule = onFirstUse<typeof YamlLanguageModule>("./config-lint/language/yaml-language", import.meta.url);
const migrationsProcessorModule = onFirstUse<typeof MigrationsProcessorModule>("./sql-lint/embedded/migrations-processor", import.meta.url);

const rulesOf: Record<keyof typeof RULE_CATALOG, () => Record<string, unknown>> = {
  js: () => jsRulesModule().jsRules,
  sql: () => sqlRulesModule().sqlRules,
  yaml: () => yamlRulesModule().yamlRules,
};

/** All rules of the plugin, by name. Names are unique across the three languages. */
const rules: Record<string, Rule> = {};
for (const [language, catalog] of Object.entries(RULE_CATALOG) as [keyof typeof RULE_CATALOG, Record<string, ShipshapeDocs>][]) {
  for (const name of Object.keys(catalog)) {
    Object.defineProperty(rules, name, { enumerable: true, get: () => rulesOf[language]()[name] as Rule });
  }
}

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace: "shipshape" },
  rules,
  // Typed as ESLint's Language: the YAML language's inferred type names yaml-eslint-parser
  // types that its declarations do not export, which breaks declaration emit.
  languages: {
    get sql(): Language {
      return sqlLanguageModule().sqlLanguage as unknown as Language;
    },
    get yaml(): Language {
      return yamlLanguageModule().yamlLanguage as unknown as Language;
    },
  },
  processors: {
    get migrations(): Linter.Processor {
      return migrationsProcessorModule().migrationsProcessor;
    },
  },
  configs: {} as Record<"recommended" | "recommended-js" | "recommended-sql" | "recommended-yaml", Linter.Config[]>,
} satisfies ESLint.Plugin;

/** The recommended severities of a language's rules, from their `meta.docs`. */
function recommendedRules(catalog: Record<string, ShipshapeDocs>, filter: (docs: ShipshapeDocs) => boolean = () => true): Linter.RulesRecord {
  const entries: [string, Linter.RuleEntry][] = [];
  for (const [name, docs] of Object.entries(catalog)) {
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
    rules: recommendedRules(RULE_CATALOG.js, (docs) => !docs.productionOnly),
  },
  {
    name: "shipshape/recommended-js-production",
    files: JS_FILES,
    ignores: TEST_FILES,
    rules: recommendedRules(RULE_CATALOG.js, (docs) => docs.productionOnly === true),
  },
  {
    // The SQL rules that also report the schema-builder calls making their change (`table.dropColumn()`).
    name: "shipshape/recommended-js-migration-code",
    files: MIGRATION_CODE_FILES,
    rules: recommendedRules(
      Object.fromEntries(Object.entries(RULE_CATALOG.sql).filter(([name]) => Object.values(RULE_OF_BUILDER_CHANGE).includes(name))),
    ),
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
    rules: recommendedRules(RULE_CATALOG.sql),
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

const require = createRequire(import.meta.url);
let yml: ESLint.Plugin | undefined;

const yamlConfigs: Linter.Config[] = [
  {
    name: "shipshape/recommended-yaml",
    files: YAML_FILES,
    plugins: {
      shipshape: plugin,
      // The object eslint-plugin-yml's own configs register (`require` of an ES module returns
      // the module `import` does), or ESLint would refuse two plugins named yml.
      get yml(): ESLint.Plugin {
        yml ??= (require("eslint-plugin-yml") as { default: ESLint.Plugin }).default;
        return yml;
      },
    },
    language: YAML_LANGUAGE_ID,
    rules: recommendedRules(RULE_CATALOG.yaml),
  },
];

plugin.configs.recommended = [generatedFilesConfig, ...jsConfigs, ...sqlConfigs, ...yamlConfigs];
plugin.configs["recommended-js"] = [generatedFilesConfig, ...jsConfigs];
plugin.configs["recommended-sql"] = [generatedFilesConfig, ...sqlConfigs];
plugin.configs["recommended-yaml"] = [generatedFilesConfig, ...yamlConfigs];

export default plugin;
