/**
 * The project's migration runner: a rebuild in a SQLite migration cascades nothing when the code
 * that runs the migrations switches foreign keys off first, outside any transaction. Real files in
 * a temporary folder, laid out as goose and golang-migrate projects lay out their runners.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runnerDisablingForeignKeys } from "../../../sql-lint/analysis/migration-runner.ts";
import { sqlRuleEslint } from "../../helpers/rule-testers.ts";
import { temporaryProject } from "../../helpers/temporary-project.ts";

const { root, write } = temporaryProject("runner");

const REBUILD =
  "CREATE TABLE share_tmp (id TEXT PRIMARY KEY, user_id TEXT);\nINSERT INTO share_tmp (id, user_id) SELECT id, user_id FROM share;\nDROP TABLE share;\nALTER TABLE share_tmp RENAME TO share;\n";

const eslint = sqlRuleEslint(root, "no-unsafe-table-rebuild", { dialect: "sqlite" });

async function findings(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.map((message) => message.messageId ?? message.message);
}

/** A project with `runner` (file name → text) beside or above its migration folder `folder`. */
function project(name: string, folder: string, runner: Record<string, string>): string {
  for (const [file, text] of Object.entries(runner)) write(path.join(name, file), text);
  return write(path.join(name, folder, "20250522013904_share_user.sql"), `-- +goose Up\n${REBUILD}`);
}

const GO_RUNNER = 'package db\n\nfunc Init() {\n\t// rebuilds need this\n\tdb.Exec("PRAGMA foreign_keys=off")\n\tgoose.Up(db, "migrations")\n\tdb.Exec("PRAGMA foreign_keys=on")\n}\n';

describe("a runner that switches foreign keys off before migrating", () => {
  it("makes a rebuild in the folder below it safe (goose: db/db.go above db/migrations)", async () => {
    const migration = project("goose", "db/migrations", { "db/db.go": GO_RUNNER });
    expect(await findings(migration)).toEqual([]);
    expect(runnerDisablingForeignKeys(migration)).toBe(path.join(root, "goose/db/db.go"));
  });

  it("is found two folders up (golang-migrate: migrate/migrate.go above migrate/sqlite)", async () => {
    const migration = project("migrate", "store/migrate/sqlite", {
      "store/migrate/migrate.go": "package migrate\n\nfunc Migrate() {\n\tdb.ExecContext(ctx, `PRAGMA foreign_keys = OFF;`)\n\tmigrator.Up()\n}\n",
    });
    expect(await findings(migration)).toEqual([]);
  });
});

describe("code that does not count as the runner", () => {
  it("a test file switching foreign keys off", async () => {
    const migration = project("test-only", "db/migrations", { "db/db_test.go": GO_RUNNER });
    expect(await findings(migration)).toEqual(["foreignKeysOn"]);
  });

  it("a file that never mentions migrations", async () => {
    const migration = project("unrelated", "db/migrations", { "db/export.go": 'package db\n\nfunc Export() { db.Exec("PRAGMA foreign_keys = OFF") }\n' });
    expect(await findings(migration)).toEqual(["foreignKeysOn"]);
  });

  it("a runner that switches them on", async () => {
    const migration = project("on", "db/migrations", { "db/db.go": GO_RUNNER.replace("foreign_keys=off", "foreign_keys=on") });
    expect(await findings(migration)).toEqual(["foreignKeysOn"]);
  });

  it("a runner too far above the folder", async () => {
    const migration = project("far", "a/b/c/migrations", { "db.go": GO_RUNNER });
    expect(await findings(migration)).toEqual(["foreignKeysOn"]);
  });

  it("a migration that turns foreign keys back on outside a transaction", async () => {
    write("self/db/db.go", GO_RUNNER);
    const migration = write("self/db/migrations/20250522013904_share_user.sql", `-- +goose Up\n-- +goose NO TRANSACTION\nPRAGMA foreign_keys = ON;\n${REBUILD}`);
    expect(await findings(migration)).toEqual(["foreignKeysOn"]);
    // Inside goose's transaction the pragma is ignored, and the runner's setting stands.
    const wrapped = write("self/db/migrations/20250523013904_share_user.sql", `-- +goose Up\nPRAGMA foreign_keys = ON;\n${REBUILD}`);
    expect(await findings(wrapped)).toEqual([]);
  });
});
