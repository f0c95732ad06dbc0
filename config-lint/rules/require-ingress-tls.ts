import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { kubernetesKind, kubernetesObjects } from "../kubernetes.ts";
import { asMapping, asScalar, asSequence, getPair, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";

/** Annotations that terminate TLS in front of the Ingress (a cloud load balancer with its own certificate). */
const TLS_ELSEWHERE = [
  "alb.ingress.kubernetes.io/certificate-arn",
  "networking.gke.io/managed-certificates",
  "ingress.gcp.kubernetes.io/pre-shared-cert",
  "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
  "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
];

/** Listener protocols that carry TLS: Gateway API's `HTTPS` and `TLS`, Istio's `HTTPS`, `TLS` and `GRPC-TLS`... */
const TLS_PROTOCOL = /^(?:HTTPS|TLS|GRPC-TLS|HTTP2-TLS)$/iu;
/** ... and the plain ones a browser or client talks to. */
const PLAIN_PROTOCOL = /^(?:HTTP|HTTP2|GRPC)$/iu;

/**
 * A Gateway's listeners as (protocol, whether it has TLS, node): Gateway API's `spec.listeners`
 * (`protocol`, `tls`) and Istio's `spec.servers` (`port.protocol`, `tls`, where `httpsRedirect`
 * sends clients to HTTPS).
 */
function gatewayListeners(gateway: AST.YAMLMapping): { plain: boolean; secure: boolean }[] {
  const istio = (scalarText(getPath(gateway, "apiVersion")) ?? "").startsWith("networking.istio.io/");
  const entries = asSequence(getPath(gateway, "spec", istio ? "servers" : "listeners"))?.entries ?? [];
  return entries.map((entry) => {
    const protocol = scalarText(istio ? getPath(entry, "port", "protocol") : getPath(entry, "protocol")) ?? "";
    const redirects = asScalar(getPath(entry, "tls", "httpsRedirect"))?.value === true;
    const secure = TLS_PROTOCOL.test(protocol) || redirects;
    return { plain: PLAIN_PROTOCOL.test(protocol) && !secure, secure };
  });
}

/** Whether an annotation says a cloud load balancer terminates TLS in front of the object. */
function hasTlsElsewhere(object: AST.YAMLMapping): boolean {
  const annotations = pairsOf(getPath(object, "metadata", "annotations")).map((pair) => scalarText(pair.key));
  return TLS_ELSEWHERE.some((annotation) => annotations.includes(annotation));
}

export default createYamlRule<[], "missingTls" | "plainGateway">({
  name: "require-ingress-tls",
  meta: {
    type: "suggestion",
    docs: {
      description:
        "Require a tls section on Ingress objects and an HTTPS listener on Gateways, unless a cloud load balancer terminates TLS in front of them",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingTls:
        "Ingress `{{name}}` has no `tls` section, so it serves plain HTTP and passwords, tokens and session cookies cross the network unencrypted. " +
        "Add `spec.tls` with the hosts and a certificate Secret (cert-manager can issue it).",
      plainGateway:
        "Gateway `{{name}}` listens only for plain HTTP, so the routes attached to it serve passwords, tokens and session cookies unencrypted. " +
        "Add an HTTPS listener with a certificate (`protocol: HTTPS`, `tls.certificateRefs`; cert-manager can issue it), and keep plain HTTP only to redirect.",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        for (const object of kubernetesObjects(program)) {
          const kind = kubernetesKind(object);
          if (kind === "Gateway") {
            const listeners = gatewayListeners(object);
            if (listeners.length === 0 || listeners.some((listener) => listener.secure) || !listeners.some((listener) => listener.plain)) continue;
            // An Istio egress gateway carries the mesh's outbound calls; the TLS it needs is to the outside.
            if (hasTlsElsewhere(object) || /egress/iu.test(scalarText(getPath(object, "spec", "selector", "istio")) ?? "")) continue;
            const spec = asMapping(getPath(object, "spec"));
            const at = getPair(spec, "listeners") ?? getPair(spec, "servers");
            context.report({
              node: at?.key ?? getPair(object, "kind")?.value ?? object,
              messageId: "plainGateway",
              data: { name: scalarText(getPath(object, "metadata", "name")) ?? "" },
            });
            continue;
          }
          if (kind !== "Ingress") continue;
          if ((asSequence(getPath(object, "spec", "tls"))?.entries.length ?? 0) > 0) continue;
          if (hasTlsElsewhere(object)) continue;
          const spec = getPair(object, "spec");
          context.report({
            node: spec?.key ?? getPair(object, "kind")?.value ?? object,
            messageId: "missingTls",
            data: { name: scalarText(getPath(object, "metadata", "name")) ?? "" },
          });
        }
      },
    };
  },
});
