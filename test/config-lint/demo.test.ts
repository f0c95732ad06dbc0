/**
 * The demo service's deployment and config YAML (fixtures/demo): each bad file shows the YAML
 * rules at work, and the good files give no findings at all.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });

async function findings(file: string) {
  const [result] = await eslint.lintFiles([path.join(ROOT, "fixtures/demo", file)]);
  return result!.messages.map(({ ruleId, line }) => `${line} ${ruleId ?? "fatal"}`);
}

describe("the demo's YAML", () => {
  it("gives no findings for the good deployment and the default config", async () => {
    expect(await findings("deploy/deployment-good.yaml")).toEqual([]);
    expect(await findings("config/default.yaml")).toEqual([]);
    expect(await findings("deploy/ingress-good.yaml")).toEqual([]);
  });

  it("reports migrations at startup, identical probes, no disruption budget or memory limit, plain-HTTP ingress, affinity and templates", async () => {
    expect(await findings("deploy/worker.yaml")).toEqual([
      "7 shipshape/require-pod-disruption-budget",
      "22 shipshape/no-migration-at-startup",
      "24 shipshape/require-memory-limit",
      "33 shipshape/no-liveness-same-as-readiness",
    ]);
    expect(await findings("deploy/ingress.yaml")).toEqual(["7 shipshape/no-sticky-sessions", "8 shipshape/require-ingress-tls"]);
    expect(await findings("deploy/chart/templates/deployment.yaml")).toEqual(["5 shipshape/no-unrendered-template"]);
  });

  // Its PodDisruptionBudget is the good deployment's, beside it in the folder, which selects the same pods.
  it("reports every problem of the bad deployment", async () => {
    expect(await findings("deploy/deployment.yaml")).toEqual([
      "20 shipshape/no-zero-shutdown-grace",
      "22 shipshape/require-prestop-delay",
      "22 shipshape/require-memory-limit",
      "22 shipshape/require-readiness-probe",
      "24 shipshape/no-signal-blocking-command",
      "31 shipshape/no-k8s-non-string-value",
      "33 shipshape/no-k8s-non-string-value",
      "35 shipshape/no-k8s-non-string-value",
      "37 shipshape/no-literal-secret-in-config",
      "50 shipshape/no-sticky-sessions",
    ]);
  });

  it("reports the Compose file's literal password and zero grace period, not its interpolated ones", async () => {
    expect(await findings("deploy/docker-compose.yml")).toEqual(["11 shipshape/no-zero-shutdown-grace", "27 shipshape/no-literal-secret-in-config"]);
  });

  it("reports the production config's secrets and disabled TLS, and the workflow's literal token", async () => {
    expect(await findings("config/production.yaml")).toEqual([
      "8 shipshape/no-literal-secret-in-config",
      "9 shipshape/no-insecure-tls-config",
      "12 shipshape/no-literal-secret-in-config",
    ]);
    expect(await findings(".github/workflows/deploy.yml")).toEqual(["13 shipshape/no-literal-secret-in-config"]);
  });
});
