import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import {
  PLACEHOLDER,
  hasDefaultLocalCredentials,
  hostKind,
  isDefaultPassword,
  isPlaceholderValue,
  isPlaceholderWords,
  parseBareHost,
  parseConnectionUrl,
  serviceEnvName,
  type HostKind,
} from "./utils/connection-urls.ts";
import { createRule } from "./utils/create-rule.ts";
import { propertyName, resolveImport } from "./utils/imports.ts";
import { isClient, secretArgumentsOf, secretAssignmentsOf, type SecretArgument, type StringNode } from "./utils/library-calls.ts";
import { nameWords } from "./utils/name-words.ts";
import { envNameFor, findProviderKey, isLocationName, isScreamingCase, looksLikeSecretValue, secretNameKind } from "./utils/secret-formats.ts";
import { isToolCode, productNames } from "./utils/service-package.ts";
import { unwrapTypeAssertions } from "./utils/expressions.ts";

type Options = [{ allowLocalhost?: boolean; allowedHosts?: string[] }];
type MessageIds =
  | "providerKey"
  | "credentialsInUrl"
  | "secretArgument"
  | "secretValue"
  | "secretFallback"
  | "credentialsFallback"
  | "locationFallback"
  | "connectionString"
  | "internalHost"
  | "unreachableHost"
  | "useEnv"
  | "removeFallback";

/** Options that say where a service runs. */
const LOCATION_KEYS = new Set(["host", "hostname", "server", "servers", "brokers", "nodes", "node", "url", "uri", "baseURL", "baseUrl", "endpoint", "connectionString", "address", "addr"]);
/** Text that explains rather than configures: an example in an error message or a schema description. */
const EXPLANATION_KEYS = new Set(["example", "examples", "description", "placeholder", "help", "hint", "usage", "title", "label", "message", "summary", "docs", "doc", "errorMessage"]);
/** Words of an option naming a secret the service checks others with (a session's, a token's signing secret), not one it presents. */
const VERIFYING_WORDS = new Set(["session", "cookie", "jwt", "jws", "jwe", "sign", "signing", "signature", "webhook", "hmac", "encryption", "encrypt", "cipher", "csrf", "verify", "verification"]);
/** Packages whose secret is one the service checks others with, whatever the option is called. */
const VERIFYING_PACKAGES = new Set(["express-session", "cookie-session", "cookie-parser", "jsonwebtoken", "jose", "iron-session", "@fastify/session", "@fastify/cookie", "@fastify/jwt", "koa-session", "passport-jwt", "@nestjs/jwt", "next-auth", "better-auth"]);
const LOGGING_METHODS = new Set(["log", "info", "warn", "error", "debug", "trace", "fatal", "verbose"]);
const MATCHING_METHODS = new Set(["includes", "startsWith", "endsWith", "match", "test", "indexOf", "replace", "replaceAll", "split"]);

interface Finding {
  messageId: Exclude<MessageIds, "useEnv" | "removeFallback">;
  data: Record<string, string>;
  env: string;
  /** The environment read that this literal is the fallback of: the suggestion removes the fallback. */
  fallbackOf?: TSESTree.LogicalExpression;
}

const PRIORITY: Finding["messageId"][] = [
  "providerKey", "credentialsFallback", "credentialsInUrl", "secretArgument", "secretFallback", "secretValue", "locationFallback", "connectionString", "internalHost", "unreachableHost",
];

