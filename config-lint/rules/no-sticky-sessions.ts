import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { documentKind, isTestFile, projectPath } from "../document-kind.ts";
import { composeVariables } from "../environment.ts";
import { kubernetesKind, kubernetesObjects } from "../kubernetes.ts";
import { asMapping, asScalar, getPair, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";

/** Ingress-controller annotations that turn on session affinity, and the values that do. */
const AFFINITY_ANNOTATIONS: Record<string, (value: string) => boolean> = {
  "nginx.ingress.kubernetes.io/affinity": (value) => value === "cookie",
  "ingress.kubernetes.io/affinity": (value) => value === "cookie",
  "haproxy-ingress.github.io/affinity": (value) => value === "cookie",
  "haproxy.org/cookie-persistence": (value) => value.trim().length > 0,
  "haproxy.router.openshift.io/disable_cookies": (value) => value === "false",
  "traefik.ingress.kubernetes.io/affinity": (value) => value === "true",
  "traefik.ingress.kubernetes.io/service.sticky.cookie": (value) => value === "true",
  "alb.ingress.kubernetes.io/target-group-attributes": (value) => /stickiness\.enabled\s*=\s*true/u.test(value),
};

/** Traefik's Docker labels for sticky sessions (v2/v3 and v1). */
const TRAEFIK_STICKY_LABEL = /^traefik\.http\.services\.[^.]+\.loadbalancer\.sticky\.cookie(?:\.|$)|^traefik\.(?:[^.]+\.)?backend\.loadbalancer\.stick(?:y|iness)$/u;

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

export default createYamlRule<[], "stickySession">({
  name: "no-sticky-sessions",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Disallow sticky sessions (Service sessionAffinity, ingress-nginx, Traefik, HAProxy, ALB, Istio and GKE cookie or client-IP affinity)",
      recommended: "warn",
    },
    schema: [],
    messages: {
      stickySession:
        "{{what}} pins each client to one instance, which hides per-user state kept in process memory: that state is lost when the instance restarts or is scaled away, and load spreads unevenly. " +
        "Keep session state in a shared store (Redis, the database) and let any instance serve any request.",
    },
  },
  create(context) {
    const report = (node: AST.YAMLNode, what: string): void => {
      context.report({ node, messageId: "stickySession", data: { what } });
    };

    const checkAnnotations = (annotations: YamlValue): void => {
      for (const pair of pairsOf(annotations)) {
        const key = scalarText(pair.key) ?? "";
        const value = asScalar(pair.value);
        const isSticky = AFFINITY_ANNOTATIONS[key];
        if (value && isSticky?.(scalarText(value) ?? "")) report(value, `The \`${key}\` annotation`);
      }
    };

    const checkKubernetes = (object: AST.YAMLMapping): void => {
      checkAnnotations(getPath(object, "metadata", "annotations"));
      const kind = kubernetesKind(object);
      const apiVersion = scalarText(getPath(object, "apiVersion")) ?? "";
      if (kind === "Service") {
        const affinity = asScalar(getPath(object, "spec", "sessionAffinity"));
        if (scalarText(affinity) === "ClientIP") report(affinity!, "`sessionAffinity: ClientIP`");
      } else if ((kind === "IngressRoute" || kind === "TraefikService") && apiVersion.startsWith("traefik.")) {
        checkTraefikSticky(getPath(object, "spec"));
      } else if (kind === "DestinationRule" && apiVersion.startsWith("networking.istio.io/")) {
        const consistentHash = getPath(object, "spec", "trafficPolicy", "loadBalancer", "consistentHash");
        const cookie = getPair(consistentHash, "httpCookie");
        if (cookie) report(cookie.key ?? cookie, "Istio's `consistentHash.httpCookie`");
        const sourceIp = asScalar(getPath(consistentHash, "useSourceIp"));
        if (sourceIp?.value === true) report(sourceIp, "Istio's `consistentHash.useSourceIp`");
      } else if (kind === "BackendConfig" && apiVersion.startsWith("cloud.google.com/")) {
        const affinityType = asScalar(getPath(object, "spec", "sessionAffinity", "affinityType"));
        const type = scalarText(affinityType);
        if (type === "CLIENT_IP" || type === "GENERATED_COOKIE") report(affinityType!, `\`affinityType: ${type}\``);
      }
    };

    /** Traefik's `sticky:` under a route's or a weighted service's services (written there, never merged). */
    const checkTraefikSticky = (node: YamlValue): void => {
      const pending: YamlValue[] = [node];
      for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
        const mapping = asMapping(current);
        if (mapping) {
          for (const pair of mapping.pairs) {
            if (scalarText(pair.key) === "sticky" && asMapping(pair.value)) report(pair.key ?? pair, "Traefik's `sticky` option");
            else pending.push(pair.value);
          }
        } else if (current?.type === "YAMLSequence") {
          pending.push(...current.entries);
        }
      }
    };

    const checkCompose = (root: AST.YAMLMapping): void => {
      for (const { value } of pairsOf(getPath(root, "services"))) {
        const service = asMapping(value);
        for (const labels of [getPath(service, "labels"), getPath(service, "deploy", "labels")]) {
          for (const label of composeVariables(labels, context.sourceCode.text)) {
            if (!TRAEFIK_STICKY_LABEL.test(label.name) || String(label.value) === "false") continue;
            report(label.node, `The Traefik label \`${label.name}\``);
          }
        }
      }
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        if (isTestFile(filename)) return; // test data runs nowhere near production
        for (const object of kubernetesObjects(program)) checkKubernetes(object);
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (root && documentKind(document, filename) === "compose") checkCompose(root);
        }
      },
    };
  },
});
