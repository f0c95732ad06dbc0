/**
 * The options of the command's ESLint instance. Two of them are functions (run shipshape's rules
 * only; never fix another tool's directive), which ESLint's worker threads cannot receive as
 * values: ESLint loads them from a module (`ESLint.fromOptionsModule`) in every thread. That
 * module is a `data:` URL that calls `eslintOptions` here with the run's settings as JSON.
 */
import { ESLint } from "eslint";
import { isShipshapeRule, mayFix } from "./foreign-messages.ts";

/** The run's settings: ESLint's own options that are plain data, and shipshape's plugin names. */
export interface EslintSettings extends Omit<ESLint.Options, "fix" | "ruleFilter" | "plugins"> {
  fix: boolean;
  namespaces: string[];
}

export function eslintOptions({ fix, namespaces, ...options }: EslintSettings): ESLint.Options {
  return {
    ...options,
    ruleFilter: ({ ruleId }) => isShipshapeRule(ruleId, namespaces),
    fix: fix && ((message) => mayFix(message, namespaces)),
  };
}

/** An ESLint instance for these settings, in this thread and in each worker thread. */
export async function createEslint(settings: EslintSettings): Promise<ESLint> {
  const source = `import { eslintOptions } from ${JSON.stringify(import.meta.url)};\nexport default eslintOptions(${JSON.stringify(settings)});\n`;
  return ESLint.fromOptionsModule(new URL(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`));
}
