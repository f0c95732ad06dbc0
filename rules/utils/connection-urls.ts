/**
 * What a URL or host string says about where a service runs and how it logs in:
 * `postgres://app:pw@db.internal:5432/orders` → scheme `postgres`, password `pw`, host `db.internal`.
 *
 * Strings may come from template literals: `PLACEHOLDER` stands for each `${…}` so that
 * `postgres://${user}:${password}@${host}/db` is recognised as carrying no literal credential.
 */
export const PLACEHOLDER = "\u0000";

export interface ConnectionUrl {
  scheme: string;
  user: string | undefined;
  password: string | undefined;
  hosts: string[];
}

/** Schemes of databases, caches, queues and mail servers: their URLs are deployment config. */
const SERVICE_SCHEMES: Record<string, string> = {
  postgres: "DATABASE_URL",
  postgresql: "DATABASE_URL",
  mysql: "DATABASE_URL",
  mysqlx: "DATABASE_URL",
  mariadb: "DATABASE_URL",
  mssql: "DATABASE_URL",
  sqlserver: "DATABASE_URL",
  cockroachdb: "DATABASE_URL",
  clickhouse: "CLICKHOUSE_URL",
  mongodb: "MONGODB_URI",
  "mongodb+srv": "MONGODB_URI",
  redis: "REDIS_URL",
  rediss: "REDIS_URL",
  valkey: "REDIS_URL",
  memcached: "MEMCACHED_URL",
  amqp: "AMQP_URL",
  amqps: "AMQP_URL",
  nats: "NATS_URL",
  kafka: "KAFKA_BROKERS",
  cassandra: "CASSANDRA_URL",
  couchbase: "COUCHBASE_URL",
  neo4j: "NEO4J_URI",
  "neo4j+s": "NEO4J_URI",
  bolt: "NEO4J_URI",
  smtp: "SMTP_URL",
  smtps: "SMTP_URL",
  ldap: "LDAP_URL",
  ldaps: "LDAP_URL",
};

/** The environment variable a service URL conventionally lives in, for a database or queue scheme. */
export function serviceEnvName(scheme: string): string | undefined {
  return SERVICE_SCHEMES[scheme.toLowerCase()];
}

/** Parses `scheme://[user[:password]@]host[:port][,host…][/…]`; undefined for anything else, prose included. */
export function parseConnectionUrl(text: string): ConnectionUrl | undefined {
  const trimmed = text.trim().replace(/^jdbc:/iu, "");
  if (/\s/u.test(trimmed)) return undefined;
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/iu.exec(trimmed);
  if (!match) return undefined;
  const rest = match[2]!;
  const end = rest.search(/[/?#]/u);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf("@");
  const userInfo = at === -1 ? undefined : authority.slice(0, at);
  const hostList = at === -1 ? authority : authority.slice(at + 1);
  const colon = userInfo?.indexOf(":") ?? -1;
  const hosts = hostList
    .split(",")
    .map((host) => (host.startsWith("[") ? host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]")) : host.replace(/:[^:]*$/u, "")))
    .filter((host) => host.length > 0);
  return {
    scheme: match[1]!.toLowerCase(),
    user: userInfo === undefined ? undefined : colon === -1 ? userInfo : userInfo.slice(0, colon),
    password: userInfo === undefined || colon === -1 ? undefined : userInfo.slice(colon + 1),
    hosts,
  };
}

/** `host`, `host:port` or an IP address on its own (`10.0.3.7:6379`, `db.internal`), else undefined. */
export function parseBareHost(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^\[[0-9a-f:]+\](?::\d+)?$/iu.test(trimmed)) return trimmed.slice(1, trimmed.indexOf("]"));
  const match = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::\d{1,5})?$/iu.exec(trimmed);
  return match ? match[1] : undefined;
}

/**
 * - `local`: this machine (localhost, 127.0.0.1, ::1, Docker's host.docker.internal);
 * - `private`: an RFC 1918 / unique-local address of one network;
 * - `internal`: a name that only resolves inside one network (`.internal`, `.svc.cluster.local`, `.consul`, …);
 * - `single-label`: `db`, `redis`: a Compose or Kubernetes service name, usually a development default;
 * - `placeholder`: `host`, `example.com`, a template expression;
 * - `well-known`: the same in every deployment (cloud instance metadata, the Kubernetes API inside a pod);
 * - `public`: anything else.
 */
export type HostKind = "local" | "private" | "internal" | "single-label" | "placeholder" | "well-known" | "public";

const INTERNAL_SUFFIXES = [".internal", ".local", ".lan", ".corp", ".intranet", ".private", ".svc", ".cluster.local", ".consul", ".home.arpa", ".localdomain", ".intra"];
const LOCAL_NAMES = new Set(["localhost", "host.docker.internal", "host.containers.internal", "gateway.docker.internal", "0.0.0.0", "::", "::1"]);
/** Addresses that are the same in every deployment: the Kubernetes API from inside a pod, cloud metadata. */
const WELL_KNOWN_HOSTS = new Set(["kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "metadata.google.internal"]);
const PLACEHOLDER_HOSTS = new Set(["host", "hostname", "your-host", "yourhost", "server", "domain", "example", "xxx"]);

function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/u.test(part))) return undefined;
  const numbers = parts.map(Number);
  return numbers.every((n) => n <= 255) ? numbers : undefined;
}

