/**
 * Every path the command is given is linted, or is a usage error: a path outside the current
 * folder (which ESLint takes for ignored) never passes silently. Needs the build in dist/.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import packageJson from "../package.json" with { type: "json" };
import { gitRepository, REPOSITORY_ROOT, requireBuild, shipshape, temporaryFolder } from "./helpers/cli-process.ts";

describe("paths outside the current folder", { timeout: 60_000 }, () => {
  let root: string;
  beforeAll(() => {
    requireBuild();
    root = gitRepository(temporaryFolder("shipshape-paths-"), {
      "svc/src/index.ts": "export const port = 8080;\n",
      "db/migrations/0001_drop.sql": "ALTER TABLE users DROP COLUMN email;\n",
    });
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const svc = () => path.join(root, "svc");

  it("are a usage error, for folders, files and glob patterns", () => {
    for (const given of ["../db/migrations", "../db/migrations/0001_drop.sql", "../db/**/*.sql", path.join(root, "db")]) {
      const run = shipshape(svc(), ["--format", "json", given]);
      expect(run.code, given).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^shipshape: .* is outside the current folder/u);
    }
  });

  it("are a usage error with --changed-since and for --stdin-filename", () => {
    expect(shipshape(svc(), ["--changed-since", "HEAD", "../db"]).code).toBe(2);
    const stdin = shipshape(svc(), ["--stdin", "--stdin-filename", "../db/migrations/0002.sql"], "DROP TABLE users;\n");
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("is outside the current folder");
  });

  it("are linted from a folder that contains them", () => {
    const run = shipshape(root, ["--format", "json", "db/migrations"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("shipshape/no-drop-column");
    // An absolute path inside the current folder is fine too.
    expect(shipshape(root, [path.join(root, "db")]).code).toBe(1);
  });
});

describe("paths whose files are all ignored", { timeout: 60_000 }, () => {
  let root: string;
  beforeAll(() => {
    requireBuild();
    root = gitRepository(temporaryFolder("shipshape-ignored-"), {
      ".gitignore": "generated/\n",
      "generated/schema.sql": "ALTER TABLE users DROP COLUMN email;\n",
      "docs/README.md": "# docs\n",
    });
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("are a usage error that names what ignores them, not a silent pass", () => {
    const run = shipshape(root, ["generated"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^shipshape: every file to lint in generated is ignored \(by \.gitignore/u);
    // A folder with nothing shipshape lints is not an error.
    expect(shipshape(root, ["docs"]).code).toBe(0);
    // Hooks that pass every staged file ask for silence with --no-warn-ignored.
    expect(shipshape(root, ["--no-warn-ignored", "generated/schema.sql"]).code).toBe(0);
  });

  it("by the project's own config too (this repository ignores fixtures/)", () => {
    const run = shipshape(REPOSITORY_ROOT, ["fixtures/demo"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is ignored (by the ignores of eslint.config.js)");
    expect(run.stderr).toContain("--no-config-lookup");
  });

  it("do not stop the README's demo command, which lints with the built-in config", () => {
    // `npm start`, as package.json defines it.
    const [command, ...args] = packageJson.scripts.start.split(" ");
    expect(command).toBe("node");
    const run = spawnSync(process.execPath, args, { cwd: REPOSITORY_ROOT, encoding: "utf8", timeout: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\)/u);
  });
});
