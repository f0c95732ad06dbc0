import fs from "node:fs";
import { describe, expect, it } from "vitest";
import rule, { selectorMatches } from "../../../config-lint/rules/require-pod-disruption-budget.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";
import { temporaryProject } from "../../helpers/temporary-project.ts";

const { write } = temporaryProject("pdb");

const workload = ({ kind = "Deployment", replicas = "\n  replicas: 3", namespace = "", container = WEB } = {}) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: orders${namespace ? `\n  namespace: ${namespace}` : ""}
spec:${replicas}
  template:
    metadata:
      labels: {app: orders, tier: web}
    spec:
      containers:
${container}`;

const WEB = `        - name: orders
          image: orders:1
          ports:
            - containerPort: 8080`;
const budget = (selector: string, namespace = "") =>
  `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: orders${namespace ? `\n  namespace: ${namespace}` : ""}\nspec:\n  maxUnavailable: 1\n  selector:\n${selector}\n`;
const autoscaler = (minReplicas: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: orders}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: orders}\n${minReplicas}  maxReplicas: 10\n`;

// The budget or the autoscaler in a sibling file (the project view): found by selector and namespace.
const WITH_BUDGET = write("shop/orders.yaml", workload({ namespace: "shop" }));
write("shop/pdb.yaml", budget("    matchLabels: {app: orders}", "shop"));
const OTHER_NAMESPACE = write("billing/orders.yaml", workload({ namespace: "billing" }));
write("billing/pdb.yaml", budget("    matchLabels: {app: orders}", "shop"));
const SCALED = write("scaled/orders.yaml", workload({ replicas: "" }));
write("scaled/hpa.yaml", autoscaler("  minReplicas: 2\n"));
// Through a kustomization's resources: the budget kept with the cluster policies in another folder.
const KUSTOMIZED = write("kz/apps/orders.yaml", workload());
write("kz/apps/kustomization.yaml", "resources:\n  - orders.yaml\n  - ../policies\n");
write("kz/policies/kustomization.yaml", "resources: [budgets.yaml]\n");
write("kz/policies/budgets.yaml", budget("    matchLabels: {app: orders, tier: web}"));
// A folder the kustomization does not name is another deployment.
const UNLISTED = write("kz2/apps/orders.yaml", workload());
write("kz2/policies/budgets.yaml", budget("    matchLabels: {app: orders}"));
const SCALED_FROM_ONE = write("quiet/orders.yaml", workload({ replicas: "" }));
write("quiet/hpa.yaml", autoscaler("  minReplicas: 1\n"));

const missing = (name: string, replicas: number, line: number, column: number, kind = "Deployment") => ({
  messageId: "missingDisruptionBudget",
  data: { kind, name, replicas: String(replicas) },
  line,
  column,
});

describe("selectorMatches", () => {
  const labels = new Map([
    ["app", "orders"],
    ["tier", "web"],
  ]);
  it("reads matchLabels and every matchExpressions operator", () => {
    expect(selectorMatches(new Map([["app", "orders"]]), [], labels)).toBe(true);
    expect(selectorMatches(new Map([["app", "cart"]]), [], labels)).toBe(false);
    expect(selectorMatches(new Map(), [{ key: "tier", operator: "In", values: ["web", "api"] }], labels)).toBe(true);
    expect(selectorMatches(new Map(), [{ key: "tier", operator: "NotIn", values: ["web"] }], labels)).toBe(false);
    expect(selectorMatches(new Map(), [{ key: "canary", operator: "DoesNotExist", values: [] }], labels)).toBe(true);
    expect(selectorMatches(new Map(), [{ key: "canary", operator: "Exists", values: [] }], labels)).toBe(false);
    // `{}` selects every pod of the namespace (policy/v1).
    expect(selectorMatches(new Map(), [], labels)).toBe(true);
  });
});

yamlRuleTester().run("require-pod-disruption-budget", rule, {
  valid: [
    `${workload()}\n---\n${budget("    matchLabels: {app: orders}")}`,
    `${workload()}\n---\n${budget("    matchExpressions:\n      - {key: app, operator: In, values: [orders, cart]}")}`,
    `${workload({ namespace: "shop" })}\n---\n${budget("    {}", "shop")}`,
    // One replica (written, or unset: 1), and an autoscaler that may scale down to one.
    workload({ replicas: "\n  replicas: 1" }),
    workload({ replicas: "" }),
    `${workload({ replicas: "" })}\n---\n${autoscaler("")}`,
    { filename: SCALED_FROM_ONE, code: fs.readFileSync(SCALED_FROM_ONE, "utf8") },
    // Replicas of a worker or a load generator serve no clients.
    workload({ container: "        - name: load-test\n          image: locust:2" }),
    workload({ container: '        - name: toolbox\n          image: busybox:1.36\n          command: ["sleep", "infinity"]' }),
    // Node agents and run-to-completion workloads are not held back by budgets this rule asks for.
    workload({ kind: "DaemonSet", replicas: "" }),
    `apiVersion: batch/v1\nkind: Job\nmetadata: {name: load}\nspec:\n  parallelism: 4\n  template:\n    spec:\n      containers:\n${WEB}`,
    { filename: WITH_BUDGET, code: fs.readFileSync(WITH_BUDGET, "utf8") },
    { filename: KUSTOMIZED, code: fs.readFileSync(KUSTOMIZED, "utf8") },
    { filename: "overlays/dev/orders.yaml", code: workload() },
    // Odd input.
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: ~\nspec:\n  replicas: three\n",
    "apiVersion: policy/v1\nkind: PodDisruptionBudget\nspec: {selector: ~}\n",
  ],
  invalid: [
    { code: workload(), errors: [missing("orders", 3, 4, 9)] },
    { code: workload({ kind: "StatefulSet" }), errors: [missing("orders", 3, 4, 9, "StatefulSet")] },
    // A budget that selects other pods, or sits in another namespace, does not protect these.
    { code: `${workload()}\n---\n${budget("    matchLabels: {app: orders, tier: batch}")}`, errors: [missing("orders", 3, 4, 9)] },
    { code: `${workload()}\n---\n${budget("    matchExpressions:\n      - {key: tier, operator: NotIn, values: [web]}")}`, errors: [missing("orders", 3, 4, 9)] },
    { code: `${workload({ namespace: "billing" })}\n---\n${budget("    matchLabels: {app: orders}", "shop")}`, errors: [missing("orders", 3, 4, 9)] },
    { filename: OTHER_NAMESPACE, code: fs.readFileSync(OTHER_NAMESPACE, "utf8"), errors: [missing("orders", 3, 4, 9)] },
    { filename: UNLISTED, code: fs.readFileSync(UNLISTED, "utf8"), errors: [missing("orders", 3, 4, 9)] },
    // Replicated through an autoscaler that keeps at least two, in the same file or a sibling.
    { code: `${workload({ replicas: "" })}\n---\n${autoscaler("  minReplicas: 2\n")}`, errors: [missing("orders", 2, 4, 9)] },
    { filename: SCALED, code: fs.readFileSync(SCALED, "utf8"), errors: [missing("orders", 2, 4, 9)] },
  ],
});
