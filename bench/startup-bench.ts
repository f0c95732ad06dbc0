/**
 * Startup: what a pull-request check pays before and around linting three files of one
 * language, beside the floor no lint run can go below (Node starting, ESLint imported).
 * Each language's three files are the last ones of a generated project of that language, linted
 * from the project's root, as a CI check on a pull request would.
 *
 * Where the time goes is measured, not guessed: more commands stop at each step of a run (ESLint
 * imported; the language's parser imported; shipshape's modules imported; the three files linted
 * alone, copied into an empty folder; the same files in their project), and each step's cost is
 * the difference of the medians of two neighbouring commands.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchContext, type Section, ROOT, SHIPSHAPE_BIN } from "./context.ts";
import { generateManifests } from "./generate-manifests.ts";
import { generateMigrations } from "./generate-migrations.ts";
import { generateService } from "./generate-service.ts";
import { execFileSync } from "node:child_process";
import { type Command, type Measurement, measure, seconds, table } from "./measure.ts";

const MIGRATIONS = 300;
const SERVICE_FILES = 300;
const MANIFEST_SERVICES = 12;

/** The last three files a generator wrote that `keep` accepts, relative to `folder`. */
function lastThree(folder: string, files: string[], keep: (file: string) => boolean): string[] {
  return files
    .map((file) => path.relative(folder, file))
    .filter(keep)
    .slice(-3);
}

/** Copies the files (relative paths) from `folder` into a new empty `alone`, at the same relative paths. */
function copyAlone(folder: string, files: string[], alone: string): void {
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(alone, file)), { recursive: true });
    fs.copyFileSync(path.join(folder, file), path.join(alone, file));
  }
}

const moduleUrl = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);

/** Node importing these modules (paths from the package root), one after the other, and nothing else. */
function importing(name: string, cwd: string, files: string[], node = process.execPath): Command {
  return { name, command: node, args: ["--input-type=module", "-e", files.map((file) => `await import(${moduleUrl(file)});`).join(" ")], cwd };
}

const ESLINT = "node_modules/eslint/lib/api.js";
/** shipshape's own modules every run loads: the plugin and the command. */
const SHIPSHAPE = ["dist/index.js", "dist/cli/run.js"];

interface Language {
  label: string;
  folder: string;
  files: string[];
  /** What parsing the language needs beside ESLint. */
  parser: { description: string; modules: string[] };
  /** shipshape's modules for the language: its language and rules. */
  modules: string[];
  /** What the project around the three files gives the rules. */
  project: string;
}

