import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { README_PATH, updateReadmeRuleTable } from "../scripts/readme-rule-table.ts";
import { generateRuleCatalog } from "../scripts/rule-catalog.ts";
import { generateSqlVisitorKeys } from "../scripts/sql-visitor-keys.ts";

describe("generated files are current (regenerate with `npm run generate`)", () => {
  it("sql-lint/language/visitor-keys.ts matches sql-parser-cst's node types", () => {
    const committed = fs.readFileSync(new URL("../sql-lint/language/visitor-keys.ts", import.meta.url), "utf8");
    expect(committed).toBe(generateSqlVisitorKeys());
  });

  it("rules/utils/rule-catalog.ts matches the rules' meta", () => {
    const committed = fs.readFileSync(new URL("../rules/utils/rule-catalog.ts", import.meta.url), "utf8");
    expect(committed).toBe(generateRuleCatalog());
  });

  it("the README rule table matches the rules' meta", () => {
    const readme = fs.readFileSync(README_PATH, "utf8");
    expect(readme).toBe(updateReadmeRuleTable(readme));
  });
});
