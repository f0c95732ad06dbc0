/**
 * Docs stay in sync with the rules: every rule has a doc page and a test file under its own
 * name, `meta.docs.url` points at the page, the page's summary is the rule's description, and
 * the examples on the page are linted: every "Incorrect" example is reported by the rule and
 * no "Correct" example is.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../index.ts";
import { docsUrl } from "../rules/utils/docs-url.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RULE_FOLDERS = ["rules", "sql-lint/rules", "config-lint/rules"];
const FENCE_FILES: Record<string, string> = { sql: "example.sql", yaml: "example.yaml", ts: "example.ts", js: "example.js" };

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".test.ts"));
}

interface Example {
  kind: "Incorrect" | "Correct";
  file: string;
  code: string;
  line: number;
  /** The SQL dialect the example is written in, from `dialect=mysql` in the fence info. */
  dialect: string | undefined;
}

/**
 * Fenced code blocks under `### Incorrect` / `### Correct`; `file=path` in the fence info names
 * the file, `dialect=name` sets the SQL dialect.
 */
function examples(markdown: string): Example[] {
  const found: Example[] = [];
  let kind: Example["kind"] | undefined;
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{1,3} /u.test(line)) kind = line === "### Incorrect" ? "Incorrect" : line === "### Correct" ? "Correct" : undefined;
    const fence = /^```(\w+)(?:\s+file=(\S+))?(?:\s+dialect=(\w+))?$/u.exec(line);
    if (!fence) continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== "```") i++;
    const code = lines.slice(start, i + 1).join("\n");
    i++;
    if (kind) found.push({ kind, file: fence[2] ?? FENCE_FILES[fence[1]!] ?? `example.${fence[1]}`, code: `${code}\n`, line: start, dialect: fence[3] });
  }
  return found;
}

/** The opt-in SQL rules (`recommended: false`), turned on so their pages' examples are checked too. */
const optInSqlRules = Object.fromEntries(
  Object.entries(plugin.rules)
    .filter(([, rule]) => (rule.meta?.docs as { recommended?: unknown } | undefined)?.recommended === false && rule.meta?.languages?.includes("shipshape/sql"))
    .map(([name]) => [`shipshape/${name}`, "warn" as const]),
);
const documented = [...plugin.configs.recommended, { files: ["**/*.sql"], rules: optInSqlRules }];
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: documented });
const eslintByDialect = new Map<string, ESLint>();
/** The linter for an example: the recommended config and the opt-in rules, with the example's SQL dialect when it names one. */
function eslintFor(dialect: string | undefined): ESLint {
  if (!dialect) return eslint;
  let found = eslintByDialect.get(dialect);
  if (!found) {
    const overrideConfig = [...documented, { files: ["**/*.sql"], languageOptions: { dialect } }];
    found = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig });
    eslintByDialect.set(dialect, found);
  }
  return found;
}
/** The linter for a deprecated rule's examples: the recommended config with that rule turned on. */
function deprecatedRuleEslint(name: string): ESLint {
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [...documented, { rules: { [`shipshape/${name}`]: "error" } }] });
}
const allTestFiles = testFiles(path.join(ROOT, "test")).map((file) => path.basename(file, ".test.ts"));

describe.each(Object.keys(plugin.rules))("%s", (name) => {
  const rule = plugin.rules[name]!;
  const docPath = path.join(ROOT, "docs/rules", `${name}.md`);

  it("has its source, test and doc page under the same name", () => {
    expect(RULE_FOLDERS.some((folder) => fs.existsSync(path.join(ROOT, folder, `${name}.ts`)))).toBe(true);
    expect(allTestFiles).toContain(name);
    expect(fs.existsSync(docPath)).toBe(true);
  });

  it("points meta.docs.url at its doc page", () => {
    expect(rule.meta?.docs?.url).toBe(docsUrl(name));
    expect(rule.meta?.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, "u"));
  });

  it("opens its doc page with its name and description", () => {
    const [title, , summary] = fs.readFileSync(docPath, "utf8").split("\n");
    expect(title).toBe(`# shipshape/${name}`);
    expect(summary).toBe(`> ${rule.meta?.docs?.description}`);
  });

  it("has named messages, a schema, a type and a recommendation", () => {
    expect(Object.keys(rule.meta?.messages ?? {}).length).toBeGreaterThan(0);
    expect(rule.meta?.schema).toBeDefined();
    expect(["problem", "suggestion", "layout"]).toContain(rule.meta?.type);
    expect(["error", "warn", false]).toContain((rule.meta?.docs as { recommended?: unknown }).recommended);
  });

  it("gives examples the rule reports and examples it does not", async () => {
    const found = examples(fs.readFileSync(docPath, "utf8"));
    expect(found.filter((example) => example.kind === "Incorrect").length).toBeGreaterThan(0);
    expect(found.filter((example) => example.kind === "Correct").length).toBeGreaterThan(0);
    for (const example of found) {
      // A deprecated rule is off in the recommended config: its examples show what it reports when a config names it.
      const linter = rule.meta?.deprecated ? deprecatedRuleEslint(name) : eslintFor(example.dialect);
      const [result] = await linter.lintText(example.code, { filePath: path.join(ROOT, "docs-example", example.file) });
      const where = `${name}.md line ${example.line}`;
      expect(result!.messages.filter((message) => message.fatal), where).toEqual([]);
      const own = result!.messages.filter((message) => message.ruleId === `shipshape/${name}`);
      if (example.kind === "Incorrect") expect(own.length, where).toBeGreaterThan(0);
      else expect(own, where).toEqual([]);
    }
  });
});

it("has no doc page without a rule", () => {
  const pages = fs.readdirSync(path.join(ROOT, "docs/rules")).map((file) => path.basename(file, ".md"));
  expect(pages.sort()).toEqual(Object.keys(plugin.rules).sort());
});
