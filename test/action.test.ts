/**
 * The GitHub Action (action.yml): its structure, and its steps run as the runner runs a
 * composite action (bash with -eo pipefail, inputs through env, outputs through
 * $GITHUB_OUTPUT) on a shallow pull-request checkout of a repository with 300 applied
 * migrations and a new one.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commitAll, git, gitRepository, REPOSITORY_ROOT, requireBuild, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "action.yml"), "utf8")) as Action;
const EXPRESSION = /\$\{\{\s*(.+?)\s*\}\}/gu;

describe("action.yml", () => {
  it("is a composite action with described inputs and outputs", () => {
    expect(action.name).toBe("shipshape");
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe("composite");
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toEqual(expect.any(String));
      expect(typeof (input.default ?? ""), name).toBe("string");
    }
    const ids = new Set(action.runs.steps.map((step) => step.id).filter(Boolean));
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toEqual(expect.any(String));
      expect(ids.has(/steps\.([\w-]+)\.outputs/u.exec(output.value)?.[1]), name).toBe(true);
    }
  });

  it("runs bash steps whose scripts take inputs only through env, never by ${{ }} expansion", () => {
    for (const step of action.runs.steps.filter((s) => s.run !== undefined)) {
      expect(step.shell, step.name).toBe("bash");
      expect(step.run, step.name).not.toMatch(/\$\{\{/u);
    }
  });

  it("refers only to declared inputs and to steps that run before", () => {
    const seen = new Set<string>();
    for (const step of action.runs.steps) {
      const text = JSON.stringify(step);
      for (const [, expression] of text.matchAll(EXPRESSION)) {
        for (const [, input] of expression!.matchAll(/inputs\.([\w-]+)/gu)) expect(Object.keys(action.inputs), step.name).toContain(input);
        for (const [, id] of expression!.matchAll(/steps\.([\w-]+)\./gu)) expect([...seen], step.name).toContain(id);
      }
      if (step.id) seen.add(step.id);
    }
  });

  it("uploads the SARIF report with codeql-action's upload-sarif, even when the lint step found errors", () => {
    const upload = action.runs.steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload).toMatchObject({ if: expect.stringMatching(/^always\(\) && /u), with: { sarif_file: expect.any(String), category: expect.any(String) } });
    expect(action.runs.steps.indexOf(upload!)).toBeLessThan(action.runs.steps.length - 1);
    expect(action.runs.steps.at(-1)).toMatchObject({ if: expect.stringMatching(/^always\(\) && /u) });
  });
});

// ---------------------------------------------------------------------------------------------
// Running the steps as the runner does.

interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
  failed: boolean;
}

function lookup(reference: string, context: Context): string {
  const input = /^inputs\.([\w-]+)$/u.exec(reference);
  if (input) return context.inputs[input[1]!] ?? evaluate(action.inputs[input[1]!]?.default ?? "", context);
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/u.exec(reference);
  if (output) return context.outputs[output[1]!]?.[output[2]!] ?? "";
  if (reference in context.github) return context.github[reference]!;
  throw new Error(`the test does not know ${reference}`);
}

/** `${{ … }}` in a value: the references this action uses. */
function evaluate(value: string, context: Context): string {
  return value.replace(EXPRESSION, (_, reference: string) => lookup(reference, context));
}

/** A step's `if:`: `always()` and comparisons joined by `&&`; without always(), a step runs only while none failed. */
function condition(expression: string | undefined, context: Context): boolean {
  if (expression === undefined) return !context.failed;
  const terms = expression.split("&&").map((term) => term.trim());
  if (!terms.includes("always()") && context.failed) return false;
  return terms.every((term) => {
    if (term === "always()") return true;
    const comparison = /^([\w.-]+) (==|!=) '([^']*)'$/u.exec(term);
    if (!comparison) throw new Error(`the test cannot evaluate ${term}`);
    const equal = lookup(comparison[1]!, context) === comparison[3];
    return comparison[2] === "==" ? equal : !equal;
  });
}

interface StepRun {
  step: Step;
  ran: boolean;
  code?: number | null;
  stdout?: string;
  stderr?: string;
  with?: Record<string, string>;
}

