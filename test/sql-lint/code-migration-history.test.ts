/**
 * The history of a folder of migrations written in code: what the earlier migrations' `up`
 * functions send is replayed like SQL files, and a release-stamped name (logto's
 * `1.30.0-1751400000-….ts`) says which migrations ship together.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../index.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-code-history-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const folder = path.join(root, "packages/schemas/alterations");

/** An alteration whose `up` sends `sql`. */
const alteration = (sql: string) => `import { sql } from "@silverhand/slonik";

const alteration = {
  up: async (pool) => {
    await pool.query(sql\`${sql}\`);
  },
  down: async (pool) => {},
};

export default alteration;
`;

const files: Record<string, string> = {
  "1.29.0-1750000000-create-users.ts": "create table users (id varchar(21) primary key, name varchar(128), legacy text);",
  "1.30.0-1751300000-add-flag.ts": "alter table users add column require_mfa boolean;",
  "1.30.0-1751400000-move-flag.ts": "alter table users drop column require_mfa;",
  "1.30.0-1751500000-drop-legacy.ts": "alter table users drop column legacy;",
  "1.31.0-1752000000-widen-name.ts": "alter table users alter column name type varchar(256);",
  "1.31.0-1752100000-narrow-name.ts": "alter table users alter column name type varchar(64);",
};
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "schemas", dependencies: { "@silverhand/slonik": "^31.0.0" } }));
for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), alteration(sql));

const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });

async function findings(name: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([path.join(folder, name)]);
  return result!.messages.filter((message) => message.ruleId === `shipshape/${rule}`).map((message) => message.message.split(":")[0]!);
}

describe("a folder of migrations written in code", () => {
  it("replays the earlier migrations' SQL for a column's old type", async () => {
    expect(await findings("1.31.0-1752000000-widen-name.ts", "no-column-type-change")).toEqual([]);
    const narrowing = await findings("1.31.0-1752100000-narrow-name.ts", "no-column-type-change");
    expect(narrowing).toHaveLength(1);
    expect(narrowing[0]).toContain('Changing column "name" of "users" from varchar(256) to varchar(64)');
  });

  it("lets a release drop what an earlier migration of the same release added, not what an older release did", async () => {
    expect(await findings("1.30.0-1751400000-move-flag.ts", "no-drop-column")).toEqual([]);
    expect(await findings("1.30.0-1751500000-drop-legacy.ts", "no-drop-column")).toHaveLength(1);
  });
});
