import { parseArgs } from "node:util";
import { parseMigrationVersion } from "../sql-lint/language/migration-version.ts";
import { SQL_DIALECTS, type SqlDialect } from "../sql-lint/language/dialects.ts";
import { closeRuleIds, isRuleId } from "./rule-names.ts";

/** Characters that make a path argument a glob pattern (ESLint expands those itself). */
export const GLOB_CHARACTERS = /[*?{}[\]]/u;

export const FORMATS = ["stylish", "json", "sarif", "github"] as const;
export type Format = (typeof FORMATS)[number];

export const CACHE_STRATEGIES = ["metadata", "content"] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

/** Where the baseline is kept unless --suppressions-location says otherwise (ESLint's format, our own file). */
export const DEFAULT_SUPPRESSIONS_FILE = "shipshape-suppressions.json";

export interface CliOptions {
  paths: string[];
  format: Format;
  /** Unset: each file's dialect comes from its project's tooling (Prisma, drizzle, knex), else PostgreSQL. */
  dialect: SqlDialect | undefined;
  pgVersion: number | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  cache: boolean;
  cacheLocation: string;
  cacheStrategy: CacheStrategy;
  concurrency: number | "auto" | "off";
  /** Lint only the files added or modified since this git revision. */
  changedSince: string | undefined;
  /** Skip migrations whose version sorts at or before this one. */
  startAfter: string | undefined;
  suppressAll: boolean;
  /** Rules whose current errors --suppress-rule adds to the baseline. */
  suppressRules: string[];
  /** Opt-in rules to run too, as warnings (--enable). */
  enableRules: string[];
  pruneSuppressions: boolean;
  suppressionsLocation: string | undefined;
  passOnUnprunedSuppressions: boolean;
  outputFile: string | undefined;
  /** An ESLint config file to lint with (shipshape's rules only), instead of looking one up. */
  config: string | undefined;
  /** Look up the project's ESLint config (and use it when it uses shipshape); off with --no-config-lookup. */
  configLookup: boolean;
  /** More files to leave out, as ESLint's `--ignore-pattern` (globs relative to the current folder). */
  ignorePatterns: string[];
  /** Whether a file named on the command line but ignored gets a warning (ESLint's --no-warn-ignored turns it off). */
  warnIgnored: boolean;
  stdin: boolean;
  stdinFilename: string | undefined;
  help: boolean;
  version: boolean;
}

/** Bad usage: reported as one line on stderr with exit code 2. */
export class UsageError extends Error {}

