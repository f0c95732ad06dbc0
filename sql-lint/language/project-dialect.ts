/**
 * The SQL dialect a project's own database tooling says it uses, for files whose dialect is not
 * configured. Walking up from the linted file's folder to the project root (the nearest folder
 * with a package.json or .git), each folder is checked for, in this order:
 *
 * - its own name, when it is a database's (`migrations/mysql/`, `migrate/sqlite/`, `db/postgres/`)
 * - `migration_lock.toml` (Prisma Migrate's lock file): `provider = "…"`
 * - `schema.prisma` and `prisma/schema.prisma`: the `provider` of the `datasource` block
 * - `drizzle.config.{ts,mts,cts,js,mjs,cjs,json}`: `dialect: "…"` (or drizzle-kit's older `driver: "…"`)
 * - `knexfile.{ts,mts,cts,js,mjs,cjs}`: `client: "…"`; when its environments name different
 *   clients, the one under `production`
 *
 * The nearest folder that names a supported database decides. Files are read as text, never run:
 * a value computed at run time (`process.env.DB_CLIENT`) says nothing. Results are cached per
 * folder for the life of the process.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import type { SqlDialect } from "./sql-language.ts";

/** Names the tools use for a database, by the dialect shipshape parses it as. */
const DIALECT_NAMES: Record<string, SqlDialect> = {
  // Prisma providers, drizzle dialects and drivers, knex clients.
  postgresql: "postgresql",
  postgres: "postgresql",
  pg: "postgresql",
  pgnative: "postgresql",
  "pg-native": "postgresql",
  mysql: "mysql",
  mysql2: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  sqlite3: "sqlite",
  "better-sqlite3": "sqlite",
  "better-sqlite": "sqlite",
  libsql: "sqlite",
  turso: "sqlite",
  d1: "sqlite",
  "d1-http": "sqlite",
};

const DRIZZLE_CONFIGS = ["ts", "mts", "cts", "js", "mjs", "cjs", "json"].map((extension) => `drizzle.config.${extension}`);
const KNEXFILES = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((extension) => `knexfile.${extension}`);
const PRISMA_SCHEMAS = ["schema.prisma", join("prisma", "schema.prisma")];

/** Every file, relative to a folder, that {@link projectDialect} reads there: what decides a dialect. */
export const DIALECT_SOURCES = ["migration_lock.toml", ...PRISMA_SCHEMAS, ...DRIZZLE_CONFIGS, ...KNEXFILES];

/** A string property `key: "value"` (or `"key": "value"`) of a JS, TS or JSON object literal. */
function stringProperties(text: string, key: string): { value: string; index: number }[] {
  const pattern = new RegExp(`["']?\\b${key}["']?\\s*:\\s*(["'\`])([\\w-]+)\\1`, "gu");
  return [...text.matchAll(pattern)].map((match) => ({ value: match[2]!.toLowerCase(), index: match.index }));
}

