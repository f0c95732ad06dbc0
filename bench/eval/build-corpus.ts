/**
 * Builds the evaluation corpus: `npm run eval:corpus -- --clones <folder> --out <folder> [--git]`.
 * Copies exactly the pinned files of bench/eval/corpus.json out of local clones (bare or not,
 * found as `<owner>+<name>/repo`, `<owner>/<name>` or `<name>` under --clones) and says what is
 * missing. With --git, a repository without a local clone is cloned from GitHub first.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildRepository, cloneRepository, findGitDir, LANGUAGES, readCorpusList } from "./corpus.ts";

const { values } = parseArgs({
  options: { clones: { type: "string" }, out: { type: "string" }, git: { type: "boolean", default: false }, only: { type: "string" } },
});
if (!values.clones || !values.out) {
  console.error("usage: npm run eval:corpus -- --clones <folder of clones> --out <corpus folder> [--git] [--only owner/name,...]");
  process.exit(2);
}
const clones = path.resolve(values.clones);
const out = path.resolve(values.out);
fs.mkdirSync(out, { recursive: true });
const only = values.only?.split(",");

const totals = { js: 0, sql: 0, yaml: 0 };
const missing: string[] = [];
for (const entry of readCorpusList()) {
  if (only && !only.includes(entry.repo)) continue;
  let gitDir = findGitDir(clones, entry.repo);
  if (!gitDir && values.git) gitDir = cloneRepository(entry, clones);
  const report = buildRepository(entry, gitDir, out);
  for (const language of LANGUAGES) totals[language] += report.files[language];
  missing.push(...report.missing);
  const counts = LANGUAGES.map((language) => `${report.files[language]} ${language}`).join(", ");
  console.log(`${entry.repo.padEnd(48)} ${report.missing.length > 0 && counts === "0 js, 0 sql, 0 yaml" ? "MISSING" : counts}${report.added.length > 0 ? ` (+${report.added.length} dialect marker)` : ""}`);
}
console.log(`\n${out}: ${LANGUAGES.map((language) => `${totals[language]} ${language}`).join(", ")} files`);
if (missing.length > 0) {
  console.log(`\nMissing (${missing.length}):\n${missing.map((line) => `  ${line}`).join("\n")}`);
  process.exitCode = 1;
}