/** The first line of an error's message: the one-line reason the command prints. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export const HELP = `Usage: shipshape [options] [paths...]

Lints JS/TS services, SQL migrations and deployment YAML for production-readiness
problems. Paths default to the current folder, and must lie within it.

Configuration:
  When the project's ESLint config (eslint.config.js, .mjs, .cjs, .ts, found as ESLint finds
  it: from the current folder and each path given, upwards) uses shipshape's plugin, the
  command lints with it: its dialect, pgVersion, startAfter, ignores, rule options and
  severities, running shipshape's rules only. Otherwise it lints with its built-in config
  (shipshape's recommended configs for JS/TS, SQL and YAML) and respects .gitignore.
  -c, --config <path>         lint with this ESLint config file (shipshape's rules only)
      --no-config-lookup      always use the built-in config

Options:
  -f, --format <name>         stylish (default), json, sarif or github
  -o, --output-file <path>    write the report to a file instead of stdout
      --dialect <name>        SQL dialect of .sql files: postgresql, mysql, mariadb, sqlite
                              (default: the project's Prisma, drizzle or knex config, else postgresql)
      --pg-version <n>        PostgreSQL major version the migrations run against
      --max-warnings <n>      exit 1 when there are more than n warnings
      --quiet                 report errors only
      --fix                   apply the safe automatic fixes to the files
      --ignore-pattern <glob> leave out the files matching this pattern, relative to the
                              current folder, as in ESLint (repeatable): "ansible/templates/"
      --no-warn-ignored       no warning for an ignored file named on the command line
                              (for hooks that pass every staged file, lockfiles included)
      --enable <rule>         also run this rule, as a warning: for the opt-in rules the
                              recommended configs leave off (repeatable; the shipshape/
                              prefix is optional)

Pull requests and existing code:
      --changed-since <ref>   lint only files added or modified since the merge base with
                              git revision <ref> (committed, staged, unstaged and untracked;
                              renames followed, deletions skipped), within the paths given;
                              needs <ref> and the history to the merge base (a shallow CI
                              clone: git fetch --unshallow origin main:refs/remotes/origin/main)
      --start-after <version> skip SQL migrations whose version sorts at or before this one
                              (20240131120000, V12, 0042 or a migration's file name)
      --suppress-all          record every current error in the baseline file
      --suppress-rule <rule>  record the current errors of this shipshape rule (repeatable;
                              the shipshape/ prefix is optional)
      --prune-suppressions    drop baseline entries for errors that no longer occur
      --suppressions-location <path>
                              the baseline file (default ${DEFAULT_SUPPRESSIONS_FILE})
      --pass-on-unpruned-suppressions
                              do not fail when the baseline lists errors that are gone

Speed:
      --cache                 only re-lint changed files (cache in .shipshapecache); a changed
                              config, Prisma schema, drizzle config or knexfile re-lints all,
                              a changed migration re-lints the migrations of its folder
      --cache-location <p>    where to keep the cache
      --cache-strategy <s>    how the cache sees a change: metadata (default) or content,
                              which survives a fresh checkout on another machine
      --concurrency <n>       worker threads: a number, auto (default) or off

      --stdin                 lint text from standard input
      --stdin-filename <p>    the path the text from standard input stands for
  -h, --help                  show this help
  -v, --version               show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings, or baseline entries that no
longer occur), 2 bad usage or internal failure.`;

function integer(name: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/u.test(value) || Number(value) < minimum) {
    throw new UsageError(`--${name} expects a whole number of at least ${minimum}, got "${value}"`);
  }
  return Number(value);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got "${value}"`);
  }
  return value as T;
}

/**
 * The rule id an option names (`no-drop-column` or `shipshape/no-drop-column`): a misspelled
 * rule would record nothing in the baseline (--suppress-rule), or run nothing (--enable), without a word.
 */
function ruleIdOf(option: string, given: string): string {
  const id = given.includes("/") ? given : `shipshape/${given}`;
  if (isRuleId(id)) return id;
  const close = closeRuleIds(id);
  const hint = close.length > 0 ? `; did you mean ${close.join(", ")}?` : "; see the rule table in shipshape's README";
  throw new UsageError(`--${option}: shipshape has no rule "${given}"${hint}`);
}