/** The parent, skipping `as const`, `satisfies` and `!`. */
function parentOf(node: TSESTree.Node): { parent: TSESTree.Node | undefined; child: TSESTree.Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The string's text, with PLACEHOLDER for each `${…}` of a template literal. */
function textOf(node: StringNode): string {
  if (node.type === AST_NODE_TYPES.Literal) return node.value;
  return node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(PLACEHOLDER);
}

const TEST_DATA_WORDS = new Set(["test", "testing", "mock", "fake", "dummy", "example", "sample", "demo", "stub"]);

/** `TEST_PASSWORD`, `mockApiKey`, `testingPassword`: values for tests and demos, named as such. */
/** Folders of seeding tools and seed data: `seeds/`, `seeders/`, `prisma/seed.ts`, `tools/seed-snapshot/`. */
const SEED_FOLDER = /(?:^|\/)(?:seeds?|seeders?|seeding|seed[-_][\w-]+)\/|(?:^|\/)seed\.[cm]?[jt]s$/iu;
/** A value someone typed to remember (`test1234`, `changeme`), not a key generated at random: short, or without digits. */
function isMemorable(text: string): boolean {
  return text.length < 16 || !/\d/u.test(text);
}
/** What seed data may hold without it being a deployment's credential: passwords and secrets by their name. */
const SEED_DATA_FINDINGS = new Set<string>(["secretValue", "secretArgument", "secretFallback"]);

/** Names reserved for documentation, testing and local networks (RFC 2606, RFC 6761, mDNS), not a Kubernetes service's `cluster.local`. */
const SPECIAL_USE_HOST = /^(?![\w.-]*\bcluster\.local$)[\w.-]+\.(?:local|localhost|invalid|test|example)$/iu;

/** Where a tool points: hosts and connection strings without a password. */
const TOOL_FINDINGS = new Set<string>(["unreachableHost", "internalHost", "connectionString", "locationFallback"]);

function isTestDataName(name: string): boolean {
  return TEST_DATA_WORDS.has(nameWords(name)[0] ?? "");
}

/** The constant an object or list literal holding `node` initialises: `DEMO_PARAMS` of `const DEMO_PARAMS = { password: "…" }`. */
function enclosingConstantName(node: TSESTree.Node): string | undefined {
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.Property ||
      current.parent.type === AST_NODE_TYPES.ObjectExpression ||
      current.parent.type === AST_NODE_TYPES.ArrayExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    current = current.parent;
  }
  const declarator = current.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== current || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.id.name;
}

/** A comment saying a value is not a secret: "not actually a secret", "public", "safe to commit". */
const PUBLIC_ON_PURPOSE = /\bnot (?:actually |really |a |an )*(?:secret|sensitive|confidential)|\bsafe to (?:commit|expose|share|publish)|\bpublic(?:ly)? (?:known|available|on purpose)|\bintentionally public/iu;

/** Words that name a list of values kept to be refused: placeholders, examples, weak or blocked values. */
const REJECTED_LIST_WORDS = new Set(["placeholder", "placeholders", "example", "examples", "sample", "samples", "dummy", "fake", "weak", "blocked", "blocklist", "denylist", "forbidden", "disallowed", "insecure", "banned"]);

