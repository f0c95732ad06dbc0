/**
 * Every path the command is given is linted, or is a usage error: a path outside the current
 * folder (which ESLint takes for ignored) never passes silently. Needs the build in dist/.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitRepository, requireBuild, shipshape, temporaryFolder } from "./helpers/cli-process.ts";

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
