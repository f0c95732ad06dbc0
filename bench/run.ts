/**
 * The benchmarks: `npm run bench` (never part of `npm test`). Generates its inputs with seeded
 * scripts, runs shipshape and its peers side by side, and writes bench/RESULTS.md.
 *
 *     npm run bench              # all sections, 5 runs each
 *     npm run bench -- --runs 3  # fewer runs
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateMigrations } from "./generate-migrations.ts";
import { measure, table, type Command } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "dist/cli/bin.js");
const SQUAWK = path.join(ROOT, "node_modules/.bin/squawk");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;

if (!fs.existsSync(BIN)) throw new Error("Build first: npm run build");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-bench-"));

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).trim().split("\n")[0]!;
  } catch {
    return "not installed";
  }
}

const sections: string[] = [];

// --- SQL: shipshape vs squawk on the same migration corpus -------------------------------
const corpus = path.join(work, "migrations");
const files = generateMigrations(corpus, 3000, 42);
const relative = files.map((file) => path.relative(corpus, file));
const shipshapeSql: Command = { name: `shipshape (${files.length} files)`, command: process.execPath, args: [BIN, ".", "-f", "json"], cwd: corpus };
const squawk: Command = { name: `squawk (${files.length} files)`, command: SQUAWK, args: relative, cwd: corpus };
sections.push(
  `## SQL migrations: whole corpus\n\n${files.length} generated PostgreSQL migration files (Prisma, golang-migrate, Flyway and hand-written layouts; ` +
    `\`bench/generate-migrations.ts\`, seed 42). Both tools lint the same files; shipshape with its recommended rules.\n\n` +
    table(measure([shipshapeSql, squawk], runs)),
);

// --- The pull-request case: three changed migrations, whole process -----------------------
const changed = relative.filter((file) => !file.endsWith(".down.sql")).slice(-3);
sections.push(
  `## SQL migrations: a pull request of three files\n\nWhole-process wall time for \`shipshape ${changed.join(" ")}\`.\n\n` +
    table(
      measure(
        [
          { name: "shipshape, 3 files", command: process.execPath, args: [BIN, ...changed, "-f", "json"], cwd: corpus },
          { name: "squawk, 3 files", command: SQUAWK, args: changed, cwd: corpus },
        ],
        runs,
      ),
    ),
);

const header = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (bench/run.ts). Each command ran once to warm up, then " +
    `${runs} times, alternating between commands; times are wall-clock seconds of the whole process, memory is peak RSS (GNU time).`,
  "",
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  `- Node.js ${process.version}; shipshape ${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}; ${version(SQUAWK, ["--version"])}`,
  "",
];
fs.writeFileSync(path.join(ROOT, "bench/RESULTS.md"), `${[...header, ...sections].join("\n")}\n`);
fs.rmSync(work, { recursive: true, force: true });
console.log(fs.readFileSync(path.join(ROOT, "bench/RESULTS.md"), "utf8"));
