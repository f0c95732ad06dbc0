import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isLocalComposeStack } from "../local-stack.ts";
import { documentKind, isLocalDevelopmentFile, isTestFile, projectPath } from "../document-kind.ts";
import { containerList, kubernetesObjects, numberValue, podSpecOf, preStopHook } from "../kubernetes.ts";
import { asMapping, asScalar, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE_SECONDS = 30;
const GO_DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds in a Go duration as Compose reads it (`0s`, `1m30s`, `500ms`), or undefined. */
function goDurationSeconds(node: AST.YAMLScalar): number | undefined {
  if (typeof node.value === "number") return node.value;
  const text = scalarText(node)?.trim() ?? "";
  if (/^0+$/u.test(text)) return 0; // Go accepts a unitless zero
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/u.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(?<!\d)(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gu)) {
    seconds += Number(amount) * GO_DURATION_UNITS[unit!]!;
  }
  return seconds;
}

export default createYamlRule<[], "zeroGracePeriod" | "graceShorterThanPreStop" | "composeZeroGrace" | "composeKillSignal">({
  name: "no-zero-shutdown-grace",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow shutdown settings that kill the app without a grace period: a zero or too short terminationGracePeriodSeconds, Compose stop_grace_period: 0s or stop_signal: SIGKILL",
      recommended: "error",
    },
    schema: [],
    messages: {
      zeroGracePeriod:
        "With `terminationGracePeriodSeconds: 0` the pod is killed at once on every rollout, scale-down or eviction, dropping the requests in flight. " +
        "Leave the default (30) or set the seconds the app needs to drain.",
      graceShorterThanPreStop:
        "The grace period ({{grace}} s) is used up by the preStop delay ({{delay}} s), so the app gets SIGKILL before it can drain its requests. " +
        "Make `terminationGracePeriodSeconds` longer than the preStop delay plus the app's own shutdown time.",
      composeZeroGrace:
        "With `stop_grace_period: {{text}}` Compose kills the container as soon as it is asked to stop, dropping the requests in flight. " +
        "Remove it (the default is 10s) or set the time the app needs to drain.",
      composeKillSignal:
        "`stop_signal: {{text}}` kills the process outright: it never gets to finish requests or close connections. " +
        "Stop it with SIGTERM (the default) and handle that signal in the app.",
    },
  },
  create(context) {
    const checkKubernetes = (objects: readonly AST.YAMLMapping[]): void => {
      for (const object of objects) {
        const podSpec = podSpecOf(object);
        if (!podSpec) continue;
        const graceNode = asScalar(getPath(podSpec, "terminationGracePeriodSeconds"));
        const grace = graceNode ? numberValue(graceNode) : DEFAULT_GRACE_SECONDS;
        if (grace === undefined) continue;
        if (graceNode && grace === 0) {
          context.report({ node: graceNode, messageId: "zeroGracePeriod" });
          continue;
        }
        for (const container of containerList(podSpec, "containers")) {
          const delay = preStopHook(container)?.seconds;
          if (delay === undefined || delay < grace) continue;
          context.report({
            node: graceNode ?? preStopHook(container)!.node,
            messageId: "graceShorterThanPreStop",
            data: { grace: String(grace), delay: String(delay) },
          });
          break;
        }
      }
    };

    const checkCompose = (root: AST.YAMLMapping): void => {
      for (const { value } of pairsOf(getPath(root, "services"))) {
        const service = asMapping(value);
        const gracePeriod = asScalar(getPath(service, "stop_grace_period"));
        if (gracePeriod && goDurationSeconds(gracePeriod) === 0) {
          context.report({ node: gracePeriod, messageId: "composeZeroGrace", data: { text: scalarText(gracePeriod) ?? "" } });
        }
        const signal = asScalar(getPath(service, "stop_signal"));
        const signalText = scalarText(signal)?.trim().toUpperCase();
        if (signal && (signalText === "SIGKILL" || signalText === "KILL" || signalText === "9")) {
          context.report({ node: signal, messageId: "composeKillSignal", data: { text: scalarText(signal) ?? "" } });
        }
      }
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        if (isTestFile(filename)) return; // test data runs nowhere near production
        checkKubernetes(kubernetesObjects(program));
        if (isLocalDevelopmentFile(filename)) return;
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (root && documentKind(document, filename) === "compose" && !isLocalComposeStack(root)) checkCompose(root);
        }
      },
    };
  },
});
