/**
 * The SQL dialect a project's own database tooling says it uses, for files whose dialect is not
 * configured. Walking up from the linted file's folder to the project root (the nearest folder
 * with a package manifest (package.json, pom.xml, build.gradle, go.mod, Cargo.toml) or .git),
 * each folder is checked for, in this order:
 *
 * - its own name, when it is a database's (`migrations/mysql/`, `migrate/sqlite/`, `db/postgres/`)
 * - `migration_lock.toml` (Prisma Migrate's lock file): `provider = "…"`
 * - `schema.prisma` and `prisma/schema.prisma`: the `provider` of the `datasource` block
 * - `drizzle.config.{ts,mts,cts,js,mjs,cjs,json}`: `dialect: "…"` (or drizzle-kit's older `driver: "…"`)
 * - `sqlc.{yaml,yml,json}`: the `engine` of its SQL packages, when they all name the same
 * - `knexfile.{ts,mts,cts,js,mjs,cjs}`: `client: "…"`; when its environments name different
 *   clients, the one under `production`
 * - the connection URLs of JVM projects: Spring Boot's `application.{properties,yml,yaml}`,
 *   `flyway.conf`, `flyway.toml` and `liquibase.properties` (`jdbc:mysql://…`, `r2dbc:postgresql://…`)
 * - `DATABASE_URL` in `.env`, `.env.example` or `.env.sample` (dbmate, sqlx, diesel):
 *   `postgres://…`, `mysql://…`
 *
 * The nearest folder that names a database decides. A database shipshape does not read (H2,
 * HSQLDB, Oracle, SQL Server, ...) decides too: its files are not linted, rather than read as
 * PostgreSQL and reported as unparsable statement by statement. Files are read as text, never
 * run: a value computed at run time (`process.env.DB_CLIENT`) says nothing. Results are cached
 * per folder for the life of the process.
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

/**
 * Databases shipshape does not read, by the names their folders, JDBC URLs and Prisma providers
 * use: a file written for one of them is not PostgreSQL either, and is left alone.
 */
const UNSUPPORTED_NAMES: Record<string, string> = {
  h2: "H2",
  hsqldb: "HSQLDB",
  hsql: "HSQLDB",
  oracle: "Oracle",
  sqlserver: "SQL Server",
  mssql: "SQL Server",
  jtds: "SQL Server",
  db2: "Db2",
  derby: "Derby",
  clickhouse: "ClickHouse",
  snowflake: "Snowflake",
  mongodb: "MongoDB",
};

/** What the project's tooling says a file is written for: a dialect shipshape reads, or a database it does not. */
export type ProjectDatabase = { dialect: SqlDialect } | { unsupported: string };

function databaseNamed(name: string): ProjectDatabase | undefined {
  const key = name.toLowerCase();
  const dialect = DIALECT_NAMES[key];
  if (dialect) return { dialect };
  const unsupported = UNSUPPORTED_NAMES[key];
  return unsupported ? { unsupported } : undefined;
}

const DRIZZLE_CONFIGS = ["ts", "mts", "cts", "js", "mjs", "cjs", "json"].map((extension) => `drizzle.config.${extension}`);
const KNEXFILES = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((extension) => `knexfile.${extension}`);
const PRISMA_SCHEMAS = ["schema.prisma", join("prisma", "schema.prisma")];
const SQLC_CONFIGS = ["sqlc.yaml", "sqlc.yml", "sqlc.json"];
/** Spring Boot's settings (beside the Flyway or Liquibase migrations under `src/main/resources`) and the migration tools' own. */
const JDBC_CONFIGS = ["application.properties", "application.yml", "application.yaml", "flyway.conf", "flyway.toml", "liquibase.properties"];
const DOTENV_FILES = [".env", ".env.example", ".env.sample"];

/** Every file, relative to a folder, that {@link projectDialect} reads there: what decides a dialect. */
export const DIALECT_SOURCES = ["migration_lock.toml", ...PRISMA_SCHEMAS, ...DRIZZLE_CONFIGS, ...SQLC_CONFIGS, ...KNEXFILES, ...JDBC_CONFIGS, ...DOTENV_FILES];

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

