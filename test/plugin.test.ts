import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin, { GENERATED_FILES, TEST_FILES } from "../index.ts";
import packageJson from "../package.json" with { type: "json" };
import { REPOSITORY_ROOT, requireBuild } from "./helpers/cli-process.ts";

/** A real ESLint 10 instance configured the way a user's eslint.config.js would be. */
function eslint(configs = plugin.configs.recommended): ESLint {
  return new ESLint({ cwd: import.meta.dirname, overrideConfigFile: true, overrideConfig: configs });
}

async function lint(filePath: string, text: string, instance = eslint()) {
  const [result] = await instance.lintText(text, { filePath });
  return result!;
}

/** Statements that take locks also draw require-lock-timeout; these tests look at one rule at a time. */
const withoutLockTimeout = <T extends { ruleId: string | null }>(messages: T[]) =>
  messages.filter((message) => message.ruleId !== "shipshape/require-lock-timeout");

const brief = (messages: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number }[]) =>
  messages.map(({ ruleId, line, column, endLine, endColumn }) => ({ ruleId, line, column, endLine, endColumn }));

describe("the plugin object", () => {
  it("names itself after the package", () => {
    expect(plugin.meta).toEqual({ name: "shipshape", version: packageJson.version, namespace: "shipshape" });
  });

  it("exports the SQL language and the four flat configs", () => {
    expect(Object.keys(plugin.languages)).toEqual(["sql", "yaml"]);
    expect(Object.keys(plugin.configs).sort()).toEqual(["recommended", "recommended-js", "recommended-sql", "recommended-yaml"]);
    // Each starts with the same global ignores; `recommended` has it once.
    const [ignores, ...parts] = plugin.configs.recommended;
    expect(parts).toEqual([
      ...plugin.configs["recommended-js"].slice(1),
      ...plugin.configs["recommended-sql"].slice(1),
      ...plugin.configs["recommended-yaml"].slice(1),
    ]);
    for (const name of ["recommended-js", "recommended-sql", "recommended-yaml"] as const) expect(plugin.configs[name][0]).toBe(ignores);
  });

  it("limits every config block to its own files, after one global ignores object for generated files", () => {
    const [ignores, ...blocks] = plugin.configs.recommended;
    expect(ignores).toEqual({ name: "shipshape/ignore-generated-files", ignores: GENERATED_FILES });
    for (const config of blocks) expect(config.files?.length).toBeGreaterThan(0);
  });

  it("switches on every recommended rule, at the severity its meta gives", () => {
    const configured = Object.assign({}, ...plugin.configs.recommended.map((config) => config.rules ?? {}));
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const recommended = (rule.meta?.docs as { recommended?: string | false } | undefined)?.recommended;
      expect(configured[`shipshape/${name}`], name).toBe(recommended || undefined);
    }
  });
});

