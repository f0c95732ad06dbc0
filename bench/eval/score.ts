/**
 * Scoring shipshape's findings against reviewers' labels (bench/eval/LABELS.md): which labelled
 * problems were found (recall), which findings at labelled sites were right (precision), per
 * rule and per language.
 */
import fs from "node:fs";
import path from "node:path";
import plugin from "../../index.ts";
import { type Language, LANGUAGES } from "./corpus.ts";

export type Verdict = "yes" | "no";

export interface Label {
  language: Language;
  /** The repository's corpus folder, `owner+name`. */
  repository: string;
  /** Path inside the repository. */
  file: string;
  start: number;
  end: number;
  /** Any of these rules reporting the site counts. */
  rules: string[];
  verdict: Verdict;
  reason: string;
  /** `labels/sql/owner+name.tsv:12`, for error messages. */
  source: string;
}

export interface Finding {
  /** Corpus-relative path: `owner+name/path/in/repo`. */
  file: string;
  /** Rule name without `shipshape/`. */
  rule: string;
  line: number;
  column: number;
  message: string;
  severity: number;
}

/** What the CLI's JSON holds besides shipshape's findings. */
export interface RunExtras {
  /** Files the CLI linted, by language of extension. */
  files: Record<Language, number>;
  /** Files a parser rejected (fatal findings), by language. */
  fatal: Record<Language, string[]>;
  /** Messages that are not shipshape's (other tools' disable directives and the like). */
  foreign: number;
}

export const RULE_NAMES = Object.keys(plugin.rules);

/** A rule's language: where its findings are scored. Schema-builder calls are the SQL migration linter's. */
export function ruleLanguage(rule: string): Language {
  const languages = (plugin.rules[rule]?.meta?.languages ?? []) as string[];
  // Schema-builder calls are the SQL migration linter's: the SQL rules report them, and the deprecated rule that did.
  if (languages.includes("shipshape/sql") || rule === "no-unsafe-schema-builder-call") return "sql";
  if (languages.includes("shipshape/yaml")) return "yaml";
  return "js";
}

/** The severity a rule runs at: its recommended one, or `opt-in (warn)` for a rule the recommended configs leave off (the eval enables it). */
export function ruleSeverity(rule: string): string {
  const recommended = (plugin.rules[rule]?.meta?.docs as { recommended?: unknown } | undefined)?.recommended;
  return recommended === false ? "opt-in (warn)" : String(recommended ?? "");
}

export function fileLanguage(file: string): Language {
  if (file.endsWith(".sql")) return "sql";
  if (/\.ya?ml$/u.test(file)) return "yaml";
  return "js";
}

export class LabelError extends Error {}

/** Reads `labels/<language>/<owner+name>.tsv` files; throws LabelError on a malformed line. */
export function readLabels(labelsDir: string): Label[] {
  const labels: Label[] = [];
  const problems: string[] = [];
  for (const language of LANGUAGES) {
    const folder = path.join(labelsDir, language);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).filter((entry) => entry.endsWith(".tsv")).sort()) {
      const repository = name.slice(0, -".tsv".length);
      const lines = fs.readFileSync(path.join(folder, name), "utf8").split("\n");
      lines.forEach((text, index) => {
        const source = `${language}/${name}:${index + 1}`;
        if (text.trim() === "" || text.startsWith("#")) return;
        const [file = "", range = "", rules = "", verdict = "", ...reason] = text.split("\t");
        const match = /^(\d+)(?:-(\d+))?$/u.exec(range.trim());
        const start = Number(match?.[1]);
        const end = Number(match?.[2] ?? match?.[1]);
        const names = rules.trim().replace(/shipshape\//gu, "").split("|").filter(Boolean);
        const unknown = names.filter((rule) => !RULE_NAMES.includes(rule));
        if (!file.trim()) problems.push(`${source}: no file`);
        else if (!match || start < 1 || end < start) problems.push(`${source}: lines must be N or N-M, got "${range}"`);
        else if (names.length === 0 || unknown.length > 0) problems.push(`${source}: unknown rule "${unknown.join("|") || rules}"`);
        else if (verdict.trim() !== "yes" && verdict.trim() !== "no") problems.push(`${source}: verdict must be yes or no, got "${verdict}"`);
        else if (reason.join(" ").trim() === "") problems.push(`${source}: no reason`);
        else {
          labels.push({ language, repository, file: file.trim(), start, end, rules: names, verdict: verdict.trim() as Verdict, reason: reason.join(" ").trim(), source });
        }
      });
    }
  }
  if (problems.length > 0) throw new LabelError(`${problems.length} malformed label line(s):\n${problems.join("\n")}`);
  return labels;
}

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line?: number; column?: number; fatal?: boolean }[];
}

