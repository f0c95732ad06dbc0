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

const gateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
spec:
  gatewayClassName: envoy
  listeners:
${listeners}`;

yamlRuleTester().run("require-ingress-tls", rule, {
  valid: [
    ingress("\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls"),
    // TLS terminated by the cloud load balancer in front of the Ingress.
    ingress("", "\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
    ingress("", "\n  annotations:\n    networking.gke.io/managed-certificates: shop-cert"),
    "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n",
    { filename: "test/e2e/ingress.yaml", code: ingress("") },
    // A Gateway with an HTTPS listener (the HTTP one is there to redirect), or only non-HTTP listeners.
    gateway("    - { name: http, protocol: HTTP, port: 80 }\n    - name: https\n      protocol: HTTPS\n      port: 443\n      tls: {certificateRefs: [{name: shop-tls}]}\n"),
    gateway("    - { name: db, protocol: TCP, port: 5432 }\n"),
    // Istio: a server that redirects plain HTTP to HTTPS, and an egress gateway.
    "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: ['*']\n      tls: {httpsRedirect: true}\n",
    "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: out}\nspec:\n  selector: {istio: egressgateway}\n  servers:\n    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: [api.example.com]\n",
  ],
  invalid: [
    {
      // The cluster's entry Gateway listens only for plain HTTP.
      code: gateway("    - name: http\n      protocol: HTTP\n      port: 80\n"),
      errors: [{ messageId: "plainGateway", data: { name: "public" }, line: 9, column: 17, endLine: 9, endColumn: 21 }],
    },
    {
      code: "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: web}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: ['*']\n",
      errors: [{ messageId: "plainGateway", data: { name: "web" }, line: 7, column: 48, endLine: 7, endColumn: 52 }],
    },
    { code: ingress(""), errors: [{ messageId: "missingTls", data: { name: "shop" }, line: 5, column: 1, endLine: 5, endColumn: 5 }] },
    {
      code: ingress("\n  tls: []"),
      errors: [{ messageId: "missingTls", data: { name: "shop" }, line: 5, column: 1, endLine: 5, endColumn: 5 }],
    },
  ],
});
