import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { LONG_RUNNING_KINDS, containerList, containerNode, drainsItself, isScrapedQueueWorker, kubernetesObjects, maxReplicas, preStopHook, runsAlone, servingContainers, workloadServices, workloadsOf } from "../kubernetes.ts";
import { getPath, scalarText } from "../yaml-nodes.ts";

/** A container this rule never reports: a preStop hook that waits, or none and a server that drains itself. */
function isDelayedOrDraining(container: AST.YAMLMapping): boolean {
  const hook = preStopHook(container);
  return hook ? hook.seconds !== 0 : drainsItself(container);
}

export default createYamlRule<[], "missingPreStop" | "zeroPreStop">({
  name: "require-prestop-delay",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Require a preStop delay on workloads behind a Service, so that endpoints are removed before the container gets SIGTERM",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingPreStop:
        "Container `{{name}}` sits behind Service `{{service}}` but has no preStop delay: SIGTERM arrives while kube-proxy and the load balancers still send it new requests, which then fail. " +
        "Add `lifecycle.preStop` with a short sleep (`sleep: {seconds: 5}`, or `exec` of `sleep 5`) and keep the grace period longer than it.",
      zeroPreStop:
        "This preStop hook sleeps 0 seconds, so it does not wait for the endpoint removal to reach kube-proxy and the load balancers. " +
        "Sleep a few seconds (5 is typical).",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        const objects = kubernetesObjects(program);
        for (const { object, podSpec } of workloadsOf(objects, LONG_RUNNING_KINDS)) {
          // Every container waits before it stops, or drains itself: nothing to report, whatever the sibling manifests say (they are not read).
          if (containerList(podSpec, "containers").every((container) => isDelayedOrDraining(container))) continue;
          if (isScrapedQueueWorker(context.physicalFilename, objects, object)) continue; // its work comes through a broker
          const [service] = workloadServices(context.physicalFilename, objects, object);
          if (service === undefined) continue;
          const replicas = maxReplicas(context.physicalFilename, object, objects);
          for (const container of servingContainers(podSpec, true, replicas, runsAlone(object, replicas))) {
            const hook = preStopHook(container);
            if (hook?.seconds === 0) context.report({ node: hook.node, messageId: "zeroPreStop" });
            if (hook || drainsItself(container)) continue;
            context.report({
              node: containerNode(container),
              messageId: "missingPreStop",
              data: { name: scalarText(getPath(container, "name")) ?? "", service },
            });
          }
        }
      },
    };
  },
});
