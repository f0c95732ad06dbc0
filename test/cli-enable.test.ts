/**
 * `--enable`: the opt-in rules, which the recommended configs leave off, run when asked for by
 * name, on the files of their language only; a misspelled name is a usage error.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

let dir = "";
beforeAll(() => {
  requireBuild();
  dir = temporaryFolder("shipshape-enable-");
  writeFiles(dir, {
    "migrations/0002_locale.up.sql": "SET lock_timeout = '2s';\nBEGIN;\nALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en';\nCOMMIT;\n",
    "src/server.js": "const x = 1;\n",
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ruleIds = (stdout: string) => json(stdout).flatMap((result) => result.messages.map((message) => message.ruleId));

describe("--enable", () => {
  it("leaves the opt-in rules off by default", () => {
    const run = shipshape(dir, ["--no-config-lookup", "-f", "json", "."]);
    expect(run.code).toBe(0);
    expect(ruleIds(run.stdout)).not.toContain("shipshape/no-backfill-with-schema-change");
  });

  it("runs a named opt-in rule as a warning, with or without its prefix", () => {
    for (const name of ["no-backfill-with-schema-change", "shipshape/no-backfill-with-schema-change"]) {
      const run = shipshape(dir, ["--no-config-lookup", "-f", "json", "--enable", name, "."]);
      expect(run.code).toBe(0);
      const [finding] = json(run.stdout).flatMap((result) => result.messages.map((message) => ({ ...message, file: path.relative(dir, result.filePath) })));
      expect(finding).toMatchObject({ ruleId: "shipshape/no-backfill-with-schema-change", severity: 1, file: "migrations/0002_locale.up.sql", line: 4 });
    }
  });

  it("names close rules when the name is misspelled, with exit code 2", () => {
    const run = shipshape(dir, ["--no-config-lookup", "--enable", "no-backfil-with-schema-change", "."]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--enable: shipshape has no rule "no-backfil-with-schema-change"; did you mean shipshape/no-backfill-with-schema-change?');
  });
});