/** shipshape's findings from the CLI's `--format json` output, with paths relative to the corpus. */
export function readFindings(results: EslintJsonResult[], corpus: string): { findings: Finding[]; extras: RunExtras } {
  const findings: Finding[] = [];
  const extras: RunExtras = { files: { js: 0, sql: 0, yaml: 0 }, fatal: { js: [], sql: [], yaml: [] }, foreign: 0 };
  for (const result of results) {
    const file = path.relative(corpus, result.filePath).split(path.sep).join("/");
    const language = fileLanguage(file);
    extras.files[language] += 1;
    for (const message of result.messages) {
      if (message.fatal) extras.fatal[language].push(`${file}:${message.line ?? 1}: ${message.message.split("\n")[0]}`);
      else if (message.ruleId?.startsWith("shipshape/")) {
        findings.push({
          file,
          rule: message.ruleId.slice("shipshape/".length),
          line: message.line ?? 1,
          column: message.column ?? 1,
          message: message.message.replace(/\s+/gu, " "),
          severity: message.severity,
        });
      } else extras.foreign += 1;
    }
  }
  return { findings, extras };
}

export function labelFile(label: Label): string {
  return `${label.repository}/${label.file}`;
}

function matches(label: Label, finding: Finding): boolean {
  return finding.file === labelFile(label) && label.rules.includes(finding.rule) && finding.line >= label.start && finding.line <= label.end;
}

export interface Counts {
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  trueNegatives: number;
  /** Findings of the rule that no label judged. */
  unjudged: number;
  findings: number;
}

const emptyCounts = (): Counts => ({ truePositives: 0, falseNegatives: 0, falsePositives: 0, trueNegatives: 0, unjudged: 0, findings: 0 });

export interface Outcome {
  label: Label;
  /** The findings of the label's rules at its site. */
  found: Finding[];
}

export interface Score {
  byRule: Map<string, Counts>;
  byLanguage: Map<Language, Counts>;
  misses: Outcome[];
  falsePositives: Outcome[];
  hits: Outcome[];
  /** Findings no label judged. */
  unjudged: Finding[];
}

export function recall(counts: Counts): number | undefined {
  const total = counts.truePositives + counts.falseNegatives;
  return total === 0 ? undefined : counts.truePositives / total;
}

export function precision(counts: Counts): number | undefined {
  const total = counts.truePositives + counts.falsePositives;
  return total === 0 ? undefined : counts.truePositives / total;
}

/**
 * Scores findings against labels. A `yes` label is found (a true positive for the rule that
 * found it) when a finding of one of its rules starts inside its lines, else missed (a false
 * negative for its first rule); a `no` label with such a finding is a false positive for each
 * rule that reported it, else a true negative.
 */
export function score(labels: Label[], findings: Finding[]): Score {
  const byRule = new Map<string, Counts>(RULE_NAMES.map((rule) => [rule, emptyCounts()]));
  const byLanguage = new Map<Language, Counts>(LANGUAGES.map((language) => [language, emptyCounts()]));
  const result: Score = { byRule, byLanguage, misses: [], falsePositives: [], hits: [], unjudged: [] };
  const findingsByFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = findingsByFile.get(finding.file) ?? [];
    list.push(finding);
    findingsByFile.set(finding.file, list);
    const counts = byRule.get(finding.rule);
    if (counts) counts.findings += 1;
    byLanguage.get(ruleLanguage(finding.rule))!.findings += 1;
  }
  const judged = new Set<Finding>();
  for (const label of labels) {
    const found = (findingsByFile.get(labelFile(label)) ?? []).filter((finding) => matches(label, finding));
    for (const finding of found) judged.add(finding);
    const language = byLanguage.get(label.language)!;
    const reporting = [...new Set(found.map((finding) => finding.rule))];
    if (label.verdict === "yes") {
      const rule = reporting[0] ?? label.rules[0]!;
      const key = reporting.length > 0 ? "truePositives" : "falseNegatives";
      byRule.get(rule)![key] += 1;
      language[key] += 1;
      (reporting.length > 0 ? result.hits : result.misses).push({ label, found });
    } else if (reporting.length > 0) {
      for (const rule of reporting) byRule.get(rule)!.falsePositives += 1;
      language.falsePositives += 1;
      result.falsePositives.push({ label, found });
    } else {
      byRule.get(label.rules[0]!)!.trueNegatives += 1;
      language.trueNegatives += 1;
    }
  }
  for (const finding of findings) {
    if (judged.has(finding)) continue;
    result.unjudged.push(finding);
    const counts = byRule.get(finding.rule);
    if (counts) counts.unjudged += 1;
    byLanguage.get(ruleLanguage(finding.rule))!.unjudged += 1;
  }
  return result;
}

/** Labels whose file is not in the corpus or whose lines run past its end: stale, not scored. */
export function staleLabels(labels: Label[], corpus: string): { label: Label; why: string }[] {
  const stale: { label: Label; why: string }[] = [];
  const lineCounts = new Map<string, number | undefined>();
  for (const label of labels) {
    const file = path.join(corpus, label.repository, label.file);
    if (!lineCounts.has(file)) lineCounts.set(file, fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").length : undefined);
    const lines = lineCounts.get(file);
    if (lines === undefined) stale.push({ label, why: "file not in the corpus" });
    else if (label.end > lines) stale.push({ label, why: `lines ${label.start}-${label.end} past the file's end (${lines})` });
  }
  return stale;
}
