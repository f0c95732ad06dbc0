/**
 * Baselines through ESLint's bulk suppressions: `--suppress-all`, `--suppress-rule`,
 * `--prune-suppressions` and `--suppressions-location`, in ESLint's own file format.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAll, git, gitRepository, json, REPOSITORY_ROOT, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

const DROP_TWO_COLUMNS = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN phone;\n";
const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE orders DROP COLUMN note;\n";
const POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";
const UNUSED_DIRECTIVE = "-- eslint-disable-next-line shipshape/no-drop-column\nSELECT 1;\n";
const BASELINE = "shipshape-suppressions.json";

let root: string;

beforeAll(() => {
  requireBuild();
  root = temporaryFolder("shipshape-baseline-");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** An existing codebase: three errors in two files and a warning. */
function existingCodebase(): string {
  const dir = fs.mkdtempSync(path.join(root, "p-"));
  writeFiles(dir, {
    "db/migrations/0001_cleanup.sql": DROP_TWO_COLUMNS,
    "deploy/pod.yaml": POD,
    "db/migrations/0002_noop.sql": UNUSED_DIRECTIVE,
  });
  return dir;
}

function readBaseline(dir: string, file = BASELINE): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
}

describe("--suppress-all", () => {
  it("records every current error in ESLint's suppressions format and passes", () => {
    const dir = existingCodebase();
    const result = shipshape(dir, ["--suppress-all"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`shipshape: baseline ${BASELINE} written; it covers 3 errors found now\n`);
    // Warnings are advice and never fail a run, so ESLint's baseline does not record them: the warning stays visible.
    expect(result.stdout).toMatch(/0002_noop\.sql\n\s+1:1\s+warning\s+Unused eslint-disable directive/u);
    expect(readBaseline(dir)).toEqual({
      "db/migrations/0001_cleanup.sql": { "shipshape/no-drop-column": { count: 2 } },
      "deploy/pod.yaml": { "shipshape/no-k8s-non-string-value": { count: 1 } },
    });
  });

  it("hides the recorded errors afterwards, keeping them as suppressed messages", () => {
    const dir = existingCodebase();
    shipshape(dir, ["--suppress-all"]);
    const result = shipshape(dir, ["-f", "json"]);
    expect(result.code).toBe(0);
    const cleanup = json(result.stdout).find((r) => r.filePath.endsWith("0001_cleanup.sql"))!;
    expect(cleanup).toMatchObject({ errorCount: 0, messages: [] });
    expect(cleanup.suppressedMessages).toMatchObject([
      { ruleId: "shipshape/no-drop-column", line: 2, suppressions: [{ kind: "file" }] },
      { ruleId: "shipshape/no-drop-column", line: 3, suppressions: [{ kind: "file" }] },
    ]);
    expect(shipshape(dir, ["--format", "github"]).stdout).not.toMatch(/::error/u);
  });

  it("still fails on a new error in another file, reporting only that one", () => {
    const dir = existingCodebase();
    shipshape(dir, ["--suppress-all"]);
    writeFiles(dir, { "db/migrations/0003_new.sql": DROP_COLUMN });
    const result = shipshape(dir, ["-f", "json"]);
    expect(result.code).toBe(1);
    const withErrors = json(result.stdout).filter((r) => r.errorCount > 0);
    expect(withErrors.map((r) => path.relative(dir, r.filePath))).toEqual(["db/migrations/0003_new.sql"]);
    expect(withErrors[0]!.messages).toMatchObject([{ ruleId: "shipshape/no-drop-column", line: 2, column: 20 }]);
  });

  it("fails on a new error of a recorded rule in a recorded file, showing that rule's errors in the file", () => {
    const dir = existingCodebase();
    shipshape(dir, ["--suppress-all"]);
    fs.appendFileSync(path.join(dir, "db/migrations/0001_cleanup.sql"), "ALTER TABLE users DROP COLUMN fax;\n");
    const result = shipshape(dir, ["-f", "json"]);
    expect(result.code).toBe(1);
    const cleanup = json(result.stdout).find((r) => r.filePath.endsWith("0001_cleanup.sql"))!;
    // ESLint counts per file and rule: three errors where two were recorded cannot say which one is new.
    expect(cleanup.messages.map((m) => m.line)).toEqual([2, 3, 4]);
  });

  it("fails in pull-request mode only when the pull request adds an error", () => {
    const repo = gitRepository(fs.mkdtempSync(path.join(root, "repo-")), {
      "db/migrations/0001_cleanup.sql": DROP_TWO_COLUMNS,
      "deploy/pod.yaml": POD,
    });
    shipshape(repo, ["--suppress-all"]);
    commitAll(repo, "baseline");
    git(repo, "checkout", "-q", "-b", "feature");
    fs.appendFileSync(path.join(repo, "db/migrations/0001_cleanup.sql"), "-- reviewed\n");
    expect(shipshape(repo, ["--changed-since", "main"])).toMatchObject({ code: 0, stdout: "" });
    writeFiles(repo, { "db/migrations/0002_new.sql": DROP_COLUMN });
    const result = shipshape(repo, ["--changed-since", "main", "-f", "json"]);
    expect(result.code).toBe(1);
    expect(json(result.stdout).filter((r) => r.errorCount > 0).map((r) => path.relative(repo, r.filePath))).toEqual([
      "db/migrations/0002_new.sql",
    ]);
  });
});

describe("keeping the baseline current", () => {
  it("fails when recorded errors are gone, until the baseline is pruned", () => {
    const dir = existingCodebase();
    shipshape(dir, ["--suppress-all"]);
    writeFiles(dir, { "deploy/pod.yaml": POD.replace("value: 8080", 'value: "8080"') });
    const stale = shipshape(dir, []);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      `shipshape: the baseline ${BASELINE} records 1 error that is gone; update it with --prune-suppressions (or pass --pass-on-unpruned-suppressions)\n`,
    );
    expect(shipshape(dir, ["--pass-on-unpruned-suppressions"]).code).toBe(0);

    const pruned = shipshape(dir, ["--prune-suppressions"]);
    expect(pruned.code).toBe(0);
    expect(readBaseline(dir)).toEqual({ "db/migrations/0001_cleanup.sql": { "shipshape/no-drop-column": { count: 2 } } });
    expect(shipshape(dir, []).code).toBe(0);
  });

  it("records the errors of one rule with --suppress-rule, its prefix optional", () => {
    for (const rule of ["shipshape/no-k8s-non-string-value", "no-k8s-non-string-value"]) {
      const dir = existingCodebase();
      const result = shipshape(dir, ["--suppress-rule", rule, "-f", "json"]);
      expect(result.code).toBe(1);
      expect(readBaseline(dir)).toEqual({ "deploy/pod.yaml": { "shipshape/no-k8s-non-string-value": { count: 1 } } });
      expect(json(result.stdout).filter((r) => r.errorCount > 0).map((r) => path.basename(r.filePath))).toEqual(["0001_cleanup.sql"]);
    }
  });

  it("keeps the baseline where --suppressions-location says, and exits 2 when that file is missing", () => {
    const dir = existingCodebase();
    expect(shipshape(dir, ["--suppressions-location", ".config/baseline.json"])).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "shipshape: the baseline .config/baseline.json does not exist; create it with --suppress-all or --suppress-rule\n",
    });
    fs.mkdirSync(path.join(dir, ".config"));
    expect(shipshape(dir, ["--suppress-all", "--suppressions-location", ".config/baseline.json"]).code).toBe(0);
    expect(fs.existsSync(path.join(dir, BASELINE))).toBe(false);
    expect(shipshape(dir, ["--suppressions-location", ".config/baseline.json"]).code).toBe(0);
    expect(shipshape(dir, []).code).toBe(1);
  });

  it("applies the baseline to standard input named as a recorded file", () => {
    const dir = existingCodebase();
    shipshape(dir, ["--suppress-all"]);
    const args = ["--stdin", "--stdin-filename", "db/migrations/0001_cleanup.sql", "-f", "json"];
    expect(shipshape(dir, args, DROP_TWO_COLUMNS).code).toBe(0);
    expect(shipshape(dir, args, `${DROP_TWO_COLUMNS}ALTER TABLE users DROP COLUMN fax;\n`).code).toBe(1);
  });

  it("refuses to combine the baseline commands, or to run them on standard input", () => {
    for (const args of [
      ["--suppress-all", "--prune-suppressions"],
      ["--suppress-all", "--suppress-rule", "no-drop-column"],
      ["--suppress-rule", "no-drop-column", "--prune-suppressions"],
      ["--suppress-all", "--stdin", "--stdin-filename", "a.sql"],
    ]) {
      const result = shipshape(root, args, "");
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});

describe("the baseline file is ESLint's", () => {
  it("is honoured by ESLint's own command with shipshape's recommended config", () => {
    const dir = existingCodebase();
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPOSITORY_ROOT, path.join(dir, "node_modules/shipshape"), "dir");
    writeFiles(dir, {
      "package.json": '{ "type": "module" }\n',
      "eslint.config.js": 'import shipshape from "shipshape";\n\nexport default [...shipshape.configs.recommended];\n',
    });
    shipshape(dir, ["--suppress-all"]);
    const eslintBin = path.join(REPOSITORY_ROOT, "node_modules/eslint/bin/eslint.js");
    const eslint = (...args: string[]) => spawnSync(process.execPath, [eslintBin, ...args], { cwd: dir, encoding: "utf8", timeout: 120_000 });

    const passing = eslint("--suppressions-location", BASELINE, "--format", "json", ".");
    expect(passing.stderr).toBe("");
    expect(passing.status).toBe(0);
    writeFiles(dir, { "db/migrations/0003_new.sql": DROP_COLUMN });
    const failing = eslint("--suppressions-location", BASELINE, "--format", "json", ".");
    expect(failing.status).toBe(1);
    expect(json(failing.stdout).filter((r) => r.errorCount > 0).map((r) => path.basename(r.filePath))).toEqual(["0003_new.sql"]);
  });
});
