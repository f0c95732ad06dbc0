import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Linter } from "eslint";
import { migrationVersionOf } from "../sql-lint/language/migration-version.ts";
import { dialectSourcesIn, isProjectRoot } from "../sql-lint/language/project-dialect.ts";
import { NEVER_WALKED } from "./unreadable-files.ts";

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folders whose dialect sources can decide a linted file's dialect: every folder under the
 * targets (the files' own folders, for files), and the folders above each target up to its
 * project root, where the language's search stops.
 */
function foldersToRead(targets: readonly string[], cwd: string, ignoredDirectories: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>();
  const walk = (folder: string): void => {
    if (folders.has(folder)) return;
    folders.add(folder);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !NEVER_WALKED.has(entry.name) && !ignoredDirectories.has(path.relative(cwd, full))) walk(full);
    }
  };
  for (const target of targets) {
    const full = path.resolve(cwd, target);
    // A glob pattern stands for files under its static start.
    const start = isDirectory(full) ? full : path.dirname(full.split(/[*?{}[\]]/u)[0]!);
    walk(start);
    for (let folder = start; !isProjectRoot(folder) && path.dirname(folder) !== folder; ) {
      folder = path.dirname(folder);
      folders.add(folder);
    }
  }
  return folders;
}

/**
 * A config object that makes ESLint's cache key depend on the files the SQL language reads a
 * dialect from (Prisma schema and migration lock, drizzle config, knexfile, JDBC settings, dotenv files) when no dialect is
 * configured. ESLint keys a cached result on the file and its config only, so without it a
 * knexfile switched from `pg` to `mysql2` would leave every migration's PostgreSQL result in
 * the cache. The digest covers each such file's path and content; `settings` carry it because
 * they are part of the config ESLint hashes and no rule reads this key.
 */
function dialectSourcesCacheKey(folders: readonly string[]): Linter.Config {
  const digest = createHash("sha256");
  for (const folder of folders) {
    for (const file of dialectSourcesIn(folder)) {
      let text: Buffer;
      try {
        // As the language reads them: regular files only (a pipe would block).
        if (!fs.statSync(file).isFile()) continue;
        text = fs.readFileSync(file);
      } catch {
        continue;
      }
      digest.update(`${file}\0${text.length}\0`).update(text);
    }
  }
  return { settings: { "shipshape/cache-key": { dialectSources: digest.digest("hex") } } };
}

/** Files a migration history is read from: SQL files, and migrations written in code. */
const HISTORY_FILE = /\.(?:sql|[cm]?[jt]s)$/iu;

/**
 * One config object per folder of migrations, for the files under it, that makes ESLint's cache
 * key of each of them depend on the migrations of the folder: a migration's findings depend on
 * what the earlier ones did (the SQL rules replay them), which ESLint's cache, keyed on the file
 * and its config, would not see change. The digest covers each migration's name and, as the
 * cache strategy says, its size and modification time or its content; a folder holds a history
 * when two of its entries are versioned migrations (files, or folders of Prisma's and diesel's
 * layouts). `<folder>/**` is a universal pattern: it only adds settings to files other config
 * objects lint, and names no file of its own.
 */
function historyCacheKeys(folders: readonly string[], cwd: string, strategy: "metadata" | "content"): Linter.Config[] {
  const configs: Linter.Config[] = [];
  for (const folder of folders) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    const migrations: string[] = [];
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isFile() && HISTORY_FILE.test(entry.name) && migrationVersionOf(full) !== undefined) migrations.push(full);
      else if (entry.isDirectory() && !NEVER_WALKED.has(entry.name) && migrationVersionOf(path.join(full, "migration.sql")) !== undefined) {
        try {
          for (const inner of fs.readdirSync(full, { withFileTypes: true })) if (inner.isFile() && HISTORY_FILE.test(inner.name)) migrations.push(path.join(full, inner.name));
        } catch {
          // Unreadable: as if absent.
        }
      }
    }
    if (migrations.length < 2) continue;
    const digest = createHash("sha256");
    for (const file of migrations.sort()) {
      try {
        const stats = fs.statSync(file);
        if (!stats.isFile()) continue;
        digest.update(`${path.relative(folder, file)}\0`);
        if (strategy === "content") digest.update(fs.readFileSync(file)).update("\0");
        else digest.update(`${stats.size}:${stats.mtimeMs}\0`);
      } catch {
        // Gone since the listing: as if absent.
      }
    }
    const relative = path.relative(cwd, folder).split(path.sep).join("/");
    // The folder's name as a pattern: glob characters (a `[tenant]` folder) matched as themselves.
    const pattern = relative.replace(/[*?[\]{}()!+@\\]/gu, "\\$&");
    configs.push({
      files: [relative === "" ? "**" : `${pattern}/**`],
      settings: { "shipshape/cache-key": { [`history:${relative}`]: digest.digest("hex") } },
    });
  }
  return configs;
}

/**
 * The config objects that key ESLint's cache on what a linted file's findings depend on beyond the
 * file and the config: the files the SQL dialect is read from, and the migration histories.
 */
export function cacheKeyConfigs(targets: readonly string[], cwd: string, ignoredDirectories: ReadonlySet<string>, strategy: "metadata" | "content"): Linter.Config[] {
  const folders = [...foldersToRead(targets, cwd, ignoredDirectories)].sort();
  return [dialectSourcesCacheKey(folders), ...historyCacheKeys(folders, cwd, strategy)];
}
