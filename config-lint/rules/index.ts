import type { YamlRuleDefinition } from "../create-yaml-rule.ts";
import noInsecureTlsConfig from "./no-insecure-tls-config.ts";
import noK8sNonStringValue from "./no-k8s-non-string-value.ts";
import noLiteralSecretInConfig from "./no-literal-secret-in-config.ts";
import noLatestImage from "./no-latest-image.ts";
import noLivenessSameAsReadiness from "./no-liveness-same-as-readiness.ts";
import noMigrationAtStartup from "./no-migration-at-startup.ts";
import noSignalBlockingCommand from "./no-signal-blocking-command.ts";
import noStickySessions from "./no-sticky-sessions.ts";
import noUnrenderedTemplate from "./no-unrendered-template.ts";
import noZeroShutdownGrace from "./no-zero-shutdown-grace.ts";
import requireIngressTls from "./require-ingress-tls.ts";
import requirePrestopDelay from "./require-prestop-delay.ts";
import requireMemoryLimit from "./require-memory-limit.ts";
import requirePodDisruptionBudget from "./require-pod-disruption-budget.ts";
import requireReadinessProbe from "./require-readiness-probe.ts";

/** The YAML config rules, by name. */
export const yamlRules: Record<string, YamlRuleDefinition<never[]>> = {
  "no-insecure-tls-config": noInsecureTlsConfig,
  "no-k8s-non-string-value": noK8sNonStringValue,
  "no-literal-secret-in-config": noLiteralSecretInConfig,
  "no-latest-image": noLatestImage,
  "no-liveness-same-as-readiness": noLivenessSameAsReadiness,
  "no-migration-at-startup": noMigrationAtStartup,
  "no-signal-blocking-command": noSignalBlockingCommand,
  "no-sticky-sessions": noStickySessions,
  "no-unrendered-template": noUnrenderedTemplate,
  "no-zero-shutdown-grace": noZeroShutdownGrace,
  "require-ingress-tls": requireIngressTls,
  "require-prestop-delay": requirePrestopDelay,
  "require-memory-limit": requireMemoryLimit,
  "require-pod-disruption-budget": requirePodDisruptionBudget,
  "require-readiness-probe": requireReadinessProbe,
};
