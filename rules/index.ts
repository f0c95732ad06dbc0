import type { TSESLint } from "@typescript-eslint/utils";
import noHardcodedConfig from "./no-hardcoded-config.ts";
import noInMemorySession from "./no-in-memory-session.ts";
import noInterpolatedLog from "./no-interpolated-log.ts";
import noTimingUnsafeCompare from "./no-timing-unsafe-compare.ts";
import noUnsafeSchemaBuilderCall from "./no-unsafe-schema-builder-call.ts";
import requireGracefulShutdown from "./require-graceful-shutdown.ts";
import requireWebhookVerification from "./require-webhook-verification.ts";
import type { ShipshapeDocs } from "./utils/docs-url.ts";
import { isGeneratedFile } from "./utils/generated-file.ts";

type JsRule = TSESLint.RuleModule<string, unknown[], ShipshapeDocs>;

/** The rule, passing over files a generator wrote (see isGeneratedFile): their findings belong to the generator's input. */
function skippingGeneratedFiles(rule: JsRule): JsRule {
  return { ...rule, create: (context) => (isGeneratedFile(context.sourceCode.text) ? {} : rule.create(context)) };
}

/** The JS/TS rules, by name. */
export const jsRules: Record<string, JsRule> = Object.fromEntries(
  Object.entries({
    "no-hardcoded-config": noHardcodedConfig,
    "no-in-memory-session": noInMemorySession,
    "no-interpolated-log": noInterpolatedLog,
    "no-timing-unsafe-compare": noTimingUnsafeCompare,
    "no-unsafe-schema-builder-call": noUnsafeSchemaBuilderCall,
    "require-graceful-shutdown": requireGracefulShutdown,
    "require-webhook-verification": requireWebhookVerification,
  } satisfies Record<string, JsRule>).map(([name, rule]) => [name, skippingGeneratedFiles(rule)]),
);
