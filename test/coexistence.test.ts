/**
 * shipshape beside the configs projects already have: @eslint/js's and typescript-eslint's
 * recommended configs (config objects without `files`, which apply to SQL and YAML files too),
 * other plugins' rules, other tools' disable directives; and the `shipshape` command using the
 * project's own eslint.config.js. Needs the build in dist/ (npm test builds first).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Linter, type Rule } from "eslint";
import { builtinRules } from "eslint/use-at-your-own-risk";
import sonarjs from "eslint-plugin-sonarjs";
import tseslint from "typescript-eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import shipshape from "../index.ts";
import { eslintCli, json, linkPackages, requireBuild, shipshape as shipshapeCli, temporaryFolder, writeFiles, type JsonResult } from "./helpers/cli-process.ts";

const SQL = "-- drop the old column\nALTER TABLE users DROP COLUMN email;\nCREATE INDEX users_name ON users (name);\n";
const YAML = "# the web tier\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n          ports: [{ containerPort: 8080 }]\n";

describe("rules of other plugins on SQL files", () => {
  type AnyRule = Rule.RuleModule & { meta?: { docs?: { requiresTypeChecking?: boolean } } };
  // (eslint-plugin-security ships no type declarations.)
  const security = createRequire(import.meta.url)("eslint-plugin-security") as { rules: Record<string, AnyRule> };
  const plugins: Record<string, { rules: Record<string, AnyRule> }> = {
    "@typescript-eslint": tseslint.plugin as unknown as { rules: Record<string, AnyRule> },
    security,
    sonarjs: sonarjs as unknown as { rules: Record<string, AnyRule> },
  };
  const ruleIds = [
    ...[...builtinRules.keys()],
    ...Object.entries(plugins).flatMap(([prefix, plugin]) =>
      // Rules that need type information fail in any file without it; not what this is about.
      Object.entries(plugin.rules)
        .filter(([, rule]) => !rule.meta?.docs?.requiresTypeChecking)
        .map(([name]) => `${prefix}/${name}`),
    ),
  ];

  it("has a few hundred rules to try", () => {
    expect(ruleIds.length).toBeGreaterThan(500);
  });

  // What a config object without `files` brings to every file: a JS parser, JS options, and the rule.
  const linter = new Linter({ cwd: "/project" });
  const crashes: string[] = [];
  const reports: string[] = [];
  const configFor = (ruleId: string): Linter.Config[] => [
    ...shipshape.configs.recommended,
    {
      plugins: plugins as never,
      languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module", globals: { process: "readonly" } },
      rules: { [ruleId]: "error" },
    },
  ];
  for (const ruleId of ruleIds) {
    try {
      // A rule that cannot run in this setup on TypeScript either (it wants a tsconfig) is not about SQL.
      linter.verify("export const answer = 42;\n", configFor(ruleId), { filename: "/project/src/answer.ts" });
    } catch {
      continue;
    }
    try {
      const messages = linter.verify(SQL, configFor(ruleId), { filename: "/project/db/migrations/0001_drop_email.sql" });
      for (const message of messages) {
        if (message.ruleId === null || message.ruleId === ruleId) reports.push(`${ruleId}: ${message.message}`);
      }
    } catch (error) {
      crashes.push(`${ruleId}: ${String((error as Error).message).split("\n")[0]}`);
    }
  }

  it("no rule crashes: the SQL language accepts JS language options and answers JS SourceCode calls", () => {
    expect(crashes).toEqual([]);
  });

  it("no rule reports anything: JavaScript rules find no JavaScript in SQL", () => {
    expect(reports).toEqual([]);
  });

  it("still rejects a misspelt SQL option", () => {
    expect(() =>
      linter.verify(SQL, [...shipshape.configs.recommended, { files: ["**/*.sql"], languageOptions: { dialcet: "mysql" } }], {
        filename: "/project/db/migrations/0001_drop_email.sql",
      }),
    ).toThrow(/Unknown SQL language option "dialcet"/u);
  });
});

/** Findings as "file:line rule", sorted; shipshape's only unless `all`. */
function findings(results: JsonResult[], root: string, all = false): string[] {
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => all || message.ruleId?.startsWith("shipshape/"))
        .map((message) => `${path.relative(root, result.filePath)}:${message.line} ${message.ruleId ?? message.message}`),
    )
    .sort();
}

