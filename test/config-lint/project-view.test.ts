/**
 * The project view: a workload's Service or autoscaler in another manifest of its deployment
 * (the same folder, or what a kustomization lists) counts as if it were in the workload's file.
 * The manifests are real files in a temporary folder, as in a repository.
 */
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import plugin from "../../index.ts";
import { temporaryProject } from "../helpers/temporary-project.ts";

const { root, write } = temporaryProject("project-view");

const deployment = (name: string, extra = "", image = `${name}:1`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  template:
    metadata:
      labels: {app: ${name}, tier: web}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports: [{containerPort: 8080}]
`;

const service = (name: string, selector: string, extra = "", ports = "[{port: 80, targetPort: 8080}]") => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${extra}spec:
  selector: ${selector}
  ports: ${ports}
`;

const RULES = ["require-prestop-delay", "require-readiness-probe"];

/** The findings of the preStop and readiness rules on one file, as `rule: message`. */
async function lint(file: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.yaml", "**/*.yml"], plugins: { shipshape: plugin }, language: "shipshape/yaml", rules: Object.fromEntries(RULES.map((rule) => [`shipshape/${rule}`, "warn"])) }],
  });
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.map((message) => `${message.ruleId?.replace("shipshape/", "")}: ${message.message.split(":")[0]}`);
}

describe("a workload's Service in another file", () => {
  it("is found in the same folder, one object per file", async () => {
    const file = write("flat/orders-dep.yaml", deployment("orders"));
    write("flat/orders-svc.yaml", service("orders", "{app: orders}"));
    expect(await lint(file)).toEqual([
      "require-prestop-delay: Container `orders` sits behind Service `orders` but has no preStop delay",
      "require-readiness-probe: Container `orders` has no readinessProbe, so Kubernetes sends it traffic as soon as it starts (before it listens) and keeps sending while it is overloaded or shutting down; those requests fail on every rollout. Add a `readinessProbe` that checks the app can serve (an HTTP `/readyz`, or at least the port).",
    ]);
  });

  it("is found through a kustomization's resources, in a file or a folder", async () => {
    const file = write("kustomize/base/deployment.yaml", deployment("cart"));
    write("kustomize/base/kustomization.yaml", "resources:\n  - deployment.yaml\n  - ../services\n");
    write("kustomize/services/kustomization.yaml", "resources: [cart.yaml]\n");
    write("kustomize/services/cart.yaml", service("cart-svc", "{app: cart}"));
    expect((await lint(file))[0]).toBe("require-prestop-delay: Container `cart` sits behind Service `cart-svc` but has no preStop delay");
  });

  it("must select the pods, send client traffic and share the namespace", async () => {
    const file = write("mismatch/web-dep.yaml", deployment("web", "  namespace: shop\n"));
    write("mismatch/other.yaml", service("web-other", "{app: web, tier: batch}"));
    write("mismatch/metrics.yaml", service("web-metrics", "{app: web}", "", "[{name: metrics, port: 9090}]"));
    write("mismatch/elsewhere.yaml", service("web", "{app: web}", "  namespace: billing\n"));
    write("mismatch/no-selector.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web-ext}\nspec:\n  type: ExternalName\n  externalName: example.com\n");
    // Not behind a Service: the container still serves on its port, so only the readiness rule speaks.
    expect(await lint(file)).toEqual([expect.stringMatching(/^require-readiness-probe: /u)]);
  });

  it("is not read from templates or broken files, and never from a folder the kustomization does not name", async () => {
    const file = write("isolated/app/api-dep.yaml", deployment("api"));
    write("isolated/app/chart-svc.yaml", service('"{{ .Release.Name }}-api"', "{app: api}"));
    write("isolated/app/broken.yaml", `${service("api", "{app: api}")}\n  ports: [oops\n`);
    write("isolated/other/api-svc.yaml", service("api", "{app: api}"));
    expect(await lint(file)).toEqual([expect.stringMatching(/^require-readiness-probe: /u)]);
  });

  it("is found in a file linted just before, which its own lint did not read", async () => {
    const first = write("pair/a.yaml", `${deployment("a")}---\n${service("b", "{app: b}")}`);
    const second = write("pair/b.yaml", deployment("b"));
    expect(await lint(first)).toEqual([expect.stringMatching(/^require-readiness-probe: /u)]);
    expect((await lint(second)).map((line) => line.split(":")[0])).toEqual(["require-prestop-delay", "require-readiness-probe"]);
  });

  it("sees a sibling added or changed while the process runs (an editor)", async () => {
    const file = write("live/pay-dep.yaml", deployment("pay"));
    expect(await lint(file)).toHaveLength(1);
    write("live/pay-svc.yaml", service("pay", "{app: pay}"));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the folder listing is trusted for a second
    expect(await lint(file)).toHaveLength(2);
    write("live/pay-svc.yaml", service("pay", "{app: payments}"));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lint(file)).toHaveLength(1);
  });
});

describe("a workload's autoscaler in another file", () => {
  it("makes a single-replica datastore a replicated one", async () => {
    const file = write("scaled/cache-dep.yaml", deployment("cache", "", "redis:7"));
    write("scaled/cache-svc.yaml", service("cache", "{app: cache}"));
    expect(await lint(file)).toEqual([]);
    write("scaled/cache-hpa.yaml", "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: cache}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cache}\n  minReplicas: 2\n  maxReplicas: 6\n");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await lint(file)).map((line) => line.split(":")[0])).toEqual(["require-prestop-delay", "require-readiness-probe"]);
  });
});
