/**
 * JS/TS: ESLint with typescript-eslint's parser on a generated service, without rules (the
 * baseline) and with shipshape's, eslint-plugin-security's and eslint-plugin-sonarjs's
 * recommended rules, each from its own flat config. The rules' own cost is a config's time
 * minus the baseline's; ESLint's `TIMING=all` splits shipshape's among its rules.
 */
import { type BenchContext, type Section, SHIPSHAPE_PLUGIN, count, eslintCommand, findings, percent, ruleTimes, sectionFolder, writeConfig } from "./context.ts";
import { generateService } from "./generate-service.ts";
import { type Measurement, measure, peakMiB, seconds, table } from "./measure.ts";

const SERVICE_FILES = 2000;
const PARSER = [`import tseslint from "typescript-eslint";`];
const BASELINE = `{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }`;

export function benchJs(context: BenchContext): Section {
  const folder = sectionFolder(context, "service");
  const files = generateService(`${folder}/app`, SERVICE_FILES, 7);
  const configs = [
    { name: "ESLint + typescript-eslint parser, no rules", config: writeConfig(folder, "baseline", PARSER, [BASELINE]) },
    {
      // What running any rule at all costs: one rule with a single empty listener.
      name: "plus one empty rule (the floor under any plugin)",
      config: writeConfig(folder, "empty-rule", PARSER, [
        BASELINE,
        `{ files: ["**/*.ts"], plugins: { local: { rules: { empty: { meta: { type: "problem", schema: [] }, create: () => ({ Program() {} }) } } } }, rules: { "local/empty": "error" } }`,
      ]),
    },
    {
      name: 'plus shipshape `recommended-js`',
      config: writeConfig(folder, "shipshape", [...PARSER, `import shipshape from "${SHIPSHAPE_PLUGIN}";`], [BASELINE, `...shipshape.configs["recommended-js"]`]),
    },
    {
      name: "plus eslint-plugin-security `recommended`",
      config: writeConfig(folder, "security", [...PARSER, `import security from "eslint-plugin-security";`], [BASELINE, "security.configs.recommended"]),
    },
    {
      name: "plus eslint-plugin-sonarjs `recommended`",
      config: writeConfig(folder, "sonarjs", [...PARSER, `import sonarjs from "eslint-plugin-sonarjs";`], [BASELINE, "sonarjs.configs.recommended"]),
    },
  ];
  const commands = configs.map(({ name, config }) => eslintCommand(name, folder, config, ["app"]));
  // Each run takes many seconds: a warm-up run would only add time.
  const results = measure(commands, context.runs, { warmUp: false });
  const found = configs.map(({ config }) => findings(folder, config));
  if (found[0]!.fatal > 0) throw new Error(`the generated service has ${found[0]!.fatal} files typescript-eslint cannot parse`);

  const baseline = results[0]!;
  const ownCost = (m: Measurement) => seconds(m) - seconds(baseline);
  const timing = ruleTimes(commands[2]!);
  const timed = [...timing.values()].reduce((sum, ms) => sum + ms, 0);
  const shipshapeFindings = found[2]!.byRule;
  const [, emptyRule, shipshape, security, sonarjs] = results as [Measurement, Measurement, Measurement, Measurement, Measurement];

  return {
    markdown: [
      `## JS/TS: a TypeScript service`,
      ``,
      `${count(files.length)} generated TypeScript files (\`bench/generate-service.ts\`, seed 7): Express routers and Fastify plugins, services, pg and Knex repositories, ` +
        `zod schemas, vitest tests, BullMQ workers, pino and winston logging (some of it interpolated), config modules reading \`process.env\` (a few with hardcoded credentials), ` +
        `webhook receivers with and without signature checks, session setup, Knex migrations, and entry points with and without SIGTERM handling. ` +
        `Each row is \`eslint -c <config> app -f json\` with its own flat config (single thread, ESLint's default); every config starts from the baseline's ` +
        `\`languageOptions.parser\` and adds one plugin's recommended config, without type information. ` +
        `"Rules' own cost" is the row's median minus the baseline's: the time the rules add to parsing and traversal. ` +
        `The empty-rule row is what ESLint spends as soon as any rule runs (mostly garbage collection, in a CPU profile beside the no-rules run), which every plugin pays. No warm-up run.`,
      ``,
      table(results, [
        { header: "Rules' own cost", cell: (m, i) => (i === 0 ? "–" : `${ownCost(m).toFixed(2)} s (+${percent(ownCost(m), seconds(baseline))})`) },
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
      `| Rule | Time | Share | Per 1,000 files | Findings |`,
      `| --- | --- | --- | --- | --- |`,
      ...[...timing].map(
        ([rule, ms]) =>
          `| \`${rule}\` | ${ms.toFixed(0)} ms | ${percent(ms, timed)} | ${((ms * 1000) / files.length).toFixed(0)} ms | ${count(shipshapeFindings.get(rule) ?? 0)} |`,
      ),
      `| all rules | ${timed.toFixed(0)} ms | 100% | ${((timed * 1000) / files.length).toFixed(0)} ms | ${count(found[2]!.total)} |`,
    ].join("\n"),
    summary: [
      `JS/TS, ${count(files.length)} TypeScript files with typescript-eslint's parser: shipshape's JS rules add ${percent(ownCost(shipshape), seconds(baseline))} ` +
        `to ESLint's time without rules (${ownCost(shipshape).toFixed(2)} s of ${seconds(shipshape).toFixed(2)} s; peak memory ${peakMiB(shipshape)} MiB vs ${peakMiB(baseline)} MiB); ` +
        `eslint-plugin-security's recommended rules add ${percent(ownCost(security), seconds(baseline))}, eslint-plugin-sonarjs's ${percent(ownCost(sonarjs), seconds(baseline))}; ` +
        `one empty rule, the floor under any plugin, adds ${percent(ownCost(emptyRule), seconds(baseline))}, and shipshape adds ${percent(seconds(shipshape) - seconds(emptyRule), seconds(emptyRule))} to that.`,
    ],
  };
}
