import * as ESLintUtils from "@typescript-eslint/utils/eslint-utils";
import { docsUrl, type ShipshapeDocs } from "./docs-url.ts";

/** Defines a JS/TS rule; `meta.docs.url` is derived from the rule's name. */
export const createRule = ESLintUtils.RuleCreator<ShipshapeDocs>(docsUrl);
