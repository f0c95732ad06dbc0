import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./utils/create-rule.ts";
import { propertyName, resolveImport, type ImportReference } from "./utils/imports.ts";
import { enclosingRequestHandler, type FunctionNode } from "./utils/request-handlers.ts";
import { isIdentityName, RequestIdentity } from "./utils/request-identity.ts";
import { calleeName, classBodyOfThis, enclosingFunction, returnedExpressions, unwrapTypeAssertions } from "./utils/expressions.ts";
import { filesCalling, parsedModule, searchRootOf } from "./utils/project-modules.ts";
import { runsAtStartup } from "./utils/run-once.ts";
import { descendants } from "../sql-lint/embedded/migration-code.ts";

type Options = [{ identityProperties?: string[]; memoryStoreModules?: string[] }];
type MessageIds = "defaultMemoryStore" | "memoryStore" | "perUserCollection" | "memoryRateLimit";

interface SessionLibrary {
  module: string;
  /** Whether leaving out `store` keeps sessions in memory (koa-session keeps them in the cookie instead). */
  defaultsToMemory: boolean;
}

const SESSION_MIDDLEWARE: SessionLibrary[] = [
  { module: "express-session", defaultsToMemory: true },
  { module: "koa-generic-session", defaultsToMemory: true },
  { module: "koa-session", defaultsToMemory: false },
];
const FASTIFY_SESSION_PLUGINS = new Set(["@fastify/session", "fastify-session"]);

/** Store classes that keep sessions in the process: `new session.MemoryStore()`. */
const MEMORY_STORE_CLASSES: ImportReference[] = [
  { module: "express-session", path: ["MemoryStore"] },
  { module: "@fastify/session", path: ["MemoryStore"] },
  { module: "fastify-session", path: ["MemoryStore"] },
  { module: "koa-generic-session", path: ["MemoryStore"] },
  { module: "hono-sessions", path: ["MemoryStore"] },
];
/** Modules whose export, called with the session module, returns an in-process store class. */
const STORE_FACTORIES: Record<string, string> = {
  memorystore: "this process's memory",
  "session-memory-store": "this process's memory",
  "session-file-store": "files on this machine's disk",
};

/** A comment saying counts are kept per process knowingly: "per replica", "the MemoryStore isn't shared". */
const PER_PROCESS_ON_PURPOSE = /\bper[- ](?:replica|process|instance|pod|node)\b|\bmemory ?store\b|\bin[- ]memory\b/iu;

/** Classes that keep sessions or login state: `SessionStore`, `OidcStateStore`, `LoginStateStore`. */
const SESSION_STORE_NAME = /(?:Session|State)Store$/u;

const CACHE_NAME = /cache|cached|memo|lru/iu;
/** Functions that return a timer's handle (also as `global.setTimeout`, `timers.setTimeout`). */
const TIMER_FUNCTIONS = new Set(["setTimeout", "setInterval", "setImmediate"]);
const CANCEL_FUNCTIONS = new Set(["clearTimeout", "clearInterval", "clearImmediate"]);
const COLLECTIONS = new Set(["Map", "Set"]);

type Collection = "Map" | "Set" | "object" | "array";

function sameReference(a: ImportReference | undefined, b: ImportReference): boolean {
  return a !== undefined && a.module === b.module && a.path.length === b.path.length && a.path.every((part, i) => part === b.path[i]);
}

/** Files that create instances of one class, at most: a class built in many places is not a service built once. */
const MAX_CREATING_FILES = 3;

/**
 * Whether another module of the project creates the class `className` (declared in `file`) where
 * code runs once per process: `userService: new UserService(stores, config)` in a
 * `createServices()` that the start-up calls once. That instance lives as long as the process,
 * whatever other instances requests create.
 */
function isCreatedOnceElsewhere(className: string, file: string): boolean {
  const root = searchRootOf(file);
  const files = root === undefined ? undefined : filesCalling(root, className)?.filter((other) => other !== file);
  if (!files || files.length === 0 || files.length > MAX_CREATING_FILES) return false;
  return files.some((other) => {
    const program = parsedModule(other);
    if (!program) return false;
    for (const node of descendants(program)) {
      if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === className && runsAtStartup(node, other, program)) return true;
    }
    return false;
  });
}

