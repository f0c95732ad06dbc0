import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { plainHttpGateway } from "../../config-lint/gateway-tls.ts";
import { kubernetesObjects } from "../../config-lint/kubernetes.ts";

/** The plain-HTTP Gateways of a file, as `name api line:column` of the listener's protocol. */
function findings(text: string): string[] {
  return kubernetesObjects(parseForESLint(text).ast).flatMap((object) => {
    const gateway = plainHttpGateway(object);
    return gateway ? [`${gateway.name} ${gateway.api} ${gateway.node.loc.start.line}:${gateway.node.loc.start.column + 1}`] : [];
  });
}

const gatewayApi = (listeners: string, annotations = "") =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: edge${annotations}\nspec:\n  gatewayClassName: envoy\n  listeners:\n${listeners}\n`;
const istio = (servers: string) => `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: shop\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n${servers}\n`;

const HTTP = "    - name: http\n      protocol: HTTP\n      port: 80";
const HTTPS = "    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        certificateRefs: [{name: shop-tls}]";

describe("plainHttpGateway", () => {
  it("finds a Gateway API Gateway whose only listeners are plain HTTP", () => {
    expect(findings(gatewayApi(HTTP))).toEqual(["edge gateway-api 9:17"]);
    expect(findings(gatewayApi("    - {name: http, protocol: http, port: 8080}"))).toEqual(["edge gateway-api 8:30"]);
  });

  it("leaves a Gateway with an HTTPS or TLS listener alone: plain HTTP beside it usually serves the redirect", () => {
    expect(findings(gatewayApi(`${HTTP}\n${HTTPS}`))).toEqual([]);
    expect(findings(gatewayApi("    - {name: tls, protocol: TLS, port: 443, tls: {mode: Passthrough}}"))).toEqual([]);
  });

  it("leaves TCP and UDP listeners, and TLS terminated by the cloud load balancer in front, alone", () => {
    expect(findings(gatewayApi("    - {name: db, protocol: TCP, port: 5432}"))).toEqual([]);
    expect(findings(gatewayApi(HTTP, "\n  annotations:\n    networking.gke.io/certmap: shop-certs"))).toEqual([]);
  });

  it("finds an Istio Gateway serving HTTP without an HTTPS server or redirect", () => {
    expect(findings(istio("    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: ['*']"))).toEqual(["shop istio 8:48"]);
    expect(findings(istio("    - port:\n        number: 80\n        name: http\n        protocol: HTTP2\n      hosts: ['*']"))).toEqual(["shop istio 11:19"]);
  });

  it("leaves an Istio Gateway that redirects to HTTPS or terminates TLS alone", () => {
    expect(findings(istio("    - port: {number: 80, name: http, protocol: HTTP}\n      hosts: ['*']\n      tls: {httpsRedirect: true}"))).toEqual([]);
    expect(findings(istio("    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: ['*']\n      tls: {mode: SIMPLE, credentialName: shop-tls}"))).toEqual([]);
  });

  it("ignores other kinds named Gateway, other objects and odd input", () => {
    expect(findings("apiVersion: example.com/v1\nkind: Gateway\nspec:\n  listeners: [{protocol: HTTP}]\n")).toEqual([]);
    expect(findings("apiVersion: networking.k8s.io/v1\nkind: Ingress\nspec: {}\n")).toEqual([]);
    expect(findings("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nspec:\n  listeners: [~, 3, {protocol: [HTTP]}]\n")).toEqual([]);
    expect(findings("apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nspec: ~\n")).toEqual([]);
    expect(findings(`x: &l\n  protocol: HTTP\n---\n${gatewayApi("    - *l")}`)).toEqual([]);
  });
});