function runAction(workspace: string, inputs: Record<string, string>, github: Record<string, string>, runnerTemp: string, machine: NodeJS.ProcessEnv = {}): StepRun[] {
  const context: Context = { inputs, github, outputs: {}, failed: false };
  const runs: StepRun[] = [];
  for (const step of action.runs.steps) {
    if (!condition(step.if, context)) {
      runs.push({ step, ran: false });
      continue;
    }
    if (step.uses) {
      // Actions from the marketplace are not run here; what they would receive is recorded.
      runs.push({ step, ran: true, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, evaluate(value, context)])) });
      continue;
    }
    const outputFile = path.join(runnerTemp, `output-${runs.length}`);
    const script = path.join(runnerTemp, `step-${runs.length}.sh`);
    fs.writeFileSync(outputFile, "");
    fs.writeFileSync(script, step.run!);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(value, context)]));
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: path.resolve(workspace, evaluate(step["working-directory"] ?? ".", context)),
      encoding: "utf8",
      timeout: 300_000,
      env: { ...process.env, ...machine, ...env, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: REPOSITORY_ROOT, RUNNER_TEMP: runnerTemp, CI: "true" },
    });
    if (step.id) {
      context.outputs[step.id] = Object.fromEntries(
        fs.readFileSync(outputFile, "utf8").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    }
    if (result.status !== 0) context.failed = true;
    runs.push({ step, ran: true, code: result.status, stdout: result.stdout, stderr: result.stderr });
  }
  return runs;
}

function stepRun(runs: StepRun[], match: (step: Step) => boolean): StepRun {
  return runs.find((run) => match(run.step))!;
}

const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const NEW_MIGRATION = "SET lock_timeout = '5s';\nALTER TABLE accounts DROP COLUMN legacy_id;\n";
const CLEAN_MIGRATION = "CREATE TABLE audit_log (id bigint PRIMARY KEY);\n";

function version(index: number): string {
  return new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString().replace(/[-:T]/gu, "").slice(0, 14);
}

