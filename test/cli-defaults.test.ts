/**
 * Defaults that must not fail clean commits (issue 17, item 7), end to end: the built command
 * spawned in throwaway projects.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BIN, commitAll, git, gitRepository, json, REPOSITORY_ROOT, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const HARDCODED_PASSWORD = 'export const db = { host: "db.internal", password: "hunter2-prod-secret" };\n';
const POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";

let root: string;

beforeAll(() => {
  requireBuild();
  root = temporaryFolder("shipshape-defaults-");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(root, "p-"));
  writeFiles(dir, files);
  return dir;
}

function reportedFiles(dir: string, stdout: string): string[] {
  return json(stdout).map((result) => path.relative(dir, result.filePath));
}

describe("--output-file that cannot be written", () => {
  it("exits 2 at once with one line, before linting, for a path under /proc", () => {
    const dir = project({ "a.sql": DROP_COLUMN });
    const started = Date.now();
    const result = shipshape(dir, ["-f", "json", "-o", "/proc/nope/x"]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "shipshape: cannot write --output-file /proc/nope/x: its folder cannot be created there\n" });
  });

  it("exits 2 when a part of the path is a file", () => {
    const dir = project({ "a.sql": DROP_COLUMN });
    expect(shipshape(dir, ["-o", "a.sql/report.txt"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "shipshape: cannot write --output-file a.sql/report.txt: a part of the path is a file, not a folder\n",
    });
    expect(shipshape(dir, ["-o", "."])).toMatchObject({ code: 2, stderr: "shipshape: cannot write --output-file .: it is a folder\n" });
  });

  it("still creates missing folders for a writable path", () => {
    const dir = project({ "a.sql": DROP_COLUMN });
    const result = shipshape(dir, ["-f", "json", "-o", "reports/deep/er/out.json"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(reportedFiles(dir, fs.readFileSync(path.join(dir, "reports/deep/er/out.json"), "utf8"))).toEqual(["a.sql"]);
  });
});

describe("--suppress-rule with a rule shipshape does not have", () => {
  it("exits 2 naming the close rules and writes no baseline", () => {
    const dir = project({ "a.sql": DROP_COLUMN });
    for (const [given, hint] of [
      ["no-drop-colum", "did you mean shipshape/no-drop-column?"],
      ["shipshape/no-dorp-column", "did you mean shipshape/no-drop-column?"],
      ["require-concurrent-indexes", "did you mean shipshape/require-concurrent-index"],
    ] as const) {
      const result = shipshape(dir, ["--suppress-rule", "no-drop-column", "--suppress-rule", given]);
      expect(result.code, given).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^shipshape: --suppress-rule: shipshape has no rule "${given}"; ${hint.replace(/[?/]/gu, "\\$&")}.*\\n$`, "u"));
    }
    const unlike = shipshape(dir, ["--suppress-rule", "semi"]);
    expect(unlike.code).toBe(2);
    expect(unlike.stderr).toBe(`shipshape: --suppress-rule: shipshape has no rule "semi"; see the rule table in shipshape's README (see shipshape --help)\n`);
    expect(fs.existsSync(path.join(dir, "shipshape-suppressions.json"))).toBe(false);
  });
});

describe("--ignore-pattern", () => {
  it("leaves out the files matching each pattern, relative to the current folder", () => {
    const dir = project({ "legacy/old.sql": DROP_COLUMN, "db/legacy/kept.sql": DROP_COLUMN, "db/a.tmp.sql": DROP_COLUMN, "db/b.sql": DROP_COLUMN });
    const result = shipshape(dir, ["-f", "json", "--ignore-pattern", "legacy/", "--ignore-pattern", "**/*.tmp.sql"]);
    expect(result.stderr).toBe("");
    expect(reportedFiles(dir, result.stdout)).toEqual(["db/b.sql", "db/legacy/kept.sql"]);
    expect(reportedFiles(dir, shipshape(dir, ["-f", "json"]).stdout)).toHaveLength(4);
  });

  it("refuses an empty pattern", () => {
    expect(shipshape(root, ["--ignore-pattern", ""])).toEqual({
      code: 2,
      stdout: "",
      stderr: "shipshape: --ignore-pattern expects a glob pattern, got an empty one (see shipshape --help)\n",
    });
  });
});

