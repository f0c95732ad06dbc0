import type { AST } from "yaml-eslint-parser";
import { asMapping, asSequence, getPath, scalarText } from "./yaml-nodes.ts";

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ["spec"],
  PodTemplate: ["template", "spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export function kubernetesKind(root: AST.YAMLMapping): string | undefined {
  return scalarText(getPath(root, "kind"));
}

/** The pod spec of a workload object (Deployment, CronJob, Pod, ...), or null for other kinds. */
export function podSpecOf(root: AST.YAMLMapping): AST.YAMLMapping | null {
  const kind = kubernetesKind(root);
  const path = kind ? POD_SPEC_PATHS[kind] : undefined;
  return path ? asMapping(getPath(root, ...path)) : null;
}

/** Every container of a pod spec: init, regular and ephemeral. */
export function containersOf(podSpec: AST.YAMLMapping): AST.YAMLMapping[] {
  const containers: AST.YAMLMapping[] = [];
  for (const list of CONTAINER_LISTS) {
    for (const entry of asSequence(getPath(podSpec, list))?.entries ?? []) {
      const container = asMapping(entry);
      if (container) containers.push(container);
    }
  }
  return containers;
}