export function hostKind(rawHost: string): HostKind {
  const host = rawHost.toLowerCase().replace(/\.$/u, "");
  if (host.includes(PLACEHOLDER) || /[<>{}$%*]/u.test(host) || PLACEHOLDER_HOSTS.has(host)) return "placeholder";
  if (/(?:^|\.)example(?:\.(?:com|org|net))?$/u.test(host) || host.endsWith(".test") || host.endsWith(".invalid")) return "placeholder";
  // `mock-plantuml.local`, `fake-db.internal`: stand-ins for tests.
  if (/^(?:mock|fake|dummy|stub)\b/u.test(host)) return "placeholder";
  if (LOCAL_NAMES.has(host) || host.endsWith(".localhost")) return "local";
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    if (a === 127 || (a === 0 && b === 0)) return "local";
    if (a === 169 && b === 254) return "well-known";
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return "private";
    return "public";
  }
  if (host.includes(":")) return /^f[cd][0-9a-f]{2}:/u.test(host) ? "private" : host === "::1" ? "local" : "public";
  if (WELL_KNOWN_HOSTS.has(host)) return "well-known";
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return "internal";
  if (!host.includes(".")) return "single-label";
  return "public";
}

/** Passwords that products ship as their defaults (`guest:guest` for RabbitMQ, `postgres:postgres`). */
const DEFAULT_PASSWORDS = new Set(["postgres", "root", "guest", "password", "pass", "secret", "example", "test", "dev", "admin", "changeme", "mysql", "mongo", "redis", "rabbitmq", "local"]);

/**
 * Whether a URL's credentials are a product's default for a server on this machine
 * (`amqp://guest:guest@localhost`, `postgres://postgres:postgres@127.0.0.1/dev`): a development
 * setup, not a secret.
 */
export function hasDefaultLocalCredentials(url: ConnectionUrl): boolean {
  if (url.password === undefined || url.hosts.length === 0 || !url.hosts.every((host) => hostKind(host) === "local")) return false;
  return url.password.toLowerCase() === (url.user ?? "").toLowerCase() || isDefaultPassword(url.password);
}

/** `postgres`, `root`, `guest`: a password databases and brokers ship with, which only works on a development setup. */
export function isDefaultPassword(password: string): boolean {
  return DEFAULT_PASSWORDS.has(password.toLowerCase());
}

/** `<password>`, `${PASSWORD}`, `{{password}}`, `***`, `xxx`, `...`: a placeholder, not a credential. */
/** Words that say a value is to be filled in later. */
const PLACEHOLDER_WORDS = new Set(["placeholder", "pending", "changeme", "replace", "replaceme", "todo", "tbd", "unset", "notset", "fixme", "redacted", "your", "empty", "dummy", "missing"]);

/**
 * A value made of plain words, one of which says it is to be filled in later: `pending_provisioning`,
 * `your-password-here`, `REPLACE_ME`, `just empty text`. Real secrets are not spelled in words.
 */
export function isPlaceholderWords(value: string): boolean {
  const words = value.trim().toLowerCase().split(/[_\- ]+/u);
  return words.every((word) => /^[a-z]+$/u.test(word)) && words.some((word) => PLACEHOLDER_WORDS.has(word));
}

export function isPlaceholderValue(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed.length === 0 ||
    trimmed.includes(PLACEHOLDER) ||
    /^(?:<[^>]*>|\[[^\]]*\]|\{\{?[^}]*\}\}?|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|%[sd]|:[a-z_]+|\*+|x+|X+|\.{2,}|…)$/u.test(trimmed)
  );
}