describe("configs.recommended in ESLint", () => {
  it("lints a .sql file with the SQL rules at the right line and column", async () => {
    const result = await lint("migrations/0002_drop_email.sql", "-- remove email\n\nALTER TABLE users DROP COLUMN email;\n");
    expect(brief(withoutLockTimeout(result.messages))).toEqual([
      { ruleId: "shipshape/no-drop-column", line: 3, column: 19, endLine: 3, endColumn: 36 },
    ]);
    expect(result.messages[0]!.severity).toBe(2);
  });

  it("lints a .yaml file with the YAML rules at the right line and column", async () => {
    const yaml = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";
    const result = await lint("deploy/pod.yaml", yaml);
    expect(brief(result.messages)).toEqual([
      { ruleId: "shipshape/no-k8s-non-string-value", line: 8, column: 18, endLine: 8, endColumn: 22 },
    ]);
  });

  it("honours eslint-disable-next-line in SQL and keeps the justification", async () => {
    const sql =
      "-- eslint-disable-next-line shipshape/no-drop-column -- unused since release 41\nALTER TABLE users DROP COLUMN email;\n";
    const result = await lint("migrations/0003.sql", sql);
    expect(withoutLockTimeout(result.messages)).toEqual([]);
    expect(result.suppressedMessages).toMatchObject([
      { ruleId: "shipshape/no-drop-column", line: 2, suppressions: [{ kind: "directive", justification: "unused since release 41" }] },
    ]);
  });

  it("honours /* eslint-disable */ blocks and # eslint-disable-line in YAML", async () => {
    const sql = "/* eslint-disable shipshape/no-drop-column */\nALTER TABLE a DROP COLUMN b;\n/* eslint-enable */\nALTER TABLE a DROP COLUMN c;";
    expect(brief(withoutLockTimeout((await lint("m.sql", sql)).messages))).toEqual([
      { ruleId: "shipshape/no-drop-column", line: 4, column: 15, endLine: 4, endColumn: 28 },
    ]);
    const yaml = "apiVersion: v1\nkind: ConfigMap\ndata:\n  A: on # eslint-disable-line shipshape/no-k8s-non-string-value\n";
    expect((await lint("cm.yaml", yaml)).messages).toEqual([]);
  });

  it("warns at a statement it cannot parse and still lints the rest of the file", async () => {
    const result = await lint("m.sql", "ALTER TABLE users DROP COLUMN;\nALTER TABLE users DROP COLUMN email;");
    expect(brief(withoutLockTimeout(result.messages))).toEqual([
      { ruleId: "shipshape/unparsable-statement", line: 1, column: 30, endLine: 1, endColumn: 31 },
      { ruleId: "shipshape/no-drop-column", line: 2, column: 19, endLine: 2, endColumn: 36 },
    ]);
    expect(withoutLockTimeout(result.messages).map((message) => message.severity)).toEqual([1, 2]);
  });

  it("reports a binary .sql file as one fatal finding", async () => {
    const result = await lint("m.sql", "\u0000\u0007garbage;;");
    expect(result.messages).toMatchObject([{ ruleId: null, fatal: true, severity: 2, line: 1, column: 1 }]);
  });

  it("takes the SQL dialect from languageOptions", async () => {
    const mysql = eslint([...plugin.configs.recommended, { files: ["**/*.sql"], languageOptions: { dialect: "mysql" } }]);
    const result = await lint("m.sql", "# MySQL comment\nALTER TABLE users DROP email;", mysql);
    expect(brief(withoutLockTimeout(result.messages))).toEqual([
      { ruleId: "shipshape/no-drop-column", line: 2, column: 19, endLine: 2, endColumn: 29 },
    ]);
  });

  it("parses down migrations but does not judge them", async () => {
    for (const file of ["migrations/0003_x.down.sql", "migrations/0003_x/down.sql", "migrate/0021_add_x_down.sql", "migrate/0021-add-x-down.sql", "migrations/003.undo.users.sql"]) {
      expect((await lint(file, "ALTER TABLE users DROP COLUMN email;")).messages).toEqual([]);
      expect((await lint(file, "\u0000 binary")).messages).toMatchObject([{ fatal: true }]);
    }
  });

  it("judges the up halves beside them", async () => {
    for (const file of ["migrate/0021_add_x_up.sql", "migrations/003.do.users.sql", "migrations/0004_countdown.sql"]) {
      expect(brief(withoutLockTimeout((await lint(file, "ALTER TABLE users DROP COLUMN email;")).messages)), file).toMatchObject([{ ruleId: "shipshape/no-drop-column" }]);
    }
  });

  it("parses TypeScript with typescript-eslint and JSX in .jsx/.tsx", async () => {
    const ts = "interface Order { id: string }\nexport const total = (o: Order): number => o.id.length as number;\n";
    expect((await lint("src/order.ts", ts)).messages).toEqual([]);
    expect((await lint("src/view.tsx", "export const V = () => <div>{1 as number}</div>;\n")).messages).toEqual([]);
    expect((await lint("src/view.jsx", "export const V = () => <div />;\n")).messages).toEqual([]);
  });

  it("keeps production-only JS rules away from test files", async () => {
    const instance = eslint();
    const production = await instance.calculateConfigForFile("src/orders.ts");
    for (const file of ["src/orders.test.ts", "src/orders.spec.js", "src/__tests__/a.ts", "apps/web/__test__/a.ts", "test/a.ts", "tests/unit/a.mts", "apps/web/vitest.config.ts", "jest.setup.js"]) {
      const config = await instance.calculateConfigForFile(file);
      const productionOnly = Object.keys(production.rules).filter((rule) => !(rule in config.rules));
      expect(productionOnly, file).toContain("shipshape/no-hardcoded-config");
      for (const rule of productionOnly) {
        const name = rule.replace(/^shipshape\//u, "");
        expect((plugin.rules[name]?.meta?.docs as { productionOnly?: boolean }).productionOnly, `${rule} on ${file}`).toBe(true);
      }
    }
    const productionBlock = plugin.configs["recommended-js"].find((config) => config.name === "shipshape/recommended-js-production");
    expect(productionBlock?.ignores).toEqual(TEST_FILES);
  });
});

describe("parse errors", () => {
  it("reports TypeScript syntax errors at ESLint's 1-based column", async () => {
    const result = await lint("src/broken.ts", "let x = 1;\nconst = 1;\n");
    expect(result.messages).toMatchObject([{ ruleId: null, fatal: true, line: 2, column: 7 }]);
    const eof = await lint("src/eof.ts", "function f() {\n  return 1;\n");
    expect(eof.messages).toMatchObject([{ fatal: true, line: 3, column: 1 }]);
  });
});

describe("hostile JS/TS input", () => {
  it("reports nesting too deep for the TypeScript parser as a fatal finding with a position", async () => {
    const deep = `const x = ${"[".repeat(50_000)}${"]".repeat(50_000)};\n`;
    const result = await lint("src/deep.ts", deep);
    expect(result.messages).toMatchObject([{ ruleId: null, fatal: true, line: 1, column: 1 }]);
    expect(result.messages[0]!.message).toMatch(/nests too deeply/u);
  });
});

describe("the built plugin loads a language's code when a file of that language is linted", () => {
  /** Which of the parsers' packages a process loaded to lint one file with the recommended configs. */
  function packagesLoadedToLint(filePath: string, text: string): string[] {
    requireBuild();
    const script = `
      import { createRequire } from "node:module";
      import { ESLint } from "eslint";
      import plugin from ${JSON.stringify(pathToFileURL(path.join(REPOSITORY_ROOT, "dist/index.js")).href)};
      const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
      const [result] = await eslint.lintText(${JSON.stringify(text)}, { filePath: ${JSON.stringify(filePath)} });
      if (result.messages.length === 0) throw new Error("expected a finding");
      console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPOSITORY_ROOT, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const loaded = JSON.parse(run.stdout) as string[];
    return ["sql-parser-cst", "yaml", "typescript", "@typescript-eslint/utils"].filter((name) =>
      loaded.some((file) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`)),
    );
  }

  it("SQL: PostgreSQL's own parser for the common statements, not sql-parser-cst, the YAML or TypeScript parsers", () => {
    expect(packagesLoadedToLint("migrations/0002_drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n")).toEqual([]);
    // A view's query is parsed only when a rule reads it, which none does here.
    const view = "CREATE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;\nALTER TABLE users DROP COLUMN email;\n";
    expect(packagesLoadedToLint("migrations/0002_drop_email.sql", view)).toEqual([]);
  });

  it("SQL: sql-parser-cst once a statement needs it", () => {
    const sql = "UPDATE users SET visits = visits + 1;\nALTER TABLE users DROP COLUMN email;\n";
    expect(packagesLoadedToLint("migrations/0002_drop_email.sql", sql)).toEqual(["sql-parser-cst"]);
  });

  it("YAML: yaml, not the SQL or TypeScript parsers", () => {
    const yaml = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";
    expect(packagesLoadedToLint("deploy/pod.yaml", yaml)).toEqual(["yaml"]);
  });

  it("TypeScript: typescript-eslint, not the SQL or YAML parsers", () => {
    const code = 'import pino from "pino";\nconst logger = pino();\nexport const log = (id: string) => logger.info(`order ${id} paid`);\n';
    expect(packagesLoadedToLint("src/config.ts", code)).toEqual(["typescript", "@typescript-eslint/utils"]);
  });
});