export function benchStartup(context: BenchContext): Section {
  const sqlFolder = path.join(context.work, "startup-sql");
  const sql = lastThree(sqlFolder, generateMigrations(sqlFolder, MIGRATIONS, 42), (file) => !file.endsWith(".down.sql"));
  const tsFolder = path.join(context.work, "startup-ts");
  const ts = lastThree(tsFolder, generateService(tsFolder, SERVICE_FILES, 7), (file) => file.startsWith("src/") && !/\.(test|spec)\.ts$/u.test(file));
  const yamlFolder = path.join(context.work, "startup-yaml");
  const yaml = lastThree(yamlFolder, generateManifests(yamlFolder, MANIFEST_SERVICES, 11), () => true);

  const languages: Language[] = [
    {
      label: "SQL",
      folder: sqlFolder,
      files: sql,
      parser: { description: "sql-parser-cst", modules: ["node_modules/sql-parser-cst/lib/main.js"] },
      modules: ["dist/sql-lint/language/sql-language.js", "dist/sql-lint/rules/index.js"],
      project: "the earlier migrations, the project's dialect",
    },
    {
      label: "YAML",
      folder: yamlFolder,
      files: yaml,
      parser: { description: "eslint-plugin-yml, yaml-eslint-parser and yaml", modules: ["node_modules/eslint-plugin-yml/lib/index.mjs"] },
      modules: ["dist/config-lint/language/yaml-language.js", "dist/config-lint/rules/index.js"],
      project: "the sibling manifests",
    },
    {
      label: "TypeScript",
      folder: tsFolder,
      files: ts,
      parser: { description: "typescript-eslint's parser and TypeScript", modules: ["node_modules/@typescript-eslint/parser/dist/index.js"] },
      modules: ["dist/rules/index.js"],
      project: "imported files, package.json",
    },
  ];

  const shipshape = (name: string, cwd: string, files: string[], node = process.execPath): Command => ({
    name,
    command: node,
    args: [SHIPSHAPE_BIN, ...files, "-f", "json"],
    cwd,
  });
  const floors: Command[] = [
    { name: "floor: `node -e \"\"`", command: process.execPath, args: ["-e", ""], cwd: context.work },
    importing("floor: Node importing ESLint", context.work, [ESLINT]),
    // What a TypeScript file needs before any rule runs: typescript-eslint's parser loads TypeScript.
    importing("floor: Node importing ESLint and typescript-eslint's parser", context.work, [ESLINT, ...languages[2]!.parser.modules]),
  ];
  const runs = languages.map(({ label, folder, files }) => shipshape(`shipshape, 3 ${label} files`, folder, files));
  // The steps in between, for the breakdown (the TypeScript parser's step is the last floor).
  const steps = languages.map((language) => {
    const alone = path.join(context.work, `startup-${language.label.toLowerCase()}-alone`);
    copyAlone(language.folder, language.files, alone);
    return {
      parser:
        language.label === "TypeScript"
          ? undefined
          : importing(`Node importing ESLint and ${language.parser.description}`, context.work, [ESLINT, ...language.parser.modules]),
      modules: importing(`Node importing ESLint, the parser and shipshape's ${language.label} modules`, context.work, [
        ESLINT,
        ...language.parser.modules,
        ...SHIPSHAPE,
        ...language.modules,
      ]),
      alone: shipshape(`shipshape, the 3 ${language.label} files alone in an empty folder`, alone, language.files),
    };
  });
  const stepCommands = steps.flatMap((step) => [...(step.parser ? [step.parser] : []), step.modules, step.alone]);
  const results = measure([...floors, ...runs, ...stepCommands], context.runs);
  const byName = new Map(results.map((result) => [result.name, result]));
  const [node, eslint, typescriptParser] = results as [Measurement, Measurement, Measurement];
  const main = results.slice(floors.length, floors.length + runs.length);
  const ms = (m: Measurement) => seconds(m) * 1000;
  const step = (from: Measurement, to: Measurement) => `${Math.round(ms(to) - ms(from))} ms`;

  const columns = languages.map((language, i) => {
    const parser = steps[i]!.parser ? byName.get(steps[i]!.parser!.name)! : typescriptParser;
    const modules = byName.get(steps[i]!.modules.name)!;
    const alone = byName.get(steps[i]!.alone.name)!;
    return { language, parser, modules, alone, run: main[i]! };
  });
  const breakdown = [
    `| Step | ${columns.map(({ language }) => language.label).join(" | ")} |`,
    `| --- | ${columns.map(() => "---").join(" | ")} |`,
    `| Node starting | ${columns.map(() => `${Math.round(ms(node))} ms`).join(" | ")} |`,
    `| ESLint imported | ${columns.map(() => step(node, eslint)).join(" | ")} |`,
    `| the language's parser imported | ${columns.map(({ parser, language }) => `${step(eslint, parser)} (${language.parser.description})`).join(" | ")} |`,
    `| shipshape's plugin, command, language and rules imported | ${columns.map(({ parser, modules }) => step(parser, modules)).join(" | ")} |`,
    `| linting the 3 files (config, parse, rules, report), alone in an empty folder | ${columns.map(({ modules, alone }) => step(modules, alone)).join(" | ")} |`,
    `| the project around them | ${columns.map(({ alone, run, language }) => `${step(alone, run)} (${language.project})`).join(" | ")} |`,
    `| whole run in the project | ${columns.map(({ run }) => `${Math.round(ms(run))} ms`).join(" | ")} |`,
  ].join("\n");

  const cached = context.otherNode ? withCompileCache(context, context.otherNode, languages, shipshape) : undefined;

  return {
    markdown: [
      `## Startup: a pull request of three files per language`,
      ``,
      `Whole-process wall time of \`shipshape <3 files> -f json\` run from the root of a generated project of one language ` +
        `(${MIGRATIONS} migrations, a ${SERVICE_FILES}-file TypeScript service, manifests of ${MANIFEST_SERVICES} services), ` +
        `beside the floor: Node starting with nothing to do, Node importing ESLint, and Node importing ESLint and typescript-eslint's parser (which loads TypeScript). ` +
        `Files: SQL \`${sql.join(" ")}\`; YAML \`${yaml.join(" ")}\`; TypeScript \`${ts.join(" ")}\`.`,
      ``,
      table([node, eslint, typescriptParser, ...main]),
      ``,
      `### Where the time goes`,
      ``,
      `Each step is the difference between the medians of two commands measured in the same alternating runs as the table above: ` +
        `Node importing ESLint, then also the language's parser, then also shipshape's modules (\`dist/index.js\`, \`dist/cli/run.js\`, the language and its rules), ` +
        `then shipshape linting the same 3 files copied alone into an empty folder, then the run in the project. ` +
        `Steps are differences of medians, so a small one is within the noise (on a loaded machine it can even come out negative).`,
      ``,
      breakdown,
      ``,
      table(stepCommands.map((command) => byName.get(command.name)!)),
      ...(cached ? [``, cached.markdown] : []),
    ].join("\n"),
    summary: [
      `Startup, a pull request of 3 files: SQL ${seconds(main[0]!).toFixed(2)} s, YAML ${seconds(main[1]!).toFixed(2)} s, ` +
        `TypeScript ${seconds(main[2]!).toFixed(2)} s; the floor is ${seconds(node).toFixed(2)} s for Node and ${seconds(eslint).toFixed(2)} s with ESLint imported ` +
        `(${seconds(typescriptParser).toFixed(2)} s with typescript-eslint's parser too, which TypeScript files need); ` +
        `with each language's parser and shipshape's modules imported, before any file is read: ` +
        `${columns.map(({ language, modules }) => `${language.label} ${seconds(modules).toFixed(2)} s`).join(", ")}.`,
      ...(cached ? [cached.summary] : []),
    ],
  };
}

