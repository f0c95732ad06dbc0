import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER,
  hasDefaultLocalCredentials,
  hostKind,
  isPlaceholderValue,
  parseBareHost,
  parseConnectionUrl,
} from "../../../rules/utils/connection-urls.ts";

describe("parseConnectionUrl", () => {
  it("reads the scheme, the credentials and every host", () => {
    expect(parseConnectionUrl("postgres://orders_app:Orders2024!@prod-db.internal:5432/orders?sslmode=require")).toEqual({
      scheme: "postgres",
      user: "orders_app",
      password: "Orders2024!",
      hosts: ["prod-db.internal"],
    });
    expect(parseConnectionUrl("mongodb://app:pw@mongo-0.db:27017,mongo-1.db:27017/shop?replicaSet=rs0")?.hosts).toEqual(["mongo-0.db", "mongo-1.db"]);
    expect(parseConnectionUrl("redis://:s3cret@cache.internal:6379/0")).toMatchObject({ user: "", password: "s3cret", hosts: ["cache.internal"] });
    expect(parseConnectionUrl("jdbc:postgresql://db.acme.dev/orders")).toMatchObject({ scheme: "postgresql", user: undefined, password: undefined });
    expect(parseConnectionUrl("amqp://[fd00::12]:5672")?.hosts).toEqual(["fd00::12"]);
    expect(parseConnectionUrl("https://deploy@ci.acme.dev/hook")).toMatchObject({ user: "deploy", password: undefined });
  });

  it("takes the last @ of the authority: passwords may contain one", () => {
    expect(parseConnectionUrl("postgres://app:p@ss@db.acme.dev/orders")).toMatchObject({ password: "p@ss", hosts: ["db.acme.dev"] });
  });

  it("ignores prose, relative paths and other strings", () => {
    expect(parseConnectionUrl("Expected a URL like postgres://user:password@host/db")).toBeUndefined();
    expect(parseConnectionUrl("/orders/postgres")).toBeUndefined();
    expect(parseConnectionUrl("mailto:ops@acme.dev")).toBeUndefined();
  });
});

describe("parseBareHost", () => {
  it("accepts a host name or address with an optional port", () => {
    expect(parseBareHost("10.0.3.7")).toBe("10.0.3.7");
    expect(parseBareHost("kafka-1.internal:9092")).toBe("kafka-1.internal");
    expect(parseBareHost("[fd00::1]:6379")).toBe("fd00::1");
  });

  it("rejects ranges, paths and text", () => {
    expect(parseBareHost("10.0.0.0/8")).toBeUndefined();
    expect(parseBareHost("orders service")).toBeUndefined();
    expect(parseBareHost("http://10.0.0.1")).toBeUndefined();
  });
});

describe("hostKind", () => {
  it.each([
    ["localhost", "local"],
    ["api.localhost", "local"],
    ["127.0.0.1", "local"],
    ["::1", "local"],
    ["0.0.0.0", "local"],
    ["host.docker.internal", "local"],
    ["10.0.3.7", "private"],
    ["172.20.1.1", "private"],
    ["192.168.1.20", "private"],
    ["100.64.0.9", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "well-known"],
    ["kubernetes.default.svc", "well-known"],
    ["prod-db.internal", "internal"],
    ["orders.default.svc.cluster.local", "internal"],
    ["vault.service.consul", "internal"],
    ["db", "single-label"],
    ["host", "placeholder"],
    ["example.com", "placeholder"],
    ["db.example.org", "placeholder"],
    [`${PLACEHOLDER}`, "placeholder"],
    ["mock-plantuml.local", "placeholder"],
    ["172.32.0.1", "public"],
    ["cluster0.ab1cd.mongodb.net", "public"],
  ])("%s is %s", (host, kind) => {
    expect(hostKind(host)).toBe(kind);
  });
});

describe("isPlaceholderValue", () => {
  it("recognises documentation placeholders", () => {
    for (const value of ["", "  ", "<password>", "${DB_PASSWORD}", "{{password}}", "$PASSWORD", "%s", "***", "xxxx", "...", ":password", PLACEHOLDER]) {
      expect(isPlaceholderValue(value), value).toBe(true);
    }
  });

  it("treats weak but real values as values", () => {
    for (const value of ["password", "changeme", "admin", "s3cret"]) expect(isPlaceholderValue(value), value).toBe(false);
  });
});

describe("hasDefaultLocalCredentials", () => {
  it("recognises a product's default credentials on this machine", () => {
    for (const url of ["amqp://guest:guest@localhost:5672", "postgres://postgres:postgres@127.0.0.1:5432/dev", "mysql://root:root@localhost/app", "mongodb://root:example@localhost"]) {
      expect(hasDefaultLocalCredentials(parseConnectionUrl(url)!), url).toBe(true);
    }
  });

  it("does not excuse real passwords, or defaults on another host", () => {
    for (const url of ["postgres://app:Orders2024!@localhost/orders", "amqp://guest:guest@rabbit.internal:5672", "postgres://localhost/orders"]) {
      expect(hasDefaultLocalCredentials(parseConnectionUrl(url)!), url).toBe(false);
    }
  });
});
