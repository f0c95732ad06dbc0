/**
 * What `npm run eval` prints and writes into bench/EVAL.md: per-language and per-rule recall
 * and precision, every miss and false positive with its place and the reviewer's reason.
 */
import { type Language, LANGUAGES } from "./corpus.ts";
import { type Counts, type Finding, type Label, type Outcome, type RunExtras, type Score, precision, recall, ruleLanguage, ruleSeverity } from "./score.ts";

/** Below this, a rule is named as one to improve. */
export const TARGET = 0.95;

export function percent(value: number | undefined): string {
  return value === undefined ? "–" : `${(value * 100).toFixed(1)} %`;
}

function flag(value: number | undefined): string {
  return value !== undefined && value < TARGET ? " ✗" : "";
}

export function site(label: Label): string {
  return label.start === label.end ? `${label.repository}/${label.file}:${label.start}` : `${label.repository}/${label.file}:${label.start}-${label.end}`;
}

function labelCounts(labels: Label[], language: Language): string {
  const own = labels.filter((label) => label.language === language);
  return `${own.length} (${own.filter((label) => label.verdict === "yes").length} yes, ${own.filter((label) => label.verdict === "no").length} no)`;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(" | ")} |`;
}

function countCells(counts: Counts): (string | number)[] {
  return [
    counts.truePositives,
    counts.falseNegatives,
    counts.falsePositives,
    counts.trueNegatives,
    `${percent(recall(counts))}${flag(recall(counts))}`,
    `${percent(precision(counts))}${flag(precision(counts))}`,
    counts.findings,
    counts.unjudged,
  ];
}

const COUNT_HEADERS = ["found (TP)", "missed (FN)", "false (FP)", "quiet (TN)", "recall", "precision", "findings", "unjudged"];

export function languageTable(score: Score, labels: Label[], extras: RunExtras): string {
  const lines = [row(["language", "files", "unreadable", "labels", ...COUNT_HEADERS]), row(Array(4 + COUNT_HEADERS.length).fill("---"))];
  for (const language of LANGUAGES) {
    lines.push(row([language, extras.files[language], extras.fatal[language].length, labelCounts(labels, language), ...countCells(score.byLanguage.get(language)!)]));
  }
  return lines.join("\n");
}

/** Rules with a label or a finding, by language then name. */
export function ruleTable(score: Score, labels: Label[]): string {
  const labelled = new Set(labels.flatMap((label) => label.rules));
  const rules = [...score.byRule.entries()]
    .filter(([rule, counts]) => labelled.has(rule) || counts.findings > 0)
    .sort(([a], [b]) => LANGUAGES.indexOf(ruleLanguage(a)) - LANGUAGES.indexOf(ruleLanguage(b)) || a.localeCompare(b));
  const lines = [row(["rule", "language", "severity", ...COUNT_HEADERS]), row(Array(3 + COUNT_HEADERS.length).fill("---"))];
  for (const [rule, counts] of rules) lines.push(row([rule, ruleLanguage(rule), ruleSeverity(rule), ...countCells(counts)]));
  return lines.join("\n");
}

/** Rules under the target in recall or precision, with their figures. */
export function rulesBelowTarget(score: Score): string[] {
  const below: string[] = [];
  for (const [rule, counts] of score.byRule) {
    const r = recall(counts);
    const p = precision(counts);
    if ((r !== undefined && r < TARGET) || (p !== undefined && p < TARGET)) {
      below.push(`${rule}: recall ${percent(r)} (${counts.truePositives}/${counts.truePositives + counts.falseNegatives}), precision ${percent(p)} (${counts.truePositives}/${counts.truePositives + counts.falsePositives})`);
    }
  }
  return below.sort();
}

function outcomeLine(outcome: Outcome, withFinding: boolean): string {
  const rules = outcome.label.rules.join("|");
  const finding = withFinding && outcome.found[0] ? ` — reported: "${outcome.found[0].message.slice(0, 160)}"` : "";
  return `${site(outcome.label)} ${rules}: ${outcome.label.reason}${finding}`;
}

export function missList(score: Score): string[] {
  return score.misses.map((outcome) => outcomeLine(outcome, false)).sort();
}

export function falsePositiveList(score: Score): string[] {
  return score.falsePositives.map((outcome) => outcomeLine(outcome, true)).sort();
}

export function findingLine(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message.slice(0, 200)}`;
}

export interface ReportContext {
  date: string;
  commit: string;
  versions: string[];
  corpus: { repositories: number; missing: string[] };
  stale: { label: Label; why: string }[];
  /** Undefined when a saved run was scored. */
  seconds: number | undefined;
}

