/**
 * Startup: what a pull-request check pays before and around linting three files of one
 * language, beside the floor no lint run can go below (Node starting, ESLint imported).
 * Each language's three files are the last ones of a generated project of that language, linted
 * from the project's root, as a CI check on a pull request would.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type BenchContext, type Section, ROOT, SHIPSHAPE_BIN } from "./context.ts";
import { generateManifests } from "./generate-manifests.ts";
import { generateMigrations } from "./generate-migrations.ts";
import { generateService } from "./generate-service.ts";
import { type Command, measure, seconds, table } from "./measure.ts";

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

export function benchStartup(context: BenchContext): Section {
  const sqlFolder = path.join(context.work, "startup-sql");
  const sql = lastThree(sqlFolder, generateMigrations(sqlFolder, MIGRATIONS, 42), (file) => !file.endsWith(".down.sql"));
  const tsFolder = path.join(context.work, "startup-ts");
  const ts = lastThree(tsFolder, generateService(tsFolder, SERVICE_FILES, 7), (file) => file.startsWith("src/") && !/\.(test|spec)\.ts$/u.test(file));
  const yamlFolder = path.join(context.work, "startup-yaml");
  const yaml = lastThree(yamlFolder, generateManifests(yamlFolder, MANIFEST_SERVICES, 11), () => true);

  const shipshape = (name: string, cwd: string, files: string[]): Command => ({
    name,
    command: process.execPath,
    args: [SHIPSHAPE_BIN, ...files, "-f", "json"],
    cwd,
  });
  const commands: Command[] = [
    { name: "floor: `node -e \"\"`", command: process.execPath, args: ["-e", ""], cwd: context.work },
    {
      name: "floor: Node importing ESLint",
      command: process.execPath,
      args: ["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "node_modules/eslint/lib/api.js")).href)});`],
      cwd: context.work,
    },
    {
      // What a TypeScript file needs before any rule runs: typescript-eslint's parser loads TypeScript.
      name: "floor: Node importing ESLint and typescript-eslint's parser",
      command: process.execPath,
      args: [
        "--input-type=module",
        "-e",
        `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "node_modules/eslint/lib/api.js")).href)}); ` +
          `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "node_modules/@typescript-eslint/parser/dist/index.js")).href)});`,
      ],
      cwd: context.work,
    },
    shipshape("shipshape, 3 SQL files", sqlFolder, sql),
    shipshape("shipshape, 3 YAML files", yamlFolder, yaml),
    shipshape("shipshape, 3 TypeScript files", tsFolder, ts),
  ];
  const results = measure(commands, context.runs);
  const [node, eslint, typescriptParser, ...runs] = results;
  return {
    markdown: [
      `## Startup: a pull request of three files per language`,
      ``,
      `Whole-process wall time of \`shipshape <3 files> -f json\` run from the root of a generated project of one language ` +
        `(${MIGRATIONS} migrations, a ${SERVICE_FILES}-file TypeScript service, manifests of ${MANIFEST_SERVICES} services), ` +
        `beside the floor: Node starting with nothing to do, Node importing ESLint, and Node importing ESLint and typescript-eslint's parser (which loads TypeScript). ` +
        `Files: SQL \`${sql.join(" ")}\`; YAML \`${yaml.join(" ")}\`; TypeScript \`${ts.join(" ")}\`.`,
      ``,
      table(results),
    ].join("\n"),
    summary: [
      `Startup, a pull request of 3 files: SQL ${seconds(runs[0]!).toFixed(2)} s, YAML ${seconds(runs[1]!).toFixed(2)} s, ` +
        `TypeScript ${seconds(runs[2]!).toFixed(2)} s; the floor is ${seconds(node!).toFixed(2)} s for Node and ${seconds(eslint!).toFixed(2)} s with ESLint imported ` +
        `(${seconds(typescriptParser!).toFixed(2)} s with typescript-eslint's parser too, which TypeScript files need).`,
    ],
  };
}
