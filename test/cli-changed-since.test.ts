/**
 * `shipshape --changed-since <ref>` against real git repositories: the files a pull request
 * adds or modifies, renames followed and deletions skipped, within the paths given.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAll, git, gitRepository, json, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const DROP_OTHER_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE orders DROP COLUMN note;\n";
const POD = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: api\n      env:\n        - name: PORT\n          value: 8080\n";

let root: string;

beforeAll(() => {
  requireBuild();
  root = temporaryFolder("shipshape-changed-");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function reportedFiles(dir: string, stdout: string): string[] {
  return json(stdout).map((result) => path.relative(dir, result.filePath));
}

describe("--changed-since", () => {
  let repo: string;

  beforeAll(() => {
    repo = gitRepository(fs.mkdtempSync(path.join(root, "pr-")), {
      ".gitignore": "local/\n",
      "db/migrations/0001_modified.sql": DROP_COLUMN,
      "db/migrations/0002_renamed.sql": DROP_COLUMN,
      "db/migrations/0003_untouched.sql": DROP_COLUMN,
      "deploy/deleted.yaml": POD,
      "deploy/untouched.yaml": POD,
      "deploy/unchanged.yaml": POD,
      "README.md": "# service\n",
    });
    git(repo, "checkout", "-q", "-b", "feature");
    fs.appendFileSync(path.join(repo, "db/migrations/0001_modified.sql"), "-- touched\n");
    fs.mkdirSync(path.join(repo, "db/archive"));
    git(repo, "mv", "db/migrations/0002_renamed.sql", "db/archive/0002_renamed.sql");
    git(repo, "rm", "-q", "deploy/deleted.yaml");
    writeFiles(repo, { "db/migrations/0004_added.sql": DROP_OTHER_COLUMN, "README.md": "# service\n\nchanged\n" });
    commitAll(repo, "feature work");
    // The target branch moves on after the branch was cut: its changes are not the pull request's.
    git(repo, "checkout", "-q", "main");
    writeFiles(repo, { "db/migrations/0099_on_main.sql": DROP_COLUMN });
    commitAll(repo, "meanwhile on main");
    git(repo, "checkout", "-q", "feature");
    // Not committed: a staged new file, an unstaged edit, an untracked file and an ignored one.
    writeFiles(repo, { "deploy/staged.yaml": POD });
    git(repo, "add", "deploy/staged.yaml");
    fs.appendFileSync(path.join(repo, "deploy/untouched.yaml"), "# unstaged edit\n");
    writeFiles(repo, { "db/migrations/0005_untracked.sql": DROP_COLUMN, "local/scratch.sql": DROP_COLUMN });
  });

  it("lints the added, modified, renamed, staged and untracked files only", () => {
    const result = shipshape(repo, ["--changed-since", "main", "-f", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(reportedFiles(repo, result.stdout)).toEqual([
      "db/archive/0002_renamed.sql",
      "db/migrations/0001_modified.sql",
      "db/migrations/0004_added.sql",
      "db/migrations/0005_untracked.sql",
      "deploy/staged.yaml",
      "deploy/untouched.yaml",
    ]);
    const added = json(result.stdout).find((r) => r.filePath.endsWith("0004_added.sql"))!;
    expect(added.messages).toMatchObject([{ ruleId: "shipshape/no-drop-column", line: 2, column: 20 }]);
  });

  it("takes the paths given as a filter", () => {
    const result = shipshape(repo, ["--changed-since", "main", "-f", "json", "db/migrations", "deploy/staged.yaml", "deploy/unchanged.yaml"]);
    expect(reportedFiles(repo, result.stdout)).toEqual([
      "db/migrations/0001_modified.sql",
      "db/migrations/0004_added.sql",
      "db/migrations/0005_untracked.sql",
      "deploy/staged.yaml",
    ]);
  });

  it("works from a subfolder of the repository, with paths relative to it", () => {
    const db = path.join(repo, "db");
    const result = shipshape(db, ["--changed-since", "main", "-f", "json", "archive"]);
    expect(reportedFiles(db, result.stdout)).toEqual(["archive/0002_renamed.sql"]);
  });

  it("accepts any revision git knows, such as a commit id", () => {
    const base = git(repo, "merge-base", "main", "feature").trim();
    const result = shipshape(repo, ["--changed-since", base, "-f", "json", "db/migrations"]);
    expect(reportedFiles(repo, result.stdout)).toHaveLength(3);
  });

  it("gives the same findings with worker threads", () => {
    const threaded = shipshape(repo, ["--changed-since", "main", "-f", "json", "--concurrency", "2"]);
    const single = shipshape(repo, ["--changed-since", "main", "-f", "json", "--concurrency", "off"]);
    expect(json(threaded.stdout)).toEqual(json(single.stdout));
  });

  it("exits 0 and says so when no lintable file changed", () => {
    const result = shipshape(repo, ["--changed-since", "HEAD", "deploy/unchanged.yaml"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "shipshape: no JS/TS, SQL or YAML files changed since HEAD in deploy/unchanged.yaml\n" });
    expect(json(shipshape(repo, ["--changed-since", "HEAD", "-f", "json", "README.md"]).stdout)).toEqual([]);
  });
});

describe("--changed-since usage errors", () => {
  it("exits 2 with one line for a revision git does not know", () => {
    const repo = gitRepository(fs.mkdtempSync(path.join(root, "bad-ref-")), { "a.sql": DROP_COLUMN });
    expect(shipshape(repo, ["--changed-since", "origin/nope"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'shipshape: --changed-since: git knows no commit "origin/nope" here; fetch it first\n',
    });
  });

  it("exits 2 outside a git work tree", () => {
    const dir = fs.mkdtempSync(path.join(root, "no-git-"));
    writeFiles(dir, { "a.sql": DROP_COLUMN });
    const result = shipshape(dir, ["--changed-since", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^shipshape: --changed-since needs a git work tree: .+\n$/u);
  });

  it("exits 2 when the revision shares no history with HEAD", () => {
    const repo = gitRepository(fs.mkdtempSync(path.join(root, "unrelated-")), { "a.sql": DROP_COLUMN });
    git(repo, "checkout", "-q", "--orphan", "other");
    commitAll(repo, "unrelated history");
    const result = shipshape(repo, ["--changed-since", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no common history.*fetch-depth: 0\)\n$/u);
  });

  it("refuses glob patterns, standard input and option-like revisions", () => {
    for (const args of [["--changed-since", "main", "db/**/*.sql"], ["--changed-since", "main", "--stdin", "--stdin-filename", "a.sql"], ["--changed-since=--output=x"]]) {
      const result = shipshape(root, args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});
