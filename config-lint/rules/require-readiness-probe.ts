import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { LONG_RUNNING_KINDS, containerList, containerNode, isScrapedQueueWorker, kubernetesObjects, maxReplicas, runsAlone, servingContainers, workloadServices, workloadsOf } from "../kubernetes.ts";
import { getPath, scalarText } from "../yaml-nodes.ts";

export default createYamlRule<[], "missingReadinessProbe">({
  name: "require-readiness-probe",
  meta: {
    type: "problem",
    docs: {
      description: "Require a readinessProbe on long-running workload containers that serve traffic",
      recommended: "error",
    },
    schema: [],
    messages: {
      missingReadinessProbe:
        "Container `{{name}}` has no readinessProbe, so Kubernetes sends it traffic as soon as it starts (before it listens) and keeps sending while it is overloaded or shutting down; those requests fail on every rollout. " +
        "Add a `readinessProbe` that checks the app can serve (an HTTP `/readyz`, or at least the port).",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        const objects = kubernetesObjects(program);
        for (const { object, kind, podSpec } of workloadsOf(objects, LONG_RUNNING_KINDS)) {
          // Every container has a probe: nothing to report, whatever the sibling manifests say (they are not read).
          if (containerList(podSpec, "containers").every((container) => getPath(container, "readinessProbe"))) continue;
          if (isScrapedQueueWorker(context.physicalFilename, objects, object)) continue; // its work comes through a broker
          const behindService = workloadServices(context.physicalFilename, objects, object).length > 0;
          // A DaemonSet is usually a node agent: only one behind a Service serves clients.
          const replicas = kind === "DaemonSet" ? Infinity : maxReplicas(context.physicalFilename, object, objects);
          const serving = kind === "DaemonSet" && !behindService ? [] : servingContainers(podSpec, behindService, replicas, runsAlone(object, replicas));
          for (const container of serving) {
            if (getPath(container, "readinessProbe")) continue;
            context.report({
              node: containerNode(container),
              messageId: "missingReadinessProbe",
              data: { name: scalarText(getPath(container, "name")) ?? "" },
            });
          }
        }
      },
    };
  },
});
