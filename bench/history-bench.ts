/**
 * The migration history at the size of a long-lived project: a folder of 800 PostgreSQL
 * migrations (golang-migrate layout) whose last ones ask what the earlier ones did (a column's
 * old type, the table of an index, a function's volatility), so every lint replays the folder.
 *
 * - A pull request of the last three files, whole process, beside squawk (which reads no history).
 * - An editor: one ESLint instance (as the language server keeps) lints the last migration,
 *   then again unchanged, then again after an earlier migration changed on disk
 *   (bench/editor-session.mjs), each timed inside the process.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type BenchContext, type Section, ROOT, SHIPSHAPE_BIN } from "./context.ts";
import { type Command, measure, median, seconds, table } from "./measure.ts";
import { random } from "./random.ts";
import { SQUAWK, ensureSquawk } from "./sql-bench.ts";

const MIGRATIONS = 800;
const TABLES = ["users", "orders", "order_items", "invoices", "payments", "accounts", "sessions", "events", "products", "carts"];

/** Writes the folder; returns the last three migrations' names, which ask the history. */
export function generateFolder(folder: string): string[] {
  fs.mkdirSync(folder, { recursive: true });
  const next = random(800);
  const name = (i: number, what: string) => `${String(i).padStart(4, "0")}_${what}.up.sql`;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(folder, file), `${text}\n`);
  write(
    name(1, "init"),
    [
      "CREATE FUNCTION random_code() RETURNS text AS $$ SELECT md5(random()::text) $$ LANGUAGE sql;",
      ...TABLES.map((table) => `CREATE TABLE ${table} (id bigserial PRIMARY KEY, name varchar(100), payload bytea, score integer, created_at timestamp);`),
      ...TABLES.map((table) => `CREATE INDEX ${table}_score_idx ON ${table} (score);`),
    ].join("\n"),
  );
  for (let i = 2; i <= MIGRATIONS - 3; i++) {
    const table = TABLES[Math.floor(next() * TABLES.length)]!;
    const statements = [
      `ALTER TABLE ${table} ADD COLUMN c${i} text;`,
      `CREATE INDEX CONCURRENTLY ${table}_c${i}_idx ON ${table} (c${i});`,
      `ALTER TABLE ${table} RENAME COLUMN c${i} TO c${i}_v2;`,
      `COMMENT ON TABLE ${table} IS 'migration ${i}';`,
      `CREATE TABLE log_${i} (id bigserial PRIMARY KEY, ${table}_id bigint REFERENCES ${table} (id), at timestamptz);`,
    ];
    write(name(i, `change_${i}`), statements.slice(0, 1 + Math.floor(next() * statements.length)).join("\n"));
  }
  const last = [
    [name(MIGRATIONS - 2, "payload_text"), "ALTER TABLE orders ALTER COLUMN payload TYPE text;"],
    [name(MIGRATIONS - 1, "drop_score_index"), "BEGIN;\nDROP INDEX users_score_idx;\nALTER TABLE users ALTER COLUMN score TYPE bigint;\nCOMMIT;"],
    [name(MIGRATIONS, "codes"), "ALTER TABLE accounts ADD COLUMN code text NOT NULL DEFAULT random_code();\nALTER TABLE accounts ALTER COLUMN name TYPE varchar(200);"],
  ];
  for (const [file, text] of last) write(file!, text!);
  return last.map(([file]) => file!);
}

interface EditorTimes {
  firstMs: number;
  againMs: number;
  afterChangeMs: number;
  findings: number;
}

/** One editor session in a fresh process: the three timings bench/editor-session.mjs prints. */
function editorSession(folder: string, file: string, earlier: string): EditorTimes {
  const output = execFileSync(process.execPath, [path.join(ROOT, "bench/editor-session.mjs"), folder, file, earlier], { encoding: "utf8" });
  return JSON.parse(output) as EditorTimes;
}

export function benchHistory(context: BenchContext): Section {
  ensureSquawk();
  const folder = path.join(context.work, "history", "migrations");
  const changed = generateFolder(folder);
  const cwd = path.dirname(folder);
  const targets = changed.map((file) => path.join("migrations", file));
  const shipshapeArgs = [SHIPSHAPE_BIN, ...targets, "-f", "json"];
  const commands: Command[] = [
    { name: "shipshape, 3 files", command: process.execPath, args: shipshapeArgs, cwd },
    // The warm-up run fills the cache: the measured runs are those of a developer or a CI job that keeps ~/.cache.
    { name: "shipshape, 3 files, history cached by an earlier run", command: process.execPath, args: shipshapeArgs, cwd, env: { SHIPSHAPE_CACHE_DIR: path.join(context.work, "history-cache") } },
    { name: "squawk, 3 files", command: SQUAWK, args: targets, cwd },
  ];
  const pullRequest = measure(commands, context.runs);

  const sessions = Array.from({ length: context.runs }, () => editorSession(folder, path.join(folder, changed[2]!), path.join(folder, "0001_init.up.sql")));
  const ms = (pick: (times: EditorTimes) => number) => `${Math.round(median(sessions.map(pick)))} ms`;
  const editorRows = [
    `| first lint (the folder replayed, parsers warmed up) | ${ms((times) => times.firstMs)} | ≤ 500 ms |`,
    `| the same file again, unchanged | ${ms((times) => times.againMs)} | ≤ 50 ms |`,
    `| again, after an earlier migration changed on disk | ${ms((times) => times.afterChangeMs)} | |`,
  ];
  const shipshapeSeconds = seconds(pullRequest[0]!);
  return {
    summary: [
      `SQL history, a pull request of 3 files at the end of an ${MIGRATIONS}-migration folder that ask the history: shipshape ${shipshapeSeconds.toFixed(2)} s reading the folder, ${seconds(pullRequest[1]!).toFixed(2)} s with the history cached by an earlier run; squawk ${seconds(pullRequest[2]!).toFixed(2)} s (target ≤ 0.3 s).`,
      `SQL history in an editor (one ESLint instance): first lint of the folder's last migration ${ms((times) => times.firstMs)}, the same file again ${ms((times) => times.againMs)} (targets 500 and 50 ms).`,
    ],
    markdown: [
      `## SQL migrations: the history of an ${MIGRATIONS}-migration folder`,
      "",
      `A golang-migrate folder of ${MIGRATIONS} PostgreSQL migrations (bench/history-bench.ts, seed 800). Its last three change a column's type, ` +
        "drop an index in a transaction that alters its table, and add a column whose default calls a function an earlier migration defined: " +
        "each finding depends on what earlier migrations did, so the folder is replayed (squawk reads no history).",
      "",
      "A pull request of those three files, whole process: reading every earlier migration (a first run, or `SHIPSHAPE_CACHE_DIR=off`), and " +
        "with what an earlier run read kept in the history cache (`~/.cache/shipshape`, sql-lint/analysis/history-cache.ts), as a developer's machine or a CI job that keeps its cache folder has it:",
      "",
      table(pullRequest),
      "",
      `An editor: one ESLint instance with the recommended config, as the language server keeps it, lints the last migration (bench/editor-session.mjs); medians of ${context.runs} fresh processes, timed inside each.`,
      "",
      "| Lint | Median | Target |",
      "| --- | --- | --- |",
      ...editorRows,
    ].join("\n"),
  };
}
