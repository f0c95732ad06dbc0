/**
 * The hook of .pre-commit-hooks.yaml installed the ways the pre-commit framework installs a
 * `language: node` hook from a clone of this repository, then run on a repository with a staged
 * migration:
 * - pre-commit itself (Debian's 3.x, the one installable here): `npm install` in the clone,
 *   `npm pack` (whose stdout it reads as the tarball's name), `npm install -g` of the tarball;
 *   3.5 to 4.6.0 do the same with other flags.
 * - pre-commit 4.6.1 and later run `npm install --allow-git=root --install-links -g
 *   git+file://<clone>` instead (pre_commit/languages/node.py), with its environment as prefix;
 *   that command is run here as pre-commit runs it, since only Debian's pre-commit installs here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git, gitRepository, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";
import { cloneWorkTree, npmEnvironment, runAsync, type ProcessRun } from "./helpers/package-process.ts";

const preCommitVersion = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
const PRE_COMMIT = preCommitVersion.status === 0 ? preCommitVersion.stdout.trim() : undefined;
const SKIPPED = "skipped: the pre-commit command is not installed here (`apt-get install pre-commit`; .ci/run installs it, so CI runs this)";
if (!PRE_COMMIT) console.warn(`test/pre-commit.test.ts: pre-commit's own install ${SKIPPED}`);

const BAD_MIGRATION = "ALTER TABLE users DROP COLUMN email;\n";
const CLEAN_MIGRATION = "SET lock_timeout = '5s';\nCREATE TABLE audit_log (id bigint PRIMARY KEY);\n";

let work: string;
let clone: string;
let revision: string;
let preCommitInstall: ProcessRun | undefined;
let gitInstall: ProcessRun;

/** Settings that only make npm quicker: its cache before the registry, no audit. */
const QUICK_NPM = { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };

beforeAll(async () => {
  work = temporaryFolder("shipshape-pre-commit-");
  clone = path.join(work, "shipshape");
  revision = cloneWorkTree(clone);
  gitRepository(path.join(work, "project"), {
    ".pre-commit-config.yaml": `repos:\n  - repo: ${clone}\n    rev: ${revision}\n    hooks:\n      - id: shipshape\n`,
    "README.md": "A project that uses the shipshape hook.\n",
  });
  // Both installs at once: each spends most of its time waiting for npm.
  const installs: Promise<void>[] = [
    runAsync("npm", ["install", "--allow-git=root", "--install-links", "-g", `git+file://${clone}`], {
      cwd: work,
      env: npmEnvironment({ ...QUICK_NPM, NPM_CONFIG_PREFIX: path.join(work, "node-env"), npm_config_prefix: path.join(work, "node-env") }),
    }).then((run) => void (gitInstall = run)),
  ];
  if (PRE_COMMIT) {
    installs.push(
      runAsync("pre-commit", ["install-hooks"], { cwd: path.join(work, "project"), env: preCommitEnvironment() }).then((run) => void (preCommitInstall = run)),
    );
  }
  await Promise.all(installs);
}, 900_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function preCommitEnvironment(): NodeJS.ProcessEnv {
  return npmEnvironment({ ...QUICK_NPM, PRE_COMMIT_HOME: path.join(work, "pre-commit-home") });
}

function stage(project: string, files: Record<string, string>): void {
  git(project, "rm", "-q", "-r", "--cached", "--ignore-unmatch", "migrations");
  writeFiles(project, files);
  git(project, "add", ...Object.keys(files));
}

// CI must not skip it: .ci/run installs pre-commit.
it.runIf(!PRE_COMMIT && process.env.CI)("has pre-commit installed in CI", () => {
  expect.fail("pre-commit is missing in CI: .ci/run should have installed it (apt-get install pre-commit)");
});

describe.skipIf(!PRE_COMMIT)(`the hook installed by ${PRE_COMMIT ?? `pre-commit (${SKIPPED})`} from a local clone`, () => {
  const project = () => path.join(work, "project");

  it("installs", () => {
    expect(preCommitInstall!.code, preCommitInstall!.stdout + preCommitInstall!.stderr).toBe(0);
  });

  it("fails the commit of a migration that drops a column, with the finding", async () => {
    stage(project(), { "migrations/001_drop_email.sql": BAD_MIGRATION });
    const run = await runAsync("pre-commit", ["run"], { cwd: project(), env: preCommitEnvironment() });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^shipshape\.+Failed$/mu);
    expect(run.stdout).toMatch(/migrations\/001_drop_email\.sql\n\s+1:19\s+error\s+Dropping column "email" from "users".*shipshape\/no-drop-column/u);
  }, 120_000);

  it("passes a clean migration", async () => {
    stage(project(), { "migrations/002_audit_log.sql": CLEAN_MIGRATION });
    const run = await runAsync("pre-commit", ["run"], { cwd: project(), env: preCommitEnvironment() });
    expect(run.stdout).toMatch(/^shipshape\.+Passed$/mu);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);
});

describe("the hook installed the way pre-commit 4.6.1 and later install it (npm install -g git+file://)", () => {
  const bin = () => path.join(work, "node-env/bin/shipshape");

  it("installs: the build runs although npm installs no dependency before it (npm/cli#8440)", () => {
    expect(gitInstall.code, gitInstall.stderr).toBe(0);
  });

  it("runs the hook's entry with the hook's arguments on the staged files", async () => {
    const project = path.join(work, "project-without-pre-commit");
    writeFiles(project, { "migrations/001_drop_email.sql": BAD_MIGRATION, "migrations/002_audit_log.sql": CLEAN_MIGRATION });
    const environment = npmEnvironment({ PATH: `${path.dirname(bin())}${path.delimiter}${process.env.PATH}` });
    const bad = await runAsync("shipshape", ["--max-warnings", "0", "migrations/001_drop_email.sql"], { cwd: project, env: environment });
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/1:19\s+error\s+Dropping column "email" from "users".*shipshape\/no-drop-column/u);
    const clean = await runAsync("shipshape", ["--max-warnings", "0", "migrations/002_audit_log.sql"], { cwd: project, env: environment });
    expect(clean).toMatchObject({ code: 0, stderr: "" });
  }, 60_000);
});