describe("the action on a pull request", () => {
  let root: string;
  let origin: string;
  let baseSha: string;
  const newMigration = `db/migrations/${version(300)}_drop_legacy_id.sql`;

  beforeAll(() => {
    requireBuild();
    root = temporaryFolder("shipshape-action-");
    const files: Record<string, string> = { ".gitignore": "node_modules/\n" };
    for (let index = 0; index < 300; index++) files[`db/migrations/${version(index)}_change_${index}.sql`] = DROP_COLUMN;
    origin = gitRepository(path.join(root, "origin"), files);
    baseSha = git(origin, "rev-parse", "HEAD").trim();
    git(origin, "checkout", "-q", "-b", "drop-legacy-id");
    writeFiles(origin, { [newMigration]: NEW_MIGRATION });
    commitAll(origin, "drop accounts.legacy_id");
    git(origin, "checkout", "-q", "-b", "add-audit-log", "main");
    writeFiles(origin, { [`db/migrations/${version(300)}_add_audit_log.sql`]: CLEAN_MIGRATION });
    commitAll(origin, "add audit_log");
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** What actions/checkout leaves by default: one commit of the branch, and the project installed. */
  function checkout(branch: string): { workspace: string; runnerTemp: string } {
    const workspace = path.join(fs.mkdtempSync(path.join(root, "runner-")), "checkout");
    git(root, "clone", "-q", "--depth", "1", "--branch", branch, `file://${origin}`, workspace);
    expect(git(workspace, "rev-parse", "--is-shallow-repository").trim()).toBe("true");
    fs.mkdirSync(path.join(workspace, "node_modules/.bin"), { recursive: true });
    fs.symlinkSync(path.join(REPOSITORY_ROOT, "dist/cli/bin.js"), path.join(workspace, "node_modules/.bin/shipshape"));
    const runnerTemp = fs.mkdtempSync(path.join(path.dirname(workspace), "temp-"));
    return { workspace, runnerTemp };
  }

  it("annotates only the new migration, writes SARIF for it, uploads it and fails the job", () => {
    const { workspace, runnerTemp } = checkout("drop-legacy-id");
    const runs = runAction(workspace, {}, { "github.event.pull_request.base.sha": baseSha }, runnerTemp);

    const history = stepRun(runs, (step) => step.id === "history");
    expect(history).toMatchObject({ ran: true, code: 0 });
    expect(git(workspace, "merge-base", baseSha, "HEAD").trim()).toBe(baseSha);

    const lint = stepRun(runs, (step) => step.id === "lint");
    expect(lint.code, lint.stderr).toBe(0);
    const annotations = lint.stdout!.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(new RegExp(`^::error file=${newMigration},line=2,col=22,endLine=2,endColumn=\\d+,title=shipshape/no-drop-column::`, "u"));

    const sarifFile = path.join(workspace, "shipshape.sarif");
    const sarif = JSON.parse(fs.readFileSync(sarifFile, "utf8")) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect(sarif.runs[0]!.results[0]).toMatchObject({ ruleId: "shipshape/no-drop-column", locations: [{ physicalLocation: { region: { startLine: 2 } } }] });
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(newMigration);

    const upload = stepRun(runs, (step) => step.uses !== undefined);
    expect(upload).toMatchObject({ ran: true, with: { sarif_file: sarifFile, category: "shipshape" } });
    const fail = runs.at(-1)!;
    expect(fail).toMatchObject({ ran: true, code: 1 });
  });

  it("with a working-directory, annotates and reports at paths relative to the repository root", () => {
    const { workspace, runnerTemp } = checkout("drop-legacy-id");
    // A project in a subfolder installs shipshape there.
    fs.mkdirSync(path.join(workspace, "db/node_modules/.bin"), { recursive: true });
    fs.symlinkSync(path.join(REPOSITORY_ROOT, "dist/cli/bin.js"), path.join(workspace, "db/node_modules/.bin/shipshape"));
    const runs = runAction(workspace, { "working-directory": "db" }, { "github.event.pull_request.base.sha": baseSha }, runnerTemp);

    const lint = stepRun(runs, (step) => step.id === "lint");
    expect(lint.code, lint.stderr).toBe(0);
    const annotations = lint.stdout!.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain(`::error file=${newMigration},line=2,`);

    const sarifFile = path.join(workspace, "db/shipshape.sarif");
    const sarif = JSON.parse(fs.readFileSync(sarifFile, "utf8")) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: newMigration, uriBaseId: "%SRCROOT%" });
    expect(stepRun(runs, (step) => step.uses !== undefined)).toMatchObject({ ran: true, with: { sarif_file: sarifFile } });
  });

  it("passes a pull request that adds a safe migration, and still uploads the (empty) report", () => {
    const { workspace, runnerTemp } = checkout("add-audit-log");
    const runs = runAction(workspace, {}, { "github.event.pull_request.base.sha": baseSha }, runnerTemp);
    const lint = stepRun(runs, (step) => step.id === "lint");
    expect(lint.stdout).not.toMatch(/^::/mu);
    expect(stepRun(runs, (step) => step.uses !== undefined)).toMatchObject({ ran: true });
    expect(runs.at(-1)).toMatchObject({ ran: false });
    expect(runs.every((run) => !run.ran || run.code === undefined || run.code === 0)).toBe(true);
  });

  it("lints everything on a push, where a migration baseline keeps the 300 applied ones quiet", () => {
    const { workspace, runnerTemp } = checkout("drop-legacy-id");
    const runs = runAction(workspace, { "upload-sarif": "false", args: `--start-after ${version(299)}` }, { "github.event.pull_request.base.sha": "" }, runnerTemp);
    expect(stepRun(runs, (step) => step.id === "history")).toMatchObject({ ran: false });
    const annotations = stepRun(runs, (step) => step.id === "lint").stdout!.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain(`file=${newMigration},`);
    expect(stepRun(runs, (step) => step.uses !== undefined)).toMatchObject({ ran: false });
    expect(runs.at(-1)).toMatchObject({ ran: true, code: 1 });
  });
});

describe("the action in a project that does not install shipshape", () => {
  it("fails with exit code 2 and npm's reason when npx cannot install shipshape, instead of reporting lint errors", () => {
    const root = temporaryFolder("shipshape-action-npx-");
    const workspace = gitRepository(path.join(root, "checkout"), { "db/migrations/001_drop_email.sql": DROP_COLUMN });
    const runnerTemp = fs.mkdtempSync(path.join(root, "temp-"));
    // A registry that refuses connections and an empty npm cache: the install cannot succeed.
    const unreachable = { npm_config_registry: "http://127.0.0.1:9/", npm_config_cache: path.join(root, "npm-cache"), npm_config_fetch_retries: "0" };
    const runs = runAction(workspace, { version: "0.1.0", "upload-sarif": "false" }, { "github.event.pull_request.base.sha": "" }, runnerTemp, unreachable);

    const lint = stepRun(runs, (step) => step.id === "lint");
    expect(lint.code).toBe(2);
    expect(lint.stdout).toMatch(/^::error title=shipshape::npx could not install shipshape@0\.1\.0: npm error .*ECONNREFUSED/mu);
    expect(lint.stdout).not.toMatch(/file=/u);
    expect(lint.stderr).toMatch(/ECONNREFUSED/u);
    expect(runs.at(-1)).toMatchObject({ ran: true, code: 2 });
    fs.rmSync(root, { recursive: true, force: true });
  });
});
