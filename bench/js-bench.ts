/**
 * JS/TS: ESLint with typescript-eslint's parser on a generated service, without rules (the
 * baseline) and with shipshape's, eslint-plugin-security's and eslint-plugin-sonarjs's
 * recommended rules, each from its own flat config. The rules' own cost is a config's time
 * minus the baseline's; ESLint's `TIMING=all` splits shipshape's among its rules.
 * With `--js-corpus <folder>`, the same rows (sonarjs aside) on the JS/TS files of a real
 * corpus built by `npm run eval:corpus`.
 */
import path from "node:path";
import { GENERATED_FILES, JS_FILES } from "../index.ts";
import { type BenchContext, type Findings, type Section, SHIPSHAPE_PLUGIN, count, eslintCommand, findings, percent, ruleTimes, sectionFolder, signedPercent, writeConfig } from "./context.ts";
import { readCorpusList, repositoryFolder } from "./eval/corpus.ts";
import { generateService } from "./generate-service.ts";
import { type Column, type Command, type Measurement, cpuSeconds, measure, peakMiB, seconds, table } from "./measure.ts";

const SERVICE_FILES = 2000;
const PARSER = [`import tseslint from "typescript-eslint";`];
const BASELINE = `{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }`;
/**
 * A real corpus has every JS/TS extension, JSX in .js files, and build output: every row
 * lints the files shipshape's recommended config lints (its generated-files ignores included),
 * so the rows differ only in their rules.
 */
const CORPUS_BASELINE = [
  `{ ignores: ${JSON.stringify(GENERATED_FILES)} }`,
  `{ files: ${JSON.stringify(JS_FILES)}, languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } }`,
];
const emptyRule = (files: string) =>
  `{ files: ${files}, plugins: { local: { rules: { empty: { meta: { type: "problem", schema: [] }, create: () => ({ Program() {} }) } } } }, rules: { "local/empty": "error" } }`;

interface Row {
  name: string;
  config: string;
  /** The plugin prefix of the row's own rules. */
  prefix?: string;
}

/** The rows both tables share: the baseline, one empty rule, and each plugin's recommended config on top. */
function rows(folder: string, baseline: string[], files: string, { sonarjs }: { sonarjs: boolean }): Row[] {
  return [
    { name: "ESLint + typescript-eslint parser, no rules", config: writeConfig(folder, "baseline", PARSER, baseline) },
    // What running any rule at all costs: one rule with a single empty listener.
    { name: "plus one empty rule (the floor under any plugin)", config: writeConfig(folder, "empty-rule", PARSER, [...baseline, emptyRule(files)]), prefix: "local" },
    {
      name: "plus shipshape `recommended-js`",
      config: writeConfig(folder, "shipshape", [...PARSER, `import shipshape from "${SHIPSHAPE_PLUGIN}";`], [...baseline, `...shipshape.configs["recommended-js"]`]),
      prefix: "shipshape",
    },
    {
      name: "plus eslint-plugin-security `recommended`",
      config: writeConfig(folder, "security", [...PARSER, `import security from "eslint-plugin-security";`], [...baseline, "security.configs.recommended"]),
      prefix: "security",
    },
    ...(sonarjs
      ? [
          {
            name: "plus eslint-plugin-sonarjs `recommended`",
            config: writeConfig(folder, "sonarjs", [...PARSER, `import sonarjs from "eslint-plugin-sonarjs";`], [...baseline, "sonarjs.configs.recommended"]),
            prefix: "sonarjs",
          },
        ]
      : []),
  ];
}

/** Median CPU time (user + system), and the row's own cost in it: steadier than wall time when other work shares the machine. */
function cpuColumn(baseline: Measurement): Column {
  return {
    header: "Median CPU (rules' own)",
    cell: (m, i) => {
      const own = cpuSeconds(m) - cpuSeconds(baseline);
      return i === 0 ? `${cpuSeconds(m).toFixed(2)} s` : `${cpuSeconds(m).toFixed(2)} s (${signedPercent(own, cpuSeconds(baseline))})`;
    },
  };
}

/** Findings of the row's own rules (a real corpus's disable comments name rules no row loads). */
function ownFindings(found: Findings, prefix: string | undefined): number {
  if (prefix === undefined) return 0;
  return [...found.byRule].filter(([rule]) => rule.startsWith(`${prefix}/`)).reduce((sum, [, n]) => sum + n, 0);
}

