/**
 * YAML: shipshape's YAML rules (ESLint with `recommended-yaml`) vs yamllint (where installed)
 * vs a bare parse with the `yaml` package, on a repository of Kubernetes manifests and on
 * rendered multi-document files of 0.5 and 5 MB.
 */
import fs from "node:fs";
import path from "node:path";
import { type BenchContext, type Section, ROOT, SHIPSHAPE_PLUGIN, count, eslintCommand, findings, ruleTimes, sectionFolder, version, writeConfig } from "./context.ts";
import { generateBundle, generateFlatFolder, generateManifests } from "./generate-manifests.ts";
import { type Command, type GrowthRow, type Measurement, growthTable, measure, median, seconds, table } from "./measure.ts";

const REPOSITORY_SERVICES = 60;
const MiB = 2 ** 20;
const BUNDLES = [0.5 * MiB, 5 * MiB];
/** Files in one folder, one object each: what the project view (sibling Services and autoscalers) reads. */
const FLAT_FOLDERS = [500, 5000];
const PROJECT_VIEW_RULES = ["shipshape/no-migration-at-startup", "shipshape/require-prestop-delay", "shipshape/require-readiness-probe"];

const yamllintInstalled = () => version("yamllint", ["--version"]) !== "not installed";

function bytesOf(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target, { recursive: true }).reduce<number>((sum, entry) => {
    const file = path.join(target, String(entry));
    return sum + (fs.statSync(file).isFile() ? fs.statSync(file).size : 0);
  }, 0);
}

const megabytes = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;