/**
 * The database the JDBC (or R2DBC) URLs of a JVM project's settings name: `jdbc:mysql://db/app`,
 * `jdbc:tc:postgresql:16:///app` (Testcontainers), `r2dbc:mariadb://…`, or Hibernate's
 * `org.hibernate.dialect.MySQL8Dialect`. Settings often name an in-memory database for
 * development beside the real one (H2 in one profile, PostgreSQL in another): the migrations run
 * on both, and the one shipshape reads is what they must be safe for. Undefined when the URLs
 * name two databases shipshape reads, or none.
 */
export function databaseFromJdbcSettings(text: string): ProjectDatabase | undefined {
  const settings = text.replace(/^\s*[#!][^\n]*/gmu, "");
  const named: ProjectDatabase[] = [];
  for (const match of settings.matchAll(/\b(?:jdbc|r2dbc):(?:tc:)?([a-z][a-z0-9]*)[:/]/giu)) {
    const database = databaseNamed(match[1]!);
    if (database) named.push(database);
  }
  for (const match of settings.matchAll(/\borg\.hibernate\.dialect\.(\w+)Dialect\b/gu)) {
    // `MySQL8Dialect`, `PostgreSQL95Dialect`, `MariaDB103Dialect`, `SQLServer2012Dialect`.
    const name = match[1]!.toLowerCase();
    const known = HIBERNATE_DIALECTS.find((prefix) => name.startsWith(prefix));
    const database = known === undefined ? undefined : databaseNamed(known);
    if (database) named.push(database);
  }
  return decisive(named);
}

/** The names Hibernate's dialect classes start with. */
const HIBERNATE_DIALECTS = ["postgresql", "postgres", "mysql", "mariadb", "sqlite", "h2", "hsql", "oracle", "sqlserver", "db2", "derby"];

/** The database of `DATABASE_URL` in a dotenv file: `postgres://…`, `mysql://…`, `sqlite:…`. */
export function databaseFromDotenv(text: string): ProjectDatabase | undefined {
  const url = /^[^\S\n]*(?:export\s+)?DATABASE_URL\s*=\s*["']?([a-z][a-z0-9]*)(?:\+[a-z0-9]+)?:/mu.exec(text);
  return url ? databaseNamed(url[1]!) : undefined;
}

/** One dialect shipshape reads when the names agree on it; else the first other database named, when only such are. */
function decisive(named: readonly ProjectDatabase[]): ProjectDatabase | undefined {
  const dialects = new Set(named.flatMap((database) => ("dialect" in database ? [database.dialect] : [])));
  if (dialects.size === 1) return { dialect: [...dialects][0]! };
  if (dialects.size > 1) return undefined;
  return named[0];
}

/** The `provider` of Prisma's `datasource db { provider = "mysql" … }`, as written. */
function prismaSchemaProvider(text: string): string | undefined {
  const schema = text.replace(/\/\/[^\n]*/gu, "");
  // The header, then its closing brace: one pattern for both would scan to the end of the file
  // from every header when none is closed, and `^\s*` from every line of a run of blank lines.
  const header = /^[^\S\n\r\u2028\u2029]*datasource\s+\w+\s*\{/mu.exec(schema);
  if (!header) return undefined;
  const bodyStart = header.index + header[0].length;
  const end = schema.indexOf("}", bodyStart);
  return end >= 0 ? /\bprovider\s*=\s*"([^"]+)"/u.exec(schema.slice(bodyStart, end))?.[1] : undefined;
}

/** The `provider` of Prisma Migrate's `migration_lock.toml`, as written. */
function migrationLockProvider(text: string): string | undefined {
  return /^[^\S\n\r\u2028\u2029]*provider\s*=\s*"([^"]+)"/mu.exec(text)?.[1];
}

/** The database of Prisma's `datasource db { provider = "mysql" … }` (`sqlserver` names one shipshape does not read). */
export function databaseFromPrismaSchema(text: string): ProjectDatabase | undefined {
  const provider = prismaSchemaProvider(text);
  return provider === undefined ? undefined : databaseNamed(provider);
}