export default createRule<Options, MessageIds>({
  name: "no-hardcoded-config",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow credentials, connection strings and internal hosts written in the code instead of read from the environment",
      recommended: "error",
      productionOnly: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          allowLocalhost: {
            type: "boolean",
            description: "Allow connection strings to this machine (localhost, 127.0.0.1) that carry no credentials, such as development fallbacks",
          },
          allowedHosts: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Hosts that may be written in the code (`db.example.org`), or domains when starting with a dot (`.example.org`)",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      providerKey:
        "This is a {{provider}} committed with the code: anyone with access to the repository, its history or a build can use it, so it must be revoked. " +
        "Rotate it and read it from the environment ({{env}}).",
      credentialsInUrl:
        "This URL embeds a password, so the credential is readable by anyone with the code or a build and cannot be rotated without a deploy. " +
        "Read the whole URL from the environment ({{env}}) and keep the password in your secret store.",
      secretArgument:
        "{{sink}} receives a secret written in the code, so anyone who can read the code can {{impact}}, and it cannot be rotated without a deploy. " +
        "Read it from the environment ({{env}}).",
      secretValue:
        "`{{name}}` is set to a secret written in the code, so anyone who can read the code has it, and it cannot be rotated without a deploy. " +
        "Read it from the environment ({{env}}).",
      secretFallback:
        "When {{env}} is not set, this falls back to a secret written in the code, so a misconfigured deploy runs with a publicly known secret instead of failing. " +
        "Fail at startup when {{env}} is missing.",
      credentialsFallback:
        "When {{env}} is not set, this falls back to a URL with a password written in the code, so the credential ships with the code and a misconfigured deploy silently uses it. " +
        "Fail at startup when {{env}} is missing, or fall back to a local URL without credentials.",
      locationFallback:
        "When {{env}} is not set, this falls back to `{{host}}`, so a misconfigured deploy silently connects there instead of failing. " +
        "Fail at startup when {{env}} is missing, or fall back to localhost for development.",
      connectionString:
        "This {{scheme}} connection string fixes the server every environment connects to (`{{host}}`), so moving or failing over the service needs a code change and local runs reach it too. " +
        "Read it from the environment ({{env}}).",
      internalHost:
        "`{{host}}` is an address inside one deployment's network, so the code only works there and moving the service needs a code change. " +
        "Read it from the environment ({{env}}).",
      unreachableHost:
        "`{{host}}` is a one-word host name, a placeholder or a container's name that nobody outside one network can reach, so the links and requests built on it work in no real deployment. " +
        "Read the URL from the environment ({{env}}).",
      useEnv: "Read it from `process.env.{{env}}`.",
      removeFallback: "Remove the fallback and require `{{env}}` to be set.",
    },
  },
  defaultOptions: [{ allowLocalhost: true, allowedHosts: [] }],
  create(context, [options]) {
    const allowLocalhost = options.allowLocalhost ?? true;
    const allowedHosts = (options.allowedHosts ?? []).map((host) => host.toLowerCase());
    const strings: StringNode[] = [];
    const isSeedCode = SEED_FOLDER.test(context.physicalFilename.replaceAll("\\", "/"));
    const isTool = isToolCode(context.physicalFilename);
    /** The names of the product the file belongs to, read when a one-word host is first met. */
    let products: Set<string> | undefined;
    /** Literals that reach a secret parameter, with the sink they reach. */
    const sinkArguments = new Map<StringNode, SecretArgument>();
    const checkCall = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      for (const [literal, argument] of secretArgumentsOf(context, node)) if (!sinkArguments.has(literal)) sinkArguments.set(literal, argument);
    };

    const isAllowedHost = (host: string): boolean => {
      const lower = host.toLowerCase();
      return allowedHosts.some((allowed) => (allowed.startsWith(".") ? lower.endsWith(allowed) || lower === allowed.slice(1) : lower === allowed));
    };

    /** `process.env.NAME` or `import.meta.env.NAME` (the last one of `process.env.A || process.env.B`): the variable's name. */
    const envRead = (node: TSESTree.Node): string | undefined => {
      const expression = unwrapTypeAssertions(node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node);
      if (expression.type === AST_NODE_TYPES.LogicalExpression) return envRead(expression.right) ?? envRead(expression.left);
      if (expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = propertyName(expression.property, expression.computed);
      const env = expression.object;
      if (!name || env.type !== AST_NODE_TYPES.MemberExpression || propertyName(env.property, env.computed) !== "env") return undefined;
      if (env.object.type === AST_NODE_TYPES.MetaProperty) return name;
      if (env.object.type !== AST_NODE_TYPES.Identifier || env.object.name !== "process") return undefined;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(env.object), env.object);
      return !variable || variable.defs.length === 0 || resolveImport(context, env.object)?.module === "process" ? name : undefined;
    };

    /**
     * Whether the value of `expression` is a credential this service presents to another party: the
     * argument, or an option of the argument, of a class or function from a package (an SDK client,
     * `new Transloadit({ authSecret: … })`). A wrong one is refused by whoever issued the real one. Not
     * a secret the service checks others with, whatever the package (`session({ secret })`, `jwtSecret`,
     * `signingKey`, `webhookSecret`): anyone who knows that one can forge what it verifies.
     */
    const isPresentedCredential = (expression: TSESTree.Node): boolean => {
      let value: TSESTree.Node = expression;
      let call = value.parent;
      if (call?.type === AST_NODE_TYPES.Property && call.value === value) {
        const key = propertyName(call.key, call.computed);
        if (key === undefined || nameWords(key).some((word) => VERIFYING_WORDS.has(word))) return false;
        value = call.parent!;
        call = value.parent;
      }
      if ((call?.type !== AST_NODE_TYPES.NewExpression && call?.type !== AST_NODE_TYPES.CallExpression) || !call.arguments.includes(value as TSESTree.CallExpressionArgument)) return false;
      const module = resolveImport(context, call.callee)?.module;
      return module !== undefined && !module.startsWith(".") && !VERIFYING_PACKAGES.has(module);
    };

    /** A literal handed to a client, or set as an option or name that says where something runs (`baseURL`, `resetPasswordUrl`). */
    const isLocationDestination = (destination: ReturnType<typeof destinationOf>): boolean =>
      destination.clientArgument === true || (destination.option !== undefined && isLocationName(destination.option)) || (destination.name !== undefined && isLocationName(destination.name));

    /** Where the literal goes: the name it is assigned to, the option it sets, the env variable it stands in for. */
    const destinationOf = (
      node: StringNode,
    ): {
      name?: string;
      declared?: boolean;
      field?: boolean;
      option?: string;
      /** What the literal stands in for: an environment variable, or a configured setting (`options.password`) and its kind of secret. */
      fallback?: { env: string; expression?: TSESTree.LogicalExpression; kind?: ReturnType<typeof secretNameKind> };
      clientArgument?: boolean;
    } => {
      let { parent, child } = parentOf(node);
      // An element of a list: `brokers: ["kafka-1.internal:9092"]`
      if (parent?.type === AST_NODE_TYPES.ArrayExpression) ({ parent, child } = parentOf(parent));
      if (!parent) return {};
      switch (parent.type) {
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.id.type === AST_NODE_TYPES.Identifier ? { name: parent.id.name, declared: true } : {};
        case AST_NODE_TYPES.PropertyDefinition:
          return { name: propertyName(parent.key, parent.computed), declared: true, field: true };
        case AST_NODE_TYPES.Property: {
          const key = propertyName(parent.key, parent.computed);
          return parent.value === child && key ? { name: key, option: key } : {};
        }
        case AST_NODE_TYPES.AssignmentExpression: {
          if (parent.right !== child) return {};
          const target = parent.left;
          if (target.type === AST_NODE_TYPES.Identifier) return { name: target.name, declared: true };
          if (target.type === AST_NODE_TYPES.MemberExpression) {
            const env = envRead(target);
            if (env) return { name: env, declared: true };
            return { name: propertyName(target.property, target.computed) };
          }
          return {};
        }
        case AST_NODE_TYPES.LogicalExpression: {
          if (parent.right !== child || (parent.operator !== "||" && parent.operator !== "??")) return {};
          const env = envRead(parent.left);
          if (env) return { fallback: { env, expression: parent }, name: env };
          // `options.adminPassword || "changeme"`: a configured credential's default, used when the configuration leaves it out.
          const setting = unwrapTypeAssertions(parent.left.type === AST_NODE_TYPES.ChainExpression ? parent.left.expression : parent.left);
          const settingName = setting.type === AST_NODE_TYPES.MemberExpression ? propertyName(setting.property, setting.computed) : undefined;
          const kind = settingName === undefined ? undefined : secretNameKind(settingName);
          return kind ? { fallback: { env: context.sourceCode.getText(parent.left), expression: parent, kind } } : {};
        }
        case AST_NODE_TYPES.AssignmentPattern: {
          // `const { JWT_SECRET = "dev" } = process.env`
          const property = parent.parent;
          const pattern = property?.parent;
          const declarator = pattern?.parent;
          if (property?.type !== AST_NODE_TYPES.Property || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return {};
          const init = unwrapTypeAssertions(declarator.init);
          const key = propertyName(property.key, property.computed);
          const isEnv =
            init.type === AST_NODE_TYPES.MemberExpression &&
            propertyName(init.property, init.computed) === "env" &&
            ((init.object.type === AST_NODE_TYPES.Identifier && init.object.name === "process") || init.object.type === AST_NODE_TYPES.MetaProperty);
          return key && isEnv ? { fallback: { env: key }, name: key } : {};
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return {};
          const callee = parent.callee;
          if (callee.type === AST_NODE_TYPES.Identifier && callee.name === "fetch") return { clientArgument: true };
          return isClient(resolveImport(context, callee)) ? { clientArgument: true } : {};
        }
        default:
          return {};
      }
    };

    /** Text that explains rather than configures: error messages, logs, comparisons, schema examples, types. */
    const isExplanation = (node: StringNode): boolean => {
      for (let child: TSESTree.Node = node, current = node.parent; current; child = current, current = current.parent) {
        switch (current.type) {
          case AST_NODE_TYPES.ThrowStatement:
            return true;
          case AST_NODE_TYPES.NewExpression:
          case AST_NODE_TYPES.CallExpression: {
            const callee = current.callee;
            const name =
              callee.type === AST_NODE_TYPES.Identifier
                ? callee.name
                : callee.type === AST_NODE_TYPES.MemberExpression
                  ? propertyName(callee.property, callee.computed)
                  : undefined;
            if (name && (/Error$|Exception$/u.test(name) || name === "assert" || name === "expect" || name === "createError")) return true;
            // `logger.info(…)`, `url.startsWith(…)`: logged or compared, not configured.
            if (callee.type === AST_NODE_TYPES.MemberExpression && name && (LOGGING_METHODS.has(name) || MATCHING_METHODS.has(name))) return true;
            break;
          }
          case AST_NODE_TYPES.BinaryExpression:
            if (["===", "!==", "==", "!="].includes(current.operator)) return true;
            break;
          case AST_NODE_TYPES.SwitchCase:
            return current.test === child;
          case AST_NODE_TYPES.Property: {
            const key = propertyName(current.key, current.computed);
            if (current.value === child && key && EXPLANATION_KEYS.has(key)) return true;
            break;
          }
          case AST_NODE_TYPES.JSXAttribute: {
            const key = current.name.type === AST_NODE_TYPES.JSXIdentifier ? current.name.name : undefined;
            if (key && EXPLANATION_KEYS.has(key)) return true;
            break;
          }
          case AST_NODE_TYPES.JSXExpressionContainer:
            // `<code>{enrollment?.secret ?? "Generating…"}</code>`: text shown on a page, not a setting.
            if (current.parent?.type === AST_NODE_TYPES.JSXElement || current.parent?.type === AST_NODE_TYPES.JSXFragment) return true;
            break;
          case AST_NODE_TYPES.ArrowFunctionExpression:
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.FunctionDeclaration:
          case AST_NODE_TYPES.Program:
            return false;
          default:
            break;
        }
      }
      return false;
    };

    /**
     * A literal in a list of values kept to recognise and refuse them, not to use them:
     * `const PLACEHOLDER_SECRETS = { AUTH_JWT_SECRET: "secret" }`, `WEAK_PASSWORDS = ["password"]`.
     */
    const isListedToReject = (node: StringNode): boolean => {
      const name = enclosingConstantName(node);
      return name !== undefined && name.split(/_|(?=[A-Z][a-z])/u).some((word) => REJECTED_LIST_WORDS.has(word.toLowerCase()));
    };

    /**
     * A value the code says is not a secret, in a comment on its declaration ("not actually a
     * secret", "public", "safe to commit"): an XOR mask that only scrambles ids, a publishable key.
     */
    const isDocumentedAsPublic = (node: StringNode): boolean => {
      let statement: TSESTree.Node | undefined = node;
      while (statement && statement.type !== AST_NODE_TYPES.VariableDeclaration && statement.type !== AST_NODE_TYPES.PropertyDefinition && statement.type !== AST_NODE_TYPES.Property) {
        statement = statement.parent;
      }
      if (!statement) return false;
      if (statement.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) statement = statement.parent;
      const line = statement.loc.end.line;
      const comments = [...context.sourceCode.getCommentsBefore(statement), ...context.sourceCode.getCommentsAfter(statement).filter((comment) => comment.loc.start.line === line)];
      return comments.some((comment) => PUBLIC_ON_PURPOSE.test(comment.value));
    };

    /**
     * The fallback of `const NAME = process.env.NAME || "dev"` that the code refuses where it matters:
     * an `if` comparing NAME (or testing the variable unset) that throws or exits, as in
     * `if (prod && NAME === "dev") throw new Error(…)`. The literal then only runs in development.
     */
    const isRefusedWhenUsed = (node: StringNode, expression: TSESTree.LogicalExpression): boolean => {
      const declarator = parentOf(expression).parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const text = textOf(node);
      const env = envRead(expression.left);
      const refusal = (test: TSESTree.Node): boolean => {
        const inner = test.type === AST_NODE_TYPES.ChainExpression ? test.expression : test;
        if (inner.type === AST_NODE_TYPES.LogicalExpression) return refusal(inner.left) || refusal(inner.right);
        if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === "!") return env !== undefined && envRead(inner.argument) === env;
        if (inner.type !== AST_NODE_TYPES.BinaryExpression || (inner.operator !== "===" && inner.operator !== "==")) return false;
        const sides = [inner.left, inner.right];
        const named = sides.some((side) => side.type === AST_NODE_TYPES.Identifier && side.name === (declarator.id as TSESTree.Identifier).name);
        return named && sides.some((side) => (side.type === AST_NODE_TYPES.Literal || side.type === AST_NODE_TYPES.TemplateLiteral) && textOf(side as StringNode) === text);
      };
      const exits = (statement: TSESTree.Statement): boolean => {
        const body = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body : [statement];
        return body.some(
          (entry) =>
            entry.type === AST_NODE_TYPES.ThrowStatement ||
            (entry.type === AST_NODE_TYPES.ExpressionStatement &&
              entry.expression.type === AST_NODE_TYPES.CallExpression &&
              context.sourceCode.getText(entry.expression.callee) === "process.exit"),
        );
      };
      const visit = (current: TSESTree.Node): boolean => current.type === AST_NODE_TYPES.IfStatement && refusal(current.test) && exits(current.consequent);
      for (const entry of context.sourceCode.ast.body) {
        const statement = entry.type === AST_NODE_TYPES.ExportNamedDeclaration && entry.declaration ? entry.declaration : entry;
        if (visit(statement) || (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.body.body.some(visit))) return true;
      }
      return false;
    };

    /** Literals that are not values: types, module names, object keys, enum members. */
    const isNotAValue = (node: StringNode): boolean => {
      const { parent } = node;
      if (!parent) return true;
      switch (parent.type) {
        case AST_NODE_TYPES.TSLiteralType:
        case AST_NODE_TYPES.ImportDeclaration:
        case AST_NODE_TYPES.ExportAllDeclaration:
        case AST_NODE_TYPES.ExportNamedDeclaration:
        case AST_NODE_TYPES.ImportExpression:
        case AST_NODE_TYPES.TSExternalModuleReference:
        case AST_NODE_TYPES.TSModuleDeclaration:
        case AST_NODE_TYPES.TSEnumMember:
        case AST_NODE_TYPES.ImportAttribute:
        case AST_NODE_TYPES.TaggedTemplateExpression:
          return true;
        case AST_NODE_TYPES.Property:
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.MethodDefinition:
        case AST_NODE_TYPES.TSPropertySignature:
          return parent.key === node;
        case AST_NODE_TYPES.MemberExpression:
          return parent.property === node;
        case AST_NODE_TYPES.CallExpression:
          return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === "require";
        case AST_NODE_TYPES.ExpressionStatement:
          return parent.directive !== undefined;
        default:
          return false;
      }
    };

    /** The literal is the base of `new URL(relative, base)`, written there or through a `const` used only there. */
    const isUrlBase = (node: StringNode): boolean => {
      const isBaseArgument = (value: TSESTree.Node) => {
        const call = value.parent;
        return call?.type === AST_NODE_TYPES.NewExpression && call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === "URL" && call.arguments[1] === value;
      };
      if (isBaseArgument(node)) return true;
      const declarator = node.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
      const reads = ASTUtils.findVariable(context.sourceCode.getScope(declarator), declarator.id)?.references.filter((reference) => !reference.init) ?? [];
      return reads.length > 0 && reads.every((reference) => isBaseArgument(reference.identifier as TSESTree.Node));
    };

    const classify = (node: StringNode): Finding | undefined => {
      if (isListedToReject(node)) return undefined;
      const text = textOf(node);
      const candidates: Finding[] = [];

      const provider = findProviderKey(text);
      if (provider) candidates.push({ messageId: "providerKey", data: { provider: provider.provider }, env: provider.env });

      const explanation = isExplanation(node);
      const destination = destinationOf(node);
      const fallback = destination.fallback;
      const nameEnv = destination.name && isScreamingCase(destination.name) ? destination.name : undefined;

      const sink = sinkArguments.get(node);
      if (sink) {
        const accepted = sink.strict
          ? looksLikeSecretValue(text, sink.name, sink.name === "auth" || sink.name === "token" ? "token" : secretNameKind(sink.name ?? "") ?? "secret", {
              allowWords: false,
            })
          : !isPlaceholderValue(text);
        // A password spelled as a placeholder (`pending_provisioning`) opens nothing on the other side, while a
        // signing secret spelled that way is still the key every token is signed with.
        const placeholderPassword = secretNameKind(sink.name ?? "") === "password" && isPlaceholderWords(text);
        if (accepted && !placeholderPassword && !parseConnectionUrl(text)) {
          candidates.push({ messageId: "secretArgument", data: { sink: sink.sink, impact: sink.impact }, env: sink.env });
        }
      }

      const url = parseConnectionUrl(text);
      if (url && !explanation) {
        const env = fallback?.env ?? nameEnv ?? serviceEnvName(url.scheme) ?? `${url.scheme.replace(/[^a-z0-9]/giu, "").toUpperCase()}_URL`;
        // `user:password@host` with a documentation host is an example; with a host computed at runtime it is not.
        // A product's default credentials on this machine (`guest:guest@localhost`) are a development setup.
        const hasCredentials =
          url.password !== undefined &&
          !isPlaceholderValue(url.password) &&
          !hasDefaultLocalCredentials(url) &&
          url.hosts.every((host) => host.includes(PLACEHOLDER) || hostKind(host) !== "placeholder");
        if (hasCredentials) {
          candidates.push(fallback ? { messageId: "credentialsFallback", data: {}, env } : { messageId: "credentialsInUrl", data: {}, env });
        }
        const kinds = url.hosts.map((host) => ({ host, kind: hostKind(host) }));
        const reportable = (kind: HostKind): boolean => kind === "public" || kind === "private" || kind === "internal" || (kind === "local" && !allowLocalhost);
        // `new URL(path, "http://scrub.local")`: a base on a special-use name only resolves relative paths; nothing is sent there.
        const parsingBase = isUrlBase(node) && url.hosts.every((host) => SPECIAL_USE_HOST.test(host) || !host.includes("."));
        const located = parsingBase ? undefined : kinds.find(({ host, kind }) => reportable(kind) && !isAllowedHost(host));
        const isService = serviceEnvName(url.scheme) !== undefined;
        if (located && (isService || located.kind === "private" || located.kind === "internal")) {
          if (fallback) candidates.push({ messageId: "locationFallback", data: { host: located.host }, env });
          else if (isService) candidates.push({ messageId: "connectionString", data: { scheme: url.scheme, host: located.host }, env });
          else if (isLocationDestination(destination)) {
            candidates.push({ messageId: "internalHost", data: { host: located.host }, env: nameEnv ?? envNameFor(destination.name ?? "service url") });
          }
        }
        // A one-word host in an http(s) URL the code builds or calls (`http://link-to-app/reset-password?token=…`): a placeholder
        // or a container's name, which nobody outside one network reaches. As a fallback it is a development default.
        // Not a container of the product itself, named for it (`http://dokploy:3000` in Dokploy, `http://wiki-update-companion` in
        // Wiki.js): its own deployment gives its containers those names.
        const ownContainer = (host: string) => (products ??= productNames(context.physicalFilename)).has(host.toLowerCase().split("-")[0]!);
        const unreachable =
          !located && !fallback && /^https?$/u.test(url.scheme) ? kinds.find(({ host, kind }) => kind === "single-label" && !isAllowedHost(host) && !ownContainer(host)) : undefined;
        if (unreachable && isLocationDestination(destination)) {
          candidates.push({ messageId: "unreachableHost", data: { host: unreachable.host }, env: nameEnv ?? envNameFor(destination.name ?? "base url") });
        }
      }

      if (!url && !explanation) {
        const host = parseBareHost(text);
        const kind = host ? hostKind(host) : undefined;
        const isLocation =
          destination.clientArgument || (destination.option !== undefined && LOCATION_KEYS.has(destination.option)) || (destination.name !== undefined && isLocationName(destination.name));
        if (host && (kind === "private" || kind === "internal") && !isAllowedHost(host) && (isLocation || fallback)) {
          const env = fallback?.env ?? nameEnv ?? envNameFor(destination.name ?? "service host");
          candidates.push(fallback ? { messageId: "locationFallback", data: { host }, env } : { messageId: "internalHost", data: { host }, env });
        }
      }

      if (fallback && !url && !explanation) {
        const kind = fallback.kind ?? secretNameKind(fallback.env);
        // `process.env.PGPASSWORD || "postgres"`: a product's default password fails against a real server instead of
        // letting anyone in; a default signing secret (`"secret"`) would be accepted everywhere.
        const isDevelopmentPassword = kind === "password" && isDefaultPassword(text);
        // `authSecret: process.env.TRANSLOADIT_SECRET || "just empty text"`: a placeholder for a credential someone else issues opens nothing.
        const isPlaceholderCredential = isPlaceholderWords(text) && fallback.expression !== undefined && isPresentedCredential(fallback.expression);
        if (kind && !isDevelopmentPassword && !isPlaceholderCredential && looksLikeSecretValue(text, undefined, kind, { allowSpaces: true })) {
          candidates.push({ messageId: "secretFallback", data: {}, env: fallback.env });
        }
      }

      if (destination.name && !fallback && !url && !explanation) {
        const kind = secretNameKind(destination.name);
        // SCREAMING_CASE names and class fields are settings. Other locals and keys hold test users, seed data,
        // labels and messages (`const password = "hunter2"` in a script, `{ password: "Passwort" }`).
        const isSetting = (destination.field === true || isScreamingCase(destination.name)) && !isTestDataName(destination.name);
        if (kind && isSetting && looksLikeSecretValue(text, destination.name, kind, { allowWords: destination.declared === true })) {
          candidates.push({ messageId: "secretValue", data: { name: destination.name }, env: nameEnv ?? envNameFor(destination.name) });
        }
      }

      if (candidates.length === 0) return undefined;
      // What the code says of the value, asked only of a literal that would be reported: a comment saying it is not a
      // secret, a demo's or a test's values named as such (`const DEMO_DATASOURCE = { password: "…" }`), a fallback refused.
      if (isDocumentedAsPublic(node)) return undefined;
      // A seeding tool's demo user password: data for a throwaway database, not a credential of a deployment. A key a
      // provider issued, a random-looking secret, or a password in a connection URL is reported wherever it is.
      if (isSeedCode && isMemorable(text) && candidates.every((candidate) => SEED_DATA_FINDINGS.has(candidate.messageId))) return undefined;
      // A script's or a command-line tool's hosts, and the words it fills settings with, are chosen for whoever runs it
      // (a setup wizard writing a compose file's `http://web:3000`, a developer's emulator secret); it deploys nothing.
      if (isTool && candidates.every((candidate) => TOOL_FINDINGS.has(candidate.messageId) || (isMemorable(text) && SEED_DATA_FINDINGS.has(candidate.messageId)))) return undefined;
      const constant = enclosingConstantName(node);
      if (constant !== undefined && constant !== destination.name && isTestDataName(constant)) return undefined;
      if (fallback?.expression && isRefusedWhenUsed(node, fallback.expression)) return undefined;
      candidates.sort((a, b) => PRIORITY.indexOf(a.messageId) - PRIORITY.indexOf(b.messageId));
      const best = candidates[0]!;
      return fallback?.expression ? { ...best, fallbackOf: fallback.expression } : best;
    };

    const suggestionsFor = (node: StringNode, finding: Finding): TSESLint.ReportSuggestionArray<MessageIds> => {
      if (finding.fallbackOf) {
        const expression = finding.fallbackOf;
        return [
          {
            messageId: "removeFallback",
            data: { env: finding.env },
            fix: (fixer) => fixer.replaceText(expression, context.sourceCode.getText(expression.left)),
          },
        ];
      }
      if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) return [];
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(finding.env) || node.parent?.type === AST_NODE_TYPES.AssignmentPattern) return [];
      // `process.env.JWT_SECRET = "…"` would become `process.env.JWT_SECRET = process.env.JWT_SECRET`.
      if (node.parent?.type === AST_NODE_TYPES.AssignmentExpression && envRead(node.parent.left)) return [];
      const replacement = node.parent?.type === AST_NODE_TYPES.JSXAttribute ? `{process.env.${finding.env}}` : `process.env.${finding.env}`;
      return [{ messageId: "useEnv", data: { env: finding.env }, fix: (fixer) => fixer.replaceText(node, replacement) }];
    };

    return {
      Literal(node) {
        if (typeof node.value === "string") strings.push(node as TSESTree.StringLiteral);
      },
      TemplateLiteral(node) {
        strings.push(node);
      },
      CallExpression: checkCall,
      NewExpression: checkCall,
      AssignmentExpression(node) {
        for (const [literal, argument] of secretAssignmentsOf(context, node)) if (!sinkArguments.has(literal)) sinkArguments.set(literal, argument);
      },
      "Program:exit"() {
        for (const node of strings) {
          if (isNotAValue(node)) continue;
          const finding = classify(node);
          if (!finding) continue;
          context.report({
            node,
            messageId: finding.messageId,
            data: { ...finding.data, env: finding.env },
            suggest: suggestionsFor(node, finding),
          });
        }
      },
    };
  },
});
