import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { declaredTypeOf } from "./declaring-module.ts";
import { propertyName, resolveImport, type ImportReference } from "./imports.ts";
import { envNameFor } from "./secret-formats.ts";
import { unwrapTypeAssertions } from "./expressions.ts";
import { serverObjectOf } from "./server-objects.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What library calls do with the strings they receive: which arguments are secrets
 * (`jwt.sign(payload, "secret")`, `new Pool({ password })`), and which calls connect to the
 * address they are given (`axios.get(url)`, `new Redis(port, host)`).
 */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** A place that receives a secret: the library call, the environment variable it usually comes from, what leaks. */
interface SecretSink {
  module: string;
  path: string[];
  /** Positional arguments that are secrets. */
  args?: number[];
  /** Option names (in an options object argument) that are secrets. */
  keys?: string[];
  env: string;
  impact: string;
}

/** Clients of services that are not a database, for the name of the password's variable. */
const CLIENT_ENV_PREFIX: Record<string, string> = {
  redis: "REDIS",
  ioredis: "REDIS",
  nodemailer: "SMTP",
  amqplib: "AMQP",
  kafkajs: "KAFKA",
  nats: "NATS",
};

const SECRET_SINKS: SecretSink[] = [
  { module: "jsonwebtoken", path: ["sign"], args: [1], env: "JWT_SECRET", impact: "sign valid tokens for any user" },
  { module: "jsonwebtoken", path: ["verify"], args: [1], env: "JWT_SECRET", impact: "sign valid tokens for any user" },
  { module: "express-session", path: [], keys: ["secret"], env: "SESSION_SECRET", impact: "forge session cookies" },
  { module: "cookie-session", path: [], keys: ["secret", "keys"], env: "SESSION_SECRET", impact: "forge session cookies" },
  { module: "cookie-parser", path: [], args: [0], env: "COOKIE_SECRET", impact: "forge signed cookies" },
  { module: "crypto", path: ["createHmac"], args: [1], env: "HMAC_SECRET", impact: "forge signatures" },
  { module: "crypto", path: ["createCipheriv"], args: [1], env: "ENCRYPTION_KEY", impact: "decrypt the data" },
  { module: "crypto", path: ["createDecipheriv"], args: [1], env: "ENCRYPTION_KEY", impact: "decrypt the data" },
  { module: "stripe", path: [], args: [0], env: "STRIPE_SECRET_KEY", impact: "move money on the account" },
  { module: "stripe", path: ["Stripe"], args: [0], env: "STRIPE_SECRET_KEY", impact: "move money on the account" },
  { module: "sequelize", path: [], args: [2], env: "DB_PASSWORD", impact: "log in to the database" },
  { module: "sequelize", path: ["Sequelize"], args: [2], env: "DB_PASSWORD", impact: "log in to the database" },
  { module: "twilio", path: [], args: [1], env: "TWILIO_AUTH_TOKEN", impact: "use the account" },
  { module: "@sendgrid/mail", path: ["setApiKey"], args: [0], env: "SENDGRID_API_KEY", impact: "send mail as you" },
  { module: "@slack/web-api", path: ["WebClient"], args: [0], env: "SLACK_TOKEN", impact: "act as the Slack app" },
  ...[
    ["pg", "Pool"], ["pg", "Client"], ["mysql", "createConnection"], ["mysql", "createPool"], ["mysql2", "createConnection"],
    ["mysql2", "createPool"], ["mysql2/promise", "createConnection"], ["mysql2/promise", "createPool"], ["mongodb", "MongoClient"],
    ["redis", "createClient"], ["redis", "createCluster"], ["ioredis", ""], ["ioredis", "Redis"], ["knex", ""], ["typeorm", "DataSource"],
    ["mssql", "connect"], ["mssql", "ConnectionPool"], ["nodemailer", "createTransport"], ["amqplib", "connect"], ["kafkajs", "Kafka"],
    ["nats", "connect"], ["postgres", ""], ["@nestjs/typeorm", "TypeOrmModule.forRoot"], ["@nestjs/sequelize", "SequelizeModule.forRoot"],
    ["@mikro-orm/core", "MikroORM.init"], ["typeorm", "createConnection"],
  ].map(([module, name]): SecretSink => ({
    module: module!,
    path: name ? name.split(".") : [],
    keys: ["password", "pass", "passwd", "token"],
    env: `${CLIENT_ENV_PREFIX[module!] ?? "DB"}_PASSWORD`,
    impact: "log in to the service",
  })),
];

