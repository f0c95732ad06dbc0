/**
 * Writes every generated file: the SQL visitor keys, the rule catalog and the README rule table.
 * Run with `npm run generate`; test/generated-files.test.ts fails when one is stale.
 */
import fs from "node:fs";
import { generateSqlVisitorKeys } from "./sql-visitor-keys.ts";
import { README_PATH, updateReadmeRuleTable } from "./readme-rule-table.ts";
import { generateRuleCatalog } from "./rule-catalog.ts";

const VISITOR_KEYS_PATH = new URL("../sql-lint/language/visitor-keys.ts", import.meta.url);
const RULE_CATALOG_PATH = new URL("../rules/utils/rule-catalog.ts", import.meta.url);

fs.writeFileSync(VISITOR_KEYS_PATH, generateSqlVisitorKeys());
fs.writeFileSync(RULE_CATALOG_PATH, generateRuleCatalog());
fs.writeFileSync(README_PATH, updateReadmeRuleTable(fs.readFileSync(README_PATH, "utf8")));
console.log("generated sql-lint/language/visitor-keys.ts, rules/utils/rule-catalog.ts and the README rule table");
