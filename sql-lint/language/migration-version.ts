/**
 * The version of a migration file, read from its name the way the common migration runners
 * name them, so that migrations applied before a baseline (strong_migrations' `start_after`)
 * can be skipped.
 *
 * - 14-digit timestamps: Rails, goose, dbmate, Atlas, sqlx, golang-migrate (`20240131120000_add_email.sql`)
 * - numbered prefixes: golang-migrate, Django-style SQL, Knex (`0042_add_email.sql`, `000042_add_email.up.sql`)
 * - Flyway: `V12__add_email.sql`, `V1.2.3__…`, `V1_2__…` (parts compared as numbers: 1.10 after 1.9)
 * - dates with separators: Diesel (`2024-01-31-120000_add_email/up.sql`), Laravel (`2024_01_31_120000_…`)
 * - a release and a Unix timestamp: `1.30.0-1751400000-add-email.ts`, `next-1786373004-….ts` (logto's
 *   alterations, applied in timestamp order; `next` is the release being prepared)
 * - folder per migration: Prisma (`20240131120000_add_email/migration.sql`), Diesel: when the file
 *   name carries no version, its folder's name does.
 */
import path from "node:path";
import { codeFileOfBlock } from "../embedded/migration-files.ts";

/** Numeric parts compared left to right, as digit strings without leading zeros ("0" for zero). */
export type MigrationVersion = readonly string[];

const FLYWAY_FILE = /^V(\d+(?:[._]\d+)*)__/u;
const FLYWAY_VERSION = /^[Vv](\d+(?:[._]\d+)*)(?:__|$)/u;
const SEPARATED_DATE = /^(\d{4})[-_](\d{2})[-_](\d{2})[-_](\d{6})(?!\d)/u;
const DOTTED = /^\d+(?:\.\d+)+$/u;
/** `1.30.0-1751400000-…`, `1.0.0_beta.14-1665300135-…`, `next-1786373004-…`: a release, then a Unix timestamp. */
const RELEASE_STAMPED = /^(\d+\.\d+\.\d+(?:[-_.][0-9A-Za-z.]+?)?|next)-(\d{9,13})(?:-|$)/u;
const LEADING_NUMBER = /^(\d+)(?![\d.])|^(\d+)(?=\.[A-Za-z])/u;
/** `V0007.ConsistencyFixes.up.sql` (authelia's layout): a `V`, a number, then a dot and the name. */
const V_NUMBER_DOT_NAME = /^V(\d+)(?=\.[A-Za-z])/u;
/** A folder named like a migration: a version then a description (`20240131120000_init`), or a long timestamp alone. */
const MIGRATION_FOLDER = /^\d+[_-]|^\d{8,}$/u;

function parts(digits: string[]): MigrationVersion {
  return digits.map((part) => part.replace(/^0+(?=\d)/u, ""));
}

/** The version a name (without directories or `.sql`) starts with, if any. */
function versionOfName(name: string, flywayPattern: RegExp): MigrationVersion | undefined {
  const flyway = flywayPattern.exec(name);
  if (flyway) return parts(flyway[1]!.split(/[._]/u));
  const date = SEPARATED_DATE.exec(name);
  if (date) return parts([date.slice(1).join("")]);
  if (DOTTED.test(name)) return parts(name.split("."));
  const stamped = RELEASE_STAMPED.exec(name);
  if (stamped) return parts([stamped[2]!]);
  const number = LEADING_NUMBER.exec(name) ?? V_NUMBER_DOT_NAME.exec(name);
  if (number) return parts([number[1] ?? number[2]!]);
  return undefined;
}

/**
 * Reads a version given by a user: `20240131120000`, `V12`, `12`, `1.2.3`, `0042`, or the name
 * (or path) of the migration file or folder itself.
 */
export function parseMigrationVersion(value: string | number): MigrationVersion | undefined {
  const text = String(value).trim();
  if (text === "") return undefined;
  return versionOfName(path.basename(text).replace(/\.sql$/iu, ""), FLYWAY_VERSION);
}

/** The path of the migration without `.sql`, or for SQL from a migration written in code (`<file.ts>/<n>_up.sql`), the code file's without its extension. */
function migrationName(filePath: string): string {
  const normalized = filePath.split(path.sep).join("/");
  const codeFile = codeFileOfBlock(normalized) ?? (/\.[cm]?[jt]sx?$/iu.test(normalized) ? normalized : undefined);
  return codeFile ? codeFile.replace(/\.[cm]?[jt]sx?$/iu, "") : normalized;
}

/**
 * The release a migration belongs to, when its name says (`1.30.0-1751400000-…` → `1.30.0`,
 * `next-…` → `next`): migrations of one release ship together, so none of the code running
 * during its deploy knows what another of them added.
 */
export function migrationRelease(filePath: string): string | undefined {
  return RELEASE_STAMPED.exec(path.posix.basename(migrationName(filePath)))?.[1];
}

/**
 * The version of the migration at `filePath`: from the file's name, or, when that has none
 * (`migration.sql`, `up.sql`), from the name of the folder it is in. Undefined for files that
 * are not numbered migrations (Flyway's repeatable `R__views.sql`, `schema.sql`, seeds).
 */
export function migrationVersionOf(filePath: string): MigrationVersion | undefined {
  // Asked for every migration of a folder each time a rule reads its history: read once per path.
  if (versions.has(filePath)) return versions.get(filePath);
  if (versions.size >= MAX_REMEMBERED_VERSIONS) versions.clear();
  const version = readMigrationVersion(filePath);
  versions.set(filePath, version);
  return version;
}

const versions = new Map<string, MigrationVersion | undefined>();
const MAX_REMEMBERED_VERSIONS = 50_000;

function readMigrationVersion(filePath: string): MigrationVersion | undefined {
  const normalized = migrationName(filePath);
  const fromFile = versionOfName(path.posix.basename(normalized).replace(/\.sql$/iu, ""), FLYWAY_FILE);
  if (fromFile) return fromFile;
  const folder = path.posix.basename(path.posix.dirname(normalized));
  return MIGRATION_FOLDER.test(folder) ? versionOfName(folder, FLYWAY_FILE) : undefined;
}

/**
 * The moment a timestamped version names (`20240131120000`, Diesel's `2024-01-31-120000`), in
 * milliseconds since 1970 (UTC, as the runners write them); undefined for numbered versions.
 */
export function migrationTime(version: MigrationVersion): number | undefined {
  if (version.length !== 1) return undefined;
  const first = version[0]!;
  // Unix time in seconds (logto's alterations) or milliseconds (TypeORM, node-pg-migrate).
  const unix = /^\d{10}$/u.test(first) ? Number(first) * 1000 : /^\d{13}$/u.test(first) ? Number(first) : undefined;
  if (unix !== undefined) return unix >= Date.UTC(1990, 0) && unix < Date.UTC(2200, 0) ? unix : undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/u.exec(first);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Negative when `a` sorts before `b`; a missing part counts as zero (1 = 1.0). */
export function compareMigrationVersions(a: MigrationVersion, b: MigrationVersion): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index] ?? "0";
    const right = b[index] ?? "0";
    if (left.length !== right.length) return left.length - right.length;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** Whether the migration at `filePath` was applied at or before the baseline version `startAfter`. */
export function isMigrationAtOrBefore(filePath: string, startAfter: string | number): boolean {
  const baseline = parseMigrationVersion(startAfter);
  const version = migrationVersionOf(filePath);
  return baseline !== undefined && version !== undefined && compareMigrationVersions(version, baseline) <= 0;
}