export function parseCliArguments(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        "output-file": { type: "string", short: "o" },
        "ignore-pattern": { type: "string", multiple: true },
        "no-warn-ignored": { type: "boolean" },
        dialect: { type: "string" },
        "pg-version": { type: "string" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean" },
        fix: { type: "boolean" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        "cache-strategy": { type: "string" },
        concurrency: { type: "string" },
        "changed-since": { type: "string" },
        "start-after": { type: "string" },
        "suppress-all": { type: "boolean" },
        "suppress-rule": { type: "string", multiple: true },
        enable: { type: "string", multiple: true },
        "prune-suppressions": { type: "boolean" },
        "suppressions-location": { type: "string" },
        "pass-on-unpruned-suppressions": { type: "boolean" },
        config: { type: "string", short: "c" },
        "no-config-lookup": { type: "boolean" },
        stdin: { type: "boolean" },
        "stdin-filename": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    // Node's messages are long and end in advice about `--`; the first sentence is the reason.
    const message = error instanceof Error ? error.message.split(/\.\s/u)[0]! : String(error);
    throw new UsageError(message.replace(/\.$/u, ""));
  }
  const { values, positionals } = parsed;

  const concurrencyText = values.concurrency ?? "auto";
  const concurrency =
    concurrencyText === "auto" || concurrencyText === "off" ? concurrencyText : integer("concurrency", concurrencyText, 1)!;

  const options: CliOptions = {
    paths: positionals.length > 0 ? positionals : ["."],
    format: oneOf("format", values.format, FORMATS, "stylish"),
    dialect: values.dialect === undefined ? undefined : oneOf("dialect", values.dialect, SQL_DIALECTS, "postgresql"),
    pgVersion: integer("pg-version", values["pg-version"], 9),
    maxWarnings: integer("max-warnings", values["max-warnings"], 0),
    quiet: values.quiet ?? false,
    fix: values.fix ?? false,
    cache: values.cache ?? false,
    cacheLocation: values["cache-location"] ?? ".shipshapecache",
    cacheStrategy: oneOf("cache-strategy", values["cache-strategy"], CACHE_STRATEGIES, "metadata"),
    concurrency,
    changedSince: values["changed-since"],
    startAfter: values["start-after"],
    suppressAll: values["suppress-all"] ?? false,
    suppressRules: (values["suppress-rule"] ?? []).map((rule) => ruleIdOf("suppress-rule", rule)),
    enableRules: (values.enable ?? []).map((rule) => ruleIdOf("enable", rule)),
    pruneSuppressions: values["prune-suppressions"] ?? false,
    suppressionsLocation: values["suppressions-location"],
    passOnUnprunedSuppressions: values["pass-on-unpruned-suppressions"] ?? false,
    outputFile: values["output-file"],
    config: values.config,
    configLookup: !(values["no-config-lookup"] ?? false),
    ignorePatterns: values["ignore-pattern"] ?? [],
    warnIgnored: !(values["no-warn-ignored"] ?? false),
    stdin: values.stdin ?? false,
    stdinFilename: values["stdin-filename"],
    help: values.help ?? false,
    version: values.version ?? false,
  };

  if (options.ignorePatterns.some((pattern) => pattern.trim() === "")) throw new UsageError("--ignore-pattern expects a glob pattern, got an empty one");
  if (options.pgVersion !== undefined && options.dialect !== undefined && options.dialect !== "postgresql") {
    throw new UsageError("--pg-version only applies to --dialect postgresql");
  }
  if (options.startAfter !== undefined && parseMigrationVersion(options.startAfter) === undefined) {
    throw new UsageError(`--start-after expects a migration version such as 20240131120000, V12 or 0042, got "${options.startAfter}"`);
  }
  if (options.changedSince !== undefined) {
    if (options.changedSince === "" || options.changedSince.startsWith("-")) {
      throw new UsageError(`--changed-since expects a git revision such as origin/main, got "${options.changedSince}"`);
    }
    const glob = options.paths.find((given) => GLOB_CHARACTERS.test(given));
    if (glob) throw new UsageError(`with --changed-since, give files or folders, not the glob pattern "${glob}"`);
  }
  const suppressing = [
    options.suppressAll && "--suppress-all",
    options.suppressRules.length > 0 && "--suppress-rule",
    options.pruneSuppressions && "--prune-suppressions",
  ].filter((flag): flag is string => typeof flag === "string");
  if (suppressing.length > 1) throw new UsageError(`${suppressing[0]} and ${suppressing[1]} cannot be used together`);
  if (options.config !== undefined && !options.configLookup) throw new UsageError("--config and --no-config-lookup cannot be used together");
  if (options.stdin) {
    if (!options.stdinFilename) throw new UsageError("--stdin needs --stdin-filename to know which rules apply");
    if (positionals.length > 0) throw new UsageError("--stdin lints standard input; do not pass paths as well");
    if (options.fix) throw new UsageError("--fix cannot write standard input back; lint the file itself instead");
    if (options.changedSince !== undefined) throw new UsageError("--changed-since selects files to lint; it does not apply to --stdin");
    if (suppressing.length > 0) throw new UsageError(`${suppressing[0]} updates the baseline from whole files; it does not apply to --stdin`);
  } else if (options.stdinFilename) {
    throw new UsageError("--stdin-filename only applies with --stdin");
  }
  return options;
}