const PROJECT_FILES = {
  "package.json": '{ "name": "orders", "private": true, "type": "module" }\n',
  "src/server.ts": [
    'import express from "express";',
    "",
    "// eslint-disable-next-line @typescript-eslint/no-explicit-any",
    "const settings: any = { port: 3000 };",
    "const app = express();",
    "app.listen(settings.port);",
    'console.log("listening"); // eslint-disable-line no-console',
    "",
  ].join("\n"),
  "src/generated/client.ts": "/* eslint-disable */\n// Generated by a code generator.\nexport const version = 1;\n",
  "db/migrations/0001_drop_email.sql": SQL,
  "db/migrations/0002_modify.sql": "SET lock_wait_timeout = 5;\nALTER TABLE users MODIFY email VARCHAR(10) NOT NULL;\n",
  "deploy/web.yaml": YAML,
};

const EXPECTED_TS = ["src/server.ts:6 shipshape/require-graceful-shutdown"];
const EXPECTED_YAML = [
  "deploy/web.yaml:4 shipshape/require-pod-disruption-budget",
  "deploy/web.yaml:10 shipshape/require-memory-limit",
  "deploy/web.yaml:10 shipshape/require-readiness-probe",
];
const EXPECTED_POSTGRESQL = [
  "db/migrations/0001_drop_email.sql:2 shipshape/no-drop-column",
  "db/migrations/0001_drop_email.sql:2 shipshape/require-lock-timeout",
  "db/migrations/0001_drop_email.sql:3 shipshape/require-concurrent-index",
  "db/migrations/0002_modify.sql:2 shipshape/unparsable-statement",
];

