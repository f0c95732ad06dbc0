import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isLocalDevelopmentFile, projectPath } from "../document-kind.ts";
import {
  kubernetesKind,
  kubernetesObjects,
  minReplicas,
  namespaceOf,
  objectsOfKind,
  podLabelsOf,
  servingContainers,
  stringMap,
  workloadServices,
  workloadsOf,
} from "../kubernetes.ts";
import { siblingDisruptionBudgets, type SelectorRequirement } from "../project-view.ts";
import { asMapping, asSequence, getPair, getPath, scalarText } from "../yaml-nodes.ts";

/** Workloads a node drain evicts pod by pod, which a PodDisruptionBudget can hold back. */
const REPLICATED_KINDS: ReadonlySet<string> = new Set(["Deployment", "StatefulSet"]);

/** Whether a label selector (`matchLabels` and `matchExpressions`) selects pods with these labels. */
export function selectorMatches(matchLabels: ReadonlyMap<string, string>, matchExpressions: readonly SelectorRequirement[], labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of matchLabels) if (labels.get(key) !== value) return false;
  return matchExpressions.every(({ key, operator, values }) => {
    const value = labels.get(key);
    switch (operator) {
      case "In":
        return value !== undefined && values.includes(value);
      case "NotIn":
        return value === undefined || !values.includes(value);
      case "Exists":
        return value !== undefined;
      case "DoesNotExist":
        return value === undefined;
      default:
        return true; // an operator Kubernetes would refuse: not ours to judge
    }
  });
}

function selectorRequirements(node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined): SelectorRequirement[] {
  const requirements: SelectorRequirement[] = [];
  for (const entry of asSequence(node)?.entries ?? []) {
    const key = scalarText(getPath(entry, "key"));
    const operator = scalarText(getPath(entry, "operator"));
    const values = (asSequence(getPath(entry, "values"))?.entries ?? []).map((value) => scalarText(value)).filter((value) => value !== undefined);
    if (key && operator) requirements.push({ key, operator, values });
  }
  return requirements;
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

interface Budget {
  namespace: string | undefined;
  matchLabels: ReadonlyMap<string, string>;
  matchExpressions: readonly SelectorRequirement[];
}

/** A file's PodDisruptionBudgets, indexed by one label each requires (or none), built once per file. */
const budgetIndexes = new WeakMap<readonly AST.YAMLMapping[], { byLabel: Map<string, Budget[]>; unlabelled: Budget[] }>();

/**
 * The file's budgets that may select pods with these labels: those requiring one of the labels, and
 * those that require none. Comparing every workload with every budget made a rendered file of
 * thousands of each quadratic.
 */
function budgetsFor(objects: readonly AST.YAMLMapping[], labels: ReadonlyMap<string, string>): Budget[] {
  let index = budgetIndexes.get(objects);
  if (!index) {
    index = { byLabel: new Map(), unlabelled: [] };
    for (const object of objectsOfKind(objects, "PodDisruptionBudget")) {
      const selector = asMapping(getPath(object, "spec", "selector"));
      if (!selector) continue;
      const budget: Budget = { namespace: namespaceOf(object), matchLabels: stringMap(getPath(selector, "matchLabels")), matchExpressions: selectorRequirements(getPath(selector, "matchExpressions")) };
      const [first] = budget.matchLabels;
      if (!first) index.unlabelled.push(budget);
      else {
        const key = JSON.stringify(first);
        const sharing = index.byLabel.get(key);
        if (sharing) sharing.push(budget);
        else index.byLabel.set(key, [budget]);
      }
    }
    budgetIndexes.set(objects, index);
  }
  const candidates = [...index.unlabelled];
  for (const label of labels) candidates.push(...(index.byLabel.get(JSON.stringify(label)) ?? []));
  return candidates;
}

export default createYamlRule<[], "missingDisruptionBudget">({
  name: "require-pod-disruption-budget",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a PodDisruptionBudget for replicated workloads that serve traffic",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingDisruptionBudget:
        "{{kind}} `{{name}}` runs {{replicas}} replicas but no PodDisruptionBudget selects its pods, so a node drain or cluster upgrade may evict every replica at once and the service goes down. " +
        "Add a PodDisruptionBudget with the pods' labels and `maxUnavailable: 1` (or a `minAvailable` below the replica count).",
    },
  },
  create(context) {
    return {
      Program(program) {
        // A developer's cluster or a test run has no drains to survive.
        if (isLocalDevelopmentFile(projectPath(context))) return;
        const objects = kubernetesObjects(program);
        for (const { object, kind, podSpec } of workloadsOf(objects, REPLICATED_KINDS)) {
          const name = scalarText(getPath(object, "metadata", "name"));
          const namespace = namespaceOf(object);
          const labels = podLabelsOf(object);
          // A budget in the file covers it: nothing to report, whatever the sibling manifests say (they are not read).
          if (budgetsFor(objects, labels).some((budget) => sameNamespace(budget.namespace, namespace) && selectorMatches(budget.matchLabels, budget.matchExpressions, labels))) continue;
          // Replicated as written: `replicas` (unset is 1), or the fewest an autoscaler keeps.
          const replicas = minReplicas(context.physicalFilename, object, objects);
          if (replicas < 2) continue;
          const behindService = workloadServices(context.physicalFilename, objects, object).length > 0;
          if (servingContainers(podSpec, behindService, replicas).length === 0) continue;
          const covered =
            siblingDisruptionBudgets(context.physicalFilename, namespace).some((budget) => selectorMatches(budget.matchLabels, budget.matchExpressions, labels));
          if (covered) continue;
          context.report({
            node: getPair(getPath(object, "metadata"), "name")?.value ?? getPair(object, "kind")?.value ?? object,
            messageId: "missingDisruptionBudget",
            data: { kind: kubernetesKind(object) ?? kind, name: name ?? "", replicas: String(replicas) },
          });
        }
      },
    };
  },
});