/**
 * The same pull requests and floors on another Node.js (`npm run bench -- --node <binary>`) with
 * its module compile cache: Node 22.1 and later keep the compiled code of every module on disk,
 * and shipshape's command turns that cache on (cli/bin.ts). Every command here shares one cache
 * folder, filled by the warm-up run, as on a developer's machine or a CI runner that keeps it.
 */
function withCompileCache(
  context: BenchContext,
  node: string,
  languages: { label: string; folder: string; files: string[] }[],
  shipshape: (name: string, cwd: string, files: string[], node?: string) => Command,
): { markdown: string; summary: string } {
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  const cache = { NODE_COMPILE_CACHE: path.join(context.work, `compile-cache-${version}`) };
  const commands: Command[] = [
    { name: `floor: Node ${version} \`node -e ""\``, command: node, args: ["-e", ""], cwd: context.work },
    importing(`floor: Node ${version} importing ESLint`, context.work, [ESLINT], node),
    importing(`floor: Node ${version} importing ESLint and typescript-eslint's parser`, context.work, [ESLINT, "node_modules/@typescript-eslint/parser/dist/index.js"], node),
    ...languages.map(({ label, folder, files }) => shipshape(`shipshape on Node ${version}, 3 ${label} files`, folder, files, node)),
  ].map((command) => ({ ...command, env: cache }));
  const results = measure(commands, context.runs);
  const [bare, eslint, typescriptParser, ...runs] = results as [Measurement, Measurement, Measurement, ...Measurement[]];
  return {
    markdown: [
      `### On Node ${version}, with its module compile cache`,
      ``,
      `The same commands on Node ${version} (\`--node\`), whose module compile cache keeps the compiled code of every module on disk ` +
        `(\`NODE_COMPILE_CACHE\`; shipshape's command turns it on). All rows share one cache folder, filled by the warm-up run, ` +
        `as on a developer's machine or a CI runner that keeps the folder; a cold cache costs the first run what the table above shows.`,
      ``,
      table(results),
    ].join("\n"),
    summary:
      `Startup on Node ${version} with its module compile cache: ` +
      `${languages.map(({ label }, i) => `${label} ${seconds(runs[i]!).toFixed(2)} s`).join(", ")} (target 0.25 s); ` +
      `the floor is ${seconds(bare).toFixed(2)} s for Node, ${seconds(eslint).toFixed(2)} s with ESLint imported and ${seconds(typescriptParser).toFixed(2)} s with typescript-eslint's parser.`,
  };
}
