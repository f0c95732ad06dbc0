/**
 * The evaluation kit's scorer (bench/eval), on a tiny labelled corpus of our own in
 * fixtures/eval: a fixed run scored exactly, the real CLI's run read correctly, label files
 * checked, and two runs diffed. The real corpus is never needed here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffFindings, evaluate, verdictAt } from "../bench/eval/evaluate.ts";
import { markdownReport, ruleComparison, rulesBelowTarget } from "../bench/eval/report.ts";
import { type Finding, LabelError, precision, readLabels, recall } from "../bench/eval/score.ts";

const BIN = fileURLToPath(new URL("../dist/cli/bin.js", import.meta.url));
const CORPUS = fileURLToPath(new URL("../fixtures/eval/corpus", import.meta.url));
const LABELS = fileURLToPath(new URL("../fixtures/eval/labels", import.meta.url));
const SHOP = path.join(CORPUS, "acme+shop");

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-eval-test-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function message(ruleId: string | null, line: number, extra: Record<string, unknown> = {}) {
  return { ruleId, severity: 2, message: `${ruleId} at ${line}`, line, column: 1, ...extra };
}

/** A run of a hypothetical build: misses the DROP COLUMN and the literal secret, flags the new table's index. */
function savedRun(): string {
  const results = [
    {
      filePath: path.join(SHOP, "migrations/0001_init.sql"),
      messages: [message(null, 2, { fatal: true, message: "Parsing error: unexpected token" })],
    },
    {
      filePath: path.join(SHOP, "migrations/0002_orders_status.sql"),
      messages: [message("shipshape/require-concurrent-index", 3), message("shipshape/require-concurrent-index", 8)],
    },
    {
      filePath: path.join(SHOP, "src/server.ts"),
      messages: [message("shipshape/no-interpolated-log", 7), message("shipshape/require-graceful-shutdown", 11), message("@typescript-eslint/no-explicit-any", 4)],
    },
    {
      filePath: path.join(SHOP, "deploy/shop.yaml"),
      messages: [message("shipshape/require-readiness-probe", 16), message("shipshape/require-prestop-delay", 16)],
    },
  ];
  const file = path.join(work, "run.json");
  fs.writeFileSync(file, JSON.stringify(results));
  return file;
}

describe("scoring a saved run", () => {
  it("counts found, missed, false and quiet sites per language and per rule", () => {
    const evaluation = evaluate(BIN, CORPUS, LABELS, savedRun());
    const { byLanguage, byRule } = evaluation.score;
    expect(byLanguage.get("sql")).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 1, trueNegatives: 1, findings: 2, unjudged: 0 });
    expect(byLanguage.get("js")).toMatchObject({ truePositives: 2, falseNegatives: 0, falsePositives: 0, trueNegatives: 1, findings: 2, unjudged: 0 });
    expect(byLanguage.get("yaml")).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 0, trueNegatives: 1, findings: 2, unjudged: 1 });

    const index = byRule.get("require-concurrent-index")!;
    expect(index).toMatchObject({ truePositives: 1, falsePositives: 1 });
    expect(precision(index)).toBe(0.5);
    expect(recall(index)).toBe(1);
    // A miss of a label with alternatives is the first rule's.
    expect(byRule.get("no-drop-column")).toMatchObject({ falseNegatives: 1 });
    expect(byRule.get("no-unsafe-schema-builder-call")).toMatchObject({ falseNegatives: 0 });
    expect(recall(byRule.get("no-literal-secret-in-config")!)).toBe(0);
    expect(precision(byRule.get("no-literal-secret-in-config")!)).toBeUndefined();
  });

  it("lists misses and false positives with their place and reason, and leaves out stale labels", () => {
    const evaluation = evaluate(BIN, CORPUS, LABELS, savedRun());
    expect(evaluation.score.misses.map(({ label }) => `${label.file}:${label.start} ${label.rules[0]}`).sort()).toEqual([
      "deploy/shop.yaml:22 no-literal-secret-in-config",
      "migrations/0002_orders_status.sql:5 no-drop-column",
    ]);
    expect(evaluation.score.falsePositives.map(({ label }) => `${label.file}:${label.start} ${label.reason}`)).toEqual([
      "migrations/0002_orders_status.sql:8 refunds is created empty in this same migration",
    ]);
    expect(evaluation.stale.map(({ label, why }) => `${label.file} ${why}`)).toEqual(["migrations/0003_gone.sql file not in the corpus"]);
    expect(evaluation.extras).toMatchObject({ files: { js: 1, sql: 2, yaml: 1 }, foreign: 1 });
    expect(evaluation.extras.fatal.sql).toEqual(["acme+shop/migrations/0001_init.sql:2: Parsing error: unexpected token"]);

    const markdown = markdownReport(evaluation.score, evaluation.scored, evaluation.extras, {
      date: "2026-01-01",
      commit: "abc",
      versions: [],
      corpus: { repositories: 1, missing: [] },
      stale: evaluation.stale,
      seconds: undefined,
    });
    expect(markdown).toContain("- acme+shop/migrations/0002_orders_status.sql:5 no-drop-column|no-unsafe-schema-builder-call: the previous release still selects legacy_code");
    expect(markdown).toContain("| require-concurrent-index | sql | error | 1 | 0 | 1 | 0 | 100.0 % | 50.0 % ✗ | 2 | 0 |");
    expect(rulesBelowTarget(evaluation.score)).toContain("require-concurrent-index: recall 100.0 % (1/1), precision 50.0 % (1/2)");
  });
});