export function benchYaml(context: BenchContext): Section {
  const folder = sectionFolder(context, "manifests");
  const repository = generateManifests(path.join(folder, "repository"), REPOSITORY_SERVICES, 11);
  const bundles = BUNDLES.map((bytes) => {
    const target = `bundle-${bytes / MiB}mb`;
    return { target, ...generateBundle(path.join(folder, target, "rendered.yaml"), bytes, 13) };
  });
  const flatFolders = FLAT_FOLDERS.map((files) => {
    const target = `flat-${files}`;
    generateFlatFolder(path.join(folder, target), files, 17);
    return { target, files };
  });
  const shipshapeConfig = writeConfig(folder, "shipshape-yaml", [`import shipshape from "${SHIPSHAPE_PLUGIN}";`], [`...shipshape.configs["recommended-yaml"]`]);
  const parseOnlyConfig = writeConfig(
    folder,
    "parse-only",
    [`import shipshape from "${SHIPSHAPE_PLUGIN}";`],
    [`{ files: ["**/*.{yaml,yml}"], plugins: { shipshape }, language: "shipshape/yaml" }`],
  );
  // ESLint's own cost on YAML: eslint-plugin-yml's language (yaml-eslint-parser), no rules, no guard.
  const eslintOnlyConfig = writeConfig(
    folder,
    "eslint-yml-only",
    [`import yml from "eslint-plugin-yml";`],
    [`{ files: ["**/*.{yaml,yml}"], plugins: { yml }, language: "yml/yaml" }`],
  );
  const bare = (target: string): Command => ({ name: "bare `yaml` parse", command: process.execPath, args: [path.join(ROOT, "bench/parse-yaml.mjs"), target], cwd: folder });
  const bareEslintParser = (target: string): Command => ({
    name: "bare yaml-eslint-parser parse",
    command: process.execPath,
    args: [path.join(ROOT, "bench/parse-yaml.mjs"), "--parser", "yaml-eslint-parser", target],
    cwd: folder,
  });
  const eslintOnly = (target: string) => eslintCommand("ESLint + eslint-plugin-yml's language, no rules", folder, eslintOnlyConfig, [target]);
  const yamllint = (target: string): Command[] =>
    yamllintInstalled() ? [{ name: "yamllint (default config)", command: "yamllint", args: ["-f", "parsable", target], cwd: folder, okCodes: [0, 1, 2] }] : [];
  const shipshape = (target: string) => eslintCommand("ESLint + shipshape `recommended-yaml`", folder, shipshapeConfig, [target]);

  const onRepository = measure(
    [bare("repository"), eslintCommand("ESLint + shipshape/yaml language, no rules", folder, parseOnlyConfig, ["repository"]), shipshape("repository"), ...yamllint("repository")],
    context.runs,
  );
  const repositoryFindings = findings(folder, shipshapeConfig);
  // Each run on the 5 MB file takes many seconds: a warm-up run would only add time.
  // Rows of the bundle tables, in this order: the two bare parses, ESLint alone, shipshape, yamllint.
  const onBundles = bundles.map((bundle) =>
    measure(
      [bare(bundle.target), bareEslintParser(bundle.target), eslintOnly(bundle.target), shipshape(bundle.target), ...yamllint(bundle.target)],
      context.runs,
      { warmUp: bundle.bytes < MiB },
    ),
  );
  const onFlatFolders = flatFolders.map((flat) => measure([shipshape(flat.target)], context.runs));
  const timingFlat = flatFolders.map((flat) => ruleTimes(shipshape(flat.target)));
  const flatGrowth: GrowthRow[] = onFlatFolders.map((measurements, index) => ({ tool: measurements[0]!.name, size: flatFolders[index]!.files, measurement: measurements[0]! }));
  const timingRepository = ruleTimes(shipshape("repository"));
  const timingBundles = bundles.map((bundle) => ruleTimes(shipshape(bundle.target)));

  const growth: GrowthRow[] = onBundles[0]!.flatMap((_, tool) =>
    onBundles.map((measurements, size) => ({ tool: measurements[tool]!.name, size: bundles[size]!.bytes / MiB, measurement: measurements[tool]! })),
  );
  const yamllintNote = yamllintInstalled()
    ? `yamllint runs with its default configuration (\`${version("yamllint", ["--version"])}\`; its findings here are mostly line-length).`
    : "yamllint: not installed (`apt-get install yamllint`), so it has no row.";
  const ratio = (a: Measurement | undefined, b: Measurement | undefined) => (a && b ? `${(seconds(a) / seconds(b)).toFixed(2)}×` : "n/a (yamllint not installed)");
  const big = onBundles.at(-1)!;
  const [bigBare, bigEslintParser, bigEslintOnly, bigShipshape, bigYamllint] = [big[0], big[1], big[2], big[3], big[4]];
  const peakMiB = (measurement: Measurement) => Math.round(median(measurement.peakKb) / 1024);
  const rules = [...new Set([...timingRepository.keys(), ...timingBundles.flatMap((timing) => [...timing.keys()])])];
  const [smallTiming, bigTiming] = [timingBundles[0]!, timingBundles.at(-1)!];
  const sizeRatio = bundles.at(-1)!.bytes / bundles[0]!.bytes;

  return {
    markdown: [
      `## YAML: Kubernetes manifests`,
      ``,
      `Generated by \`bench/generate-manifests.ts\`: a repository of ${count(REPOSITORY_SERVICES)} workloads in 3 environments ` +
        `(${count(repository.length)} files, ${megabytes(bytesOf(path.join(folder, "repository")))}; one file per object or one multi-document file per workload), ` +
        `and rendered multi-document files like \`helm template\` output (seed 13). ${yamllintNote} ` +
        `The bare parses are \`bench/parse-yaml.mjs\`: read and \`parseAllDocuments\` with the \`yaml\` package that yaml-eslint-parser is built on, ` +
        `or \`parseYAML\` with yaml-eslint-parser (the AST the rules read), nothing else. ` +
        `"ESLint + eslint-plugin-yml's language, no rules" is ESLint's own cost on the file, the floor under any rules: parse, source code, traversal.`,
      ``,
      `### The repository (${count(repository.length)} files)`,
      ``,
      table(onRepository),
      ``,
      `shipshape found ${count(repositoryFindings.total)} problems in ${count(repositoryFindings.files)} files (${count(repositoryFindings.fatal)} parse errors).`,
      ``,
      ...bundles.flatMap((bundle, i) => [
        `### One rendered file of ${megabytes(bundle.bytes)} (${count(bundle.documents)} documents)${i === bundles.length - 1 ? ", no warm-up run" : ""}`,
        ``,
        table(onBundles[i]!),
        ``,
      ]),
      `### One folder of one-object files: ${flatFolders.map((flat) => count(flat.files)).join(" and ")} files`,
      ``,
      `Every workload's Service and autoscaler is a sibling file, so the rules that ask whether a workload is behind a Service or scaled ` +
        `read the folder through the project view (each file read and summarised once per run). Time should grow with the number of files, not its square.`,
      ``,
      growthTable(flatGrowth, "files", "file"),
      ``,
      `| Rule | ${flatFolders.map((flat) => `${count(flat.files)} files`).join(" | ")} |`,
      `| --- | ${flatFolders.map(() => "---").join(" | ")} |`,
      ...PROJECT_VIEW_RULES.map((rule) => `| \`${rule}\` | ${timingFlat.map((timing) => `${(timing.get(rule) ?? 0).toFixed(0)} ms`).join(" | ")} |`),
      ``,
      `### Growth in one file`,
      ``,
      growthTable(growth, "MB", "MB"),
      ``,
      `### Per rule (\`TIMING=all\`, one run each)`,
      ``,
      `ESLint's listener time per rule (parsing not counted). The last column is the growth from the ${megabytes(bundles[0]!.bytes)} file to the ` +
        `${megabytes(bundles.at(-1)!.bytes)} one, ${sizeRatio.toFixed(1)}× the documents: a rule whose time grows by about that factor is linear in the file's size, ` +
        `one whose time grows by its square compares every object with every other.`,
      ``,
      `| Rule | Repository | ${bundles.map((bundle) => `${megabytes(bundle.bytes)} file`).join(" | ")} | Growth |`,
      `| --- | --- | ${bundles.map(() => "---").join(" | ")} | --- |`,
      ...rules.map((rule) => {
        const growthFactor = (bigTiming.get(rule) ?? 0) / (smallTiming.get(rule) ?? 0);
        const cells = [timingRepository, ...timingBundles].map((timing) => `${(timing.get(rule) ?? 0).toFixed(0)} ms`);
        return `| \`${rule}\` | ${cells.join(" | ")} | ${Number.isFinite(growthFactor) ? `${growthFactor.toFixed(0)}×` : "–"} |`;
      }),
    ].join("\n"),
    summary: [
      `YAML, ${count(repository.length)} manifest files: ESLint with shipshape's YAML rules takes ${ratio(onRepository[2], onRepository[3])} yamllint's time ` +
        `and ${ratio(onRepository[2], onRepository[0])} a bare \`yaml\` parse's.`,
      `YAML, one ${megabytes(bundles.at(-1)!.bytes)} file of ${count(bundles.at(-1)!.documents)} documents: shipshape ${seconds(bigShipshape!).toFixed(1)} s, ` +
        `${ratio(bigShipshape, bigYamllint)} yamllint's time and ${ratio(bigShipshape, bigBare)} a bare parse's; ` +
        `ESLint alone (eslint-plugin-yml's language, no rules) ${seconds(bigEslintOnly!).toFixed(1)} s, a bare yaml-eslint-parser parse ${seconds(bigEslintParser!).toFixed(1)} s; ` +
        `peak memory ${peakMiB(bigShipshape!)} MiB, ${(median(bigShipshape!.peakKb) / median(bigEslintOnly!.peakKb)).toFixed(2)}× ESLint alone's.`,
    ],
  };
}
