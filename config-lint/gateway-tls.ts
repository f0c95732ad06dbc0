/**
 * Gateways that serve plain HTTP only: the Istio `Gateway` (networking.istio.io) and the Gateway
 * API `Gateway` (gateway.networking.k8s.io) are entry points from outside the cluster like an
 * Ingress, so they get the same judgement as an Ingress without `tls` (require-ingress-tls).
 *
 * A Gateway is judged on its own listeners: it is found when it has an HTTP listener and no
 * listener that terminates or passes through TLS, and (Istio) its HTTP servers do not redirect to
 * HTTPS. An HTTP listener beside an HTTPS one is left alone: with the Gateway API the redirect is
 * an HTTPRoute filter in another object, and plain HTTP next to HTTPS is the usual way to serve
 * that redirect.
 */
import type { AST } from "yaml-eslint-parser";
import { kubernetesKind } from "./kubernetes.ts";
import { asMapping, asSequence, getPair, getPath, pairsOf, scalarText } from "./yaml-nodes.ts";

/** Annotations that say TLS is terminated in front of the Gateway (a cloud load balancer with its own certificate). */
const TLS_IN_FRONT = [
  "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  "networking.gke.io/certmap",
  "networking.gke.io/pre-shared-certs",
  "alb.ingress.kubernetes.io/certificate-arn",
  "appgw.ingress.kubernetes.io/appgw-ssl-certificate",
];

/** Listener protocols that carry TLS: terminated here (HTTPS, TLS) or passed through (TLS with `mode: Passthrough`). */
const TLS_PROTOCOLS = new Set(["HTTPS", "TLS"]);
/** Listener protocols of plain HTTP (Istio also has HTTP2 and GRPC servers without TLS). */
const PLAIN_HTTP_PROTOCOLS = new Set(["HTTP", "HTTP2", "GRPC"]);

export interface PlainHttpGateway {
  /** The Gateway's `metadata.name` ("" when it has none). */
  name: string;
  /** Where to point: the `protocol` value of the first plain HTTP listener. */
  node: AST.YAMLNode;
  /** Which Gateway it is, for the message. */
  api: "istio" | "gateway-api";
}

function apiOf(object: AST.YAMLMapping): PlainHttpGateway["api"] | undefined {
  if (kubernetesKind(object) !== "Gateway") return undefined;
  const group = (scalarText(getPath(object, "apiVersion")) ?? "").split("/")[0];
  if (group === "networking.istio.io") return "istio";
  if (group === "gateway.networking.k8s.io") return "gateway-api";
  return undefined;
}

interface Listener {
  protocol: string;
  protocolNode: AST.YAMLNode;
  redirectsToHttps: boolean;
}

function listenersOf(object: AST.YAMLMapping, api: PlainHttpGateway["api"]): Listener[] {
  const listeners: Listener[] = [];
  const entries = asSequence(getPath(object, "spec", api === "istio" ? "servers" : "listeners"))?.entries ?? [];
  for (const entry of entries) {
    const listener = asMapping(entry);
    const protocolPair = api === "istio" ? getPair(getPath(listener, "port"), "protocol") : getPair(listener, "protocol");
    const protocol = scalarText(protocolPair?.value)?.trim().toUpperCase();
    if (!protocol || !protocolPair?.value) continue;
    const redirect = getPath(listener, "tls", "httpsRedirect");
    listeners.push({ protocol, protocolNode: protocolPair.value, redirectsToHttps: scalarText(redirect) === "true" });
  }
  return listeners;
}

/**
 * The Gateway, when `object` is an Istio or Gateway API Gateway that serves plain HTTP only (see
 * the module comment); null for any other object, and for a Gateway with TLS, with an HTTPS
 * redirect on every plain listener, or with TLS terminated in front of it.
 */
export function plainHttpGateway(object: AST.YAMLMapping): PlainHttpGateway | null {
  const api = apiOf(object);
  if (!api) return null;
  const annotations = pairsOf(getPath(object, "metadata", "annotations")).map((pair) => scalarText(pair.key));
  if (TLS_IN_FRONT.some((annotation) => annotations.includes(annotation))) return null;
  const listeners = listenersOf(object, api);
  if (listeners.some((listener) => TLS_PROTOCOLS.has(listener.protocol))) return null;
  const plain = listeners.filter((listener) => PLAIN_HTTP_PROTOCOLS.has(listener.protocol) && !listener.redirectsToHttps);
  if (plain.length === 0) return null;
  return { name: scalarText(getPath(object, "metadata", "name")) ?? "", node: plain[0]!.protocolNode, api };
}
