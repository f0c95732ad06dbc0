import type { AST } from "yaml-eslint-parser";
import { asMapping, getPair, scalarText } from "./yaml-nodes.ts";

export type DocumentKind = "kubernetes" | "compose" | "github-actions" | "app-config" | "unknown";

const GITHUB_WORKFLOW_PATH = /(?:^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/u;
const COMPOSE_FILE = /(?:^|[\\/])(?:docker-)?compose(?:[.-][^\\/]*)?\.ya?ml$/u;
const APP_CONFIG_PATH = /(?:^|[\\/])config[\\/](?:[^\\/]+[\\/])*[^\\/]+\.ya?ml$|(?:^|[\\/])application(?:-[^\\/]+)?\.ya?ml$/u;

/**
 * What a YAML document configures, which decides the rules that apply to it. The content
 * decides first (a Kubernetes object is one wherever it is stored); the file name settles
 * documents whose content alone is ambiguous.
 */
export function documentKind(document: AST.YAMLDocument, filename: string): DocumentKind {
  const root = asMapping(document.content);
  if (!root) return "unknown";
  if (isKubernetesObject(root)) return "kubernetes";
  if (GITHUB_WORKFLOW_PATH.test(filename) && getPair(root, "jobs")) return "github-actions";
  if (getPair(root, "jobs") && (getPair(root, "on") || getPair(root, "true"))) return "github-actions";
  if (asMapping(getPair(root, "services")?.value) && (COMPOSE_FILE.test(filename) || looksLikeCompose(root))) {
    return "compose";
  }
  if (APP_CONFIG_PATH.test(filename)) return "app-config";
  return "unknown";
}

/** A Kubernetes object names its schema: `apiVersion` and `kind`, both strings. */
export function isKubernetesObject(root: AST.YAMLMapping): boolean {
  const apiVersion = scalarText(getPair(root, "apiVersion")?.value);
  const kind = scalarText(getPair(root, "kind")?.value);
  return Boolean(apiVersion && kind && /^[A-Z][A-Za-z0-9]*$/u.test(kind));
}

/** Compose files outside their usual names still have services with an `image` or a `build`. */
function looksLikeCompose(root: AST.YAMLMapping): boolean {
  const services = asMapping(getPair(root, "services")?.value);
  return Boolean(services?.pairs.some((service) => getPair(service.value, "image") || getPair(service.value, "build")));
}
