/**
 * What each migration file of a folder changes, kept on disk between processes, so that a new
 * process (a pull request's CI run, a pre-commit hook, a terminal run) does not parse a long
 * history again to lint the few migrations at its end. The process's own cache
 * (migration-history.ts) still serves every question after the first; this one only spares the
 * first read of a file that has not changed since a previous process read it.
 *
 * - Where: `$SHIPSHAPE_CACHE_DIR`, else `$XDG_CACHE_HOME/shipshape`, else `~/.cache/shipshape`;
 *   one JSON file per migrations folder under `history/`. `SHIPSHAPE_CACHE_DIR=off` turns it off.
 * - Valid while the file's size and modification time are those it was read with (as ESLint's
 *   `--cache-strategy metadata`), for the same dialect, and for the same build of shipshape: the
 *   version and the size and modification time of the modules that read migrations are part of
 *   the cache file's name, so an upgrade or a rebuild starts a new one.
 * - Written when the process exits, if it read a file the cache did not have: to a temporary
 *   file renamed into place, so a concurrent process reads the old cache or the new one, never a
 *   part. An unreadable or foreign cache file is ignored and replaced.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import packageJson from "../../package.json" with { type: "json" };
import type { SqlDialect } from "../language/sql-language.ts";
import type { SchemaChange } from "./schema-changes.ts";

const FORMAT = 1;
/** A cache file larger than this is not written: a folder of dumps, not of migrations. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * The modules that turn a migration's text into changes, beside this one: a build that changes
 * one of them reads files differently, so its cache is another.
 */
const READERS = [
  "./history-cache",
  "./migration-history",
  "./pg-schema-changes",
  "./cst-schema-changes",
  "./schema-changes",
  "./data-type",
  "./mysql-column-type",
  "../language/parse-sql",
  "../language/pg-cst",
  "../language/pg-fallback",
  "../language/mysql-fallback",
  "../language/split-statements",
  "../embedded/migrations-processor",
];

interface Entry {
  stamp: string;
  dialect: SqlDialect;
  changes: readonly SchemaChange[];
}

interface FolderCache {
  file: string;
  entries: Map<string, Entry>;
  dirty: boolean;
}

const folders = new Map<string, FolderCache | undefined>();
let build: string | undefined;
let exitHook = false;

/** Where the caches live, or undefined when caching is off or there is no place for it. */
function cacheRoot(): string | undefined {
  const setting = process.env.SHIPSHAPE_CACHE_DIR;
  if (setting !== undefined && /^(?:|0|off|false|no)$/iu.test(setting.trim())) return undefined;
  if (setting) return path.resolve(setting);
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "shipshape");
  let home: string;
  try {
    home = os.homedir();
  } catch {
    return undefined;
  }
  return home ? path.join(home, ".cache", "shipshape") : undefined;
}

/** shipshape's version and the size and modification time of the modules that read migrations. */
function buildStamp(): string {
  if (build !== undefined) return build;
  const own = fileURLToPath(import.meta.url);
  const extension = path.extname(own);
  const parts = [packageJson.version];
  for (const reader of READERS) {
    try {
      const stats = fs.statSync(path.resolve(path.dirname(own), `${reader}${extension}`));
      parts.push(`${stats.size}:${stats.mtimeMs}`);
    } catch {
      parts.push("-");
    }
  }
  build = parts.join("|");
  return build;
}

function folderCache(folder: string): FolderCache | undefined {
  if (folders.has(folder)) return folders.get(folder);
  const root = cacheRoot();
  let cache: FolderCache | undefined;
  if (root !== undefined) {
    const name = createHash("sha256").update(`${FORMAT}\0${buildStamp()}\0${folder}`).digest("hex").slice(0, 32);
    cache = { file: path.join(root, "history", `${name}.json`), entries: new Map(), dirty: false };
    try {
      const stored = JSON.parse(fs.readFileSync(cache.file, "utf8")) as { format?: unknown; folder?: unknown; entries?: unknown };
      if (stored.format === FORMAT && stored.folder === folder && stored.entries && typeof stored.entries === "object") {
        for (const [file, entry] of Object.entries(stored.entries as Record<string, Entry>)) {
          if (typeof entry?.stamp === "string" && typeof entry.dialect === "string" && Array.isArray(entry.changes)) cache.entries.set(file, entry);
        }
      }
    } catch {
      // No cache yet, or one this build cannot read: start empty.
    }
  }
  folders.set(folder, cache);
  return cache;
}

/** What a previous process read `file` (of the migrations folder `folder`) to change, if it is unchanged since. */
export function cachedChanges(folder: string, file: string, stamp: string, dialect: SqlDialect): readonly SchemaChange[] | undefined {
  const entry = folderCache(folder)?.entries.get(path.relative(folder, file));
  return entry?.stamp === stamp && entry.dialect === dialect ? entry.changes : undefined;
}

/** Remembers what `file` changes for the next process. */
export function cacheChanges(folder: string, file: string, stamp: string, dialect: SqlDialect, changes: readonly SchemaChange[]): void {
  const cache = folderCache(folder);
  if (!cache) return;
  cache.entries.set(path.relative(folder, file), { stamp, dialect, changes });
  cache.dirty = true;
  if (!exitHook) {
    exitHook = true;
    process.once("exit", writeCaches);
  }
}

/** Writes every folder's cache this process added to. Never throws: a cache that cannot be written is skipped. */
export function writeCaches(): void {
  for (const [folder, cache] of folders) {
    if (!cache?.dirty) continue;
    cache.dirty = false;
    try {
      const text = JSON.stringify({ format: FORMAT, folder, entries: Object.fromEntries(cache.entries) });
      if (text.length > MAX_CACHE_BYTES) continue;
      fs.mkdirSync(path.dirname(cache.file), { recursive: true });
      const temporary = `${cache.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, cache.file);
      } finally {
        fs.rmSync(temporary, { force: true });
      }
    } catch {
      // A read-only home, a full disk: the next process reads the files again.
    }
  }
}