/** The database of Prisma Migrate's `migration_lock.toml`: `provider = "mysql"`. */
export function databaseFromMigrationLock(text: string): ProjectDatabase | undefined {
  const provider = migrationLockProvider(text);
  return provider === undefined ? undefined : databaseNamed(provider);
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

/** The first of `names` present in `folder` whose text `read` finds a database in. */
function firstDatabase(folder: string, names: readonly string[], read: (text: string) => ProjectDatabase | undefined): ProjectDatabase | undefined {
  for (const name of names) {
    const text = readText(folder, name);
    const database = text === undefined ? undefined : read(text);
    if (database) return database;
  }
  return undefined;
}

const asDialect =
  (read: (text: string) => SqlDialect | undefined) =>
  (text: string): ProjectDatabase | undefined => {
    const dialect = read(text);
    return dialect ? { dialect } : undefined;
  };

/** sqlc's configuration: `"engine": "mysql"` (JSON) or `engine: "postgresql"` (YAML) for each of its SQL packages, when they agree. */
export function dialectFromSqlcConfig(text: string): SqlDialect | undefined {
  const engines = new Set([...withoutComments(text).matchAll(/["']?engine["']?\s*:\s*["']?([a-z0-9]+)/gu)].map((match) => DIALECT_NAMES[match[1]!]));
  return engines.size === 1 ? [...engines][0] : undefined;
}

function databaseInFolder(folder: string): ProjectDatabase | undefined {
  return (
    firstDatabase(folder, ["migration_lock.toml"], databaseFromMigrationLock) ??
    firstDatabase(folder, PRISMA_SCHEMAS, databaseFromPrismaSchema) ??
    firstDatabase(folder, DRIZZLE_CONFIGS, asDialect(dialectFromDrizzleConfig)) ??
    firstDatabase(folder, SQLC_CONFIGS, asDialect(dialectFromSqlcConfig)) ??
    firstDatabase(folder, KNEXFILES, asDialect(dialectFromKnexfile)) ??
    firstDatabase(folder, JDBC_CONFIGS, databaseFromJdbcSettings) ??
    firstDatabase(folder, DOTENV_FILES, databaseFromDotenv)
  );
}

/** What marks the root of a project: its package manifest (npm, Maven, Gradle, Go, Cargo) or its repository. */
const PROJECT_ROOT_MARKERS = ["package.json", "pom.xml", "build.gradle", "build.gradle.kts", "go.mod", "Cargo.toml", ".git"];

/** Where the search for a dialect stops going up: the nearest folder with a package manifest or .git. */
export function isProjectRoot(folder: string): boolean {
  return PROJECT_ROOT_MARKERS.some((name) => mayExist(folder, name));
}

/**
 * Folders named after the database their files are written for: projects that support several
 * keep one folder of migrations or schema files per database (`migrations/mysql/`,
 * `migrate/sqlite/`, `db/postgres/`, `db/hsqldb/`). The nearest such folder, or tooling config, decides.
 */
const DATABASE_FOLDERS = new Set([
  ...["mysql", "mariadb", "sqlite", "sqlite3", "postgres", "postgresql", "pg"],
  ...["h2", "hsqldb", "oracle", "mssql", "sqlserver", "db2", "derby", "clickhouse", "snowflake"],
]);

/** Per folder: the database found from it upwards (null: none). */
const cache = new Map<string, ProjectDatabase | null>();

/**
 * What the tooling of the project holding `filePath` says its SQL is written for, looking from
 * the file's folder up to the project root; undefined when nothing does or the path is not a
 * real file path (`<input>`, a relative name given to RuleTester).
 */
export function projectDatabase(filePath: string): ProjectDatabase | undefined {
  if (!isAbsolute(filePath)) return undefined;
  const visited: string[] = [];
  let folder = dirname(filePath);
  let found: ProjectDatabase | null = null;
  for (;;) {
    const cached = cache.get(folder);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(folder);
    const name = basename(folder).toLowerCase();
    const database = (DATABASE_FOLDERS.has(name) ? databaseNamed(name) : undefined) ?? databaseInFolder(folder);
    if (database) {
      found = database;
      break;
    }
    const parent = dirname(folder);
    if (isProjectRoot(folder) || parent === folder) break;
    folder = parent;
  }
  for (const path of visited) cache.set(path, found);
  return found ?? undefined;
}

/** The dialect the project's tooling names for `filePath`: undefined when it names none, or a database shipshape does not read. */
export function projectDialect(filePath: string): SqlDialect | undefined {
  const database = projectDatabase(filePath);
  return database && "dialect" in database ? database.dialect : undefined;
}

/** Forgets what was read (for tests that change the files). */
export function clearProjectDialectCache(): void {
  cache.clear();
  listings.clear();
}
