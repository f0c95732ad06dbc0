/**
 * The migration layouts of the common runners work without configuration: forward migrations
 * are linted, down/undo/revert scripts and the down half of single-file migrations are not.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.ts";
import { migrationContext } from "../../sql-lint/analysis/migration-context.ts";
import { sqlLanguage } from "../../sql-lint/language/sql-language.ts";

const eslint = new ESLint({ cwd: import.meta.dirname, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
const DROP = "SET lock_timeout = '1s';\nALTER TABLE users DROP COLUMN email;\n";

async function ruleIds(filePath: string, text: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.map((message) => message.ruleId);
}

function context(text: string) {
  const file = { path: "m.sql", physicalPath: "m.sql", bom: false, body: text };
  const result = sqlLanguage.parse(file, { languageOptions: {} });
  if (!result.ok) throw new Error("parse failed");
  return migrationContext(result.ast, text, {});
}

describe("forward migrations are linted", () => {
  it.each([
    "prisma/migrations/20240101000000_drop_email/migration.sql",
    "migrations/000042_drop_email.up.sql",
    "db/migration/V42__drop_email.sql",
    "drizzle/0042_drop_email.sql",
    "sqitch/deploy/drop_email.sql",
    "migrations/0042_drop_email/up.sql",
    "schema/drop_email.sql",
  ])("%s", async (file) => {
    expect(await ruleIds(file, DROP)).toEqual(["shipshape/no-drop-column"]);
  });
});

describe("down, undo and revert scripts are not linted as forward changes", () => {
  it.each([
    "migrations/000042_drop_email.down.sql",
    "migrations/0042_drop_email/down.sql",
    "db/migration/U42__drop_email.sql",
    "sqitch/revert/add_email.sql",
    "migrations/0042.undo.sql",
  ])("%s", async (file) => {
    expect(await ruleIds(file, DROP)).toEqual([]);
  });

  it("lints only the up half of a dbmate migration", async () => {
    const text = "-- migrate:up\nSET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN a int;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN a;\n";
    expect(await ruleIds("db/migrations/20240101_add_a.sql", text)).toEqual([]);
  });

  it("lints only the up half of a goose migration", async () => {
    const text = "-- +goose Up\nSET lock_timeout = '1s';\nALTER TABLE users DROP COLUMN legacy;\n-- +goose Down\nALTER TABLE users DROP COLUMN a;\n";
    expect(await ruleIds("migrations/00042_x.sql", text)).toEqual(["shipshape/no-drop-column"]);
  });

  it("ends a goose statement block's last statement at StatementEnd, which goose sends without a ';'", async () => {
    const text = [
      "-- +goose Up",
      "-- +goose StatementBegin",
      "SET lock_timeout = '1s';",
      "ALTER TABLE users DROP COLUMN legacy",
      "-- +goose StatementEnd",
      "-- +goose StatementBegin",
      "ALTER TABLE users DROP COLUMN older;",
      "-- +goose StatementEnd",
      "-- +goose Down",
      "-- +goose StatementBegin",
      "ALTER TABLE users ADD COLUMN legacy text",
      "-- +goose StatementEnd",
    ].join("\n");
    expect(await ruleIds("migrations/00042_x.sql", text)).toEqual(["shipshape/no-drop-column", "shipshape/no-drop-column"]);
  });
});

describe("transaction wrapping of the runners", () => {
  it("knows goose and dbmate wrap files unless told not to", () => {
    expect(context("-- +goose Up\nSELECT 1;").wrappedInTransaction).toBe(true);
    expect(context("-- +goose Up\n-- +goose NO TRANSACTION\nSELECT 1;").wrappedInTransaction).toBe(false);
    expect(context("-- migrate:up\nSELECT 1;").wrappedInTransaction).toBe(true);
    expect(context("-- migrate:up transaction:false\nSELECT 1;").wrappedInTransaction).toBe(false);
    expect(context("SELECT 1;").wrappedInTransaction).toBe(false);
  });

  it("knows diesel wraps each up.sql unless its metadata.toml turns that off", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-diesel-"));
    try {
      const wrapped = path.join(folder, "2026-06-17-105325-0000_add_index", "up.sql");
      const unwrapped = path.join(folder, "2026-06-17-110000-0000_concurrent_index", "up.sql");
      for (const file of [wrapped, unwrapped]) fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(unwrapped), "metadata.toml"), "run_in_transaction = false\n");
      const wrappedAt = (file: string) => {
        const input = { path: file, physicalPath: file, bom: false, body: "SELECT 1;" };
        const result = sqlLanguage.parse(input, { languageOptions: {} });
        if (!result.ok) throw new Error("parse failed");
        return migrationContext(result.ast, "SELECT 1;", {}, file).wrappedInTransaction;
      };
      expect(wrappedAt(wrapped)).toBe(true);
      expect(wrappedAt(path.join(folder, "00000000000000_diesel_initial_setup", "up.sql"))).toBe(true);
      expect(wrappedAt(unwrapped)).toBe(false);
      // Not diesel's layout: a per-folder up.sql without its version format, or a down.sql.
      expect(wrappedAt(path.join(folder, "0042_drop_email", "up.sql"))).toBe(false);
      expect(wrappedAt(path.join(folder, "2026-06-17-105325-0000_add_index", "down.sql"))).toBe(false);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("finds explicit transaction blocks and lock_timeout settings", () => {
    const migration = context("SET lock_timeout = '2s';\nBEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;");
    expect(migration.lockTimeoutSetAt).toEqual([0]);
    expect(migration.transactions.map(({ start, end, closed }) => ({ start, end, closed }))).toEqual([
      { start: 25, end: 48, closed: true },
      { start: 50, end: 66, closed: false },
    ]);
  });

  it("takes statements inside DO blocks in execution order", () => {
    const migration = context("CREATE TABLE a (id int);\nDO $$ BEGIN CREATE TABLE b (id int); END $$;\nSELECT 1;");
    expect(migration.statements.map((statement) => statement.type)).toEqual([
      "create_table_stmt",
      "do_stmt",
      "block_stmt",
      "create_table_stmt",
      "empty",
      "select_stmt",
    ]);
    expect([...migration.createdTables.keys()]).toEqual(["a", "b"]);
  });
});

describe("migrations rendered as Go templates (pop, supabase's auth)", () => {
  const NAMESPACE = '{{ index .Options "Namespace" }}';

  it("are read with each template action standing for an identifier, at the same positions", async () => {
    const text = `SET lock_timeout = '1s';\nCREATE INDEX users_phone_idx ON ${NAMESPACE}.users (phone);\nALTER TABLE ${NAMESPACE}.users DROP COLUMN email;\n`;
    const [result] = await eslint.lintText(text, { filePath: "migrations/20210710035447_alter_users.up.sql" });
    expect(result!.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: "shipshape/require-concurrent-index", line: 2, column: 1 },
      { ruleId: "shipshape/no-drop-column", line: 3, column: 52 },
    ]);
  });

  it("leave braces that are not template actions alone", async () => {
    const text = "SET lock_timeout = '1s';\nUPDATE settings SET matrix = '{{1,2},{3,4}}' WHERE id = 1;\n";
    expect(await ruleIds("migrations/0007_matrix.up.sql", text)).toEqual([]);
  });
});
