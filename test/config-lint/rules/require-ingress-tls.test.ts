import rule from "../../../config-lint/rules/require-ingress-tls.ts";
import { yamlRuleTester } from "../../helpers/rule-testers.ts";

const ingress = (extra: string, annotations = "") => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop${annotations}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}${extra}`;

yamlRuleTester().run("require-ingress-tls", rule, {
  valid: [
    ingress("\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls"),
    // TLS terminated by the cloud load balancer in front of the Ingress.
    ingress("", "\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
    ingress("", "\n  annotations:\n    networking.gke.io/managed-certificates: shop-cert"),
    "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n",
    { filename: "test/e2e/ingress.yaml", code: ingress("") },
  ],
  invalid: [
    { code: ingress(""), errors: [{ messageId: "missingTls", data: { name: "shop" }, line: 5, column: 1, endLine: 5, endColumn: 5 }] },
    {
      code: ingress("\n  tls: []"),
      errors: [{ messageId: "missingTls", data: { name: "shop" }, line: 5, column: 1, endLine: 5, endColumn: 5 }],
    },
  ],
});
