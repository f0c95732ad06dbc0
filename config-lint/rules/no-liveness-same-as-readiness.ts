import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { containerList, kubernetesObjects, podSpecOf } from "../kubernetes.ts";
import { getPair, getPath, pairsOf, resolve, scalarText } from "../yaml-nodes.ts";

const HANDLERS = ["httpGet", "tcpSocket", "exec", "grpc"] as const;
/** Probe timing and its Kubernetes defaults: with equal values, both probes fail at the same moment. */
const TIMING = { periodSeconds: "10", timeoutSeconds: "1", failureThreshold: "3" } as const;

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

/** A value as comparable text: mappings with sorted keys (merge keys applied), aliases resolved. */
function canonical(node: YamlValue, depth = 0): string {
  const value = resolve(node);
  if (!value || depth > 20) return "null";
  if (value.type === "YAMLScalar") return JSON.stringify(String(value.value));
  if (value.type === "YAMLSequence") return `[${value.entries.map((entry) => canonical(entry, depth + 1)).join(",")}]`;
  const pairs = pairsOf(value).map((pair) => `${JSON.stringify(scalarText(pair.key) ?? "")}:${canonical(pair.value, depth + 1)}`);
  return `{${pairs.sort().join(",")}}`;
}

/** What a probe checks and when it gives up: its handler and timing (not its initial delay or success threshold). */
function probeBehaviour(probe: YamlValue): string | null {
  const handler = HANDLERS.find((name) => getPair(probe, name));
  if (!handler) return null;
  const timing = Object.entries(TIMING).map(([key, fallback]) => scalarText(getPath(probe, key)) ?? fallback);
  return `${handler}:${canonical(getPath(probe, handler))}:${timing.join(",")}`;
}

export default createYamlRule<[], "sameProbe">({
  name: "no-liveness-same-as-readiness",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow a livenessProbe that runs the same check, with the same timing, as the readinessProbe",
      recommended: "warn",
    },
    schema: [],
    messages: {
      sameProbe:
        "This livenessProbe runs the same check with the same timing as the readinessProbe, so a pod that is only busy or waiting on a dependency is restarted at the moment it is taken out of the load balancer, and the restarts cascade across replicas. " +
        "Make liveness check only that the process responds (a separate `/livez`), or give it a higher `failureThreshold`.",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        for (const object of kubernetesObjects(program)) {
          const podSpec = podSpecOf(object);
          if (!podSpec) continue;
          for (const container of containerList(podSpec, "containers")) {
            const liveness = getPair(container, "livenessProbe");
            const readiness = probeBehaviour(getPath(container, "readinessProbe"));
            if (liveness && readiness !== null && probeBehaviour(liveness.value) === readiness) {
              context.report({ node: liveness.key ?? liveness, messageId: "sameProbe" });
            }
          }
        }
      },
    };
  },
});
