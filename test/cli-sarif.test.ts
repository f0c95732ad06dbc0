/**
 * `--format sarif` for GitHub code scanning, end to end: the built CLI run in a subfolder of a
 * git repository with JS, SQL and YAML findings and a file that does not parse; its report is
 * validated against the OASIS SARIF 2.1.0 schema and checked for what GitHub's ingestion
 * requires (docs.github.com, "SARIF support for code scanning"), and against the rule docs.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import type { ESLint } from "eslint";
import type { Log, ReportingDescriptor, Result } from "sarif";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin from "../index.ts";
import packageJson from "../package.json" with { type: "json" };
import { formatSarif, MAX_DESCRIPTION_LENGTH, MAX_RESULTS_PER_RUN } from "../cli/formatters/sarif.ts";
import { gitRepository, REPOSITORY_ROOT, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

// ajv's packages are CommonJS modules that also export themselves as `default`, which is what
// NodeNext types a default import of them as having.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** The OASIS schema, vendored (see test/schemas/README.md): tests never reach the network. */
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "test/schemas/sarif-schema-2.1.0.json"), "utf8")) as { id: string };
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

function schemaErrors(log: unknown): string {
  return validateSarif(log) ? "" : ajv.errorsText(validateSarif.errors, { separator: "\n" });
}

// "😀" is two UTF-16 code units and one code point: SARIF columns count code units here.
const FILES: Record<string, string> = {
  "svc/src/order handler.ts": 'const note = "😀"; if (req.headers["x-signature"] === secret) reject();\n',
  "svc/migrations/0001_drop.sql": "SET lock_timeout = '5s'; SELECT '😀'; ALTER TABLE users DROP COLUMN email;\n",
  "svc/k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n",
  "svc/k8s/broken.yaml": "apiVersion: v1\nkind: [Pod\n",
  "svc/migrations/0002_unused.sql": "-- eslint-disable-next-line shipshape/no-drop-column\nSELECT 1;\n",
};

function location(result: Result) {
  return result.locations![0]!.physicalLocation!;
}

