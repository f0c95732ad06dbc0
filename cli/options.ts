import { parseArgs } from "node:util";
import { SQL_DIALECTS, type SqlDialect } from "../sql-lint/language/sql-language.ts";

export const FORMATS = ["stylish", "json", "sarif", "github"] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  format: Format;
  dialect: SqlDialect;
  pgVersion: number | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
  fix: boolean;
  cache: boolean;
  cacheLocation: string;
  concurrency: number | "auto" | "off";
  outputFile: string | undefined;
  stdin: boolean;
  stdinFilename: string | undefined;
  help: boolean;
  version: boolean;
}

/** Bad usage: reported as one line on stderr with exit code 2. */
export class UsageError extends Error {}

export const HELP = `Usage: shipshape [options] [paths...]

Lints JS/TS services, SQL migrations and deployment YAML for production-readiness
problems. Paths default to the current folder; .gitignore is respected.

Options:
  -f, --format <name>       stylish (default), json, sarif or github
  -o, --output-file <path>  write the report to a file instead of stdout
      --dialect <name>      SQL dialect of .sql files: postgresql (default), mysql, sqlite
      --pg-version <n>      PostgreSQL major version the migrations run against
      --max-warnings <n>    exit 1 when there are more than n warnings
      --quiet               report errors only
      --fix                 apply the safe automatic fixes to the files
      --cache               only re-lint changed files (cache in .shipshapecache)
      --cache-location <p>  where to keep the cache
      --concurrency <n>     worker threads: a number, auto (default) or off
      --stdin               lint text from standard input
      --stdin-filename <p>  the path the text from standard input stands for
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 bad usage or internal failure.`;

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
        dialect: { type: "string" },
        "pg-version": { type: "string" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean" },
        fix: { type: "boolean" },
        cache: { type: "boolean" },
        "cache-location": { type: "string" },
        concurrency: { type: "string" },
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
    dialect: oneOf("dialect", values.dialect, SQL_DIALECTS, "postgresql"),
    pgVersion: integer("pg-version", values["pg-version"], 9),
    maxWarnings: integer("max-warnings", values["max-warnings"], 0),
    quiet: values.quiet ?? false,
    fix: values.fix ?? false,
    cache: values.cache ?? false,
    cacheLocation: values["cache-location"] ?? ".shipshapecache",
    concurrency,
    outputFile: values["output-file"],
    stdin: values.stdin ?? false,
    stdinFilename: values["stdin-filename"],
    help: values.help ?? false,
    version: values.version ?? false,
  };

  if (options.pgVersion !== undefined && options.dialect !== "postgresql") {
    throw new UsageError("--pg-version only applies to --dialect postgresql");
  }
  if (options.stdin) {
    if (!options.stdinFilename) throw new UsageError("--stdin needs --stdin-filename to know which rules apply");
    if (positionals.length > 0) throw new UsageError("--stdin lints standard input; do not pass paths as well");
    if (options.fix) throw new UsageError("--fix cannot write standard input back; lint the file itself instead");
  } else if (options.stdinFilename) {
    throw new UsageError("--stdin-filename only applies with --stdin");
  }
  return options;
}
