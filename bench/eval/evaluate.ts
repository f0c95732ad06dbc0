/**
 * One evaluation: the CLI run once over the whole corpus (so rules that read sibling files see
 * them), its findings scored against the labels; and the diff of two builds' findings.
 */
import { spawnSync } from "node:child_process";
import { RULE_CATALOG } from "../../rules/utils/rule-catalog.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Finding, type Label, type RunExtras, type Score, readFindings, readLabels, score, staleLabels } from "./score.ts";

export interface Evaluation {
  labels: Label[];
  /** Labels scored: those whose file and lines are in the corpus. */
  scored: Label[];
  stale: { label: Label; why: string }[];
  findings: Finding[];
  extras: RunExtras;
  score: Score;
  /** Undefined when a saved run was scored. */
  seconds: number | undefined;
}

/**
 * `--enable` for every opt-in rule, so the labels of rules the recommended configs leave off are
 * scored too (not deprecated ones, whose findings the rules replacing them make). A build from before `--enable` existed ran every rule anyway.
 */
function enableOptInRules(bin: string): string[] {
  const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" }).stdout;
  if (!help.includes("--enable")) return [];
  return Object.values(RULE_CATALOG).flatMap((rules) => Object.entries(rules).flatMap(([name, docs]) => (docs.recommended === false && !docs.deprecated ? ["--enable", name] : [])));
}

/** Runs a built shipshape CLI over the corpus and returns ESLint's JSON results. */
export function lintCorpus(bin: string, corpus: string): { results: Parameters<typeof readFindings>[0]; seconds: number } {
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-eval-")), "findings.json");
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, "--format", "json", "--output-file", output, ...enableOptInRules(bin), "."], { cwd: corpus, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
  if (run.status !== 0 && run.status !== 1) throw new Error(`shipshape exited with ${run.status ?? run.signal} on the corpus: ${run.stderr.trim().split("\n")[0] ?? ""}`);
  const results = JSON.parse(fs.readFileSync(output, "utf8")) as Parameters<typeof readFindings>[0];
  fs.rmSync(path.dirname(output), { recursive: true, force: true });
  if (results.length === 0) throw new Error(`shipshape linted no file in ${corpus} (is the corpus inside a git work tree that ignores it?)`);
  return { results, seconds };
}

/**
 * Lints the corpus with the CLI at `bin` and scores the findings; with `savedRun`, scores that
 * earlier `--format json` output of a run over the corpus instead (quick, while labelling).
 */
export function evaluate(bin: string, corpus: string, labelsDir: string, savedRun?: string): Evaluation {
  const labels = readLabels(labelsDir);
  const stale = staleLabels(labels, corpus);
  const staleSet = new Set(stale.map(({ label }) => label));
  const scored = labels.filter((label) => !staleSet.has(label));
  const { results, seconds } = savedRun
    ? { results: JSON.parse(fs.readFileSync(savedRun, "utf8")) as Parameters<typeof readFindings>[0], seconds: undefined }
    : lintCorpus(bin, corpus);
  const { findings, extras } = readFindings(results, corpus);
  return { labels, scored, stale, findings, extras, score: score(scored, findings), seconds };
}

function findingKey(finding: Finding): string {
  return `${finding.file}\0${finding.rule}\0${finding.line}\0${finding.column}\0${finding.message}`;
}

export interface FindingDiff {
  appeared: Finding[];
  disappeared: Finding[];
}

/** Findings present in one run and not the other (same file, rule, position and message). */
export function diffFindings(before: Finding[], after: Finding[]): FindingDiff {
  const count = (findings: Finding[]) => {
    const counts = new Map<string, Finding[]>();
    for (const finding of findings) counts.set(findingKey(finding), [...(counts.get(findingKey(finding)) ?? []), finding]);
    return counts;
  };
  const beforeCounts = count(before);
  const afterCounts = count(after);
  const appeared: Finding[] = [];
  const disappeared: Finding[] = [];
  for (const [key, list] of afterCounts) appeared.push(...list.slice(beforeCounts.get(key)?.length ?? 0));
  for (const [key, list] of beforeCounts) disappeared.push(...list.slice(afterCounts.get(key)?.length ?? 0));
  const order = (a: Finding, b: Finding) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
  return { appeared: appeared.sort(order), disappeared: disappeared.sort(order) };
}

/** What the labels say of a finding's site: "labelled yes: …", "labelled no: …" or "unlabelled". */
export function verdictAt(finding: Finding, labels: Label[]): string {
  const label = labels.find(
    (candidate) =>
      `${candidate.repository}/${candidate.file}` === finding.file && candidate.rules.includes(finding.rule) && finding.line >= candidate.start && finding.line <= candidate.end,
  );
  return label ? `labelled ${label.verdict}: ${label.reason}` : "unlabelled";
}
