/**
 * What every benchmark section needs: where things are, how many runs, the peers' versions,
 * and ESLint runs with a flat config written into the work folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Command } from "./measure.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SHIPSHAPE_BIN = path.join(ROOT, "dist/cli/bin.js");
export const ESLINT_BIN = path.join(ROOT, "node_modules/eslint/bin/eslint.js");
/** The built plugin, as an import specifier that works from any folder. */
export const SHIPSHAPE_PLUGIN = pathToFileURL(path.join(ROOT, "dist/index.js")).href;

export interface BenchContext {
  /** A fresh temporary folder; sections create their inputs in subfolders of it. */
  work: string;
  runs: number;
  /** A folder of real code (`npm run eval:corpus`) for the JS/TS section's real-corpus table, from `--js-corpus`. */
  jsCorpus?: string;
  /** Another Node.js binary (`--node`), for the startup section's rows with the module compile cache Node 22.1 added. */
  otherNode?: string;
}

export interface Section {
  markdown: string;
  /** One-line results for the summary at the top of RESULTS.md. */
  summary: string[];
}

/** The first line a command prints for its version, or "not installed". */
export function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n")[0]!;
  } catch {
    return "not installed";
  }
}

export function packageVersion(name: string): string {
  const file = path.join(ROOT, "node_modules", name, "package.json");
  return fs.existsSync(file) ? `${name} ${JSON.parse(fs.readFileSync(file, "utf8")).version}` : `${name} not installed`;
}

/**
 * A folder for one section's inputs, in which bare imports resolve to this project's
 * node_modules (as they would in a project that installed the plugins), so the flat configs
 * written there import `typescript-eslint` or `eslint-plugin-sonarjs` by name.
 */
export function sectionFolder(context: BenchContext, name: string): string {
  const folder = path.join(context.work, name);
  fs.mkdirSync(folder, { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
  return folder;
}

/** Writes `eslint.<name>.config.mjs` into `folder`; returns its file name. */
export function writeConfig(folder: string, name: string, imports: string[], configs: string[]): string {
  const file = `eslint.${name}.config.mjs`;
  fs.writeFileSync(path.join(folder, file), `${imports.join("\n")}\n\nexport default [\n${configs.map((config) => `  ${config},`).join("\n")}\n];\n`);
  return file;
}

/**
 * `eslint -c <config> <targets>` in `folder`, its JSON report written to `<config>.json`; with
 * `cwd`, run from there (a corpus outside the section folder) with the config and report still in `folder`.
 */
export function eslintCommand(name: string, folder: string, config: string, targets: string[], cwd?: string): Command {
  const inFolder = (file: string) => (cwd === undefined ? file : path.join(folder, file));
  return { name, command: process.execPath, args: [ESLINT_BIN, "-c", inFolder(config), ...targets, "-f", "json", "-o", inFolder(`${config}.json`)], cwd: cwd ?? folder };
}

export interface Findings {
  /** The files linted, as the report names them (absolute paths). */
  paths: string[];
  files: number;
  total: number;
  fatal: number;
  byRule: Map<string, number>;
}

/** Counts the findings in the JSON report the last run of an `eslintCommand` left behind. */
export function findings(folder: string, config: string): Findings {
  const report = JSON.parse(fs.readFileSync(path.join(folder, `${config}.json`), "utf8")) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean }[] }[];
  const byRule = new Map<string, number>();
  let total = 0;
  let fatal = 0;
  for (const file of report) {
    for (const message of file.messages) {
      if (message.fatal) fatal++;
      else total++;
      const rule = message.ruleId ?? "(parse error)";
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
  }
  return { paths: report.map((file) => file.filePath), files: report.length, total, fatal, byRule };
}

/** Milliseconds spent in each rule, from one run of the command with ESLint's `TIMING=all`. */
export function ruleTimes(command: Command): Map<string, number> {
  const result = spawnSync(command.command, command.args, {
    cwd: command.cwd,
    env: { ...process.env, TIMING: "all" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.name} with TIMING failed: ${result.stderr.slice(-500)}`);
  const times = new Map<string, number>();
  for (const line of result.stdout.split("\n")) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*[\d.]+%$/u.exec(line.trim());
    if (match) times.set(match[1]!, Number(match[2]));
  }
  return times;
}

export const count = (n: number): string => n.toLocaleString("en-US");
export const percent = (part: number, whole: number): string => `${Math.round((part / whole) * 100)}%`;
/** A difference as a share, with its sign: a noisy run can make a row faster than the baseline. */
export const signedPercent = (part: number, whole: number): string => `${part < 0 ? "-" : "+"}${percent(Math.abs(part), whole)}`;
