/**
 * SQL migrations: shipshape vs squawk on the same generated corpus, the pull-request case, and
 * how time and memory grow from 1× to 100× the number of files.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BenchContext, type Section, SHIPSHAPE_BIN, SHIPSHAPE_PLUGIN, count, eslintCommand, writeConfig } from "./context.ts";
import { generateMigrations } from "./generate-migrations.ts";
import { type Command, type GrowthRow, growthTable, measure, seconds, table } from "./measure.ts";

/**
 * squawk is installed on first use into a folder of its own, not as a dev dependency: its npm
 * package lists one optional binary package per platform, and a registry that lacks some of
 * them leaves package-lock.json unable to satisfy `npm ci` on a clean machine.
 */
export const SQUAWK_VERSION = "2.66.0";
const SQUAWK_HOME = path.join(os.tmpdir(), `shipshape-bench-squawk-${SQUAWK_VERSION}`);
export const SQUAWK = path.join(SQUAWK_HOME, "node_modules/.bin/squawk");

export function ensureSquawk(): void {
  if (fs.existsSync(SQUAWK)) return;
  fs.mkdirSync(SQUAWK_HOME, { recursive: true });
  execFileSync("npm", ["install", "--prefix", SQUAWK_HOME, "--no-save", "--no-audit", "--no-fund", `squawk-cli@${SQUAWK_VERSION}`], {
    stdio: "inherit",
  });
}
/** Migrations in the whole-corpus comparison (one in four golang-migrate ones also has a .down.sql). */
const CORPUS_MIGRATIONS = 3000;
/** Migrations for 1×, 10× and 100×: 100, 1,000 and 10,000 files. */
const GROWTH_MIGRATIONS = [80, 800, 8000];

/** Statements of the single long migration, at 1× and 10× (a data fix-up or a squashed history). */
const LONG_FILE_STATEMENTS = [2000, 20000];

/**
 * One migration of `statements` statements over 100 tables: columns added with defaults and
 * without, indexes, backfills, NOT NULL, foreign keys, drops, the shapes the lock and scan rules
 * ask about every earlier statement for. Time should grow with the statements, not their square.
 */
function longMigration(folder: string, statements: number): { folder: string; files: string[] } {
  const shapes = [
    (i: number, t: number) => `ALTER TABLE t${t} ADD COLUMN c${i} text DEFAULT 'x';`,
    (i: number, t: number) => `CREATE INDEX i${i} ON t${t} (c${i});`,
    (i: number, t: number) => `UPDATE t${t} SET c${i} = 'y' WHERE id < ${i};`,
    (i: number, t: number) => `ALTER TABLE t${t} ALTER COLUMN c${i} SET NOT NULL;`,
    (i: number, t: number) => `ALTER TABLE t${t} ADD CONSTRAINT k${i} FOREIGN KEY (c${i}) REFERENCES t${(t + 1) % 100} (id);`,
    (i: number, t: number) => `ALTER TABLE t${t} DROP COLUMN c${i};`,
  ];
  const lines = Array.from({ length: statements }, (_, i) => shapes[i % shapes.length]!(i, i % 100));
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, "migrations"), { recursive: true });
  const file = path.join("migrations", "0001_long.sql");
  fs.writeFileSync(path.join(folder, file), `${lines.join("\n")}\n`);
  return { folder, files: [file] };
}

function corpus(folder: string, migrations: number): { folder: string; files: string[] } {
  const files = generateMigrations(folder, migrations, 42).map((file) => path.relative(folder, file));
  return { folder, files };
}

const shipshape = (name: string, folder: string, targets: string[]): Command => ({
  name,
  command: process.execPath,
  args: [SHIPSHAPE_BIN, ...targets, "-f", "json"],
  cwd: folder,
});
const squawk = (name: string, folder: string, files: string[]): Command => ({ name, command: SQUAWK, args: files, cwd: folder });