function withoutComments(text: string): string {
  // An unclosed block comment runs to the end: searching for its end again from every `/*` after it would be quadratic.
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)/gu, "").replace(/(^|[^:"'`])\/\/[^\n]*/gu, "$1");
}

/**
 * The names in a folder, read once per folder: the lookup asks each folder for some twenty
 * names that are almost never there, and a failed `stat` per name costs an exception each
 * (about 25,000 of them on a corpus of 2,500 migrations). Undefined when the folder cannot be
 * listed (it does not exist, or is not readable).
 */
const listings = new Map<string, ReadonlySet<string> | undefined>();

function folderNames(folder: string): ReadonlySet<string> | undefined {
  if (listings.has(folder)) return listings.get(folder);
  let names: ReadonlySet<string> | undefined;
  try {
    names = new Set(readdirSync(folder));
  } catch {
    names = undefined;
  }
  listings.set(folder, names);
  return names;
}

/** Whether `name` (a file name, or `folder/file`) may exist under `folder`, by the listings. */
function mayExist(folder: string, name: string): boolean {
  const names = folderNames(folder);
  // A folder that cannot be listed (missing, or not readable): ask for the file itself.
  if (names === undefined) return existsSync(join(folder, name));
  const [first, ...rest] = name.split(/[\\/]/u);
  if (!names.has(first!)) return false;
  return rest.length === 0 || mayExist(join(folder, first!), rest.join("/"));
}

function readText(folder: string, name: string): string | undefined {
  if (!mayExist(folder, name)) return undefined;
  const path = join(folder, name);
  try {
    // Regular files only: a pipe or a device would block.
    return statSync(path).isFile() ? readFileSync(path, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/** The dialect sources present in `folder` (paths), in the order {@link DIALECT_SOURCES} lists them. */
export function dialectSourcesIn(folder: string): string[] {
  return DIALECT_SOURCES.filter((name) => mayExist(folder, name)).map((name) => join(folder, name));
}

/** Prisma's `datasource db { provider = "mysql" … }`. */
export function dialectFromPrismaSchema(text: string): SqlDialect | undefined {
  const schema = text.replace(/\/\/[^\n]*/gu, "");
  // The header, then its closing brace: one pattern for both would scan to the end of the file
  // from every header when none is closed, and `^\s*` from every line of a run of blank lines.
  const header = /^[^\S\n\r\u2028\u2029]*datasource\s+\w+\s*\{/mu.exec(schema);
  if (!header) return undefined;
  const bodyStart = header.index + header[0].length;
  const end = schema.indexOf("}", bodyStart);
  const provider = end >= 0 ? /\bprovider\s*=\s*"([^"]+)"/u.exec(schema.slice(bodyStart, end)) : null;
  return provider ? DIALECT_NAMES[provider[1]!.toLowerCase()] : undefined;
}

/** Prisma Migrate's `migration_lock.toml`: `provider = "mysql"`. */
export function dialectFromMigrationLock(text: string): SqlDialect | undefined {
  const provider = /^[^\S\n\r\u2028\u2029]*provider\s*=\s*"([^"]+)"/mu.exec(text);
  return provider ? DIALECT_NAMES[provider[1]!.toLowerCase()] : undefined;
}

/** drizzle-kit's config: `dialect: "mysql"`, or the `driver` of drizzle-kit before 0.21. */
export function dialectFromDrizzleConfig(text: string): SqlDialect | undefined {
  const source = withoutComments(text);
  for (const key of ["dialect", "driver"]) {
    const [property] = stringProperties(source, key);
    const dialect = property && DIALECT_NAMES[property.value];
    if (dialect) return dialect;
  }
  return undefined;
}

/** The span of the object literal that follows `key:`, by brace matching (strings are not special-cased). */
function objectAfter(text: string, key: string): string | undefined {
  const match = new RegExp(`["']?\\b${key}["']?\\s*:\\s*\\{`, "u").exec(text);
  if (!match) return undefined;
  let depth = 0;
  for (let i = match.index + match[0].length - 1; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(match.index, i + 1);
  }
  return undefined;
}

/** knex's `client: "mysql2"`; with several environments naming different databases, the production one. */
export function dialectFromKnexfile(text: string): SqlDialect | undefined {
  const source = withoutComments(text);
  const dialects = new Set(stringProperties(source, "client").map((property) => DIALECT_NAMES[property.value]));
  if (dialects.size === 1) return [...dialects][0];
  const production = objectAfter(source, "production");
  const [client] = production ? stringProperties(production, "client") : [];
  return client ? DIALECT_NAMES[client.value] : undefined;
}

function dialectInFolder(folder: string): SqlDialect | undefined {
  const lock = readText(folder, "migration_lock.toml");
  const fromLock = lock === undefined ? undefined : dialectFromMigrationLock(lock);
  if (fromLock) return fromLock;
  for (const name of PRISMA_SCHEMAS) {
    const schema = readText(folder, name);
    const dialect = schema === undefined ? undefined : dialectFromPrismaSchema(schema);
    if (dialect) return dialect;
  }
  for (const name of DRIZZLE_CONFIGS) {
    const config = readText(folder, name);
    const dialect = config === undefined ? undefined : dialectFromDrizzleConfig(config);
    if (dialect) return dialect;
  }
  for (const name of KNEXFILES) {
    const config = readText(folder, name);
    const dialect = config === undefined ? undefined : dialectFromKnexfile(config);
    if (dialect) return dialect;
  }
  return undefined;
}

/** Where the search for a dialect stops going up: the nearest folder with a package.json or .git. */
export function isProjectRoot(folder: string): boolean {
  return mayExist(folder, "package.json") || mayExist(folder, ".git");
}

/**
 * Folders named after the database their files are written for: projects that support several
 * keep one folder of migrations or schema files per database (`migrations/mysql/`,
 * `migrate/sqlite/`, `db/postgres/`). The nearest such folder, or tooling config, decides.
 */
const FOLDER_DIALECTS: Record<string, SqlDialect> = {
  mysql: "mysql",
  mariadb: "mariadb",
  sqlite: "sqlite",
  sqlite3: "sqlite",
  postgres: "postgresql",
  postgresql: "postgresql",
  pg: "postgresql",
};

/** Per folder: the dialect found from it upwards (null: none). */
const cache = new Map<string, SqlDialect | null>();

/**
 * The dialect the tooling of the project holding `filePath` names, looking from the file's
 * folder up to the project root; undefined when none does or the path is not a real file path
 * (`<input>`, a relative name given to RuleTester).
 */
export function projectDialect(filePath: string): SqlDialect | undefined {
  if (!isAbsolute(filePath)) return undefined;
  const visited: string[] = [];
  let folder = dirname(filePath);
  let found: SqlDialect | null = null;
  for (;;) {
    const cached = cache.get(folder);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(folder);
    const dialect = FOLDER_DIALECTS[basename(folder).toLowerCase()] ?? dialectInFolder(folder);
    if (dialect) {
      found = dialect;
      break;
    }
    const parent = dirname(folder);
    if (isProjectRoot(folder) || parent === folder) break;
    folder = parent;
  }
  for (const path of visited) cache.set(path, found);
  return found ?? undefined;
}

/** Forgets what was read (for tests that change the files). */
export function clearProjectDialectCache(): void {
  cache.clear();
  listings.clear();
}