describe("scoring the real CLI's run", () => {
  it("lints the corpus once and matches its findings to the labels", () => {
    const evaluation = evaluate(BIN, CORPUS, LABELS);
    expect(evaluation.extras.files).toEqual({ js: 1, sql: 2, yaml: 1 });
    // The unmistakable problems of the fixture are found, its safe look-alikes left alone.
    expect(evaluation.score.misses).toEqual([]);
    expect(evaluation.score.falsePositives).toEqual([]);
    expect(evaluation.score.hits).toHaveLength(6);
    expect(evaluation.seconds).toBeGreaterThan(0);
  });
});

describe("label files", () => {
  function labelsWith(line: string): string {
    const dir = fs.mkdtempSync(path.join(work, "labels-"));
    fs.mkdirSync(path.join(dir, "sql"));
    fs.writeFileSync(path.join(dir, "sql", "acme+shop.tsv"), `# file\tlines\trule\tverdict\treason\n${line}\n`);
    return dir;
  }

  it("are read with the repository from the file name and alternatives split", () => {
    const [label] = readLabels(labelsWith("a.sql\t4-6\tshipshape/no-rename|no-drop-column\tno\tnothing reads the old name"));
    expect(label).toMatchObject({ language: "sql", repository: "acme+shop", file: "a.sql", start: 4, end: 6, rules: ["no-rename", "no-drop-column"], verdict: "no" });
  });

  it.each([
    ["a.sql\t0\tno-rename\tyes\twhy", /lines must be N or N-M/u],
    ["a.sql\t6-4\tno-rename\tyes\twhy", /lines must be N or N-M/u],
    ["a.sql\t4\tno-such-rule\tyes\twhy", /unknown rule "no-such-rule"/u],
    ["a.sql\t4\tno-rename\tmaybe\twhy", /verdict must be yes or no/u],
    ["a.sql\t4\tno-rename\tyes", /no reason/u],
  ])("reject %j with its position", (line, problem) => {
    expect(() => readLabels(labelsWith(line))).toThrow(LabelError);
    expect(() => readLabels(labelsWith(line))).toThrow(/sql\/acme\+shop\.tsv:2/u);
    expect(() => readLabels(labelsWith(line))).toThrow(problem);
  });
});

describe("diff of two runs", () => {
  const finding = (rule: string, line: number): Finding => ({ file: "acme+shop/migrations/0002_orders_status.sql", rule, line, column: 1, message: "m", severity: 2 });

  it("lists findings that appear or disappear, counting repeats", () => {
    const before = [finding("require-concurrent-index", 3), finding("require-concurrent-index", 8), finding("no-rename", 9), finding("no-rename", 9)];
    const after = [finding("require-concurrent-index", 3), finding("no-drop-column", 5), finding("no-rename", 9)];
    const { appeared, disappeared } = diffFindings(before, after);
    expect(appeared).toEqual([finding("no-drop-column", 5)]);
    expect(disappeared).toEqual([finding("require-concurrent-index", 8), finding("no-rename", 9)]);
  });

  it("compares two runs' recall and precision per labelled rule", () => {
    const fixed = evaluate(BIN, CORPUS, LABELS, savedRun()).score;
    const live = evaluate(BIN, CORPUS, LABELS).score;
    const table = ruleComparison(fixed, live);
    expect(table).toContain("| require-concurrent-index | sql | 100.0 % | 100.0 % | 50.0 % | 100.0 % |");
    expect(table).toContain("| no-drop-column | sql | 0.0 % | 100.0 % | – | 100.0 % |");
    expect(table).not.toContain("no-truncate");
  });

  it("says what the labels judge of a changed finding", () => {
    const labels = readLabels(LABELS);
    expect(verdictAt(finding("require-concurrent-index", 8), labels)).toBe("labelled no: refunds is created empty in this same migration");
    expect(verdictAt(finding("no-drop-column", 5), labels)).toBe("labelled yes: the previous release still selects legacy_code");
    expect(verdictAt(finding("no-rename", 9), labels)).toBe("unlabelled");
  });
});
