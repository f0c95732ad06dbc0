import type { AST } from "yaml-eslint-parser";
import { composeCommand, containerCommand, type CommandWord } from "../commands.ts";
import { isInterpolatedHost, isLoopbackHost, sslModeDisabled } from "../connection-strings.ts";
import { createYamlRule, locOfRange } from "../create-yaml-rule.ts";
import { nameWords } from "../credentials.ts";
import { isLocalComposeStack } from "../local-stack.ts";
import { documentKind, isLocalDevelopmentFile, isTestFile, projectPath, type DocumentKind } from "../document-kind.ts";
import { composeVariables, kubernetesEnv, valueRange, type EnvVariable } from "../environment.ts";
import { containersOf, kubernetesKind, kubernetesObjects, podSpecOf } from "../kubernetes.ts";
import { asMapping, getPair, getPath, pairsOf, scalarText, writtenScalars } from "../yaml-nodes.ts";

/** `insecureSkipVerify`, `insecure_skip_verify`, `insecure-skip-tls-verify`, `tlsSkipVerify`, `skip_tls_verify`. */
function disablesVerificationWhenTrue(key: string): boolean {
  const words = nameWords(key).join(" ");
  return /\binsecure (?:skip )?(?:tls |ssl )?(?:skip )?verify\b|\b(?:tls |ssl )?skip (?:tls |ssl )?verify\b/u.test(words);
}

/** `rejectUnauthorized`, `verify_ssl`, `sslVerify`, `tls_verify`. */
function disablesVerificationWhenFalse(key: string): boolean {
  const words = nameWords(key).join(" ");
  return /^(?:reject unauthorized|(?:verify (?:ssl|tls|certs?|certificates?))|(?:(?:ssl|tls) verify))$/u.test(words);
}

/**
 * Which value of a key turns verification off: `true` (`insecureSkipVerify`), `false`
 * (`rejectUnauthorized`), or none. Asked of every scalar's key, and keys repeat in every manifest
 * (`name`, `image`, `app`): decided once per key.
 */
function verificationOffWhen(key: string): boolean | undefined {
  if (offWhen.has(key)) return offWhen.get(key);
  if (offWhen.size >= 10_000) offWhen.clear();
  const answer = disablesVerificationWhenTrue(key) ? true : disablesVerificationWhenFalse(key) ? false : undefined;
  offWhen.set(key, answer);
  return answer;
}

const offWhen = new Map<string, boolean | undefined>();

const isTrue = (value: unknown): boolean => value === true || value === "true" || value === "True";
const isFalse = (value: unknown): boolean => value === false || value === "false" || value === "False";

type MessageId = "skipVerify" | "nodeTlsRejectUnauthorized" | "sslDisabled" | "insecureServer";

/** Settings that start a search server with its security layer (TLS and authentication) off: Elasticsearch's and OpenSearch's. */
const SECURITY_OFF_WHEN_FALSE = new Set(["xpack.security.enabled", "xpack.security.http.ssl.enabled"]);
const SECURITY_OFF_WHEN_TRUE = new Set(["plugins.security.disabled", "DISABLE_SECURITY_PLUGIN"]);

