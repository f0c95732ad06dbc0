import { createYamlRule } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { kubernetesKind, kubernetesObjects } from "../kubernetes.ts";
import { asSequence, getPair, getPath, pairsOf, scalarText } from "../yaml-nodes.ts";

/** Annotations that terminate TLS in front of the Ingress (a cloud load balancer with its own certificate). */
const TLS_ELSEWHERE = [
  "alb.ingress.kubernetes.io/certificate-arn",
  "networking.gke.io/managed-certificates",
  "ingress.gcp.kubernetes.io/pre-shared-cert",
  "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
  "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
];

export default createYamlRule<[], "missingTls">({
  name: "require-ingress-tls",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a tls section on Ingress objects, unless a cloud load balancer terminates TLS in front of them",
      recommended: "warn",
    },
    schema: [],
    messages: {
      missingTls:
        "Ingress `{{name}}` has no `tls` section, so it serves plain HTTP and passwords, tokens and session cookies cross the network unencrypted. " +
        "Add `spec.tls` with the hosts and a certificate Secret (cert-manager can issue it).",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        for (const object of kubernetesObjects(program)) {
          if (kubernetesKind(object) !== "Ingress") continue;
          if ((asSequence(getPath(object, "spec", "tls"))?.entries.length ?? 0) > 0) continue;
          const annotations = pairsOf(getPath(object, "metadata", "annotations")).map((pair) => scalarText(pair.key));
          if (TLS_ELSEWHERE.some((annotation) => annotations.includes(annotation))) continue;
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
