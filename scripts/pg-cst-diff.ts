/**
 * Checks the PostgreSQL statement builder (sql-lint/language/pg-cst.ts) against sql-parser-cst on
 * real migrations: every `.sql` file under the folders given that PostgreSQL's parser accepts
 * (with `--all`, every `.sql` file) is read both ways, and each file where a statement or comment
 * differs is printed with where (`VERBOSE=1` prints both trees). Also says how many statements the
 * builder made. Run it over a few projects' PostgreSQL migrations before changing the builder:
 *
 *   npx tsx scripts/pg-cst-diff.ts [--all] <folder>...
 */
import fs from "node:fs";
import path from "node:path";
import { parseWithPostgres } from "../sql-lint/language/pg-fallback.ts";
import { compareWithSqlParserCst } from "./pg-cst-compare.ts";

let files = 0;
let differing = 0;
let statements = 0;
let built = 0;
const all = process.argv.includes("--all");
let rejected = 0;
for (const folder of process.argv.slice(2).filter((argument) => argument !== "--all")) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !entry.name.endsWith(".sql")) continue;
    const text = fs.readFileSync(file, "utf8");
    if (!parseWithPostgres(text)) {
      if (!all) continue;
      rejected++;
    }
    files++;
    const comparison = compareWithSqlParserCst(text);
    statements += comparison.statements;
    built += comparison.built;
    if (!comparison.difference) continue;
    differing++;
    console.log(`${file}: ${comparison.difference.at}`);
    if (process.env.VERBOSE) {
      console.log("  builder:       ", JSON.stringify(comparison.difference.builder)?.slice(0, 2000));
      console.log("  sql-parser-cst:", JSON.stringify(comparison.difference.reference)?.slice(0, 2000));
    }
  }
}
const read = all ? `${files} files (${rejected} of them rejected by PostgreSQL)` : `${files} files PostgreSQL accepts`;
console.log(`${read}, ${statements} statements, ${built} built from tokens; ${differing} files differ.`);