describe("generated and third-party files", () => {
  /** A pnpm lockfile of a big monorepo: more packages than the YAML language parses in one mapping. */
  function pnpmLock(packages: number): string {
    const lines = ["lockfileVersion: '9.0'", "", "packages:", ""];
    for (let i = 0; i < packages; i++) lines.push(`  pkg-${i}@1.0.${i}:`, `    resolution: {integrity: sha512-${"a".repeat(20)}${i}==}`, "");
    return lines.join("\n");
  }

  const files = {
    "pnpm-lock.yaml": pnpmLock(10_050),
    "packages/web/pnpm-lock.yaml": pnpmLock(3),
    "environment.conda-lock.yml": "version: 1\nmetadata: {}\n",
    ".yarn/releases/yarn-4.5.0.cjs": HARDCODED_PASSWORD,
    ".pnp.cjs": HARDCODED_PASSWORD,
    "public/jquery.min.js": HARDCODED_PASSWORD,
    "packages/api/dist/index.js": HARDCODED_PASSWORD,
    ".next/server/app.js": HARDCODED_PASSWORD,
    "coverage/lcov-report/sorter.js": HARDCODED_PASSWORD,
    "vendor/github.com/acme/chart/pod.yaml": POD,
    "src/__generated__/queries.ts": HARDCODED_PASSWORD,
    // Written by hand: still linted.
    "build/deploy.js": HARDCODED_PASSWORD,
    "src/distance.ts": HARDCODED_PASSWORD,
    "deploy/pod.yaml": POD,
    "prisma/migrations/20240131120000_drop/migration.sql": DROP_COLUMN,
  };
  const linted = ["build/deploy.js", "deploy/pod.yaml", "prisma/migrations/20240131120000_drop/migration.sql", "src/distance.ts"];

  it("are not linted by the command", () => {
    const dir = project(files);
    const result = shipshape(dir, ["-f", "json"]);
    expect(result.stderr).toBe("");
    expect(reportedFiles(dir, result.stdout)).toEqual(linted);
    expect(json(result.stdout).every((r) => r.errorCount > 0)).toBe(true);
  });

  it("are not linted by `eslint .` with the recommended config, and a later config can lint them again", () => {
    const dir = project({
      ...files,
      "package.json": '{ "type": "module" }\n',
      "eslint.config.js": 'import shipshape from "shipshape";\n\nexport default [...shipshape.configs.recommended];\n',
    });
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPOSITORY_ROOT, path.join(dir, "node_modules/shipshape"), "dir");
    const eslintBin = path.join(REPOSITORY_ROOT, "node_modules/eslint/bin/eslint.js");
    const eslint = () => spawnSync(process.execPath, [eslintBin, "--format", "json", "."], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    const result = eslint();
    expect(result.stderr).toBe("");
    expect(reportedFiles(dir, result.stdout).sort()).toEqual(["eslint.config.js", ...linted].sort());
    writeFiles(dir, {
      "eslint.config.js": 'import shipshape from "shipshape";\n\nexport default [...shipshape.configs.recommended, { ignores: ["!**/dist/"] }];\n',
    });
    expect(reportedFiles(dir, eslint().stdout)).toContain("packages/api/dist/index.js");
  });
});