function linted(context: ReportContext): string {
  return context.seconds === undefined ? "scored from a saved run" : `linted by one CLI run in ${context.seconds} s`;
}

/** The console report. */
export function textReport(score: Score, labels: Label[], extras: RunExtras, context: ReportContext): string {
  const parts = [
    `shipshape evaluation — ${context.date}, ${context.commit}`,
    `corpus: ${context.corpus.repositories} repositories, ${LANGUAGES.map((language) => `${extras.files[language]} ${language}`).join(", ")} files ${linted(context)}`,
    "",
    languageTable(score, labels, extras),
    "",
    ruleTable(score, labels),
  ];
  if (context.corpus.missing.length > 0) parts.push("", `Repositories missing from the corpus (${context.corpus.missing.length}): ${context.corpus.missing.join(", ")}`);
  if (context.stale.length > 0) parts.push("", `Stale labels, not scored (${context.stale.length}):`, ...context.stale.map(({ label, why }) => `  ${label.source} ${site(label)}: ${why}`));
  parts.push("", `Misses (${score.misses.length}):`, ...missList(score).map((line) => `  ${line}`));
  parts.push("", `False positives (${score.falsePositives.length}):`, ...falsePositiveList(score).map((line) => `  ${line}`));
  const below = rulesBelowTarget(score);
  parts.push("", `Under ${TARGET * 100} % recall or precision (${below.length}):`, ...below.map((line) => `  ${line}`));
  return parts.join("\n");
}

/** The generated part of bench/EVAL.md. */
export function markdownReport(score: Score, labels: Label[], extras: RunExtras, context: ReportContext): string {
  const fatal = LANGUAGES.flatMap((language) => extras.fatal[language]);
  const below = rulesBelowTarget(score);
  return [
    `Measured ${context.date} at ${context.commit}; ${context.versions.join(", ")}.`,
    "",
    `Corpus: ${context.corpus.repositories} repositories of [corpus.json](eval/corpus.json)` +
      (context.corpus.missing.length > 0 ? ` (missing: ${context.corpus.missing.join(", ")})` : "") +
      `; ${LANGUAGES.map((language) => `${extras.files[language]} ${language}`).join(", ")} files, ${linted(context)}. ` +
      `${labels.length} labels scored` +
      (context.stale.length > 0 ? ` (${context.stale.length} stale, not scored)` : "") +
      `. Messages not from shipshape's rules (other tools' disable comments), left out: ${extras.foreign}.`,
    "",
    "### By language",
    "",
    languageTable(score, labels, extras),
    "",
    "*found/missed* count `yes` labels, *false/quiet* count `no` labels; *findings* are all of shipshape's findings on the corpus, *unjudged* those at no labelled site. ✗ marks a figure under 95 %.",
    "",
    "### By rule",
    "",
    ruleTable(score, labels),
    "",
    `### Under ${TARGET * 100} % recall or precision (${below.length})`,
    "",
    ...below.map((line) => `- ${line}`),
    "",
    `### Misses (${score.misses.length})`,
    "",
    ...missList(score).map((line) => `- ${line}`),
    "",
    `### False positives (${score.falsePositives.length})`,
    "",
    ...falsePositiveList(score).map((line) => `- ${line}`),
    "",
    `### Files a parser rejected (${fatal.length})`,
    "",
    ...fatal.map((line) => `- ${line}`),
  ].join("\n");
}

/** Per rule, recall and precision of two runs side by side, for every rule with a labelled site in either. */
export function ruleComparison(before: Score, after: Score): string {
  const rules = [...after.byRule.keys()]
    .filter((rule) => [before, after].some((run) => {
      const counts = run.byRule.get(rule)!;
      return counts.truePositives + counts.falseNegatives + counts.falsePositives + counts.trueNegatives > 0;
    }))
    .sort((a, b) => LANGUAGES.indexOf(ruleLanguage(a)) - LANGUAGES.indexOf(ruleLanguage(b)) || a.localeCompare(b));
  const lines = [row(["rule", "language", "recall before", "recall after", "precision before", "precision after"]), row(Array(6).fill("---"))];
  for (const rule of rules) {
    const [old, now] = [before.byRule.get(rule)!, after.byRule.get(rule)!];
    lines.push(row([rule, ruleLanguage(rule), percent(recall(old)), percent(recall(now)), percent(precision(old)), percent(precision(now))]));
  }
  return lines.join("\n");
}
