import type { TSESLint } from "@typescript-eslint/utils";
import * as ESLintUtils from "@typescript-eslint/utils/eslint-utils";
import { docsUrl, type ShipshapeDocs } from "./docs-url.ts";

/**
 * Defines a JS/TS rule, as typescript-eslint's RuleCreator does: `meta.docs.url` is derived from
 * the rule's name, and `create` receives the options with the defaults filled in. Those are
 * merged once per distinct configuration instead of once per file (a structured clone and a
 * deep merge for every rule of every file); rules treat them as read-only.
 */
export const createRule: ReturnType<typeof ESLintUtils.RuleCreator<ShipshapeDocs>> = (definition) => {
  const rule = ESLintUtils.RuleCreator<ShipshapeDocs>(docsUrl)(definition);
  const merged = new Map<string, unknown>();
  // Most configurations give no options: the defaults as they are.
  const defaults = ESLintUtils.applyDefault((definition.defaultOptions ?? []) as never, [] as never);
  return {
    ...rule,
    create(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) {
      if (context.options.length === 0) return definition.create(context as never, defaults as never);
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) merged.set(key, (options = ESLintUtils.applyDefault((definition.defaultOptions ?? []) as never, context.options as never)));
      return definition.create(context as never, options as never);
    },
  } as typeof rule;
};
