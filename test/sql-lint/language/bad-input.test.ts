/**
 * Hostile and broken SQL files: each ends in findings or one fatal finding with a position,
 * never an exception, and a file that is not SQL at all is bounded in the work it causes.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../../index.ts";

const eslint = new ESLint({ cwd: import.meta.dirname, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });

async function lint(text: string) {
  const [result] = await eslint.lintText(text, { filePath: "migrations/0001_bad.sql" });
  return result!.messages;
}

const rules = (messages: { ruleId: string | null }[]) => [...new Set(messages.map((message) => message.ruleId))];

describe("bad SQL input", () => {
  it("accepts empty files and files of only comments", async () => {
    expect(await lint("")).toEqual([]);
    expect(await lint("-- nothing to do\n/* really */\n")).toEqual([]);
  });

  it("reports unterminated strings and dollar quotes at the statement, after linting what comes before", async () => {
    const string = await lint("ALTER TABLE a DROP COLUMN b;\nSELECT 'abc;\n");
    expect(rules(string)).toEqual(expect.arrayContaining(["shipshape/no-drop-column", "shipshape/unparsable-statement"]));
    const dollar = await lint("SET lock_timeout = '1s';\nDO $$ BEGIN ALTER TABLE a DROP COLUMN b;\n");
    expect(dollar).toMatchObject([{ ruleId: "shipshape/unparsable-statement", line: 2 }]);
  });

  it("survives 10,000 nested parentheses", async () => {
    const deep = `SELECT ${"(".repeat(10_000)}1${")".repeat(10_000)};\nALTER TABLE a DROP COLUMN b;`;
    const messages = await lint(deep);
    expect(rules(messages)).toEqual(expect.arrayContaining(["shipshape/no-drop-column"]));
    expect(messages.every((message) => !message.fatal)).toBe(true);
  });

  it("reports binary garbage as one fatal finding", async () => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 131) % 256)).join("");
    expect(await lint(bytes)).toMatchObject([{ fatal: true, line: 1, column: 1 }]);
  });

  it("stops parsing a file that is not SQL after 100 unreadable statements", async () => {
    const notSql = "{{ template }};\n".repeat(5000);
    const messages = await lint(notSql);
    expect(messages).toHaveLength(101);
    expect(messages.at(-1)).toMatchObject({ ruleId: "shipshape/unparsable-statement", line: 101 });
    expect(messages.at(-1)!.message).toMatch(/parsing stopped after 100 unreadable statements/u);
  });
});
