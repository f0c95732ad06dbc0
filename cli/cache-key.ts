import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Linter } from "eslint";
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
 * dialect from (Prisma schema and migration lock, drizzle config, knexfile) when no dialect is
 * configured. ESLint keys a cached result on the file and its config only, so without it a
 * knexfile switched from `pg` to `mysql2` would leave every migration's PostgreSQL result in
 * the cache. The digest covers each such file's path and content; `settings` carry it because
 * they are part of the config ESLint hashes and no rule reads this key.
 */
export function dialectSourcesCacheKey(targets: readonly string[], cwd: string, ignoredDirectories: ReadonlySet<string>): Linter.Config {
  const digest = createHash("sha256");
  const folders = [...foldersToRead(targets, cwd, ignoredDirectories)].sort();
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
