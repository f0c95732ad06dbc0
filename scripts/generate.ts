/**
 * Writes every generated file: the SQL visitor keys and the README rule table.
 * Run with `npm run generate`; test/generated-files.test.ts fails when either is stale.
 */
import fs from "node:fs";
import { generateSqlVisitorKeys } from "./sql-visitor-keys.ts";
import { README_PATH, updateReadmeRuleTable } from "./readme-rule-table.ts";

const VISITOR_KEYS_PATH = new URL("../sql-lint/language/visitor-keys.ts", import.meta.url);

fs.writeFileSync(VISITOR_KEYS_PATH, generateSqlVisitorKeys());
fs.writeFileSync(README_PATH, updateReadmeRuleTable(fs.readFileSync(README_PATH, "utf8")));
console.log("generated sql-lint/language/visitor-keys.ts and the README rule table");