describe("a project with @eslint/js's, typescript-eslint's and shipshape's recommended configs", { timeout: 120_000 }, () => {
  let root: string;
  beforeAll(() => {
    requireBuild();
    root = temporaryFolder("shipshape-coexist-");
    linkPackages(root, ["eslint", "@eslint", "typescript-eslint", "@typescript-eslint", "typescript"]);
    writeFiles(root, PROJECT_FILES);
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const imports = 'import js from "@eslint/js";\nimport tseslint from "typescript-eslint";\nimport shipshape from "shipshape";\nimport { defineConfig } from "eslint/config";\n';
  const orders = {
    "shipshape last": "export default [js.configs.recommended, ...tseslint.configs.recommended, ...shipshape.configs.recommended];\n",
    "shipshape first": "export default [...shipshape.configs.recommended, js.configs.recommended, ...tseslint.configs.recommended];\n",
    "defineConfig": "export default defineConfig(js.configs.recommended, tseslint.configs.recommended, shipshape.configs.recommended);\n",
  };

  for (const [order, body] of Object.entries(orders)) {
    it(`lints TS, SQL and YAML in one \`eslint .\` (${order}), and the shipshape command finds the same`, () => {
      writeFiles(root, { "eslint.config.js": imports + body });
      const eslint = eslintCli(root, ["--format", "json", "."]);
      expect(eslint.stderr).toBe("");
      expect(eslint.code).toBe(1);
      expect(findings(json(eslint.stdout), root)).toEqual([...EXPECTED_POSTGRESQL, ...EXPECTED_YAML, ...EXPECTED_TS].sort());

      const command = shipshapeCli(root, ["--format", "json"]);
      expect(command.stderr).toBe("");
      expect(command.code).toBe(1);
      // Only shipshape's findings: no no-undef, no unused directives of other rules.
      expect(findings(json(command.stdout), root, true)).toEqual(findings(json(eslint.stdout), root));
    });
  }

  it("honours the dialect, ignores and severities the project config sets", () => {
    writeFiles(root, {
      "eslint.config.js":
        imports +
        [
          "export default defineConfig(",
          '  { ignores: ["deploy/**"] },',
          "  js.configs.recommended,",
          "  tseslint.configs.recommended,",
          "  shipshape.configs.recommended,",
          '  { files: ["**/*.sql"], languageOptions: { dialect: "mysql" } },',
          '  { files: ["**/*.ts"], rules: { "shipshape/require-graceful-shutdown": "warn" } },',
          ");",
          "",
        ].join("\n"),
    });
    const command = shipshapeCli(root, ["--format", "json"]);
    expect(command.code).toBe(1);
    const results = json(command.stdout);
    expect(findings(results, root, true)).toEqual([
      // MySQL: MODIFY parses, and is judged; no lock_timeout or CONCURRENTLY advice.
      "db/migrations/0001_drop_email.sql:2 shipshape/no-drop-column",
      "db/migrations/0002_modify.sql:2 shipshape/no-column-type-change",
      "src/server.ts:6 shipshape/require-graceful-shutdown",
    ]);
    expect(results.find((result) => result.filePath.endsWith("server.ts"))!.messages[0]!.severity).toBe(1);
    // The same as ESLint itself, for shipshape's rules.
    expect(findings(results, root, true)).toEqual(findings(json(eslintCli(root, ["--format", "json", "."]).stdout), root));
    // --dialect on the command line still wins: PostgreSQL rejects MySQL's MODIFY, which fails the file.
    expect(findings(json(shipshapeCli(root, ["--format", "json", "--dialect", "postgresql", "db"]).stdout), root, true)).toContain(
      'db/migrations/0002_modify.sql:2 Parsing error: PostgreSQL rejects this statement: syntax error at or near "MODIFY"',
    );
    // --no-config-lookup: the built-in config (PostgreSQL, the deploy folder linted).
    expect(findings(json(shipshapeCli(root, ["--format", "json", "--no-config-lookup"]).stdout), root, true)).toEqual(
      [...EXPECTED_POSTGRESQL, ...EXPECTED_YAML, ...EXPECTED_TS].sort(),
    );
  });

  it("says so when the project's config cannot be loaded", () => {
    writeFiles(root, { "eslint.config.js": 'import missing from "eslint-plugin-that-is-not-installed";\nexport default [missing];\n' });
    const command = shipshapeCli(root, ["--format", "json"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^shipshape: could not load the ESLint config eslint\.config\.js: .*eslint-plugin-that-is-not-installed.*--no-config-lookup/u);
    expect(shipshapeCli(root, ["--format", "json", "--no-config-lookup"]).code).toBe(1);
  });

  it("uses the built-in config when the project's config does not use shipshape, or --config when given", () => {
    writeFiles(root, {
      "eslint.config.js": 'import js from "@eslint/js";\nexport default [{ files: ["**/*.js"], ...js.configs.recommended }];\n',
      "config/shipshape-sql-only.js": 'import shipshape from "shipshape";\nexport default [...shipshape.configs["recommended-sql"]];\n',
    });
    expect(findings(json(shipshapeCli(root, ["--format", "json"]).stdout), root, true)).toEqual(
      [...EXPECTED_POSTGRESQL, ...EXPECTED_YAML, ...EXPECTED_TS].sort(),
    );
    const sqlOnly = shipshapeCli(root, ["--format", "json", "--config", "config/shipshape-sql-only.js", "db"]);
    expect(findings(json(sqlOnly.stdout), root, true)).toEqual(EXPECTED_POSTGRESQL);
    const notShipshape = shipshapeCli(root, ["--config", "eslint.config.js"]);
    expect(notShipshape.code).toBe(2);
    expect(notShipshape.stderr).toContain("does not use shipshape's plugin");
  });
});

describe("other tools' disable directives", { timeout: 120_000 }, () => {
  let root: string;
  beforeAll(() => {
    requireBuild();
    root = temporaryFolder("shipshape-directives-");
    writeFiles(root, {
      "src/handlers.ts": [
        "// eslint-disable-next-line @typescript-eslint/no-explicit-any",
        "export const parse = (body: any) => JSON.parse(body);",
        'console.log("ready"); // eslint-disable-line no-console',
        "/* eslint-enable no-console */",
        "",
      ].join("\n"),
      "src/generated/api.ts": "/* eslint-disable */\n// Code generated by a tool.\nexport const routes = [];\n",
      "db/migrations/0001.sql": "-- eslint-disable-next-line shipshape/no-drop-table\nSELECT 1;\n",
    });
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("are neither errors nor unused-directive warnings; a stale shipshape directive still is", () => {
    const run = shipshapeCli(root, ["--format", "json", "--max-warnings", "0"]);
    expect(findings(json(run.stdout), root, true)).toEqual([
      "db/migrations/0001.sql:1 Unused eslint-disable directive (no problems were reported from 'shipshape/no-drop-table').",
    ]);
    expect(run.code).toBe(1);
  });

  it("survive --fix, which removes only the stale shipshape directive", () => {
    const before = fs.readFileSync(path.join(root, "src/handlers.ts"), "utf8");
    const generated = fs.readFileSync(path.join(root, "src/generated/api.ts"), "utf8");
    const run = shipshapeCli(root, ["--fix", "--max-warnings", "0"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(root, "src/handlers.ts"), "utf8")).toBe(before);
    expect(fs.readFileSync(path.join(root, "src/generated/api.ts"), "utf8")).toBe(generated);
    expect(fs.readFileSync(path.join(root, "db/migrations/0001.sql"), "utf8")).not.toContain("eslint-disable");
  });
});