/** Option names that hold a secret in any library's options (checked with stricter value rules). */
const SECRET_OPTION_KEYS = new Set([
  "password", "pass", "passwd", "secret", "clientSecret", "client_secret", "apiKey", "api_key", "apiSecret", "secretKey",
  "secretAccessKey", "secret_access_key", "authToken", "accessToken", "access_token", "privateKey", "private_key",
  "secretOrKey", "secretOrPrivateKey", "consumerSecret", "appSecret", "masterKey", "encryptionKey", "signingKey",
  "sessionSecret", "cookieSecret", "webhookSecret", "auth", "token",
]);
/** Option objects nested under these keys are options too (`auth: { pass }`, `sasl: { password }`). */
const NESTED_OPTION_KEYS = new Set(["auth", "credentials", "connection", "sasl", "redisOptions", "options", "socket", "database", "db"]);

const SECRET_IMPACT = "use the credential";

/** Looks through `as`, `satisfies` and `!`. */

export function isStringNode(node: TSESTree.Node): node is StringNode {
  return (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") || node.type === AST_NODE_TYPES.TemplateLiteral;
}

/** The sinks of each module, so a call is compared with its own module's only. */
const SINKS_BY_MODULE = new Map<string, SecretSink[]>();
for (const sink of SECRET_SINKS) SINKS_BY_MODULE.set(sink.module, [...(SINKS_BY_MODULE.get(sink.module) ?? []), sink]);

function sameReference(reference: ImportReference | undefined, module: string, path: string[]): boolean {
  return reference !== undefined && reference.module === module && reference.path.length === path.length && reference.path.every((part, i) => part === path[i]);
}

/** Libraries whose calls connect to the address they are given (`axios.get(url)`, `new Redis(port, host)`). */
const CLIENT_MODULES = new Set([
  "axios", "got", "node-fetch", "undici", "superagent", "ky", "request", "needle", "ws", "socket.io-client", "ioredis", "redis",
  "pg", "postgres", "mysql", "mysql2", "mysql2/promise", "mongodb", "mongoose", "amqplib", "amqp-connection-manager", "nats",
  "kafkajs", "mqtt", "@elastic/elasticsearch", "cassandra-driver", "memcached", "knex", "sequelize", "typeorm", "nodemailer",
  "ldapjs", "@grpc/grpc-js", "minio", "eventsource",
]);
/** Node.js modules, by the functions of theirs that connect. */
const NODE_CLIENT_FUNCTIONS: Record<string, string[]> = {
  http: ["request", "get"],
  https: ["request", "get"],
  http2: ["connect"],
  net: ["connect", "createConnection"],
  tls: ["connect"],
};

export function isClient(reference: ImportReference | undefined): boolean {
  if (!reference) return false;
  const functions = NODE_CLIENT_FUNCTIONS[reference.module];
  return functions ? reference.path.length === 1 && functions.includes(reference.path[0]!) : CLIENT_MODULES.has(reference.module);
}

/** A package or Node.js module, not a file of the project (`./db`, `#lib/db`, `~/db`, `@/db`). */
export function isThirdParty(module: string): boolean {
  return !module.startsWith(".") && !module.startsWith("/") && !module.startsWith("#") && !module.startsWith("~") && !module.startsWith("@/");
}

/** The string literals an argument stands for: itself, array elements, or a `const` declared with one. */
function literalsOf(context: Context, node: TSESTree.Node | undefined, depth = 0): StringNode[] {
  if (!node || depth > 3) return [];
  const value = unwrapTypeAssertions(node);
  if (isStringNode(value)) return [value];
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.flatMap((element) => (element ? literalsOf(context, element, depth + 1) : []));
  if (value.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(value), value);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== "Variable" || definition.parent.kind !== "const" || definition.node.id.type !== AST_NODE_TYPES.Identifier) return [];
  return definition.node.init ? literalsOf(context, definition.node.init, depth + 1) : [];
}

/** The object literal an options argument stands for, following a `const`. */
export function objectOf(context: Context, node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  const value = unwrapTypeAssertions(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(value), value);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== "Variable" || !definition.node.init) return undefined;
  const init = unwrapTypeAssertions(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}

/** Where a string literal passed to a library ends up: the call, the variable it usually comes from, what leaks. */
export interface SecretArgument {
  /** The library function, as `module.path` in backquotes. */
  sink: string;
  env: string;
  impact: string;
  /** The option name it is passed as, when it is one. */
  name: string | undefined;
  /**
   * Whether the call is not a known sink but any library's secret-named option: then the value must
   * also look like a secret (`{ password: "Passwort" }` is a label for i18next).
   */
  strict: boolean;
}

function describe(reference: ImportReference): string {
  return [reference.module, ...reference.path].join(".");
}

