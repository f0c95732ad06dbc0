import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { containerList, kubernetesObjects, numberValue, podSpecOf } from "../kubernetes.ts";
import { asSequence, getPair, getPath, pairsOf, resolve, scalarText } from "../yaml-nodes.ts";

const HANDLERS = ["httpGet", "tcpSocket", "exec", "grpc"] as const;

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

/** A probe's port as a number where the container names it (`port: http` → 8080). */
function portOf(container: AST.YAMLMapping, port: YamlValue): string {
  const text = scalarText(port) ?? "";
  if (/^\d+$/u.test(text)) return text;
  for (const entry of asSequence(getPath(container, "ports"))?.entries ?? []) {
    if (scalarText(getPath(entry, "name")) === text) return scalarText(getPath(entry, "containerPort")) ?? text;
  }
  return text;
}

interface Probe {
  handler: (typeof HANDLERS)[number];
  /** What it checks: the endpoint (path, port, scheme, host; headers do not pick another check) or the command. */
  check: string;
  /** Seconds of failing checks before the probe acts, in steady state: period × failure threshold. */
  actsAfter: number;
}

const seconds = (probe: YamlValue, key: string, fallback: number) => numberValue(getPath(probe, key)) ?? fallback;

function probeOf(container: AST.YAMLMapping, probe: YamlValue): Probe | null {
  const handler = HANDLERS.find((name) => getPair(probe, name));
  if (!handler) return null;
  const target = getPath(probe, handler);
  const check =
    handler === "httpGet"
      ? [scalarText(getPath(target, "path")) ?? "/", portOf(container, getPath(target, "port")), (scalarText(getPath(target, "scheme")) ?? "HTTP").toUpperCase(), scalarText(getPath(target, "host")) ?? ""].join(" ")
      : handler === "tcpSocket"
        ? portOf(container, getPath(target, "port"))
        : handler === "grpc"
          ? `${portOf(container, getPath(target, "port"))} ${scalarText(getPath(target, "service")) ?? ""}`
          : canonical(target);
  // Kubernetes' defaults: every 10 s, 3 failures.
  return { handler, check, actsAfter: seconds(probe, "periodSeconds", 10) * seconds(probe, "failureThreshold", 3) };
}

/**
 * Whether liveness restarts the container no later than readiness takes it out of the load
 * balancer, on the same check. A TCP connect is answered by the kernel while the app is busy, so
 * it fails only when nothing listens, and restarting then is right: such pairs are left alone.
 */
function restartsWithReadiness(liveness: Probe, readiness: Probe): boolean {
  return liveness.handler === readiness.handler && liveness.handler !== "tcpSocket" && liveness.check === readiness.check && liveness.actsAfter <= readiness.actsAfter;
}

export default createYamlRule<[], "sameProbe">({
  name: "no-liveness-same-as-readiness",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow a livenessProbe that runs the readinessProbe's check and acts no later than it",
      recommended: "warn",
    },
    schema: [],
    messages: {
      sameProbe:
        "This livenessProbe runs the readinessProbe's check and restarts the container after {{liveness}} s of failures, no later than readiness takes it out of the load balancer ({{readiness}} s), so a pod that is only busy or waiting on a dependency is restarted instead of rested, and the restarts cascade across replicas. " +
        "Make liveness check only that the process responds (a separate `/livez` that touches no dependency); if it must share the endpoint, let it act well after readiness (`periodSeconds` × `failureThreshold` of {{twice}} s or more).",
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
            const livenessProbe = liveness && probeOf(container, liveness.value);
            const readiness = probeOf(container, getPath(container, "readinessProbe"));
            if (liveness && livenessProbe && readiness && restartsWithReadiness(livenessProbe, readiness)) {
              context.report({
                node: liveness.key ?? liveness,
                messageId: "sameProbe",
                data: { liveness: String(livenessProbe.actsAfter), readiness: String(readiness.actsAfter), twice: String(2 * readiness.actsAfter) },
              });
            }
          }
        }
      },
    };
  },
});
