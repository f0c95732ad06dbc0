/**
 * Literal values in a committed Kubernetes `Secret`: `data` (base64, which is an encoding, not
 * encryption) and `stringData` hold the credential itself, readable by everyone with the
 * repository. Objects that only stand for a secret are not literal: a SealedSecret, an
 * ExternalSecret or a SOPS-encrypted file (other kinds, or a `sops` section), a service-account
 * token Secret (the token controller fills it in), and values that are references for a tool to
 * fill in (`${DB_PASSWORD}`, `{{ .Values.x }}`, `$(VAR)`, `<your-token>`, `changeme`).
 */
import type { AST } from "yaml-eslint-parser";
import { isCredentialName, isPlaceholderValue } from "./credentials.ts";
import { kubernetesKind } from "./kubernetes.ts";
import { asScalar, getPair, getPath, pairsOf, scalarText } from "./yaml-nodes.ts";

export interface LiteralSecretValue {
  /** The key under `data` or `stringData` (`password`, `tls.key`, `.dockerconfigjson`). */
  key: string;
  field: "data" | "stringData";
  /** The value as written in the file: the node to report. */
  node: AST.YAMLScalar;
  /** The secret's text: the decoded value for `data`, the value itself for `stringData`. */
  text: string;
  /** Whether the key names a credential (`password`, `apiKey`, `tls.key`): a value a reader could log in or sign with. */
  credentialName: boolean;
}

/** Secret types whose values Kubernetes writes, not the author. */
const FILLED_BY_KUBERNETES = new Set(["kubernetes.io/service-account-token"]);
/** Standard keys of typed Secrets that hold a credential though their name alone does not say so. */
const CREDENTIAL_KEYS = new Set(["tls.key", "ssh-privatekey", ".dockerconfigjson", ".dockercfg", "token"]);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/u;

/** The text a `data` value decodes to, or undefined when it is not base64 (a template, a placeholder). */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/gu, "");
  if (compact === "" || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, "base64").toString("utf8");
}

/** Whether `object` is a core `v1` Secret written with its values (not a controller-filled one, not SOPS-encrypted). */
export function isLiteralSecretObject(object: AST.YAMLMapping): boolean {
  if (kubernetesKind(object) !== "Secret" || scalarText(getPath(object, "apiVersion"))?.trim() !== "v1") return false;
  if (getPair(object, "sops")) return false;
  const type = scalarText(getPath(object, "type"))?.trim();
  return !(type && FILLED_BY_KUBERNETES.has(type));
}

/**
 * The literal values of a committed `kind: Secret` (see the module comment), in file order:
 * `data` values that decode to text that is no placeholder, and `stringData` values that are
 * no placeholder. Empty for any other object. Anchored values are returned where they are
 * written, once per pair that uses them.
 */
export function literalSecretValues(object: AST.YAMLMapping): LiteralSecretValue[] {
  if (!isLiteralSecretObject(object)) return [];
  const found: LiteralSecretValue[] = [];
  for (const field of ["data", "stringData"] as const) {
    for (const pair of pairsOf(getPath(object, field))) {
      const key = scalarText(pair.key);
      const node = asScalar(pair.value);
      if (key === undefined || !node || node.value === null || typeof node.value === "boolean") continue;
      const written = String(node.value);
      // A value a tool fills in, whether the template sits in place of the base64 or inside stringData.
      if (isPlaceholderValue(written)) continue;
      const text = field === "data" ? decodeBase64(written) : written;
      if (text === undefined || isPlaceholderValue(text)) continue;
      found.push({ key, field, node, text, credentialName: CREDENTIAL_KEYS.has(key) || isCredentialName(key) });
    }
  }
  return found;
}
