import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import packageJson from "../package.json" with { type: "json" };
import { JS_FILES, SQL_FILES, YAML_FILES } from "../index.ts";
import { RULE_CATALOG } from "../rules/utils/rule-catalog.ts";
import { cacheKeyConfigs } from "./cache-key.ts";
import { changedFiles, withinPaths } from "./changed-files.ts";
import { createEslint, type EslintSettings } from "./eslint-options.ts";
import { withoutForeignDirectiveMessages } from "./foreign-messages.ts";
import { formatGithub } from "./formatters/github.ts";
import { gitIgnored } from "./gitignore.ts";
import { DEFAULT_SUPPRESSIONS_FILE, firstLine, GLOB_CHARACTERS, HELP, parseCliArguments, UsageError, type CliOptions } from "./options.ts";
import { chooseConfig, type ConfigChoice } from "./project-config.ts";
import { prepareOutputFile, writeOutputFile } from "./output-file.ts";
import { applyBaseline } from "./suppressions.ts";
import { findUnreadableFiles, holdsLintableFile, LINTABLE } from "./unreadable-files.ts";

/** The config module ESLint (and each of its worker threads) loads: built beside this file. */
/** `--enable`: each rule on the files of its language, as a warning (an error rule stays an error). */
function enabledRulesConfig(ruleIds: readonly string[]): Linter.Config[] {
  const files = { js: JS_FILES, sql: SQL_FILES, yaml: YAML_FILES };
  return ruleIds.flatMap((id) => {
    const name = id.slice("shipshape/".length);
    const language = (Object.keys(RULE_CATALOG) as (keyof typeof RULE_CATALOG)[]).find((candidate) => name in RULE_CATALOG[candidate]);
    if (!language) return [];
    return [{ files: files[language], rules: { [id]: RULE_CATALOG[language][name]!.recommended || "warn" } }];
  });
}

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
async function lintPaths(makeEslint: (ignores: string[]) => Promise<ESLint>, paths: string[], failed: ESLint.LintResult[]) {
  const ignored = failed.map((result) => result.filePath);
  for (;;) {
    const eslint = await makeEslint(ignored);
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
  return paths.filter((p) => !GLOB_CHARACTERS.test(p) && !exists(path.resolve(cwd, p)));
}

/** Paths outside `cwd`: ESLint takes them for ignored and would lint nothing there, silently. */
function outsidePaths(paths: string[], cwd: string): string[] {
  return paths.filter((p) => {
    const relative = path.relative(cwd, path.resolve(cwd, p));
    return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  });
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The baseline file: --suppressions-location (a folder gets the default name inside), else the default in `cwd`. */
function suppressionsFile(options: CliOptions, cwd: string): string {
  const location = path.resolve(cwd, options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS_FILE);
  return isDirectory(location) ? path.join(location, DEFAULT_SUPPRESSIONS_FILE) : location;
}

function errors(count: number): string {
  return count === 1 ? "1 error" : `${count} errors`;
}

/** The files --changed-since selects: changed, lintable, within the paths given. */
function changedPaths(options: CliOptions, cwd: string): string[] {
  const changed = changedFiles(options.changedSince!, cwd).filter((file) => LINTABLE.test(file) && !isDirectory(file));
  return withinPaths(changed, options.paths, cwd).filter((file) => !file.split(path.sep).includes("node_modules"));
}

async function format(options: CliOptions, eslint: ESLint, results: ESLint.LintResult[], cwd: string): Promise<string> {
  switch (options.format) {
    case "github":
      return formatGithub(results, cwd);
    case "sarif": {
      // Loaded for SARIF runs only: it reads every rule's documentation.
      const { formatSarif } = await import("./formatters/sarif.ts");
      return formatSarif(results, { cwd, rulesMeta: eslint.getRulesMetaForResults(results) });
    }
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
  const outside = outsidePaths(options.stdin ? [options.stdinFilename!] : options.paths, io.cwd);
  if (outside.length > 0) {
    io.stderr(`shipshape: ${outside.join(", ")} is outside the current folder, where shipshape does not lint; run it from a folder that contains the path\n`);
    return 2;
  }

  let config: ConfigChoice;
  try {
    config = await chooseConfig(io.cwd, options.stdin ? [path.dirname(options.stdinFilename!)] : options.paths, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`shipshape: ${error.message}\n`);
    return 2;
  }
  // Before linting: a report that cannot be written is a usage error, not a lost run.
  if (options.outputFile) prepareOutputFile(path.resolve(io.cwd, options.outputFile), options.outputFile);

  const baselineFile = suppressionsFile(options, io.cwd);
  const updatingBaseline = options.suppressAll || options.suppressRules.length > 0;
  const baselineExists = fs.existsSync(baselineFile);
  if (options.suppressionsLocation !== undefined && !baselineExists && !updatingBaseline) {
    io.stderr(`shipshape: the baseline ${options.suppressionsLocation} does not exist; create it with --suppress-all or --suppress-rule\n`);
    return 2;
  }

  let lintTargets = options.paths;
  if (options.changedSince !== undefined) {
    try {
      lintTargets = changedPaths(options, io.cwd);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr(`shipshape: ${error.message}\n`);
      return 2;
    }
  }

  // The SQL options given on the command line override the config's.
  const sqlLanguageOptions = {
    // Without --dialect the language reads each file's dialect from the config, else its project.
    ...(options.dialect ? { dialect: options.dialect } : {}),
    ...(options.pgVersion ? { pgVersion: options.pgVersion } : {}),
    ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
  };
  const overrideConfig: Linter.Config[] = Object.keys(sqlLanguageOptions).length > 0 ? [{ files: SQL_FILES, languageOptions: sqlLanguageOptions }] : [];
  overrideConfig.push(...enabledRulesConfig(options.enableRules));
  // The built-in config respects .gitignore; a project's own config has its own ignores.
  const ignored = config.kind === "built-in" ? gitIgnored(io.cwd) : { patterns: [], directories: new Set<string>() };
  const cacheKey = options.cache && !options.stdin ? cacheKeyConfigs(lintTargets, io.cwd, ignored.directories, options.cacheStrategy) : [];
  const makeEslint = (extraIgnores: string[]) => {
    const settings: EslintSettings = {
      cwd: io.cwd,
      overrideConfigFile: config.kind === "built-in" ? CONFIG_FILE : config.file,
      overrideConfig: [...overrideConfig, ...cacheKey],
      ignorePatterns: [...ignored.patterns, ...options.ignorePatterns, ...extraIgnores.map((file) => path.relative(io.cwd, file))],
      errorOnUnmatchedPattern: false,
      // Changed files are named one by one; those the config leaves out are skipped quietly.
      warnIgnored: options.warnIgnored && options.changedSince === undefined,
      fix: options.fix,
      namespaces: config.namespaces,
      cache: options.cache,
      cacheLocation: path.resolve(io.cwd, options.cacheLocation),
      cacheStrategy: options.cacheStrategy,
      concurrency: options.stdin ? "off" : options.concurrency,
      // Text from standard input gets the baseline from ESLint itself; files get it below.
      ...(options.stdin && baselineExists ? { applySuppressions: true, suppressionsLocation: baselineFile } : {}),
    };
    return createEslint(settings);
  };

  let eslint: ESLint;
  let results: ESLint.LintResult[];
  if (options.stdin) {
    eslint = await makeEslint([]);
    const filePath = path.resolve(io.cwd, options.stdinFilename!);
    const text = await io.readStdin();
    try {
      results = await eslint.lintText(text, { filePath, warnIgnored: true });
    } catch (error) {
      results = [fatalResult(filePath, `shipshape failed on this file: ${firstLine(error)}`)];
    }
  } else if (lintTargets.length === 0) {
    // Nothing changed: ESLint would take an empty list for the current folder.
    eslint = await makeEslint([]);
    results = [];
  } else {
    const unreadable = findUnreadableFiles(lintTargets, io.cwd, ignored.directories).map(({ file, reason }) =>
      fatalResult(file, `shipshape cannot read this file: ${reason}.`),
    );
    ({ eslint, results } = await lintPaths(makeEslint, lintTargets, unreadable));
    if (options.fix) await ESLint.outputFixes(results);
  }
  results = withoutForeignDirectiveMessages(results, config.namespaces);

  let unusedSuppressions = 0;
  if (!options.stdin && (updatingBaseline || options.pruneSuppressions || baselineExists)) {
    const baseline = await applyBaseline(results, {
      file: baselineFile,
      cwd: io.cwd,
      suppressAll: options.suppressAll,
      suppressRules: options.suppressRules,
      prune: options.pruneSuppressions,
    });
    ({ results, unusedCount: unusedSuppressions } = baseline);
    if (updatingBaseline || options.pruneSuppressions) {
      io.stderr(`shipshape: baseline ${path.relative(io.cwd, baselineFile)} written; it covers ${errors(baseline.suppressedCount)} found now\n`);
    }
  }

  const reported = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await format(options, eslint, reported, io.cwd);
  if (options.outputFile) {
    writeOutputFile(path.resolve(io.cwd, options.outputFile), options.outputFile, output);
  } else {
    io.stdout(output);
  }

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warningCount = results.reduce((sum, result) => sum + result.warningCount, 0);
  // A path given that holds files to lint, all of them ignored, is not a pass (unless --no-warn-ignored asks for silence).
  if (results.length === 0 && !options.stdin && options.changedSince === undefined && options.warnIgnored) {
    // (The current folder itself is the project: what its config ignores there is its choice.)
    const ignoredPaths = options.paths.filter(
      (given) => !GLOB_CHARACTERS.test(given) && path.resolve(io.cwd, given) !== io.cwd && holdsLintableFile(path.resolve(io.cwd, given)),
    );
    if (ignoredPaths.length > 0) {
      const by = config.kind === "project" ? `the ignores of ${path.relative(io.cwd, config.file) || config.file}` : ".gitignore, --ignore-pattern or the default ignores";
      const instead = config.kind === "project" ? "; --no-config-lookup lints them with the built-in config" : "";
      io.stderr(`shipshape: every file to lint in ${ignoredPaths.join(", ")} is ignored (by ${by}), so nothing was linted${instead}\n`);
      return 2;
    }
  }
  if (results.length === 0 && !options.stdin && options.format === "stylish") {
    const where = options.paths.join(", ");
    io.stderr(
      options.changedSince === undefined
        ? `shipshape: no JS/TS, SQL or YAML files to lint in ${where}\n`
        : `shipshape: no JS/TS, SQL or YAML files changed since ${options.changedSince} in ${where}\n`,
    );
  }
  if (unusedSuppressions > 0 && !options.passOnUnprunedSuppressions) {
    const verb = unusedSuppressions === 1 ? "is" : "are";
    io.stderr(
      `shipshape: the baseline ${path.relative(io.cwd, baselineFile)} records ${errors(unusedSuppressions)} that ${verb} gone; ` +
        "update it with --prune-suppressions (or pass --pass-on-unpruned-suppressions)\n",
    );
    return 1;
  }
  if (errorCount > 0) return 1;
  if (options.maxWarnings !== undefined && warningCount > options.maxWarnings) {
    io.stderr(`shipshape: ${warningCount} warnings exceed --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