function perRuleTable(timing: Map<string, number>, files: number, found: Findings): string[] {
  const timed = [...timing.values()].reduce((sum, ms) => sum + ms, 0);
  return [
    `| Rule | Time | Share | Per 1,000 files | Findings |`,
    `| --- | --- | --- | --- | --- |`,
    ...[...timing].map(
      ([rule, ms]) => `| \`${rule}\` | ${ms.toFixed(0)} ms | ${percent(ms, timed)} | ${((ms * 1000) / files).toFixed(0)} ms | ${count(found.byRule.get(rule) ?? 0)} |`,
    ),
    `| all rules | ${timed.toFixed(0)} ms | 100% | ${((timed * 1000) / files).toFixed(0)} ms | ${count(ownFindings(found, "shipshape"))} |`,
  ];
}

export function benchJs(context: BenchContext): Section {
  const folder = sectionFolder(context, "service");
  const files = generateService(`${folder}/app`, SERVICE_FILES, 7);
  const configs = rows(folder, [BASELINE], `["**/*.ts"]`, { sonarjs: true });
  const commands = configs.map(({ name, config }) => eslintCommand(name, folder, config, ["app"]));
  // Each run takes many seconds: a warm-up run would only add time.
  const results = measure(commands, context.runs, { warmUp: false });
  const found = configs.map(({ config }) => findings(folder, config));
  if (found[0]!.fatal > 0) throw new Error(`the generated service has ${found[0]!.fatal} files typescript-eslint cannot parse`);

  const baseline = results[0]!;
  const ownCost = (m: Measurement) => seconds(m) - seconds(baseline);
  const timing = ruleTimes(commands[2]!);
  const [, emptyRule, shipshape, security, sonarjs] = results as [Measurement, Measurement, Measurement, Measurement, Measurement];
  const corpus = context.jsCorpus === undefined ? undefined : benchJsCorpus(context, context.jsCorpus);

  return {
    markdown: [
      `## JS/TS: a TypeScript service`,
      ``,
      `${count(files.length)} generated TypeScript files (\`bench/generate-service.ts\`, seed 7): Express routers and Fastify plugins, services, pg and Knex repositories, ` +
        `zod schemas, vitest tests, BullMQ workers, pino and winston logging (some of it interpolated), config modules reading \`process.env\` (a few with hardcoded credentials), ` +
        `webhook receivers with and without signature checks, session setup, Knex migrations, and entry points with and without SIGTERM handling. ` +
        `Each row is \`eslint -c <config> app -f json\` with its own flat config (single thread, ESLint's default); every config starts from the baseline's ` +
        `\`languageOptions.parser\` and adds one plugin's recommended config, without type information. ` +
        `"Rules' own cost" is the row's median minus the baseline's: the time the rules add to parsing and traversal; the CPU column (user + system time of the process, GC threads included) says the same in CPU time, which other work on the machine disturbs less. ` +
        `The empty-rule row is what ESLint spends as soon as any rule runs (mostly garbage collection, in a CPU profile beside the no-rules run), which every plugin pays. No warm-up run.`,
      ``,
      table(results, [
        { header: "Rules' own cost", cell: (m, i) => (i === 0 ? "–" : `${ownCost(m).toFixed(2)} s (${signedPercent(ownCost(m), seconds(baseline))})`) },
        cpuColumn(baseline),
        { header: "Findings", cell: (_, i) => count(found[i]!.total) },
      ]),
      ``,
      `### Per rule: shipshape's JS rules`,
      ``,
      `One more run of the shipshape config with \`TIMING=all\` (ESLint's per-rule listener time; parsing is not counted). ` +
        `Rules not listed have no listener time on this code. Findings are from the measured runs. ` +
        `Listener time is only part of the rules' own cost above; the rest goes to creating each rule for each file, ESLint's dispatch of nodes to the listeners, ` +
        `garbage collection, and loading the plugin.`,
      ``,
      ...perRuleTable(timing, files.length, found[2]!),
      ``,
      corpus?.markdown ?? corpusHowTo(),
    ].join("\n"),
    summary: [
      `JS/TS, ${count(files.length)} TypeScript files with typescript-eslint's parser: shipshape's JS rules add ${percent(ownCost(shipshape), seconds(baseline))} ` +
        `to ESLint's time without rules (${ownCost(shipshape).toFixed(2)} s of ${seconds(shipshape).toFixed(2)} s; peak memory ${peakMiB(shipshape)} MiB vs ${peakMiB(baseline)} MiB); ` +
        `eslint-plugin-security's recommended rules add ${percent(ownCost(security), seconds(baseline))}, eslint-plugin-sonarjs's ${percent(ownCost(sonarjs), seconds(baseline))}; ` +
        `one empty rule, the floor under any plugin, adds ${percent(ownCost(emptyRule), seconds(baseline))}, and shipshape adds ${percent(seconds(shipshape) - seconds(emptyRule), seconds(emptyRule))} to that.`,
      ...(corpus?.summary ?? []),
    ],
  };
}

