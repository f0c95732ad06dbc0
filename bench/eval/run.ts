/**
 * The evaluation kit (never part of `npm test`; see bench/eval/README.md):
 *
 *     npm run eval -- <corpus>                  # score every rule, write bench/EVAL.md
 *     npm run eval -- <corpus> --no-write       # print only
 *     npm run eval -- <corpus> --diff <ref>     # findings that appear or disappear between <ref> and the working tree
 *     npm run eval -- <corpus> --unjudged [rule]  # list findings no label judges yet (what to label next)
 *     npm run eval -- <corpus> --findings <file>  # score a saved `shipshape --format json .` run of the corpus (while labelling)
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, SHIPSHAPE_BIN, packageVersion } from "../context.ts";
import { EVAL_DIR, LANGUAGES, readCorpusList, repositoryFolder } from "./corpus.ts";
import { type Evaluation, diffFindings, evaluate, verdictAt } from "./evaluate.ts";
import { type ReportContext, findingLine, markdownReport, percent, ruleComparison, textReport } from "./report.ts";
import { LabelError, precision, recall } from "./score.ts";

const EVAL_MD = path.join(ROOT, "bench/EVAL.md");
const LABELS_DIR = path.join(EVAL_DIR, "labels");
const START = "<!-- eval:start (written by npm run eval) -->";
const END = "<!-- eval:end -->";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    diff: { type: "string" },
    "no-write": { type: "boolean", default: false },
    unjudged: { type: "boolean", default: false },
    labels: { type: "string" },
    findings: { type: "string" },
  },
});

function git(args: string[], cwd = ROOT): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function describeCommit(): string {
  const commit = git(["rev-parse", "--short=12", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--", ".", ":!bench/EVAL.md"]) !== "";
  return dirty ? `${commit} with uncommitted changes` : commit;
}

function context(evaluation: Evaluation, corpus: string): ReportContext {
  const repositories = readCorpusList();
  const missing = repositories.filter((entry) => !fs.existsSync(path.join(corpus, repositoryFolder(entry.repo)))).map((entry) => entry.repo);
  const shipshapeVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  return {
    date: new Date().toISOString().slice(0, 10),
    commit: describeCommit(),
    versions: [
      `shipshape ${shipshapeVersion}`,
      `Node.js ${process.version}`,
      ...["eslint", "typescript-eslint", "libpg-query", "sql-parser-cst", "node-sql-parser", "eslint-plugin-yml", "yaml-eslint-parser"].map(packageVersion),
    ],
    corpus: { repositories: repositories.length - missing.length, missing },
    stale: evaluation.stale,
    seconds: evaluation.seconds,
  };
}

function writeEvalMd(markdown: string): void {
  const current = fs.existsSync(EVAL_MD) ? fs.readFileSync(EVAL_MD, "utf8") : `# Evaluation on real code\n\n${START}\n${END}\n`;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${EVAL_MD} has lost its ${START} … ${END} markers`);
  fs.writeFileSync(EVAL_MD, `${current.slice(0, start + START.length)}\n${markdown}\n${current.slice(end)}`);
}

/**
 * Builds `ref` in a temporary git worktree; returns its CLI. The worktree shares this checkout's
 * node_modules when its lockfile is the same, and installs its own (npm ci) when the ref
 * depended on other packages.
 */
function buildRef(ref: string): { bin: string; commit: string; remove: () => void } {
  const commit = git(["rev-parse", "--verify", `${ref}^{commit}`]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-eval-ref-"));
  git(["worktree", "add", "--detach", folder, commit]);
  const remove = () => {
    spawnSync("git", ["worktree", "remove", "--force", folder], { cwd: ROOT });
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    const lockfile = fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8");
    if (fs.readFileSync(path.join(folder, "package-lock.json"), "utf8") === lockfile) {
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
    } else {
      console.error(`eval: ${ref} has other dependencies; installing them in its worktree`);
      const install = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: folder, encoding: "utf8" });
      if (install.status !== 0) throw new Error(`installing the dependencies of ${ref} failed:\n${install.stderr}`);
    }
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: folder, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`building ${ref} failed:\n${build.stdout}${build.stderr}`);
  } catch (error) {
    remove();
    throw error;
  }
  return { bin: path.join(folder, "dist/cli/bin.js"), commit: commit.slice(0, 12), remove };
}

function languageFigures(evaluation: Evaluation): string {
  return LANGUAGES.map((language) => {
    const counts = evaluation.score.byLanguage.get(language)!;
    return `${language} recall ${percent(recall(counts))}, precision ${percent(precision(counts))}`;
  }).join("; ");
}

function main(): void {
  const corpusArgument = positionals[0];
  if (!corpusArgument) {
    console.error("usage: npm run eval -- <corpus folder> [--diff <git-ref>] [--no-write] [--unjudged [rule]]\n(build the corpus first: npm run eval:corpus -- --clones <folder> --out <corpus folder>)");
    process.exit(2);
  }
  const corpus = path.resolve(corpusArgument);
  if (!fs.existsSync(corpus)) throw new Error(`no corpus at ${corpus}: build it with npm run eval:corpus`);
  if (!fs.existsSync(SHIPSHAPE_BIN)) throw new Error("Build first: npm run build");
  const labelsDir = values.labels ? path.resolve(values.labels) : LABELS_DIR;

  if (values.diff) {
    const reference = buildRef(values.diff);
    let before: Evaluation;
    try {
      before = evaluate(reference.bin, corpus, labelsDir);
    } finally {
      reference.remove();
    }
    const after = evaluate(SHIPSHAPE_BIN, corpus, labelsDir);
    const { appeared, disappeared } = diffFindings(before.findings, after.findings);
    console.log(`Findings on ${corpus}: ${values.diff} (${reference.commit}) → working tree`);
    console.log(`\nAppeared (${appeared.length}):`);
    for (const finding of appeared) console.log(`  + ${findingLine(finding)}\n      ${verdictAt(finding, after.scored)}`);
    console.log(`\nDisappeared (${disappeared.length}):`);
    for (const finding of disappeared) console.log(`  - ${findingLine(finding)}\n      ${verdictAt(finding, before.scored)}`);
    console.log(`\nbefore: ${languageFigures(before)}\nafter:  ${languageFigures(after)}`);
    console.log(`\n${ruleComparison(before.score, after.score)}`);
    return;
  }

  const evaluation = evaluate(SHIPSHAPE_BIN, corpus, labelsDir, values.findings && path.resolve(values.findings));
  if (values.unjudged) {
    const rule = positionals[1];
    const unjudged = evaluation.score.unjudged.filter((finding) => !rule || finding.rule === rule.replace("shipshape/", ""));
    console.log(`Findings no label judges${rule ? ` (${rule})` : ""}: ${unjudged.length}`);
    for (const finding of unjudged) console.log(`  ${findingLine(finding)}`);
    return;
  }
  const reportContext = context(evaluation, corpus);
  console.log(textReport(evaluation.score, evaluation.scored, evaluation.extras, reportContext));
  if (!values["no-write"] && !values.findings) {
    writeEvalMd(markdownReport(evaluation.score, evaluation.scored, evaluation.extras, reportContext));
    console.log(`\nwrote ${path.relative(process.cwd(), EVAL_MD)}`);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof LabelError ? error.message : error instanceof Error ? `eval: ${error.message}` : error);
  process.exit(2);
}
