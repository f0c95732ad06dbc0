/**
 * One rule, one name, for one change: a schema-builder call in a migration written in code is
 * reported by the SQL rule that reports the same change in SQL (`table.dropColumn()` by
 * no-drop-column), with that rule's advice, under the recommended config. The old
 * `no-unsafe-schema-builder-call` stays as a deprecated alias, off in the recommended config.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../../index.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-builder-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });

async function findings(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(root, file)]);
  return result!.messages.map((message) => `${message.line} ${message.ruleId}`);
}

const KNEX_MIGRATION = [
  "exports.up = async function (knex) {",
  '  await knex.schema.alterTable("users", (table) => {',
  '    table.dropColumn("legacy");',
  '    table.renameColumn("name", "full_name");',
  '    table.index(["email"]);',
  '    table.string("nickname").notNullable().alter();',
  '    table.foreign("team_id").references("teams.id");',
  "  });",
  '  await knex.schema.dropTable("sessions");',
  "};",
  "exports.down = async function (knex) {",
  '  await knex.schema.alterTable("users", (table) => table.dropColumn("nickname"));',
  "};",
  "",
].join("\n");

describe("schema-builder calls under the SQL rules' names", () => {
  write("pg/migrations/20240101120000_users.js", KNEX_MIGRATION);

  it("reports each change with the rule that reports it in SQL, and nothing under the deprecated name", async () => {
    expect(await findings("pg/migrations/20240101120000_users.js")).toEqual([
      "3 shipshape/no-drop-column",
      "4 shipshape/no-rename",
      "5 shipshape/require-concurrent-index",
      "6 shipshape/no-column-type-change",
      "6 shipshape/no-set-not-null",
      "7 shipshape/require-not-valid-constraint",
      "9 shipshape/no-drop-table",
    ]);
  });

  it("gives the SQL rule's advice, with the library's own way of building an index without blocking writes", async () => {
    const [result] = await eslint.lintFiles([path.join(root, "pg/migrations/20240101120000_users.js")]);
    const index = result!.messages.find((message) => message.ruleId === "shipshape/require-concurrent-index");
    expect(index?.message).toMatch(/^CREATE INDEX on "users" blocks every INSERT, UPDATE and DELETE .* through knex\.raw in a migration that exports `config = \{ transaction: false \}`\.$/u);
  });

  it("is silenced by a disable comment naming the SQL rule", async () => {
    write("pg/migrations/20240102120000_disabled.js", KNEX_MIGRATION.replace('    table.dropColumn("legacy");', '    // eslint-disable-next-line shipshape/no-drop-column -- the column was never read\n    table.dropColumn("legacy");'));
    expect((await findings("pg/migrations/20240102120000_disabled.js")).filter((finding) => finding.endsWith("no-drop-column"))).toEqual([]);
  });

  it("reads the database from the project: on MySQL only what breaks running code whatever the database", async () => {
    write("mysql/knexfile.js", 'module.exports = { client: "mysql2", connection: process.env.DATABASE_URL };\n');
    write("mysql/migrations/20240101120000_users.js", KNEX_MIGRATION);
    expect(await findings("mysql/migrations/20240101120000_users.js")).toEqual(["3 shipshape/no-drop-column", "4 shipshape/no-rename", "9 shipshape/no-drop-table"]);
  });

  it("leaves alone code outside migrations that calls the same methods", async () => {
    write("pg/src/cleanup.js", KNEX_MIGRATION);
    expect(await findings("pg/src/cleanup.js")).toEqual([]);
  });
});

describe("the deprecated alias", () => {
  it("is off in the recommended config and says which rules replace it", () => {
    const rules = Object.assign({}, ...plugin.configs.recommended.map((config) => config.rules ?? {})) as Record<string, unknown>;
    expect(rules["shipshape/no-unsafe-schema-builder-call"]).toBeUndefined();
    const meta = plugin.rules["no-unsafe-schema-builder-call"]!.meta!;
    expect(meta.deprecated).toMatchObject({ replacedBy: expect.arrayContaining([expect.objectContaining({ rule: expect.objectContaining({ name: "shipshape/no-drop-column" }) })]) });
  });

  it("still reports every kind when a config names it", async () => {
    const aliased = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [...plugin.configs["recommended-js"], { files: ["**/*.js"], rules: { "shipshape/no-unsafe-schema-builder-call": "error", "shipshape/no-drop-column": "off" } }],
    });
    const [result] = await aliased.lintFiles([path.join(root, "pg/migrations/20240101120000_users.js")]);
    expect(result!.messages.filter((message) => message.ruleId === "shipshape/no-unsafe-schema-builder-call").map((message) => message.line)).toEqual([3, 4, 5, 6, 6, 7, 9]);
  });
});
