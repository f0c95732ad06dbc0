/**
 * Which configuration the `shipshape` command lints with. A project whose ESLint config uses
 * shipshape has set its dialect, `pgVersion`, `startAfter`, ignores, rule options and severities
 * there: the command uses that config (running shipshape's rules only). Without one, it uses the
 * built-in config: shipshape's recommended configs for all three languages.
 */
import path from "node:path";
import { ESLint } from "eslint";
import packageJson from "../package.json" with { type: "json" };
import { firstLine, UsageError } from "./options.ts";

export type ConfigChoice =
  /** The project's config file, with the names its plugins map shipshape under. */
  | { kind: "project"; file: string; namespaces: string[] }
  | { kind: "built-in"; namespaces: string[] };

const BUILT_IN: ConfigChoice = { kind: "built-in", namespaces: ["shipshape"] };

/** One file of each language shipshape lints, to ask the config what applies to them. */
const PROBES = ["shipshape-probe.ts", "shipshape-probe.js", "shipshape-probe.sql", "shipshape-probe.yaml"];

/** The names under which a config's plugins register shipshape (a renamed plugin too). */
function shipshapeNamespaces(config: { plugins?: Record<string, ESLint.Plugin> } | undefined): string[] {
  return Object.entries(config?.plugins ?? {})
    .filter(([, plugin]) => plugin.meta?.name === packageJson.name)
    .map(([name]) => name);
}

/**
 * The config for a run from `cwd` over `paths`: `--config <file>` when given; else, unless
 * `--no-config-lookup`, the ESLint config ESLint itself would find for the current folder or a
 * path given, when it uses shipshape; else the built-in one.
 */
export async function chooseConfig(cwd: string, paths: readonly string[], options: { config?: string; configLookup: boolean }): Promise<ConfigChoice> {
  if (options.config === undefined && !options.configLookup) return BUILT_IN;
  const explicit = options.config === undefined ? undefined : path.resolve(cwd, options.config);
  const eslint = new ESLint({ cwd, ...(explicit ? { overrideConfigFile: explicit } : {}) });

  const folders = new Set([cwd, ...paths.map((given) => path.resolve(cwd, given))]);
  const files = new Set<string>();
  for (const folder of folders) {
    const file = explicit ?? (await eslint.findConfigFile(path.join(folder, "__placeholder__")));
    if (file) files.add(file);
  }
  if (files.size === 0) return BUILT_IN;

  const namespaces = new Set<string>();
  for (const folder of folders) {
    for (const probe of PROBES) {
      let config;
      try {
        config = await eslint.calculateConfigForFile(path.join(folder, probe));
      } catch (error) {
        if ((error as { messageTemplate?: string }).messageTemplate === "config-file-missing") continue;
        const file = [...files].map((name) => path.relative(cwd, name) || name).join(", ");
        throw new UsageError(`could not load the ESLint config ${file}: ${firstLine(error)} (fix it, or run with --no-config-lookup)`);
      }
      for (const name of shipshapeNamespaces(config)) namespaces.add(name);
    }
  }
  const [file] = files;
  if (namespaces.size === 0) {
    if (explicit) throw new UsageError(`the config ${options.config} does not use shipshape's plugin`);
    return BUILT_IN;
  }
  return { kind: "project", file: file!, namespaces: [...namespaces] };
}
