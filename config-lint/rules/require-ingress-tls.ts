import type { AST } from "yaml-eslint-parser";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { kubernetesKind, kubernetesObjects } from "../kubernetes.ts";
import { asSequence, getPair, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";
import { plainHttpGateway } from "../gateway-tls.ts";

/** Annotations that terminate TLS in front of the Ingress (a cloud load balancer with its own certificate). */
const TLS_ELSEWHERE = [
  "alb.ingress.kubernetes.io/certificate-arn",
  "networking.gke.io/managed-certificates",
  "ingress.gcp.kubernetes.io/pre-shared-cert",
  "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
  "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
];

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
          const gateway = plainHttpGateway(object);
          if (gateway) {
            // An Istio egress gateway carries the mesh's outbound calls; the TLS it needs is to the outside.
            if (/egress/iu.test(scalarText(getPath(object, "spec", "selector", "istio")) ?? "")) continue;
            context.report({ node: gateway.node, messageId: "plainGateway", data: { name: gateway.name } });
            continue;
          }
          if (kubernetesKind(object) !== "Ingress") continue;
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
