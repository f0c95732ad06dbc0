import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isLocalDevelopmentFile, projectPath } from "../document-kind.ts";
import { LONG_RUNNING_KINDS, containerList, containerNode, kubernetesObjects, namespaceOf, objectsOfKind, servingContainers, workloadServices, workloadsOf } from "../kubernetes.ts";
import { siblingLimitRanges } from "../project-view.ts";
import { asMapping, asSequence, getPair, getPath, scalarText } from "../yaml-nodes.ts";

/** Whether a LimitRange object gives containers a default memory limit (`default.memory`, or `max.memory`, which then becomes the default). */
function defaultsMemoryLimit(limitRange: AST.YAMLMapping): boolean {
  return (asSequence(getPath(limitRange, "spec", "limits"))?.entries ?? []).some((entry) => {
    const limit = asMapping(entry);
    return scalarText(getPath(limit, "type")) === "Container" && Boolean(getPair(getPath(limit, "default"), "memory") || getPair(getPath(limit, "max"), "memory"));
  });
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export default createYamlRule<[], "missingMemoryLimit">({
  name: "require-memory-limit",
  meta: {
    type: "problem",
    docs: {
      description: "Require a memory limit on long-running containers that serve traffic, unless a LimitRange of the namespace sets a default",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingMemoryLimit:
        "Container `{{name}}` has no memory limit, so a leak or a burst of requests grows it until the node runs out of memory and the kernel kills other pods on that node. " +
        "Set `resources.limits.memory` (and `requests.memory`) to what the app needs under load.",
    },
  },
  create(context) {
    const reported = new Set<AST.YAMLNode>();
    return {
      Program(program) {
        // A developer's cluster or a test run: nothing else shares its nodes.
        if (isLocalDevelopmentFile(projectPath(context))) return;
        const objects = kubernetesObjects(program);
        const workloads = workloadsOf(objects, LONG_RUNNING_KINDS);
        if (workloads.length === 0) return;
        const limitRanges = objectsOfKind(objects, "LimitRange").filter(defaultsMemoryLimit);
        for (const { object, kind, podSpec } of workloads) {
          // Every container has a memory limit: nothing to report, whatever the sibling manifests say (they are not read).
          if (containerList(podSpec, "containers").every((container) => getPair(getPath(container, "resources", "limits"), "memory"))) continue;
          const behindService = workloadServices(context.physicalFilename, objects, object).length > 0;
          // A DaemonSet is usually a node agent: only one behind a Service serves clients.
          if (kind === "DaemonSet" && !behindService) continue;
          const serving = servingContainers(podSpec, behindService).filter((container) => !getPair(getPath(container, "resources", "limits"), "memory"));
          if (serving.length === 0) continue;
          const namespace = namespaceOf(object);
          const defaulted =
            limitRanges.some((limitRange) => sameNamespace(namespaceOf(limitRange), namespace)) ||
            siblingLimitRanges(context.physicalFilename, namespace).some((limitRange) => limitRange.defaultsMemoryLimit);
          if (defaulted) continue;
          for (const container of serving) {
            // A container anchored once and aliased into several workloads is one finding, where it is written.
            const node = containerNode(container);
            if (reported.has(node)) continue;
            reported.add(node);
            context.report({ node, messageId: "missingMemoryLimit", data: { name: scalarText(getPath(container, "name")) ?? "" } });
          }
        }
      },
    };
  },
});
