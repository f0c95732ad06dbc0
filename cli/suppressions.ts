/**
 * Baselines through ESLint's bulk suppressions: the same file format, the same counting and
 * the same service class ESLint's own CLI uses for `--suppress-all`, `--suppress-rule` and
 * `--prune-suppressions`. ESLint does not export the class; it is loaded from ESLint's
 * package by path, the way its CLI requires it.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { ESLint } from "eslint";

/** `{ "relative/path.sql": { "shipshape/no-drop-column": { "count": 2 } } }` */
export type SuppressedViolations = Record<string, Record<string, { count: number }>>;

interface SuppressionsService {
  suppress(results: ESLint.LintResult[], rules?: string[]): Promise<void>;
  prune(results: ESLint.LintResult[]): Promise<void>;
  load(): Promise<SuppressedViolations>;
  applySuppressions(results: ESLint.LintResult[], suppressions: SuppressedViolations): { results: ESLint.LintResult[]; unused: SuppressedViolations };
}

type SuppressionsServiceClass = new (options: { filePath: string; cwd: string }) => SuppressionsService;

function loadServiceClass(): SuppressionsServiceClass {
  const require = createRequire(import.meta.url);
  const eslintRoot = path.dirname(require.resolve("eslint/package.json"));
  const module = require(path.join(eslintRoot, "lib/services/suppressions-service.js")) as { SuppressionsService?: SuppressionsServiceClass };
  if (typeof module.SuppressionsService !== "function") {
    throw new Error(`the installed ESLint (${eslintRoot}) has no suppressions service; shipshape needs ESLint 10`);
  }
  return module.SuppressionsService;
}

export interface BaselineRequest {
  /** Absolute path of the suppressions file. */
  file: string;
  cwd: string;
  suppressAll: boolean;
  suppressRules: readonly string[];
  prune: boolean;
}

export interface BaselineOutcome {
  results: ESLint.LintResult[];
  /** How many current errors the baseline hides. */
  suppressedCount: number;
  /** How many errors the baseline records that no longer occur (in the files linted). */
  unusedCount: number;
}

function countViolations(violations: SuppressedViolations): number {
  return Object.values(violations).reduce((sum, rules) => sum + Object.values(rules).reduce((count, rule) => count + rule.count, 0), 0);
}

/**
 * Updates the baseline as asked (record every error, the errors of some rules, or drop what no
 * longer occurs) and applies it: errors it covers move to `suppressedMessages`.
 */
export async function applyBaseline(results: ESLint.LintResult[], request: BaselineRequest): Promise<BaselineOutcome> {
  const SuppressionsService = loadServiceClass();
  const service = new SuppressionsService({ filePath: request.file, cwd: request.cwd });
  if (request.suppressAll || request.suppressRules.length > 0) {
    await service.suppress(results, request.suppressAll ? undefined : [...request.suppressRules]);
  }
  if (request.prune) await service.prune(results);
  const applied = service.applySuppressions(results, await service.load());
  const suppressedCount = applied.results.reduce(
    (sum, result) => sum + result.suppressedMessages.filter((message) => message.suppressions?.some((s) => s.kind === "file")).length,
    0,
  );
  return { results: applied.results, suppressedCount, unusedCount: countViolations(applied.unused) };
}
