/**
 * What the project's own migration runner does around the migrations, read from its code.
 *
 * Many services run their migrations from code of their own rather than a CLI: a Go package that
 * embeds the folder (`//go:embed migrations/*.sql`, which Go only allows from the folder or one
 * of its ancestors), a Node script beside it. Some of them prepare the connection first, and a
 * reviewer reads that code before judging a migration: navidrome and harness switch SQLite's
 * foreign keys off before running goose or golang-migrate, outside any transaction, so a table
 * rebuild there cascades nothing.
 *
 * The runner is looked for where it has to be for Go and usually is elsewhere: the source files
 * (not tests) directly in the migration folder and its two parent folders. A file counts when it
 * mentions migrations and runs the statement. Each folder is read once per process and again at
 * most once a second, so an editor sees the runner change.
 */
import fs from "node:fs";
import path from "node:path";

/** Source files a migration runner is written in; tests are not the runner. */
const SOURCE_FILE = /\.(?:go|rs|py|rb|java|kt|[cm]?[jt]s)$/u;
const TEST_FILE = /(?:_test\.go|\.(?:test|spec)\.[cm]?[jt]s|_test\.py|test_[^/]*\.py)$/u;
/** A runner is code, not a data file; larger files are generated. */
const MAX_FILE_BYTES = 256_000;
const RECHECK_MS = 1000;
/** How many folders up from the migration's folder a runner is looked for. */
const PARENT_LEVELS = 2;

const FOREIGN_KEYS_OFF = /PRAGMA\s+foreign_keys\s*=\s*['"]?(?:off|0|false|no)\b/iu;
const MENTIONS_MIGRATIONS = /migrat/iu;

const folders = new Map<string, { checkedAt: number; runner: string | undefined }>();

function runnerIn(folder: string): string | undefined {
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !SOURCE_FILE.test(entry.name) || TEST_FILE.test(entry.name)) continue;
    const file = path.join(folder, entry.name);
    let text = "";
    try {
      if (fs.statSync(file).size > MAX_FILE_BYTES) continue;
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    if (FOREIGN_KEYS_OFF.test(text) && MENTIONS_MIGRATIONS.test(text)) return file;
  }
  return undefined;
}

/**
 * The file of the project's migration runner that switches SQLite's foreign keys off before it
 * migrates, found beside or above the migration `file`; undefined when there is none.
 */
export function runnerDisablingForeignKeys(file: string, now = Date.now()): string | undefined {
  if (!path.isAbsolute(file)) return undefined;
  let folder = path.dirname(file);
  for (let level = 0; level <= PARENT_LEVELS; level++) {
    let known = folders.get(folder);
    if (!known || now - known.checkedAt >= RECHECK_MS) {
      known = { checkedAt: now, runner: runnerIn(folder) };
      folders.set(folder, known);
    }
    if (known.runner) return known.runner;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}