/** `new Sequelize("db", "user", "password", { dialect: "sqlite" })`: SQLite ignores the credentials. */
function usesSqlite(context: Context, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return node.arguments.some((argument) =>
    objectOf(context, argument)?.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        propertyName(property.key, property.computed) === "dialect" &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === "sqlite",
    ),
  );
}

/** The library a call goes to, when it is not a known sink: by import, by declared type, or as a Fastify plugin. */
function libraryOf(context: Context, node: TSESTree.CallExpression | TSESTree.NewExpression, reference: ImportReference | undefined): string | undefined {
  if (reference && isThirdParty(reference.module)) return describe(reference);
  if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(node.callee.property, node.callee.computed);
  const declared = declaredTypeOf(context, node.callee);
  // `node` holds the globals of @types/node (`process`, `Buffer`), not a client library.
  if (declared && declared.module !== "node" && isThirdParty(declared.module)) return `${declared.module}.${method ?? declared.name}`;
  // `fastify.register(fastifyJwt, { secret })`
  if (method === "register" && node.arguments[0]) {
    const plugin = resolveImport(context, node.arguments[0]);
    if (plugin && isThirdParty(plugin.module)) return describe(plugin);
  }
  return undefined;
}

/**
 * The string literals a library call receives as secrets, followed through `const`s and arrays:
 * positional secrets of known sinks (`jwt.sign(payload, "secret")`, `new Stripe("sk_…")`), their
 * secret options (`session({ secret })`, `new Pool({ password })`), and secret-named options of any
 * other library, including those nested under `auth`, `credentials`, `connection`, ….
 */
export function secretArgumentsOf(context: Context, node: TSESTree.CallExpression | TSESTree.NewExpression): Map<StringNode, SecretArgument> {
  const found = new Map<StringNode, SecretArgument>();
  // A call without arguments receives nothing (a third of all calls): its callee is not resolved.
  if (node.arguments.length === 0) return found;
  const mark = (value: TSESTree.Node | undefined, argument: SecretArgument): void => {
    for (const literal of literalsOf(context, value)) if (!found.has(literal)) found.set(literal, argument);
  };
  const markOptions = (object: TSESTree.ObjectExpression, keys: ReadonlySet<string>, base: Omit<SecretArgument, "name" | "env"> & { env?: string }, depth = 0): void => {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property.key, property.computed);
      if (!key) continue;
      if (keys.has(key)) mark(property.value, { ...base, env: base.env ?? envNameFor(key), name: key, strict: base.strict || key === "auth" || key === "token" });
      const nested = NESTED_OPTION_KEYS.has(key) && depth < 2 ? objectOf(context, property.value) : undefined;
      if (nested) markOptions(nested, keys, base, depth + 1);
    }
  };

  const reference = resolveImport(context, node.callee);
  const sinks = reference ? (SINKS_BY_MODULE.get(reference.module) ?? []).filter((sink) => sameReference(reference, sink.module, sink.path)) : [];
  for (const sink of sinks) {
    if (sink.module === "sequelize" && usesSqlite(context, node)) continue;
    const base = { sink: `\`${describe(reference!)}\``, env: sink.env, impact: sink.impact, strict: false };
    for (const index of sink.args ?? []) mark(node.arguments[index], { ...base, name: undefined });
    if (!sink.keys) continue;
    for (const argument of node.arguments) {
      const object = objectOf(context, argument);
      if (object) markOptions(object, new Set(sink.keys), base);
    }
  }
  if (sinks.length > 0) return found;

  // Any other library's secret-named options: only calls given an options object can have them.
  const objects = node.arguments.map((argument) => objectOf(context, argument)).filter((object) => object !== undefined);
  if (objects.length === 0) return found;
  const library = libraryOf(context, node, reference);
  if (!library) return found;
  for (const object of objects) markOptions(object, SECRET_OPTION_KEYS, { sink: `\`${library}\``, impact: SECRET_IMPACT, strict: true });
  return found;
}

/**
 * Literals assigned to a framework setting that holds secrets: Koa's `app.keys = ["…"]`, the keys
 * that sign its cookies and sessions.
 */
export function secretAssignmentsOf(context: Context, node: TSESTree.AssignmentExpression): Map<StringNode, SecretArgument> {
  const found = new Map<StringNode, SecretArgument>();
  const target = node.left;
  if (node.operator !== "=" || target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target.property, target.computed) !== "keys") return found;
  const owner = serverObjectOf(context, target.object);
  if (owner?.framework !== "koa" || owner.kind !== "app") return found;
  const argument: SecretArgument = { sink: "Koa's `app.keys`", env: "APP_KEYS", impact: "forge signed cookies and sessions", name: "keys", strict: false };
  for (const literal of literalsOf(context, node.right)) found.set(literal, argument);
  return found;
}
