/**
 * The migration history kept on disk between processes (sql-lint/analysis/history-cache.ts): a
 * new process reads what an earlier one learnt from an unchanged migration instead of parsing it
 * again, and reads the file again once it changes, when the cache is unreadable, or when caching
 * is off. Real processes, each with its own cache folder.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, requireBuild, shipshape, temporaryFolder, writeFiles } from "../helpers/cli-process.ts";

const LAST = "migrations/0002_body_text.up.sql";

let root: string;

beforeAll(() => {
  requireBuild();
  root = temporaryFolder("shipshape-history-cache-");
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * The messages of the last migration, linted by a fresh process whose cache is `cache` ("off" for
 * none, undefined for the default place under `XDG_CACHE_HOME`).
 */
function lintLast(project: string, cache: string | undefined, xdgCacheHome?: string): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env, SHIPSHAPE_CACHE_DIR: cache, XDG_CACHE_HOME: xdgCacheHome };
  if (cache === undefined) delete env.SHIPSHAPE_CACHE_DIR;
  return json(shipshape(project, [LAST, "--format", "json"], undefined, env).stdout).flatMap((file) => file.messages.map((message) => message.message));
}

function cacheFiles(cache: string): string[] {
  const folder = path.join(cache, "history");
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".json")).map((name) => path.join(folder, name)) : [];
}

/** A golang-migrate folder whose second migration changes the type the first one gave a column. */
function project(name: string, firstType: string): string {
  const dir = path.join(root, name);
  writeFiles(dir, {
    "migrations/0001_init.up.sql": `CREATE TABLE post (id bigint PRIMARY KEY, body ${firstType});\n`,
    [LAST]: "SET lock_timeout = '2s';\nALTER TABLE post ALTER COLUMN body TYPE text;\n",
  });
  return dir;
}

const fromType = (messages: string[]) => messages.map((message) => /from (\S+) to text/u.exec(message)?.[1]).filter(Boolean);

describe("the history cache between processes", () => {
  it("is written by the first process and read by the next, which no longer parses the unchanged migration", () => {
    const dir = project("read", "bytea");
    const cache = path.join(root, "cache-read");
    expect(fromType(lintLast(dir, cache))).toEqual(["bytea"]);
    const [file] = cacheFiles(cache);
    expect(file).toBeDefined();
    // What the cache says wins while the migration is unchanged: a file the next process read would say bytea.
    const text = fs.readFileSync(file!, "utf8");
    expect(text).toContain('"bytea"');
    fs.writeFileSync(file!, text.replaceAll('"bytea"', '"int8"'));
    expect(fromType(lintLast(dir, cache))).toEqual(["int8"]);
  });

  it("reads a migration again once it changes", () => {
    const dir = project("changed", "bytea");
    const cache = path.join(root, "cache-changed");
    expect(fromType(lintLast(dir, cache))).toEqual(["bytea"]);
    fs.writeFileSync(path.join(dir, "migrations/0001_init.up.sql"), "CREATE TABLE post (id bigint PRIMARY KEY, body integer, extra int);\n");
    expect(fromType(lintLast(dir, cache))).toEqual(["integer"]);
  });

  it("ignores a cache it cannot read, and replaces it", () => {
    const dir = project("corrupt", "bytea");
    const cache = path.join(root, "cache-corrupt");
    lintLast(dir, cache);
    const [file] = cacheFiles(cache);
    fs.writeFileSync(file!, '{"format": 1, "entries": {"migrations/0001_init.up.sql": ');
    expect(fromType(lintLast(dir, cache))).toEqual(["bytea"]);
    expect(() => JSON.parse(fs.readFileSync(file!, "utf8")) as unknown).not.toThrow();
  });

  it("lives under XDG_CACHE_HOME unless SHIPSHAPE_CACHE_DIR says otherwise, and writes nothing when it is off", () => {
    const dir = project("place", "bytea");
    const xdg = path.join(root, "xdg-default");
    expect(fromType(lintLast(dir, undefined, xdg))).toEqual(["bytea"]);
    expect(cacheFiles(path.join(xdg, "shipshape"))).toHaveLength(1);
    const xdgOff = path.join(root, "xdg-off");
    expect(fromType(lintLast(dir, "off", xdgOff))).toEqual(["bytea"]);
    expect(fs.existsSync(xdgOff)).toBe(false);
  });
});