export default createRule<Options, MessageIds>({
  name: "no-in-memory-session",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow keeping per-user or per-session state in the memory of a server process",
      recommended: "error",
      productionOnly: true,
    },
    schema: [
      {
        type: "object",
        properties: {
          identityProperties: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "More property and variable names that identify the caller (for example `tenantId`)",
          },
          memoryStoreModules: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "More session store modules that keep sessions inside the process",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      defaultMemoryStore:
        "Without a `store`, {{library}} keeps sessions in this process's memory, so every restart or deploy logs users out and each replica sees different sessions. " +
        "Pass a shared `store` (connect-redis, a database-backed store).",
      memoryStore:
        "This session store keeps sessions in {{where}}, so every restart or deploy logs users out and each replica sees different sessions. " +
        "Use a shared store (connect-redis, a database-backed store).",
      memoryRateLimit:
        "This rate limit counts each caller's requests ({{key}}) in this process's memory, express-rate-limit's default store: every replica keeps its own counts, so the real limit grows with the number of replicas, and every restart or deploy resets it. " +
        "Pass a shared `store` (rate-limit-redis, a database-backed store).",
      perUserCollection:
        "`{{name}}` keeps per-user state in this process's memory (written at line {{line}} with a key that identifies the caller), so it is lost on every restart and differs between replicas. " +
        "Keep it in the session or in a shared store (Redis, the database).",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const extraFactories = new Set(options.memoryStoreModules ?? []);
    const extraIdentityNames = new Set((options.identityProperties ?? []).map((name) => name.replace(/[^A-Za-z0-9]/gu, "").toLowerCase()));
    const identities = new WeakMap<FunctionNode, RequestIdentity>();
    /** Collections written with a per-user key, with the first such write. */
    const written = new Map<TSESLint.Scope.Variable, { declaration: TSESTree.Identifier; write: TSESTree.Node }>();

    const identityFor = (found: NonNullable<ReturnType<typeof enclosingRequestHandler>>): RequestIdentity => {
      let identity = identities.get(found.fn);
      if (!identity) {
        identity = new RequestIdentity(context, found.handler, options.identityProperties);
        identities.set(found.fn, identity);
      }
      return identity;
    };

    const variableOf = (node: TSESTree.Node): TSESLint.Scope.Variable | undefined =>
      node.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(context.sourceCode.getScope(node), node) ?? undefined : undefined;

    const isGlobal = (identifier: TSESTree.Identifier): boolean => {
      const variable = variableOf(identifier);
      return !variable || variable.defs.length === 0;
    };

    /** `new Map()`, `new Set()`, `{}`, `[]`, `Object.create(null)`: the kind of collection a declaration creates. */
    const collectionKind = (init: TSESTree.Node): Collection | undefined => {
      const value = unwrapTypeAssertions(init);
      if (value.type === AST_NODE_TYPES.ObjectExpression) return "object";
      if (value.type === AST_NODE_TYPES.ArrayExpression) return "array";
      if (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
        return COLLECTIONS.has(value.callee.name) && isGlobal(value.callee) ? (value.callee.name as Collection) : undefined;
      }
      if (
        value.type === AST_NODE_TYPES.CallExpression &&
        value.callee.type === AST_NODE_TYPES.MemberExpression &&
        value.callee.object.type === AST_NODE_TYPES.Identifier &&
        value.callee.object.name === "Object" &&
        propertyName(value.callee.property, value.callee.computed) === "create"
      ) {
        return "object";
      }
      return undefined;
    };

    /** The collection `target` names, when it is declared once, outside `handlerFn`, and is not a cache. */
    const collectionOf = (
      target: TSESTree.Node,
      handlerFn: FunctionNode,
    ): { variable: TSESLint.Scope.Variable; declaration: TSESTree.Identifier; kind: Collection } | undefined => {
      const variable = variableOf(target);
      if (!variable || variable.defs.length !== 1 || CACHE_NAME.test(variable.name)) return undefined;
      const definition = variable.defs[0]!;
      if (definition.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
      // Declared inside the handler: a new collection for every request.
      if (definition.node.range[0] >= handlerFn.range[0] && definition.node.range[1] <= handlerFn.range[1]) return undefined;
      const kind = collectionKind(definition.node.init);
      return kind ? { variable, declaration: definition.node.id, kind } : undefined;
    };

    const checkWrite = (write: TSESTree.Node, target: TSESTree.Node, kinds: Collection[], key: TSESTree.Node, value: TSESTree.Node | undefined): void => {
      if (target.type !== AST_NODE_TYPES.Identifier) return;
      const found = enclosingRequestHandler(context, write);
      if (!found) return;
      const collection = collectionOf(target, found.fn);
      if (!collection || !kinds.includes(collection.kind) || written.has(collection.variable)) return;
      const identity = identityFor(found);
      if (identity.isConnection(key) || (value && identity.isConnection(value))) return;
      // `sessions[token] = { userId: user.id }`: a fresh session id is not from the request, but what it maps to is.
      const keyed = identity.isIdentity(key) || (isIdentityNamed(key) && value !== undefined && identity.isRequestDerived(value));
      if (!keyed) return;
      const uses = collection.variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier);
      if (isFlushedBuffer(uses) || (value !== undefined && isTimer(value) && isCancelOnlyTimers(uses))) return;
      written.set(collection.variable, { declaration: collection.declaration, write });
    };

    /**
     * A timer's handle (`setTimeout(…)`, or a `const` holding one): a map of them per user is a
     * debounce or a delay of this process's own work, which only this process can cancel, not state
     * another replica needs. A restart drops the pending calls, as it drops any work in flight.
     */
    const isTimer = (value: TSESTree.Node): boolean => {
      let inner = unwrapTypeAssertions(value);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const definition = variableOf(inner)?.defs;
        const init = definition?.length === 1 && definition[0]!.type === "Variable" && definition[0]!.parent.kind === "const" ? definition[0]!.node.init : null;
        if (!init) return false;
        inner = unwrapTypeAssertions(init);
      }
      return inner.type === AST_NODE_TYPES.CallExpression && TIMER_FUNCTIONS.has(calleeName(inner) ?? "");
    };

    /**
     * Whether a collection of timers is only ever used to cancel them: written with timers, read
     * only into `clearTimeout()` (directly, or through a `const` tested and cleared), deleted from or
     * cleared. That is a debounce (`clearTimeout(timers.get(userId)); timers.set(userId,
     * setTimeout(…))`): each replica delays its own work. A timer map read to decide what a request
     * does (`if (resetTimers.has(email)) return`) is a per-user rate limit, which is state.
     */
    const isCancelOnlyTimers = (uses: TSESTree.Node[]): boolean =>
      uses.every((use) => {
        const parent = use.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) return collectionKind(parent.right) !== undefined;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return false;
        if (parent.computed) {
          // `timers[userId] = setTimeout(…)`, `delete timers[userId]`, `clearTimeout(timers[userId])`.
          const access = parent.parent;
          if (access?.type === AST_NODE_TYPES.AssignmentExpression && access.left === parent) return isTimer(access.right);
          if (access?.type === AST_NODE_TYPES.UnaryExpression && access.operator === "delete") return true;
          return isOnlyCancelled(parent);
        }
        const call = parent.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
        const method = propertyName(parent.property, false);
        if (method === "delete" || method === "clear") return true;
        if (method === "set") return call.arguments[1] !== undefined && isTimer(call.arguments[1]);
        return method === "get" && isOnlyCancelled(call);
      });

    /** `clearTimeout(timer)`, `clearInterval(…)`: a call cancelling a timer `isTheTimer` accepts. */
    const isCancel = (node: TSESTree.Node | undefined, isTheTimer: (argument: TSESTree.Node) => boolean): boolean =>
      node?.type === AST_NODE_TYPES.CallExpression && CANCEL_FUNCTIONS.has(calleeName(node) ?? "") && node.arguments.some((argument) => isTheTimer(unwrapTypeAssertions(argument)));

    /** A statement (or block) that only cancels the timer. */
    const onlyCancels = (statement: TSESTree.Statement | null | undefined, isTheTimer: (argument: TSESTree.Node) => boolean): boolean => {
      if (!statement) return true;
      if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.every((inner) => onlyCancels(inner, isTheTimer));
      return statement.type === AST_NODE_TYPES.ExpressionStatement && isCancel(statement.expression, isTheTimer);
    };

    /** A read of a timer that goes only into cancelling it: `clearTimeout(x)`, `if (x) clearTimeout(x)`, `const t = x; if (t) { clearTimeout(t); }`. */
    const isOnlyCancelled = (read: TSESTree.Node): boolean => {
      let node: TSESTree.Node = read;
      while (node.parent && (node.parent.type === AST_NODE_TYPES.TSNonNullExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.ChainExpression)) node = node.parent;
      const parent = node.parent;
      if (isCancel(parent, (argument) => argument === node)) return true;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier && (parent.parent as TSESTree.VariableDeclaration).kind === "const") {
        const references = (variableOf(parent.id)?.references ?? []).filter((reference) => !reference.init);
        const isTimerReference = (candidate: TSESTree.Node) => references.some((reference) => reference.identifier === candidate);
        return references.every(({ identifier }) => {
          const use = identifier.parent;
          if (isCancel(use, (argument) => argument === identifier)) return true;
          return use?.type === AST_NODE_TYPES.IfStatement && use.test === identifier && onlyCancels(use.consequent, isTimerReference) && !use.alternate;
        });
      }
      return false;
    };

    /**
     * Whether some function hands the collection's whole contents on and empties it:
     * `const toStore = [...this.lastSeen]; this.lastSeen = new Set(); await store.save(toStore)`.
     * A write-behind buffer is pending writes to a shared store, not state: a restart loses one
     * flush's worth, and each replica flushing its own is right. (Emptying without reading, as a
     * rate-limit window does, keeps it state.) `uses` are the places that name the collection.
     */
    const isFlushedBuffer = (uses: TSESTree.Node[]): boolean => {
      const reads = new Set<TSESTree.Node>();
      const resets = new Set<TSESTree.Node>();
      for (const use of uses) {
        const parent = use.parent;
        const fn = enclosingFunction(use);
        if (!parent || !fn) continue;
        const method = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === use && parent.parent?.type === AST_NODE_TYPES.CallExpression ? propertyName(parent.property, parent.computed) : undefined;
        if (
          parent.type === AST_NODE_TYPES.SpreadElement ||
          (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === use) ||
          (parent.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === "from" && parent.arguments[0] === use) ||
          (method !== undefined && ["values", "entries", "keys", "forEach"].includes(method))
        ) {
          reads.add(fn);
        }
        if ((parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use && collectionKind(parent.right) !== undefined) || method === "clear") resets.add(fn);
      }
      return [...reads].some((fn) => resets.has(fn));
    };

    /** Where a class's methods name `this.<name>`. */
    const fieldUses = (body: TSESTree.ClassBody, name: string): TSESTree.Node[] => {
      const uses: TSESTree.Node[] = [];
      for (const node of descendants(body)) {
        if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.object.type !== AST_NODE_TYPES.ThisExpression) continue;
        if ((node.property.type === AST_NODE_TYPES.Identifier || node.property.type === AST_NODE_TYPES.PrivateIdentifier) && node.property.name === name) uses.push(node);
      }
      return uses;
    };

    /** Collection fields of long-lived objects written with a per-user key, with the first such write. */
    const writtenFields = new Map<TSESTree.Node, { name: string; write: TSESTree.Node }>();

    /**
     * A collection field of a long-lived object written with a key named for the caller:
     * `this.stateMap.set(state, …)` in a NestJS `@Injectable()` provider, `this.timers.set(userId, …)`
     * in a service the file instantiates once. Such an object lives as long as the process, so its
     * fields are process memory like a module-level collection.
     */
    const checkFieldWrite = (write: TSESTree.Node, target: TSESTree.Node, kinds: Collection[], key: TSESTree.Node, value: TSESTree.Node | undefined): void => {
      const member = unwrapTypeAssertions(target);
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object.type !== AST_NODE_TYPES.ThisExpression || member.computed) return;
      const name = member.property.type === AST_NODE_TYPES.Identifier || member.property.type === AST_NODE_TYPES.PrivateIdentifier ? member.property.name : undefined;
      if (name === undefined || CACHE_NAME.test(name)) return;
      const body = classBodyOfThis(member);
      if (!body || !(isPerLoginKey(key) || isSessionStoreClass(body.parent as TSESTree.ClassDeclaration | TSESTree.ClassExpression))) return;
      if (!isLongLived(body.parent as TSESTree.ClassDeclaration | TSESTree.ClassExpression)) return;
      const field = collectionField(body, name);
      if (!field || !kinds.includes(field.kind) || writtenFields.has(field.declaration)) return;
      const uses = fieldUses(body, name);
      if (isFlushedBuffer(uses) || (value !== undefined && isTimer(value) && isCancelOnlyTimers(uses))) return;
      writtenFields.set(field.declaration, { name, write });
    };

    /**
     * A store of sessions or login state by its name or the interface it implements (`class
     * OidcStateStore implements SessionStore`, passport's and express-session's store interfaces):
     * whatever its keys are called (`handle`), each entry is one visitor's.
     */
    const isSessionStoreClass = (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean => {
      const names = [cls.id?.name, ...(cls.implements ?? []).map((heritage) => (heritage.expression.type === AST_NODE_TYPES.Identifier ? heritage.expression.name : undefined))];
      return names.some((name) => name !== undefined && SESSION_STORE_NAME.test(name));
    };

    /** Keys named for the caller, or for one login in progress (OAuth `state`, a `nonce`, a PKCE verifier). */
    const isPerLoginKey = (key: TSESTree.Node): boolean => {
      const inner = unwrapTypeAssertions(key);
      if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner.expressions.some(isPerLoginKey);
      if (isIdentityNamed(inner) || isUserRecordId(inner)) return true;
      const keyName = inner.type === AST_NODE_TYPES.Identifier ? inner.name : inner.type === AST_NODE_TYPES.MemberExpression ? propertyName(inner.property, inner.computed) : undefined;
      return keyName !== undefined && /^(?:o?auth)?(?:state|nonce|codeverifier)$/iu.test(keyName.replace(/[^A-Za-z]/gu, ""));
    };

    /**
     * The id of a user's record: `user.id`, or `receiver.id` of `const receiver = await
     * this.getByEmail(email)`, a record looked up by who someone is.
     */
    const isUserRecordId = (key: TSESTree.Node): boolean => {
      if (key.type !== AST_NODE_TYPES.MemberExpression || propertyName(key.property, key.computed) !== "id") return false;
      const object = unwrapTypeAssertions(key.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return false;
      if (isIdentityName(object.name, extraIdentityNames)) return true;
      const definition = variableOf(object)?.defs[0];
      let init = definition?.type === "Variable" ? definition.node.init : null;
      if (init?.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
      if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(init);
      const lookupByIdentity = name !== undefined && /^(?:get|find|load|fetch)(?:One)?(?:User|Account|Member)?By/u.test(name) && isIdentityName(name.replace(/^.*By/u, ""), extraIdentityNames);
      return lookupByIdentity || (name !== undefined && /(?:User|Account|Member)$/u.test(name) && init.arguments.some((argument) => isIdentityNamed(argument)));
    };

    /** A field declared as a collection (`private stateMap = new Map()`) or set to one in the constructor. */
    const collectionField = (body: TSESTree.ClassBody, name: string): { declaration: TSESTree.Node; kind: Collection } | undefined => {
      for (const element of body.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && !element.computed && element.value) {
          const key = element.key.type === AST_NODE_TYPES.Identifier || element.key.type === AST_NODE_TYPES.PrivateIdentifier ? element.key.name : undefined;
          const kind = key === name ? collectionKind(element.value) : undefined;
          if (kind) return { declaration: element.key, kind };
        }
        if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === "constructor" && element.value.body) {
          for (const statement of element.value.body.body) {
            const assignment = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
            if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
            const left = assignment.left;
            if (left.object.type !== AST_NODE_TYPES.ThisExpression || left.computed || propertyName(left.property, false) !== name) continue;
            const kind = collectionKind(assignment.right);
            if (kind) return { declaration: left.property, kind };
          }
        }
      }
      return undefined;
    };

    /**
     * Whether one instance of the class serves every request: a NestJS provider or controller
     * (singletons unless their decorator sets a request or transient `scope`), or a class this file
     * instantiates once at the top level (`export default new AuthService()`).
     */
    const isLongLived = (cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean => {
      for (const decorator of cls.decorators ?? []) {
        const expression = decorator.expression;
        const name = expression.type === AST_NODE_TYPES.CallExpression && expression.callee.type === AST_NODE_TYPES.Identifier ? expression.callee.name : undefined;
        if (name !== "Injectable" && name !== "Controller" && name !== "Resolver") continue;
        const settings = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments.find((argument) => argument.type === AST_NODE_TYPES.ObjectExpression) : undefined;
        const scoped = settings?.type === AST_NODE_TYPES.ObjectExpression && settings.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "scope");
        return !scoped;
      }
      const className = cls.id?.name;
      if (className === undefined) return false;
      // The class's name outside it (and the inner binding its own methods see).
      const references = context.sourceCode.getDeclaredVariables(cls).flatMap((variable) => variable.references);
      const createdAtTopLevel = references.some((reference) => {
        const creation = reference.identifier.parent;
        if (creation?.type !== AST_NODE_TYPES.NewExpression || creation.callee !== reference.identifier) return false;
        // Top-level code runs once per process.
        for (let current: TSESTree.Node | undefined = creation.parent; current; current = current.parent) {
          if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.ClassBody) return false;
        }
        return true;
      });
      return createdAtTopLevel || (references.every((reference) => reference.identifier.parent?.type !== AST_NODE_TYPES.NewExpression) && isCreatedOnceElsewhere(className, context.filename));
    };

    /** `token`, `session.id`, `sessionId`: a key named for a session or user. */
    const isIdentityNamed = (key: TSESTree.Node): boolean => {
      const name =
        key.type === AST_NODE_TYPES.Identifier
          ? key.name
          : key.type === AST_NODE_TYPES.MemberExpression
            ? propertyName(key.property, key.computed)
            : undefined;
      return name !== undefined && isIdentityName(name, extraIdentityNames);
    };

    /** The options object literal a call receives, following a `const` declared once. */
    const objectLiteral = (node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined => {
      if (!node) return undefined;
      const value = unwrapTypeAssertions(node);
      if (value.type === AST_NODE_TYPES.ObjectExpression) return value;
      const variable = variableOf(value);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== "Variable" || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return undefined;
      const init = unwrapTypeAssertions(definition.node.init);
      return init.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
    };

    /** `store` in a session options object: the node, `missing`, or `unknown` when a spread may supply it. */
    const storeOf = (optionsObject: TSESTree.ObjectExpression): TSESTree.Node | "missing" | "unknown" => {
      for (const property of optionsObject.properties) {
        if (property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "store") return property.value;
      }
      return optionsObject.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement) ? "unknown" : "missing";
    };

    /**
     * A store written as an object (koa-session's `store: { get, set, destroy }`) whose `set` puts the
     * session into a collection declared outside it: `set(key, session) { sessions[key] = session; }`.
     */
    const writesCollectionOnSet = (store: TSESTree.ObjectExpression): boolean => {
      const set = store.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "set");
      const fn = set?.type === AST_NODE_TYPES.Property ? set.value : undefined;
      if (fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
      const isOuterCollection = (target: TSESTree.Node): boolean => {
        const variable = variableOf(target);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type !== "Variable" || !definition.node.init || definition.node.range[0] >= fn.range[0]) return false;
        return collectionKind(definition.node.init) !== undefined;
      };
      const visit = (node: TSESTree.Node): boolean => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.computed && isOuterCollection(node.left.object)) {
          return true;
        }
        if (
          node.type === AST_NODE_TYPES.CallExpression &&
          node.callee.type === AST_NODE_TYPES.MemberExpression &&
          propertyName(node.callee.property, node.callee.computed) === "set" &&
          isOuterCollection(node.callee.object)
        ) {
          return true;
        }
        return (context.sourceCode.visitorKeys[node.type] ?? []).some((key) => {
          const child = (node as unknown as Record<string, unknown>)[key];
          return (Array.isArray(child) ? child : [child]).some((item) => item && typeof (item as TSESTree.Node).type === "string" && visit(item as TSESTree.Node));
        });
      };
      return visit(fn.body);
    };

    /** Where an in-process store keeps sessions, when `store` is one: `new MemoryStore()`, `new FileStore()`. */
    const inProcessStore = (node: TSESTree.Node, depth = 0): string | undefined => {
      if (depth > 4) return undefined;
      const value = unwrapTypeAssertions(node);
      if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(value);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        return definition?.type === "Variable" && definition.node.init ? inProcessStore(definition.node.init, depth + 1) : undefined;
      }
      if (value.type === AST_NODE_TYPES.ObjectExpression) return writesCollectionOnSet(value) ? "this process's memory" : undefined;
      // `store: redisUrl ? new RedisStore(…) : undefined`: the default memory store in every deploy without it.
      if (value.type === AST_NODE_TYPES.ConditionalExpression && (isNothing(value.consequent) || isNothing(value.alternate))) {
        return "this process's memory whenever the condition leaves `store` unset";
      }
      if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === "&&") return "this process's memory whenever the condition leaves `store` unset";
      if (value.type !== AST_NODE_TYPES.NewExpression) return undefined;
      const reference = resolveImport(context, value.callee);
      if (MEMORY_STORE_CLASSES.some((store) => sameReference(reference, store))) return "this process's memory";
      // `const FileStore = require("session-file-store")(session); new FileStore()`
      let factoryCall: TSESTree.Node | undefined = value.callee;
      const calleeVariable = variableOf(value.callee);
      const calleeDefinition = calleeVariable?.defs.length === 1 ? calleeVariable.defs[0] : undefined;
      if (calleeDefinition?.type === "Variable" && calleeDefinition.node.init) factoryCall = unwrapTypeAssertions(calleeDefinition.node.init);
      if (factoryCall.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const factory = resolveImport(context, factoryCall.callee);
      if (!factory || factory.path.length > 0) return undefined;
      return STORE_FACTORIES[factory.module] ?? (extraFactories.has(factory.module) ? "this process's memory" : undefined);
    };

    /** `undefined`, `null`, `void 0`, `false`: no store at all. */
    const isNothing = (node: TSESTree.Node): boolean => {
      const value = unwrapTypeAssertions(node);
      if (value.type === AST_NODE_TYPES.Identifier) return value.name === "undefined";
      if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === false;
      return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === "void";
    };

    const checkSessionOptions = (library: SessionLibrary, call: TSESTree.CallExpression, reportAt: TSESTree.Node): void => {
      const candidates = call.arguments.map((argument) => objectLiteral(argument)).filter((found) => found !== undefined);
      if (call.arguments.length > 0 && candidates.length === 0) return;
      const store = candidates.length === 0 ? "missing" : storeOf(candidates[0]!);
      if (store === "unknown") return;
      if (store === "missing") {
        if (library.defaultsToMemory) context.report({ node: reportAt, messageId: "defaultMemoryStore", data: { library: library.module } });
        return;
      }
      const where = inProcessStore(store);
      if (where) context.report({ node: store, messageId: "memoryStore", data: { where } });
    };

    /** A comment on the statement that says the counts stay in each process on purpose ("per replica: the MemoryStore isn't shared"). */
    const isDocumentedAsPerProcess = (node: TSESTree.Node): boolean => {
      let statement: TSESTree.Node = node;
      while (statement.parent && statement.parent.type !== AST_NODE_TYPES.Program && statement.parent.type !== AST_NODE_TYPES.BlockStatement) statement = statement.parent;
      return context.sourceCode.getCommentsBefore(statement).some((comment) => PER_PROCESS_ON_PURPOSE.test(comment.value));
    };

    /**
     * `rateLimit({ keyGenerator: (req) => req.user.id })` without a `store`: counts per caller kept by
     * the default MemoryStore of each process. Keyed by address (the default) it limits clients,
     * not users, and is left alone.
     */
    const checkRateLimit = (call: TSESTree.CallExpression): void => {
      const optionsObject = objectLiteral(call.arguments[0]);
      if (!optionsObject || storeOf(optionsObject) !== "missing") return;
      const generator = optionsObject.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "keyGenerator");
      const fn = generator?.type === AST_NODE_TYPES.Property ? unwrapTypeAssertions(generator.value) : undefined;
      if (fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn?.type !== AST_NODE_TYPES.FunctionExpression) return;
      const identity = new RequestIdentity(context, { framework: "express", request: fn.params[0], response: fn.params[1], identity: [], data: [] }, options.identityProperties);
      const key = returnedExpressions(fn).find((returned) => identity.isIdentity(returned));
      if (key && !isDocumentedAsPerProcess(call)) context.report({ node: call.callee, messageId: "memoryRateLimit", data: { key: context.sourceCode.getText(key) } });
    };

    return {
      CallExpression(node) {
        const reference = resolveImport(context, node.callee);
        const library = reference?.path.length === 0 ? SESSION_MIDDLEWARE.find((candidate) => candidate.module === reference.module) : undefined;
        if (library) {
          checkSessionOptions(library, node, node.callee);
          return;
        }
        if (reference?.module === "express-rate-limit" && (reference.path.length === 0 || ["rateLimit", "default"].includes(reference.path[0]!))) {
          checkRateLimit(node);
          return;
        }
        if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = propertyName(node.callee.property, node.callee.computed);
        // `fastify.register(fastifySession, { secret })`
        if (method === "register" && node.arguments[0]) {
          const plugin = resolveImport(context, node.arguments[0]);
          if (plugin && FASTIFY_SESSION_PLUGINS.has(plugin.module) && (plugin.path.length === 0 || plugin.path[0] === "fastifySession")) {
            const optionsObject = objectLiteral(node.arguments[1]);
            if (!node.arguments[1] || optionsObject) {
              const store = optionsObject ? storeOf(optionsObject) : "missing";
              if (store === "missing") {
                context.report({ node: node.arguments[0], messageId: "defaultMemoryStore", data: { library: plugin.module } });
              } else if (store !== "unknown") {
                const where = inProcessStore(store);
                if (where) context.report({ node: store, messageId: "memoryStore", data: { where } });
              }
            }
          }
          return;
        }
        const target = node.callee.object;
        if (method === "set" && node.arguments[0]) {
          checkWrite(node, target, ["Map"], node.arguments[0], node.arguments[1]);
          checkFieldWrite(node, target, ["Map"], node.arguments[0], node.arguments[1]);
        } else if (method === "add" && node.arguments[0]) {
          checkWrite(node, target, ["Set"], node.arguments[0], undefined);
          checkFieldWrite(node, target, ["Set"], node.arguments[0], undefined);
        } else if ((method === "push" || method === "unshift") && node.arguments[0]) {
          checkWrite(node, target, ["array"], node.arguments[0], undefined);
        }
      },
      AssignmentExpression(node) {
        if (!["=", "??=", "||="].includes(node.operator)) return;
        const left = node.left;
        if (left.type !== AST_NODE_TYPES.MemberExpression || !left.computed) return;
        checkWrite(node, left.object, ["object", "array"], left.property, node.right);
        checkFieldWrite(node, left.object, ["object"], left.property, node.right);
      },
      "Program:exit"() {
        for (const [declaration, { name, write }] of writtenFields) {
          context.report({ node: declaration, messageId: "perUserCollection", data: { name: `this.${name}`, line: String(write.loc.start.line) } });
        }
        for (const [variable, { declaration, write }] of written) {
          const start = declaration.loc.start;
          context.report({
            loc: { start, end: { line: start.line, column: start.column + variable.name.length } },
            messageId: "perUserCollection",
            data: { name: variable.name, line: String(write.loc.start.line) },
          });
        }
      },
    };
  },
});