export function benchSql(context: BenchContext): Section {
  ensureSquawk();
  const { folder, files } = corpus(path.join(context.work, "migrations"), CORPUS_MIGRATIONS);
  // The floor under the rules: ESLint reading every file with shipshape's SQL language (PostgreSQL's scanner, the statement builder), no rule.
  const floorConfig = writeConfig(context.work, "sql-floor", [`import shipshape from "${SHIPSHAPE_PLUGIN}";`], [`{ files: ["**/*.sql"], plugins: { shipshape }, language: "shipshape/sql" }`]);
  const whole = measure(
    [
      shipshape(`shipshape (${count(files.length)} files)`, folder, ["."]),
      squawk(`squawk (${count(files.length)} files)`, folder, files),
      eslintCommand("floor: ESLint with shipshape's SQL language, no rules", context.work, floorConfig, ["."], folder),
    ],
    context.runs,
  );

  const changed = files.filter((file) => !file.endsWith(".down.sql")).slice(-3);
  const pullRequest = measure([shipshape("shipshape, 3 files", folder, changed), squawk("squawk, 3 files", folder, changed)], context.runs);

  const sizes = GROWTH_MIGRATIONS.map((migrations, i) => corpus(path.join(context.work, `migrations-${10 ** i}x`), migrations));
  const growth = measure(
    [
      ...sizes.map((size) => shipshape(`shipshape, ${count(size.files.length)} files`, size.folder, ["."])),
      ...sizes.map((size) => squawk(`squawk, ${count(size.files.length)} files`, size.folder, size.files)),
    ],
    context.runs,
  );
  const rows: GrowthRow[] = growth.map((measurement, i) => ({
    tool: i < sizes.length ? "shipshape" : "squawk",
    size: sizes[i % sizes.length]!.files.length,
    measurement,
  }));
  const longFiles = LONG_FILE_STATEMENTS.map((statements) => longMigration(path.join(context.work, `long-${statements}`), statements));
  const long = measure(
    [
      ...longFiles.map((file, i) => shipshape(`shipshape, ${count(LONG_FILE_STATEMENTS[i]!)} statements`, file.folder, file.files)),
      ...longFiles.map((file, i) => squawk(`squawk, ${count(LONG_FILE_STATEMENTS[i]!)} statements`, file.folder, file.files)),
    ],
    context.runs,
  );
  const longRows: GrowthRow[] = long.map((measurement, i) => ({
    tool: i < longFiles.length ? "shipshape" : "squawk",
    size: LONG_FILE_STATEMENTS[i % longFiles.length]!,
    measurement,
  }));
  const largest = rows[sizes.length - 1]!;
  const perFileRatio = seconds(largest.measurement) / largest.size / (seconds(rows[0]!.measurement) / rows[0]!.size);

  return {
    markdown: [
      `## SQL migrations: whole corpus`,
      ``,
      `${count(files.length)} generated PostgreSQL migration files (Prisma, golang-migrate, Flyway and hand-written layouts; ` +
        `\`bench/generate-migrations.ts\`, seed 42). Both tools lint the same files; shipshape with its recommended rules, squawk with its defaults. ` +
        `The floor is ESLint itself reading the files with shipshape's SQL language and no rule: finding the files, PostgreSQL's scanner, building the statements, traversal.`,
      ``,
      table(whole),
      ``,
      `## SQL migrations: a pull request of three files`,
      ``,
      `Whole-process wall time for \`shipshape ${changed.join(" ")}\`.`,
      ``,
      table(pullRequest),
      ``,
      `## SQL migrations: growth`,
      ``,
      `The same generator at 1×, 10× and 100× the number of files (${sizes.map((size) => count(size.files.length)).join(", ")}). ` +
        `"Time per file" includes the process's startup, which dominates small inputs; "marginal per file" is the extra time per extra file ` +
        `from the size before, where startup cancels out: a constant marginal cost means linear growth.`,
      ``,
      growthTable(rows, "Files", "file"),
      ``,
      `## SQL migrations: one long file`,
      ``,
      `One migration of ${LONG_FILE_STATEMENTS.map(count).join(" and ")} statements over 100 tables (added columns, indexes, backfills, NOT NULL, foreign keys, drops; ` +
        `\`longMigration\` in bench/sql-bench.ts). The lock and scan rules ask, for each statement, what earlier statements of the file did: ` +
        `a constant marginal time per statement means those questions stay linear.`,
      ``,
      growthTable(longRows, "Statements", "statement"),
    ].join("\n"),
    summary: [
      `SQL, ${count(files.length)} migration files: shipshape ${seconds(whole[0]!).toFixed(1)} s, squawk ${seconds(whole[1]!).toFixed(1)} s ` +
        `(shipshape takes ${(seconds(whole[0]!) / seconds(whole[1]!)).toFixed(1)}× squawk's time); the floor, ESLint reading them with shipshape's SQL language and no rule, ` +
        `${seconds(whole[2]!).toFixed(1)} s (${(seconds(whole[2]!) / seconds(whole[1]!)).toFixed(1)}× squawk's).`,
      `SQL, pull request of 3 files: shipshape ${seconds(pullRequest[0]!).toFixed(2)} s, squawk ${seconds(pullRequest[1]!).toFixed(2)} s for the whole process.`,
      `SQL growth: 100× the files (${count(largest.size)}) takes ${(seconds(largest.measurement) / seconds(rows[0]!.measurement)).toFixed(1)}× the time of ${count(rows[0]!.size)} files; ` +
        `time per file at 100× is ${perFileRatio.toFixed(2)}× that at 1×, and each file beyond ${count(rows[1]!.size)} adds ${((1000 * (seconds(largest.measurement) - seconds(rows[1]!.measurement))) / (largest.size - rows[1]!.size)).toFixed(2)} ms.`,
      `SQL, one migration of ${count(LONG_FILE_STATEMENTS[1]!)} statements: shipshape ${seconds(long[1]!).toFixed(1)} s (${count(LONG_FILE_STATEMENTS[0]!)} statements: ${seconds(long[0]!).toFixed(1)} s), squawk ${seconds(long[3]!).toFixed(1)} s.`,
    ],
  };
}
