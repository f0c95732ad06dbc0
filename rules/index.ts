import type { TSESLint } from "@typescript-eslint/utils";
import type { ShipshapeDocs } from "./utils/docs-url.ts";

/** The JS/TS rules, by name. */
export const jsRules: Record<string, TSESLint.RuleModule<string, unknown[], ShipshapeDocs>> = {};
