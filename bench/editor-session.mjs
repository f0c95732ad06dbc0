/**
 * One editor session (bench/history-bench.ts): an ESLint instance with shipshape's recommended
 * config, created once as ESLint's language server creates it, lints `file` three times: first,
 * again unchanged, and again after `earlier` (a migration before it) changed on disk. Prints the
 * three times in milliseconds, and how many findings the first lint had, as JSON.
 *
 *     node bench/editor-session.mjs <folder> <file> <earlier>
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import plugin from "../dist/index.js";

const [folder, file, earlier] = process.argv.slice(2);
const eslint = new ESLint({ cwd: folder, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });

async function timed() {
  const start = performance.now();
  const [result] = await eslint.lintFiles([file]);
  return { ms: performance.now() - start, findings: result.messages.length };
}

const first = await timed();
const again = await timed();
// The history checks an earlier file's size and time at most once a second: wait past that, as
// an editor does between an edit in one file and a lint of another.
fs.appendFileSync(earlier, "-- edited\n");
await new Promise((resolve) => setTimeout(resolve, 1100));
const afterChange = await timed();
process.stdout.write(JSON.stringify({ firstMs: first.ms, againMs: again.ms, afterChangeMs: afterChange.ms, findings: first.findings }));
