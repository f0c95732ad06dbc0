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

/** Whether each file (its SourceCode) is generated: asked by every rule, read once. */
const generated = new WeakMap<object, boolean>();

/** The rule, passing over files a generator wrote (see isGeneratedFile): their findings belong to the generator's input. */
function skippingGeneratedFiles(rule: JsRule): JsRule {
  return {
    ...rule,
    create: (context) => {
      const { sourceCode } = context;
      let isGenerated = generated.get(sourceCode);
      if (isGenerated === undefined) generated.set(sourceCode, (isGenerated = isGeneratedFile(sourceCode.text)));
      return isGenerated ? {} : rule.create(context);
    },
  };
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