describe("a pre-commit hook that passes every staged file", () => {
  const CLEAN_SQL = "CREATE TABLE orders (id bigint PRIMARY KEY);\n";
  const staged = ["pnpm-lock.yaml", "packages/api/dist/index.js", "db/0001.sql"];

  it("passes on a clean commit that updates the lockfile, with the hook's own arguments", () => {
    const hooks = parseYaml(fs.readFileSync(path.join(REPOSITORY_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; args: string[] }[];
    const { args } = hooks.find((hook) => hook.id === "shipshape")!;
    const dir = project({ "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "packages/api/dist/index.js": HARDCODED_PASSWORD, "db/0001.sql": CLEAN_SQL });
    expect(shipshape(dir, [...args, ...staged])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("still warns about an ignored file named on the command line without --no-warn-ignored", () => {
    const dir = project({ "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "packages/api/dist/index.js": HARDCODED_PASSWORD, "db/0001.sql": CLEAN_SQL });
    const result = shipshape(dir, ["--max-warnings", "0", "-f", "json", ...staged]);
    expect(result.code).toBe(1);
    const warned = json(result.stdout).filter((r) => r.warningCount === 1);
    expect(warned.map((r) => path.relative(dir, r.filePath)).sort()).toEqual(["packages/api/dist/index.js", "pnpm-lock.yaml"]);
    expect(warned[0]!.messages[0]!.message).toMatch(/^File ignored because of a matching ignore pattern/u);
  });
});

describe("Helm charts", () => {
  const HELM_TEMPLATE =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "api.fullname" . }}\n  labels:\n    {{- include "api.labels" . | nindent 4 }}\n';

  it("skips a chart's templates without a finding, so --max-warnings 0 passes, and still lints its other files", () => {
    const dir = project({
      "charts/api/Chart.yaml": "apiVersion: v2\nname: api\nversion: 1.0.0\n",
      "charts/api/values.yaml": "replicaCount: 2\n",
      "charts/api/templates/service.yaml": HELM_TEMPLATE,
      "charts/api/templates/tests/test-connection.yaml": HELM_TEMPLATE,
      "charts/api/templates/configmap.yaml": POD,
    });
    const result = shipshape(dir, ["--max-warnings", "0", "-f", "json", "charts/api/templates/service.yaml", "charts/api/templates/tests", "charts/api/values.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(json(result.stdout).map((r) => [path.relative(dir, r.filePath), r.messages])).toEqual([
      ["charts/api/templates/service.yaml", []],
      ["charts/api/templates/tests/test-connection.yaml", []],
      ["charts/api/values.yaml", []],
    ]);
    // A file of the chart that is plain YAML is checked as any manifest.
    const plain = json(shipshape(dir, ["-f", "json", "charts/api/templates/configmap.yaml"]).stdout);
    expect(plain[0]!.messages).toMatchObject([{ ruleId: "shipshape/no-k8s-non-string-value", line: 8, column: 18 }]);
  });

  it("warns once about a template outside a chart, which --ignore-pattern leaves out", () => {
    const dir = project({ "ansible/templates/service.yaml": HELM_TEMPLATE, "deploy/templates/service.yaml": HELM_TEMPLATE });
    const result = shipshape(dir, ["--max-warnings", "0", "-f", "json"]);
    expect(result.code).toBe(1);
    expect(json(result.stdout).map((r) => r.messages.map((m) => [path.relative(dir, r.filePath), m.ruleId, m.line, m.column]))).toEqual([
      [["ansible/templates/service.yaml", "shipshape/no-unrendered-template", 4, 9]],
      [["deploy/templates/service.yaml", "shipshape/no-unrendered-template", 4, 9]],
    ]);
    const ignored = shipshape(dir, ["--max-warnings", "0", "-f", "json", "--ignore-pattern", "ansible/templates/", "--ignore-pattern", "deploy/templates/"]);
    expect(ignored).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });
});

describe("--cache and the project's database tooling", () => {
  // PostgreSQL has no `#` comments, so that statement is unparsable there; MySQL reads a dropped column.
  const MYSQL_MIGRATION = "# MySQL comment\nALTER TABLE users DROP email;\n";
  const knexfile = (client: string) => `module.exports = { client: "${client}", connection: process.env.DATABASE_URL };\n`;
  const ruleIds = (stdout: string) => json(stdout).flatMap((r) => r.messages.map((m) => m.ruleId));

  for (const strategy of ["metadata", "content"]) {
    it(`lints again when a knexfile switches from PostgreSQL to MySQL (--cache-strategy ${strategy})`, () => {
      const dir = project({ "package.json": "{}\n", "knexfile.js": knexfile("pg"), "migrations/20240131_drop.sql": MYSQL_MIGRATION });
      const args = ["--cache", "--cache-strategy", strategy, "-f", "json"];
      expect(ruleIds(shipshape(dir, args).stdout)).toEqual(["shipshape/unparsable-statement"]);
      writeFiles(dir, { "knexfile.js": knexfile("mysql2") });
      expect(ruleIds(shipshape(dir, args).stdout)).toEqual(["shipshape/no-drop-column"]);
    });
  }

  it("sees the tooling of a package inside the folder linted, and of the folders above the one linted", () => {
    const dir = project({
      "package.json": "{}\n",
      "packages/db/package.json": "{}\n",
      "packages/db/prisma/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
      "packages/db/prisma/migrations/20240131120000_drop/migration.sql": MYSQL_MIGRATION,
    });
    const fromRoot = () => ruleIds(shipshape(dir, ["--cache", "-f", "json"]).stdout);
    const fromMigrations = () => ruleIds(shipshape(path.join(dir, "packages/db/prisma/migrations"), ["--cache", "-f", "json"]).stdout);
    expect(fromRoot()).toEqual(["shipshape/unparsable-statement"]);
    expect(fromMigrations()).toEqual(["shipshape/unparsable-statement"]);
    writeFiles(dir, { "packages/db/prisma/schema.prisma": 'datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n' });
    expect(fromRoot()).toEqual(["shipshape/no-drop-column"]);
    expect(fromMigrations()).toEqual(["shipshape/no-drop-column"]);
  });

  // A migration's findings depend on the earlier migrations of its folder (the column's old type here).
  const TYPE_CHANGE = "SET lock_timeout = '2s';\nALTER TABLE post ALTER COLUMN body TYPE text;\n";
  const createPost = (type: string) => `CREATE TABLE post (id bigint PRIMARY KEY, body ${type});\n`;
  for (const strategy of ["metadata", "content"]) {
    it(`lints a migration again when an earlier one of its folder changes (--cache-strategy ${strategy})`, () => {
      const dir = project({ "package.json": "{}\n", "db/0001_init.up.sql": createPost("bytea"), "db/0002_body.up.sql": TYPE_CHANGE, "src/app.js": "export const a = 1;\n" });
      const args = ["--cache", "--cache-strategy", strategy, "-f", "json"];
      expect(ruleIds(shipshape(dir, args).stdout)).toEqual(["shipshape/no-column-type-change"]);
      // varchar to text rewrites nothing: the finding goes once the earlier migration says so.
      writeFiles(dir, { "db/0001_init.up.sql": createPost("varchar(100)") });
      expect(ruleIds(shipshape(dir, args).stdout)).toEqual([]);
    });
  }

  it("keeps answering from the cache for files outside a changed migrations folder", () => {
    const dir = project({
      "package.json": "{}\n",
      "db/0001_init.up.sql": createPost("bytea"),
      "db/0002_body.up.sql": TYPE_CHANGE,
      "other/cleanup.sql": "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN email;\n",
    });
    const cache = path.join(dir, ".shipshapecache");
    shipshape(dir, ["--cache"]);
    fs.writeFileSync(cache, fs.readFileSync(cache, "utf8").replace("Dropping column", "(cached) Dropping column"));
    writeFiles(dir, { "db/0003_more.up.sql": "SET lock_timeout = '2s';\nALTER TABLE post ADD COLUMN note text;\n" });
    const results = json(shipshape(dir, ["--cache", "-f", "json"]).stdout);
    expect(results.find((r) => r.filePath.endsWith("cleanup.sql"))!.messages[0]!.message).toMatch(/^\(cached\) Dropping column/u);
  });

  it("still answers from the cache while the tooling is unchanged", () => {
    const dir = project({ "package.json": "{}\n", "knexfile.js": knexfile("mysql2"), "migrations/20240131_drop.sql": MYSQL_MIGRATION });
    const cache = path.join(dir, ".shipshapecache");
    expect(shipshape(dir, ["--cache"]).code).toBe(1);
    fs.writeFileSync(cache, fs.readFileSync(cache, "utf8").replace("Dropping column", "(cached) Dropping column"));
    const result = json(shipshape(dir, ["--cache", "-f", "json"]).stdout).find((r) => r.filePath.endsWith(".sql"));
    expect(result!.messages[0]!.message).toMatch(/^\(cached\) Dropping column/u);
  });
});

describe("--changed-since in a shallow clone, as CI checks out", () => {
  let upstream: string;

  beforeAll(() => {
    upstream = gitRepository(fs.mkdtempSync(path.join(root, "upstream-")), { "db/0001.sql": DROP_COLUMN, "db/0002.sql": DROP_COLUMN });
    for (let i = 0; i < 3; i++) {
      writeFiles(upstream, { [`docs/${i}.md`]: `${i}\n` });
      commitAll(upstream, `main ${i}`);
    }
    git(upstream, "checkout", "-q", "-b", "feature");
    writeFiles(upstream, { "db/0003.sql": DROP_COLUMN });
    commitAll(upstream, "feature: add a migration");
    writeFiles(upstream, { "deploy/pod.yaml": POD });
    commitAll(upstream, "feature: add a manifest");
    git(upstream, "checkout", "-q", "main");
    writeFiles(upstream, { "db/0099.sql": DROP_COLUMN });
    commitAll(upstream, "main moves on");
  });

  function shallowClone(): string {
    const clone = path.join(fs.mkdtempSync(path.join(root, "ci-")), "checkout");
    git(root, "clone", "-q", "--depth", "1", "--branch", "feature", `file://${upstream}`, clone);
    return clone;
  }

  it("says what to fetch, with exit 2, when the base branch or the history to the merge base is missing", () => {
    const clone = shallowClone();
    expect(shipshape(clone, ["--changed-since", "origin/main"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'shipshape: --changed-since: git knows no commit "origin/main" here; fetch it first (git fetch --no-tags origin main:refs/remotes/origin/main)\n',
    });
    git(clone, "fetch", "-q", "--no-tags", "origin", "main:refs/remotes/origin/main");
    expect(shipshape(clone, ["--changed-since", "origin/main"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'shipshape: --changed-since: this is a shallow clone, and the history from "origin/main" and HEAD to their merge base is not in it; ' +
        "fetch it first (git fetch --no-tags --unshallow origin main:refs/remotes/origin/main, or actions/checkout with fetch-depth: 0)\n",
    });
  });

  it("works with the README's recipe for any CI", () => {
    const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, "README.md"), "utf8");
    const recipe = /Without the action,\s+in any CI:\n\n```sh\n([\s\S]*?)```/u.exec(readme)?.[1];
    expect(recipe).toMatch(/--changed-since origin\/main --format github/u);
    const clone = shallowClone();
    // Exit code 1 (errors found) is the recipe's result, not its failure.
    const command = `shipshape() { "${process.execPath}" "${BIN}" "$@" || [ $? -eq 1 ]; }\n`;
    const script = command + recipe!.replaceAll("npx shipshape", "shipshape").replace("--format github", "--format json > report.json");
    const ran = spawnSync("bash", ["-e", "-c", script], { cwd: clone, encoding: "utf8", timeout: 120_000 });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stderr).not.toMatch(/^shipshape:/mu);
    expect(reportedFiles(clone, fs.readFileSync(path.join(clone, "report.json"), "utf8"))).toEqual(["db/0003.sql", "deploy/pod.yaml"]);
    expect(JSON.parse(fs.readFileSync(path.join(clone, "shipshape.sarif"), "utf8"))).toMatchObject({ version: "2.1.0" });
  });
});

describe("files whose header says a generator wrote them", () => {
  it("draw no findings from the JS/TS and YAML rules; generated migrations are still linted", () => {
    const dir = project({
      "src/db/queries.ts": `// Code generated by sqlc. DO NOT EDIT.\n// versions:\n//   sqlc v1.27.0\n\n${HARDCODED_PASSWORD}`,
      "src/gen/api_pb.ts": `// @ts-nocheck\n/**\n * @generated by protoc-gen-es v1.10.0 with parameter "target=ts"\n */\n${HARDCODED_PASSWORD}`,
      "deploy/crds.yaml": `# Code generated by controller-gen. DO NOT EDIT.\n${POD}`,
      // The words elsewhere than in the leading comments say nothing.
      "src/config.ts": `${HARDCODED_PASSWORD}// Code generated by nobody. DO NOT EDIT.\n`,
      "deploy/pod.yaml": `# Deployed by hand; the generated one is in crds.yaml\n${POD}`,
      "prisma/migrations/20240131120000_drop/migration.sql": `-- Generated by Prisma Migrate. @generated DO NOT EDIT.\n${DROP_COLUMN}`,
    });
    const result = shipshape(dir, ["-f", "json"]);
    const findings = Object.fromEntries(json(result.stdout).map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.ruleId)]));
    expect(findings).toEqual({
      "deploy/crds.yaml": [],
      "deploy/pod.yaml": ["shipshape/no-k8s-non-string-value"],
      "prisma/migrations/20240131120000_drop/migration.sql": ["shipshape/no-drop-column"],
      "src/config.ts": ["shipshape/no-hardcoded-config"],
      "src/db/queries.ts": [],
      "src/gen/api_pb.ts": [],
    });
  });
});