describe("--format sarif in a subfolder of a git repository", () => {
  let root: string;
  let repo: string;
  let log: Log;
  let exitCode: number | null;

  beforeAll(() => {
    requireBuild();
    root = temporaryFolder("shipshape-sarif-");
    repo = gitRepository(path.join(root, "repo"), FILES);
    const run = shipshape(path.join(repo, "svc"), ["--format", "sarif"]);
    exitCode = run.code;
    log = JSON.parse(run.stdout) as Log;
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is valid against the OASIS SARIF 2.1.0 schema, and names that schema", () => {
    expect(exitCode).toBe(1);
    expect(schemaErrors(log)).toBe("");
    expect(log.$schema).toBe(SCHEMA.id);
    expect(log.version).toBe("2.1.0");
  });

  it("names the tool shipshape, with its version and home page", () => {
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: "shipshape",
      version: packageJson.version,
      semanticVersion: packageJson.version,
      informationUri: packageJson.homepage,
    });
  });

  it("describes every rule with the metadata GitHub requires, from the rule and its doc page", () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every rule of the plugin, whether it found something or not: GitHub compares rules across analyses.
    for (const name of Object.keys(plugin.rules)) expect(ids).toContain(`shipshape/${name}`);
    for (const rule of rules) {
      expect(rule.name!.length, rule.id).toBeLessThanOrEqual(255);
      expect(rule.shortDescription!.text.length, rule.id).toBeGreaterThan(0);
      expect(rule.shortDescription!.text.length, rule.id).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
      expect(rule.fullDescription!.text.length, rule.id).toBeGreaterThan(0);
      expect(rule.fullDescription!.text.length, rule.id).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
      expect(rule.help!.text.length, rule.id).toBeGreaterThan(0);
      expect(rule.help!.markdown, rule.id).toEqual(expect.any(String));
      expect(["note", "warning", "error"], rule.id).toContain(rule.defaultConfiguration!.level);
      expect(["error", "warning", "recommendation"], rule.id).toContain(rule.properties!["problem.severity"]);
      expect((rule.properties!.tags as string[]).length, rule.id).toBeLessThanOrEqual(10);
      // Links in the help work outside the repository: none is relative.
      expect(rule.help!.markdown, rule.id).not.toMatch(/\]\((?![a-z][a-z\d+.-]*:)/iu);
    }
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const docs = rule.meta!.docs as { description: string; url: string; recommended: "error" | "warn" | false };
      const descriptor = rules.find((r) => r.id === `shipshape/${name}`)!;
      expect(descriptor, name).toMatchObject({
        name,
        shortDescription: { text: docs.description },
        helpUri: docs.url,
        defaultConfiguration: { level: docs.recommended === "error" ? "error" : "warning" },
      });
      const page = fs.readFileSync(path.join(REPOSITORY_ROOT, "docs/rules", `${name}.md`), "utf8");
      const problem = /^## Problem\n\n(.+)$/mu.exec(page)![1]!;
      expect(descriptor.help!.markdown, name).toContain(`## Problem\n\n${problem}`);
      expect(descriptor.help!.markdown, name).toContain("## Solution");
      expect(descriptor.help!.markdown, name).not.toContain("## Examples");
    }
  });

  it("gives no-drop-column the why and the safe steps of its doc page, as markdown and as text", () => {
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === "shipshape/no-drop-column")!;
    expect(rule.fullDescription!.text).toMatch(/^A deploy is not atomic\. .* a rollback cannot bring the data back\.$/u);
    expect(rule.help!.markdown).toContain("Remove a column in two releases (expand, then contract):\n\n1. Ship code that no longer reads or writes the column.");
    expect(rule.help!.markdown).toContain("```sql\n-- eslint-disable-next-line shipshape/no-drop-column -- unused since release 41 (#1234)\nALTER TABLE users DROP COLUMN email;\n```");
    expect(rule.help!.markdown).toContain(
      "[no-unsafe-schema-builder-call](https://github.com/shipshape-lint/shipshape/blob/main/docs/rules/no-unsafe-schema-builder-call.md)",
    );
    expect(rule.help!.text).toContain("Remove a column in two releases");
    expect(rule.help!.text).not.toMatch(/```|\*\*|^## /mu);
    expect(rule.properties).toEqual({ tags: ["sql", "problem"], "problem.severity": "error" });
  });

  it("reports every finding at a path relative to the repository root, with its region in UTF-16 columns", () => {
    const run = log.runs[0]!;
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `${pathToFileURL(repo).href}/`, description: { text: "The repository root." } } });
    const found = run.results!.map((result) => [decodeURIComponent(location(result).artifactLocation!.uri!), result.ruleId, result.level, location(result).region]);
    expect(found).toEqual([
      ["svc/k8s/broken.yaml", "shipshape/parse-error", "error", { startLine: 3, startColumn: 1 }],
      ["svc/k8s/pod.yaml", "shipshape/no-k8s-non-string-value", "error", { startLine: 10, startColumn: 18, endLine: 10, endColumn: 22 }],
      ["svc/migrations/0001_drop.sql", "shipshape/no-drop-column", "error", { startLine: 1, startColumn: 57, endLine: 1, endColumn: 74 }],
      ["svc/migrations/0002_unused.sql", "shipshape/lint-notice", "warning", expect.objectContaining({ startLine: 1, startColumn: 1 })],
      ["svc/src/order handler.ts", "shipshape/no-timing-unsafe-compare", "warning", expect.objectContaining({ startLine: 1, startColumn: 24 })],
    ]);
    expect(location(run.results![4]!).artifactLocation!.uri).toBe("svc/src/order%20handler.ts");
  });

  it("meets GitHub's requirements on each result: a known rule, text, one relative location", () => {
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(run.results!.length).toBeLessThanOrEqual(MAX_RESULTS_PER_RUN);
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.message.text!.length).toBeGreaterThan(0);
      expect(result.locations).toHaveLength(1);
      const { artifactLocation, region } = location(result);
      expect(artifactLocation).toMatchObject({ uriBaseId: "%SRCROOT%" });
      expect(artifactLocation!.uri).not.toMatch(/^(?:[a-z][a-z\d+.-]*:|\/|\.\.)/iu);
      expect(region!.startLine).toBeGreaterThanOrEqual(1);
    }
    const parseError = rules.find((rule) => rule.id === "shipshape/parse-error")!;
    expect(parseError.help!.markdown).toMatch(/fix it/u);
    expect(parseError.defaultConfiguration!.level).toBe("error");
  });

  it("annotates with --format github at paths relative to the repository root too", () => {
    const lines = shipshape(path.join(repo, "svc"), ["--format", "github"]).stdout.trim().split("\n");
    expect(lines.map((line) => /file=([^,]+)/u.exec(line)?.[1])).toEqual([
      "svc/k8s/broken.yaml",
      "svc/k8s/pod.yaml",
      "svc/migrations/0001_drop.sql",
      "svc/migrations/0002_unused.sql",
      "svc/src/order handler.ts",
    ]);
  });

  it("outside a git repository, reports paths relative to the folder it ran in", () => {
    const dir = temporaryFolder("shipshape-sarif-plain-");
    try {
      writeFiles(dir, { "migrations/0001_drop.sql": FILES["svc/migrations/0001_drop.sql"]! });
      const plain = JSON.parse(shipshape(dir, ["--format", "sarif"]).stdout) as Log;
      expect(schemaErrors(plain)).toBe("");
      expect(location(plain.runs[0]!.results![0]!).artifactLocation).toEqual({ uri: "migrations/0001_drop.sql", uriBaseId: "%SRCROOT%" });
      expect(plain.runs[0]!.originalUriBaseIds!["%SRCROOT%"]!.uri).toBe(`${pathToFileURL(dir).href}/`);
      expect(shipshape(dir, ["--format", "github"]).stdout).toMatch(/^::error file=migrations\/0001_drop\.sql,/u);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("formatSarif", () => {
  function lintResult(filePath: string, severities: number[]): ESLint.LintResult {
    return {
      filePath,
      messages: severities.map((severity, index) => ({
        ruleId: "shipshape/no-drop-column",
        severity: severity as 1 | 2,
        message: `finding ${index}`,
        line: index + 1,
        column: 1,
      })),
      suppressedMessages: [],
      errorCount: severities.filter((s) => s === 2).length,
      fatalErrorCount: 0,
      warningCount: severities.filter((s) => s === 1).length,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  }

  it("keeps a run within GitHub's 25,000 results, errors first, and says what it left out", () => {
    const dir = temporaryFolder("shipshape-sarif-limit-");
    try {
      const severities = [...Array.from({ length: MAX_RESULTS_PER_RUN }, () => 1), 2, 2];
      const log = JSON.parse(formatSarif([lintResult(path.join(dir, "big.sql"), severities)], { cwd: dir, rulesMeta: {} })) as Log;
      const run = log.runs[0]!;
      expect(run.results).toHaveLength(MAX_RESULTS_PER_RUN);
      expect(run.results!.filter((result) => result.level === "error").map((result) => result.message.text)).toEqual([
        `finding ${MAX_RESULTS_PER_RUN}`,
        `finding ${MAX_RESULTS_PER_RUN + 1}`,
      ]);
      expect(run.results![0]!.message.text).toBe("finding 0");
      // Run from the sources (cli/formatters/), the help still comes from docs/rules.
      expect(run.tool.driver.rules!.find((rule) => rule.id === "shipshape/no-drop-column")!.help!.markdown).toContain("## Solution");
      expect(run.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^2 of 25002 results were left out/u);
      expect(schemaErrors(log)).toBe("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("describes a rule from another plugin by its meta", () => {
    const dir = temporaryFolder("shipshape-sarif-other-");
    try {
      const result = lintResult(path.join(dir, "a.ts"), [2]);
      result.messages[0]!.ruleId = "other/rule";
      const log = JSON.parse(
        formatSarif([result], { cwd: dir, rulesMeta: { "other/rule": { docs: { description: "Other rule", url: "https://example.org/other" } } } }),
      ) as Log;
      const rule = log.runs[0]!.tool.driver.rules!.find((r: ReportingDescriptor) => r.id === "other/rule");
      expect(rule).toMatchObject({ shortDescription: { text: "Other rule" }, helpUri: "https://example.org/other", help: { text: "Other rule\n\nhttps://example.org/other" } });
      expect(schemaErrors(log)).toBe("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
