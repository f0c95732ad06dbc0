import { parseForESLint } from "yaml-eslint-parser";
import { describe, expect, it } from "vitest";
import { kubernetesObjects } from "../../config-lint/kubernetes.ts";
import { literalSecretValues } from "../../config-lint/kubernetes-secrets.ts";

/** The literal values of a file's Secrets, as `field.key=text@line:column (credential?)`. */
function literals(text: string): string[] {
  return kubernetesObjects(parseForESLint(text).ast).flatMap((object) =>
    literalSecretValues(object).map((value) => `${value.field}.${value.key}=${value.text}@${value.node.loc.start.line}:${value.node.loc.start.column + 1}${value.credentialName ? " credential" : ""}`),
  );
}

const secret = (body: string, header = "") => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db${header}\n${body}\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");

describe("literalSecretValues", () => {
  it("returns data values decoded and stringData values as written, with where they are", () => {
    expect(literals(secret(`type: Opaque\ndata:\n  password: ${b64("hunter2-prod")}\n  username: ${b64("orders")}\nstringData:\n  API_KEY: sk-live-4f9a2c`))).toEqual([
      "data.password=hunter2-prod@7:13 credential",
      "data.username=orders@8:13",
      "stringData.API_KEY=sk-live-4f9a2c@10:12 credential",
    ]);
  });

  it("counts the standard keys of typed Secrets as credentials", () => {
    expect(literals(secret(`type: kubernetes.io/tls\ndata:\n  tls.crt: ${b64("-----BEGIN CERTIFICATE-----")}\n  tls.key: ${b64("-----BEGIN PRIVATE KEY-----")}`))).toEqual([
      "data.tls.crt=-----BEGIN CERTIFICATE-----@7:12",
      "data.tls.key=-----BEGIN PRIVATE KEY-----@8:12 credential",
    ]);
  });

  it("skips values a tool fills in, placeholders and empty values", () => {
    const body = [
      "stringData:",
      '  a: "${DB_PASSWORD}"',
      '  b: "{{ .Values.password }}"',
      "  c: $(PASSWORD)",
      "  d: <your-password>",
      "  e: changeme",
      '  f: ""',
      "  g: ~",
      "  h: ENC[AES256_GCM,data:abc,type:str]",
      "data:",
      `  i: ${b64("changeme")}`,
      "  j: ${PASSWORD_B64}",
      "  k: not base64!",
    ].join("\n");
    expect(literals(secret(body))).toEqual([]);
  });

  it("returns nothing for objects that only stand for a secret", () => {
    const data = `data:\n  password: ${b64("hunter2-prod")}`;
    expect(literals(secret(data, "\n  annotations: {kubernetes.io/service-account.name: ci}").replace("metadata:", "type: kubernetes.io/service-account-token\nmetadata:"))).toEqual([]);
    expect(literals(`${secret(data)}sops:\n  version: 3.8.1\n`)).toEqual([]);
    expect(literals(`apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db}\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n`)).toEqual([]);
    expect(literals(`apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: db}\nspec:\n  data: [{secretKey: password, remoteRef: {key: prod/db}}]\n`)).toEqual([]);
    expect(literals(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\n${data}\n`)).toEqual([]);
  });

  it("survives odd input: no data, a list for data, aliases, flow mappings, several documents", () => {
    expect(literals(secret("data: ~"))).toEqual([]);
    expect(literals(secret("data: [a, b]"))).toEqual([]);
    expect(literals(secret("stringData: {token: [x], flag: true, port: 5432}"))).toEqual(["stringData.port=5432@5:44"]);
    expect(literals(`x: 1\n---\n${secret("stringData:\n  password: *pw", "\n  annotations: {note: &pw s3cr3t-t0ken}")}`)).toEqual(["stringData.password=s3cr3t-t0ken@7:27 credential"]);
  });
});
