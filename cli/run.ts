import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import sarifFormatter from "@microsoft/eslint-formatter-sarif";
import packageJson from "../package.json" with { type: "json" };
import { SQL_FILES } from "../index.ts";
import { formatGithub } from "./formatters/github.ts";
import { gitIgnored } from "./gitignore.ts";
import { HELP, parseCliArguments, UsageError, type CliOptions } from "./options.ts";
import { findUnreadableFiles } from "./unreadable-files.ts";

/** The config module ESLint (and each of its worker threads) loads: built beside this file. */
const CONFIG_FILE = fileURLToPath(new URL(`./lint-config${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url));

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

/** An internal failure of ESLint that names the file it happened in. */
const FAILING_FILE = /Occurred while linting (.+?)(?::\d+)?$/mu;

function fatalResult(filePath: string, message: string): ESLint.LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line: 1, column: 1 }],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/** The file an exception was raised for: a read error's path, or the file ESLint names. */
function failingFile(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && typeof (error as { path?: unknown }).path === "string") {
    return (error as { path: string }).path;
  }
  return FAILING_FILE.exec(error instanceof Error ? error.message : "")?.[1];
}

/**
 * Lints the paths; when reading a file fails, or a rule or parser throws on it, that file
 * becomes a fatal finding and the run goes on without it, so one hostile file never hides
 * the findings of the others.
 */
async function lintPaths(makeEslint: (ignores: string[]) => ESLint, paths: string[], failed: ESLint.LintResult[]) {
  const ignored = failed.map((result) => result.filePath);
  for (;;) {
    const eslint = makeEslint(ignored);
    try {
      const results = [...(await eslint.lintFiles(paths)), ...failed];
      return { eslint, results: results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0)) };
    } catch (error) {
      const file = failingFile(error);
      if (!file || ignored.includes(file) || failed.length >= 100) throw error;
      failed.push(fatalResult(file, `shipshape could not lint this file: ${firstLine(error)}`));
      ignored.push(file);
    }
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function missingPaths(paths: string[], cwd: string): string[] {
  return paths.filter((p) => !/[*?{}[\]]/u.test(p) && !exists(path.resolve(cwd, p)));
}

async function format(options: CliOptions, eslint: ESLint, results: ESLint.LintResult[], cwd: string): Promise<string> {
  switch (options.format) {
    case "github":
      return formatGithub(results, cwd);
    case "sarif":
      return `${sarifFormatter(results, { rulesMeta: eslint.getRulesMetaForResults(results) })}\n`;
    case "json":
    case "stylish": {
      const formatter = await eslint.loadFormatter(options.format);
      const text = await formatter.format(results);
      return options.format === "json" ? `${text}\n` : text;
    }
  }
}

/** Runs the `shipshape` command and returns its exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`shipshape: ${error.message} (see shipshape --help)\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout(`${packageJson.version}\n`);
    return 0;
  }

  const missing = options.stdin ? [] : missingPaths(options.paths, io.cwd);
  if (missing.length > 0) {
    io.stderr(`shipshape: no such file or folder: ${missing.join(", ")}\n`);
    return 2;
  }

  const sqlOptions: Linter.Config = {
    files: SQL_FILES,
    languageOptions: { dialect: options.dialect, ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}) },
  };
  const ignored = gitIgnored(io.cwd);
  const makeEslint = (extraIgnores: string[]) =>
    new ESLint({
      cwd: io.cwd,
      overrideConfigFile: CONFIG_FILE,
      overrideConfig: [sqlOptions],
      ignorePatterns: [...ignored.patterns, ...extraIgnores.map((file) => path.relative(io.cwd, file))],
      errorOnUnmatchedPattern: false,
      fix: options.fix,
      cache: options.cache,
      cacheLocation: path.resolve(io.cwd, options.cacheLocation),
      concurrency: options.stdin ? "off" : options.concurrency,
    });

  let eslint: ESLint;
  let results: ESLint.LintResult[];
  if (options.stdin) {
    eslint = makeEslint([]);
    const filePath = path.resolve(io.cwd, options.stdinFilename!);
    const text = await io.readStdin();
    try {
      results = await eslint.lintText(text, { filePath, warnIgnored: true });
    } catch (error) {
      results = [fatalResult(filePath, `shipshape failed on this file: ${firstLine(error)}`)];
    }
  } else {
    const unreadable = findUnreadableFiles(options.paths, io.cwd, ignored.directories).map(({ file, reason }) =>
      fatalResult(file, `shipshape cannot read this file: ${reason}.`),
    );
    ({ eslint, results } = await lintPaths(makeEslint, options.paths, unreadable));
    if (options.fix) await ESLint.outputFixes(results);
  }

  const reported = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await format(options, eslint, reported, io.cwd);
  if (options.outputFile) {
    const target = path.resolve(io.cwd, options.outputFile);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, output);
  } else {
    io.stdout(output);
  }

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (results.length === 0 && !options.stdin && options.format === "stylish") {
    io.stderr(`shipshape: no JS/TS, SQL or YAML files to lint in ${options.paths.join(", ")}\n`);
  }
  if (errorCount > 0) return 1;
  if (options.maxWarnings !== undefined && warningCount > options.maxWarnings) {
    io.stderr(`shipshape: ${warningCount} warnings exceed --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