export default createYamlRule<[], MessageId>({
  name: "no-insecure-tls-config",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow configuration that turns off TLS or certificate verification: insecureSkipVerify, NODE_TLS_REJECT_UNAUTHORIZED=0, sslmode=disable",
      recommended: "error",
    },
    schema: [],
    messages: {
      skipVerify:
        "`{{key}}` turns off certificate verification, so anyone on the network path can pose as the server and read or change the traffic. " +
        "Give the client the server's CA (a CA bundle or `caFile`) and keep verification on.",
      nodeTlsRejectUnauthorized:
        "`NODE_TLS_REJECT_UNAUTHORIZED=0` turns off certificate checks for every TLS connection the Node process makes (databases, APIs, webhooks), so anyone on the network path can read or change them. " +
        "Give Node the CA it is missing with `NODE_EXTRA_CA_CERTS` instead.",
      sslDisabled:
        "`{{text}}` sends credentials and data unencrypted to `{{host}}`, readable by anyone on the network path. " +
        "Use `sslmode=verify-full` (or at least `require`) with the server's CA.",
      insecureServer:
        "`{{text}}` starts {{server}} without TLS and without authentication: anyone who can reach its port can read and change all its data. " +
        "Run it with certificates (and its users' passwords or certificates) as a production deployment does.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const reported = new Set<string>();
    const report = (range: readonly [number, number], messageId: MessageId, data: Record<string, string> = {}): void => {
      const key = `${range[0]}:${range[1]}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ loc: locOfRange(sourceCode, range), messageId, data });
    };

    /** `sslmode=disable` in a scalar, unless it connects to this machine or to a service defined in the same file. */
    const checkSslMode = (scalar: AST.YAMLScalar, offset: number, localHosts: Set<string>): void => {
      if (typeof scalar.value !== "string") return;
      const value = scalar.value.slice(offset);
      const disabled = sslModeDisabled(value);
      const host = disabled?.host;
      if (!disabled || isLoopbackHost(host) || isInterpolatedHost(host) || (host && localHosts.has(host.split(".")[0]!))) return;
      report(valueRange(scalar, text, offset + disabled.start, disabled.text), "sslDisabled", { text: disabled.text, host: disabled.host ?? "the server" });
    };

    /** `cockroach start --insecure`: a database server started in its no-TLS, no-password mode. */
    const checkServerCommand = (words: CommandWord[], image: string | undefined): void => {
      const cockroach = /(?:^|\/)cockroach(?:db)?(?:[:@]|$)/u.test(image ?? "") || words.some((word) => /(?:^|\/)cockroach$/u.test(word.text));
      if (!cockroach) return;
      for (const word of words) {
        if (word.text !== "--insecure" && !/(?:^|\s)--insecure(?:\s|$)/u.test(word.text)) continue;
        const at = typeof word.node.value === "string" ? word.node.value.indexOf("--insecure") : -1;
        report(at < 0 ? word.node.range : valueRange(word.node, text, at, "--insecure"), "insecureServer", { text: "--insecure", server: "CockroachDB" });
      }
    };

    const checkVariable = (variable: EnvVariable, localHosts: Set<string>): void => {
      const value = typeof variable.value === "string" ? variable.value.trim() : variable.value;
      if ((SECURITY_OFF_WHEN_FALSE.has(variable.name) && isFalse(value)) || (SECURITY_OFF_WHEN_TRUE.has(variable.name) && isTrue(value))) {
        report(variable.range, "insecureServer", { text: `${variable.name}=${String(value)}`, server: variable.name.startsWith("xpack") ? "Elasticsearch" : "OpenSearch" });
        return;
      }
      if (variable.name === "NODE_TLS_REJECT_UNAUTHORIZED" && (value === "0" || value === 0 || isFalse(value))) {
        report(variable.range, "nodeTlsRejectUnauthorized");
      } else if ((verificationOffWhen(variable.name) === true && isTrue(value)) || (verificationOffWhen(variable.name) === false && isFalse(value))) {
        // An app's setting passed as a variable (`OPAMP_SERVER_TLS_INSECURE_SKIP_VERIFY=true`), in any form Compose or Kubernetes writes it.
        report(variable.range, "skipVerify", { key: variable.name });
      } else {
        checkSslMode(variable.node, variable.offset, localHosts);
      }
    };

    /** Settings written as keys anywhere: `insecureSkipVerify: true`, `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED: "0"`. */
    const checkKeys = (root: AST.YAMLMapping, kind: DocumentKind, localHosts: Set<string>): void => {
      for (const { scalar, path } of writtenScalars(root)) {
        const key = path.at(-1) ?? "";
        const offWhenValue = verificationOffWhen(key);
        if ((offWhenValue === true && isTrue(scalar.value)) || (offWhenValue === false && isFalse(scalar.value))) {
          report(scalar.range, "skipVerify", { key });
        } else if (key === "NODE_TLS_REJECT_UNAUTHORIZED" && (scalar.value === 0 || String(scalar.value).trim() === "0")) {
          report(scalar.range, "nodeTlsRejectUnauthorized");
        } else if (kind === "app-config" && /^ssl[-_]?mode$/iu.test(key) && /^disabled?$/iu.test(String(scalar.value))) {
          const parent = scalar.parent.type === "YAMLPair" ? scalar.parent.parent : null;
          const host = scalarText(getPath(parent?.type === "YAMLMapping" ? parent : null, "host"));
          if (!isLoopbackHost(host)) report(scalar.range, "sslDisabled", { text: `${key}: ${String(scalar.value)}`, host: host ?? "the server" });
        } else if (kind === "app-config" || kind === "kubernetes") {
          checkSslMode(scalar, 0, localHosts);
        }
      }
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        if (isTestFile(filename)) return; // test data runs nowhere near production
        const objects = kubernetesObjects(program);
        // Services of the same file are reached inside the cluster or the Compose network.
        const kubernetesServices = new Set(
          objects.filter((object) => kubernetesKind(object) === "Service").map((object) => scalarText(getPath(object, "metadata", "name")) ?? ""),
        );
        for (const object of objects) {
          // An APIService's `insecureSkipTLSVerify` is how metrics-server is installed everywhere; its CA is the cluster's concern.
          if (kubernetesKind(object) === "APIService") continue;
          const podSpec = podSpecOf(object);
          for (const container of podSpec ? containersOf(podSpec) : []) {
            for (const variable of kubernetesEnv(container)) checkVariable(variable, kubernetesServices);
            const words = containerCommand(container);
            for (const word of words) checkSslMode(word.node, 0, kubernetesServices);
            checkServerCommand(words, scalarText(getPath(container, "image")));
          }
        }
        const local = isLocalDevelopmentFile(filename);
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (!root) continue;
          const kind = documentKind(document, filename);
          if (kind === "kubernetes" && kubernetesKind(root) === "APIService") continue;
          if (local && (kind === "compose" || kind === "app-config")) continue;
          if (kind === "compose" && isLocalComposeStack(root)) continue;
          if (kind === "compose") {
            const services = asMapping(getPair(root, "services")?.value);
            const composeServices = new Set(pairsOf(services).map((pair) => scalarText(pair.key) ?? ""));
            for (const { value } of pairsOf(services)) {
              const service = asMapping(value);
              if (!service) continue;
              for (const variable of composeVariables(getPath(service, "environment"), text)) checkVariable(variable, composeServices);
              const words = composeCommand(service);
              for (const word of words) checkSslMode(word.node, 0, composeServices);
              checkServerCommand(words, scalarText(getPath(service, "image")));
            }
          }
          checkKeys(root, kind, kubernetesServices);
        }
      },
    };
  },
});