const CORPUS_HEADING = `### On real code: the evaluation corpus`;

function corpusHowTo(): string {
  return [
    CORPUS_HEADING,
    ``,
    `Not measured in this run. The same rows on the JS/TS files of the pinned public repositories of \`bench/eval/corpus.json\`: ` +
      `build the corpus with \`npm run eval:corpus -- --clones <folder> --out ../corpus\` (bench/eval/README.md), then run \`npm run bench -- --js-corpus ../corpus\`.`,
  ].join("\n");
}

/** The same rows (sonarjs aside: minutes per run) on the JS/TS files of a real corpus. */
function benchJsCorpus(context: BenchContext, corpus: string): Section {
  const folder = sectionFolder(context, "js-corpus");
  const configs = rows(folder, CORPUS_BASELINE, JSON.stringify(JS_FILES), { sonarjs: false });
  const commands: Command[] = configs.map(({ name, config }) => eslintCommand(name, folder, config, ["."], corpus));
  const results = measure(commands, context.runs, { warmUp: false });
  const found = configs.map(({ config }) => findings(folder, config));
  // Every row must lint the same files, or the differences are not the rules' cost.
  for (const [i, row] of found.entries()) {
    if (row.files !== found[0]!.files) throw new Error(`${configs[i]!.name} linted ${row.files} files, the baseline ${found[0]!.files}`);
  }
  const linted = found[0]!;
  const timing = ruleTimes(commands[2]!);

  // Files per repository of bench/eval/corpus.json, from the baseline's report.
  const perFolder = new Map<string, number>();
  for (const file of linted.paths) {
    const top = path.relative(corpus, file).split(path.sep)[0]!;
    perFolder.set(top, (perFolder.get(top) ?? 0) + 1);
  }
  const pinned = readCorpusList().filter((entry) => perFolder.has(repositoryFolder(entry.repo)));
  const fromList = pinned.reduce((sum, entry) => sum + perFolder.get(repositoryFolder(entry.repo))!, 0);
  const others = linted.files - fromList;

  const baseline = results[0]!;
  const ownCost = (m: Measurement) => seconds(m) - seconds(baseline);
  const [, emptyRule, shipshape, security] = results as [Measurement, Measurement, Measurement, Measurement];
  return {
    markdown: [
      CORPUS_HEADING,
      ``,
      `${count(linted.files)} JS/TS files (\`${JS_FILES.join(" ")}\` outside shipshape's generated-files ignores) of ${pinned.length} public repositories at the commits ` +
        `pinned in \`bench/eval/corpus.json\` (built by \`npm run eval:corpus\`; no code from them is committed)` +
        (others > 0 ? `, and ${count(others)} files in folders that list does not name` : ``) +
        `: ${pinned.map((entry) => `${entry.repo} ${entry.commit.slice(0, 7)} (${count(perFolder.get(repositoryFolder(entry.repo))!)})`).join(", ")}. ` +
        `Each row is \`eslint -c <config> . -f json\` run from the corpus's root, with the rows of the table above except eslint-plugin-sonarjs (minutes per run here); ` +
        `every config parses all files with typescript-eslint's parser (JSX on) and ignores what shipshape's recommended config ignores. ` +
        `Findings count the row's own rules only: the corpus's disable comments name rules no row loads. ` +
        `Files typescript-eslint cannot parse are linted by no rule in any row and counted as parse errors. No warm-up run.`,
      ``,
      table(results, [
        { header: "Rules' own cost", cell: (m, i) => (i === 0 ? "–" : `${ownCost(m).toFixed(2)} s (${signedPercent(ownCost(m), seconds(baseline))})`) },
        cpuColumn(baseline),
        { header: "Findings", cell: (_, i) => count(ownFindings(found[i]!, configs[i]!.prefix)) },
        { header: "Parse errors", cell: (_, i) => count(found[i]!.fatal) },
      ]),
      ``,
      `Per rule, one more run of the shipshape config with \`TIMING=all\`:`,
      ``,
      ...perRuleTable(timing, linted.files, found[2]!),
    ].join("\n"),
    summary: [
      `JS/TS, ${count(linted.files)} files of ${pinned.length} real repositories (bench/eval/corpus.json): shipshape's JS rules add ${percent(ownCost(shipshape), seconds(baseline))} ` +
        `to ESLint's time without rules (${ownCost(shipshape).toFixed(2)} s of ${seconds(shipshape).toFixed(2)} s); eslint-plugin-security's add ${percent(ownCost(security), seconds(baseline))}; ` +
        `one empty rule adds ${percent(ownCost(emptyRule), seconds(baseline))}, and shipshape adds ${percent(seconds(shipshape) - seconds(emptyRule), seconds(emptyRule))} to that.`,
    ],
  };
}
