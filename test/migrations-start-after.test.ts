/**
 * A baseline for migrations, like strong_migrations' `start_after`: migrations applied before
 * it are never reported again, through the command (`--start-after`) and through an ESLint
 * config (`languageOptions.startAfter`).
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin from "../index.ts";
import { commitAll, git, gitRepository, json, requireBuild, shipshape, temporaryFolder, writeFiles } from "./helpers/cli-process.ts";

const DROP_COLUMN = "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN email;\n";
const NEW_MIGRATION = "SET lock_timeout = '5s';\nALTER TABLE accounts DROP COLUMN legacy_id;\n";
const EXISTING = 300;

let root: string;

beforeAll(() => {
  requireBuild();
  root = temporaryFolder("shipshape-start-after-");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function reported(dir: string, stdout: string): string[] {
  return json(stdout)
    .filter((result) => result.messages.length > 0)
    .map((result) => path.relative(dir, result.filePath));
}

/** A timestamp version one minute per migration after 2024-01-01 00:00:00, as goose or dbmate name them. */
function timestamp(index: number): string {
  const date = new Date(Date.UTC(2024, 0, 1) + index * 60_000);
  return date.toISOString().replace(/[-:T]/gu, "").slice(0, 14);
}

describe("a repository with 300 applied migrations and a new one", () => {
  let repo: string;
  let lastApplied: string;
  let newMigration: string;

  beforeAll(() => {
    const files: Record<string, string> = {};
    for (let index = 0; index < EXISTING; index++) files[`db/migrations/${timestamp(index)}_change_${index}.sql`] = DROP_COLUMN;
    lastApplied = timestamp(EXISTING - 1);
    repo = gitRepository(fs.mkdtempSync(path.join(root, "repo-")), files);
    git(repo, "checkout", "-q", "-b", "drop-legacy-id");
    newMigration = `db/migrations/${timestamp(EXISTING)}_drop_legacy_id.sql`;
    writeFiles(repo, { [newMigration]: NEW_MIGRATION });
    commitAll(repo, "drop accounts.legacy_id");
  });

  it("reports every migration without a baseline", () => {
    const result = shipshape(repo, ["-f", "json"]);
    expect(result.code).toBe(1);
    expect(reported(repo, result.stdout)).toHaveLength(EXISTING + 1);
  });

  it("reports only the new one with --start-after the last applied version", () => {
    const result = shipshape(repo, ["-f", "json", "--start-after", lastApplied]);
    expect(result.code).toBe(1);
    expect(reported(repo, result.stdout)).toEqual([newMigration]);
    expect(json(result.stdout).find((r) => r.messages.length > 0)!.messages).toMatchObject([
      { ruleId: "shipshape/no-drop-column", line: 2, column: 22 },
    ]);
  });

  it("accepts the last applied migration's file name as the baseline", () => {
    const result = shipshape(repo, ["-f", "json", "--start-after", `${lastApplied}_change_${EXISTING - 1}.sql`]);
    expect(reported(repo, result.stdout)).toEqual([newMigration]);
  });

  it("reports only the new one in pull-request mode, with or without the baseline", () => {
    for (const extra of [[], ["--start-after", lastApplied]]) {
      const result = shipshape(repo, ["-f", "json", "--changed-since", "main", ...extra]);
      expect(result.code).toBe(1);
      expect(reported(repo, result.stdout)).toEqual([newMigration]);
    }
  });

  it("exits 0 once the new migration is fixed", () => {
    const fixed = fs.mkdtempSync(path.join(root, "fixed-"));
    fs.cpSync(repo, fixed, { recursive: true });
    fs.writeFileSync(path.join(fixed, newMigration), "CREATE TABLE audit (id bigint PRIMARY KEY);\n");
    expect(shipshape(fixed, ["--start-after", lastApplied])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("what the baseline says about the migrations after it", () => {
  it("lets a pull request drop a column an earlier pending migration added, not one production has", () => {
    const dir = fs.mkdtempSync(path.join(root, "pending-"));
    writeFiles(dir, {
      "db/0001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      "db/0002_nickname.up.sql": "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;\n",
      "db/0003_cleanup.up.sql": "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN nickname;\nALTER TABLE users DROP COLUMN email;\n",
    });
    const lines = (extra: string[]) =>
      json(shipshape(dir, ["-f", "json", "db/0003_cleanup.up.sql", ...extra]).stdout)[0]!.messages.map((message) => [message.ruleId, message.line]);
    expect(lines(["--start-after", "0001"])).toEqual([["shipshape/no-drop-column", 3]]);
    expect(lines([])).toEqual([
      ["shipshape/no-drop-column", 2],
      ["shipshape/no-drop-column", 3],
    ]);
  });
});

describe("migration naming schemes", () => {
  it.each([
    {
      scheme: "Flyway, versions compared as numbers",
      files: ["sql/V1__init.sql", "sql/V9__a.sql", "sql/V10__b.sql", "sql/V1_10__c.sql", "sql/R__views.sql"],
      startAfter: "V9",
      expected: ["sql/R__views.sql", "sql/V10__b.sql"],
    },
    {
      scheme: "numbered prefixes",
      files: ["migrations/0041_a.sql", "migrations/0042_b.sql", "migrations/0043_c.up.sql", "migrations/0043_c.down.sql"],
      startAfter: "0042",
      expected: ["migrations/0043_c.up.sql"],
    },
    {
      scheme: "Prisma, a folder per migration",
      files: ["prisma/migrations/20240101000000_init/migration.sql", "prisma/migrations/20240301000000_next/migration.sql"],
      startAfter: "20240101000000_init",
      expected: ["prisma/migrations/20240301000000_next/migration.sql"],
    },
    {
      scheme: "Diesel, a dated folder per migration",
      files: ["migrations/2024-01-01-000000_init/up.sql", "migrations/2024-03-01-000000_next/up.sql"],
      startAfter: "20240201000000",
      expected: ["migrations/2024-03-01-000000_next/up.sql"],
    },
  ])("$scheme", ({ files, startAfter, expected }) => {
    const dir = fs.mkdtempSync(path.join(root, "scheme-"));
    writeFiles(dir, { ...Object.fromEntries(files.map((file) => [file, DROP_COLUMN])), "db/schema.sql": "SELECT 1;\n" });
    const result = shipshape(dir, ["-f", "json", "--start-after", startAfter]);
    expect(reported(dir, result.stdout)).toEqual(expected);
  });

  it("refuses a baseline that is not a version, with exit code 2", () => {
    const result = shipshape(root, ["--start-after", "latest"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'shipshape: --start-after expects a migration version such as 20240131120000, V12 or 0042, got "latest" (see shipshape --help)\n',
    );
  });
});

describe("languageOptions.startAfter in an ESLint config", () => {
  function eslintWith(startAfter: unknown): ESLint {
    return new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [...plugin.configs.recommended, { files: ["db/migrations/**/*.sql"], languageOptions: { startAfter } }],
    });
  }

  it("skips the migrations at or before it in the folders the config block names", async () => {
    const eslint = eslintWith("20240131120000");
    const lint = async (file: string) => (await eslint.lintText(DROP_COLUMN, { filePath: path.join(root, file) }))[0]!.messages;
    expect(await lint("db/migrations/20240131115959_old.sql")).toEqual([]);
    expect(await lint("db/migrations/20240131120000_last_applied.sql")).toEqual([]);
    expect(await lint("db/migrations/20240131120001_new.sql")).toMatchObject([{ ruleId: "shipshape/no-drop-column", line: 2 }]);
    expect(await lint("other/migrations/20240131115959_old.sql")).toMatchObject([{ ruleId: "shipshape/no-drop-column" }]);
  });

  it("reports nothing for a skipped file, not even unused directives or syntax errors", async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        ...plugin.configs.recommended,
        { files: ["**/*.sql"], languageOptions: { startAfter: 5 }, linterOptions: { reportUnusedDisableDirectives: "error" } },
      ],
    });
    const text = "-- eslint-disable-next-line shipshape/no-drop-column\nSELECT 1;\nALTER TABLE;\n";
    const [skipped] = await eslint.lintText(text, { filePath: path.join(root, "m/0005_old.sql") });
    const [linted] = await eslint.lintText(text, { filePath: path.join(root, "m/0006_new.sql") });
    expect(skipped!.messages).toEqual([]);
    expect(linted!.messages.length).toBeGreaterThan(0);
  });

  it("rejects a value that is not a version", async () => {
    await expect(eslintWith("latest").lintText("SELECT 1;\n", { filePath: path.join(root, "db/migrations/1.sql") })).rejects.toThrow(
      /Expected "startAfter" to be a migration version/u,
    );
    await expect(eslintWith(true).lintText("SELECT 1;\n", { filePath: path.join(root, "db/migrations/1.sql") })).rejects.toThrow(
      /startAfter/u,
    );
  });
});
