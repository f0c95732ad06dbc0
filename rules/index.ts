import type { TSESLint } from "@typescript-eslint/utils";
import noHardcodedConfig from "./no-hardcoded-config.ts";
import noInMemorySession from "./no-in-memory-session.ts";
import noInterpolatedLog from "./no-interpolated-log.ts";
import noTimingUnsafeCompare from "./no-timing-unsafe-compare.ts";
import noUnsafeSchemaBuilderCall from "./no-unsafe-schema-builder-call.ts";
import requireGracefulShutdown from "./require-graceful-shutdown.ts";
import requireWebhookVerification from "./require-webhook-verification.ts";
import type { ShipshapeDocs } from "./utils/docs-url.ts";

/** The JS/TS rules, by name. */
export const jsRules: Record<string, TSESLint.RuleModule<string, unknown[], ShipshapeDocs>> = {
  "no-hardcoded-config": noHardcodedConfig,
  "no-in-memory-session": noInMemorySession,
  "no-interpolated-log": noInterpolatedLog,
  "no-timing-unsafe-compare": noTimingUnsafeCompare,
  "no-unsafe-schema-builder-call": noUnsafeSchemaBuilderCall,
  "require-graceful-shutdown": requireGracefulShutdown,
  "require-webhook-verification": requireWebhookVerification,
};
