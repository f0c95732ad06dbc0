import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { childNodes } from "../../rules/utils/expressions.ts";
import { isInMigrationFolder } from "./migration-files.ts";
import type { Placeholders } from "./render-sql.ts";
import { constantValue, sqlPartsOf, type SourceContext, type SqlPart } from "./sql-text.ts";

/**
 * Migrations written in code, read from their syntax tree alone (the `migrations` processor
 * reads them before ESLint parses the file, so without scope analysis): which functions are the
 * `up` and `down` directions, which migration library the file uses, whether that library runs
 * the migration in a transaction, which SQL strings `up` sends to the database, and which tables
 * its schema-builder calls create. Nodes must have their `parent` set.
 */

export type MigrationLibrary = "typeorm" | "mikro-orm" | "knex" | "node-pg-migrate" | "sequelize" | "kysely" | "drizzle" | "postgres" | "pg";

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface MigrationFunction {
  direction: "up" | "down";
  node: FunctionNode;
}

/** A call that sends SQL to the database, and that SQL. */
export interface SqlSite {
  /** The call or tagged template. */
  node: TSESTree.Node;
  parts: SqlPart[];
  /** The `?` or `:name` placeholders the call binds (Knex bindings, Sequelize replacements). */
  placeholders?: Placeholders;
  /** The SQL has placeholders this reader does not read (node-pg-migrate `{name}` arguments). */
  dynamic: boolean;
}

/** A schema-builder call that creates a table: `knex.schema.createTable("users", …)`, `queryRunner.createTable(new Table({ name: "users" }))`. */
export interface CreatedTable {
  node: TSESTree.CallExpression;
  /** The table's name without schema, as the builder quotes it (case kept). */
  name: string;
  kind: "table" | "view" | "materialized view";
}

const LIBRARY_MODULES: [RegExp, MigrationLibrary][] = [
  [/^typeorm$/u, "typeorm"],
  [/^@mikro-orm\//u, "mikro-orm"],
  [/^knex$/u, "knex"],
  [/^node-pg-migrate$/u, "node-pg-migrate"],
  [/^(?:sequelize|@sequelize\/core|sequelize-typescript|umzug)$/u, "sequelize"],
  [/^kysely$/u, "kysely"],
  [/^drizzle-orm(?:\/|$)/u, "drizzle"],
  [/^postgres$/u, "postgres"],
  [/^(?:pg|pg-promise|slonik|@databases\/pg)$/u, "pg"],
];

/** The first parameter's conventional name in each library's generated migrations (for CommonJS files without imports). */
const PARAMETER_LIBRARIES: Record<string, MigrationLibrary> = {
  queryRunner: "typeorm",
  knex: "knex",
  pgm: "node-pg-migrate",
  queryInterface: "sequelize",
};

/** Calls whose first argument is SQL the database runs. */
const SQL_METHODS = new Set(["query", "addSql", "execute", "exec", "sql", "run", "raw", "unsafe"]);
/** Of those, the ones that also build fragments of other queries (`.defaultTo(knex.raw("now()"))`): SQL only where they run as a statement. */
const FRAGMENT_METHODS = new Set(["raw", "unsafe"]);
/** Methods chained on a query that still run it (`knex.raw(…).transacting(trx)`). */
const RUNNING_CHAIN = new Set(["then", "catch", "finally", "transacting", "timeout", "connection", "options", "debug", "on", "execute"]);

function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === "string") return key.value;
  return undefined;
}

function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The property name a member expression reads, if static. */
export function memberName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression ? keyName(node.property, node.computed) : undefined;
}

/** The method name of a call `x.name(…)`, if static. */
export function calledMethod(node: TSESTree.CallExpression): string | undefined {
  return memberName(node.callee);
}

/** Whether each node starts after the one before it. */
function isStrictlyInSourceOrder(nodes: TSESTree.Node[]): boolean {
  for (let i = 1; i < nodes.length; i++) if (nodes[i]!.range[0] <= nodes[i - 1]!.range[0]) return false;
  return true;
}

/** Every node below `root`, depth first, children in source order. */
export function* descendants(root: TSESTree.Node): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children = childNodes(node);
    // Last child first, so the first comes off the stack first. Most nodes list their children in
    // source order, each starting after the one before: reversed, that is what the stable sort gives.
    if (isStrictlyInSourceOrder(children)) children.reverse();
    else children.sort((a, b) => b.range[0] - a.range[0]);
    for (const child of children) stack.push(child);
  }
}

/** The name under which a function is defined: `function up`, `up() {}`, `up: () => …`, `exports.up = …`. */
function definedName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
  let node: TSESTree.Node = fn;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === node ? keyName(parent.key, parent.computed) : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node ? memberName(parent.left) : undefined;
    default:
      return undefined;
  }
}

/** The `up` and `down` functions of a migration file: exported functions, object methods, class methods. */
export function migrationFunctions(program: TSESTree.Program): MigrationFunction[] {
  const found: MigrationFunction[] = [];
  for (const node of descendants(program)) {
    const fn = isFunction(node) ? migrationFunction(node) : undefined;
    if (fn) found.push(fn);
  }
  return found;
}

/** The function as a migration's `up` or `down`, if it is defined under one of those names. */
export function migrationFunction(node: FunctionNode): MigrationFunction | undefined {
  const name = definedName(node);
  return name === "up" || name === "down" ? { direction: name, node } : undefined;
}

function moduleOf(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.ImportDeclaration) return node.source.value;
  if (node.type === AST_NODE_TYPES.ImportExpression && node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === "string") {
    return node.source.value;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === "require" &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === "string"
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

/** The libraries each program imports: asked for each `up` of a file, and a walk of the whole file each time. */
const librariesByProgram = new WeakMap<TSESTree.Program, ReadonlySet<MigrationLibrary>>();

/** The migration libraries a file imports or requires. */
export function importedLibraries(program: TSESTree.Program): ReadonlySet<MigrationLibrary> {
  let libraries = librariesByProgram.get(program);
  if (!libraries) librariesByProgram.set(program, (libraries = findImportedLibraries(program)));
  return libraries;
}

function findImportedLibraries(program: TSESTree.Program): Set<MigrationLibrary> {
  const libraries = new Set<MigrationLibrary>();
  for (const node of descendants(program)) {
    const module = moduleOf(node);
    if (module === undefined) continue;
    const library = LIBRARY_MODULES.find(([pattern]) => pattern.test(module))?.[1];
    if (library) libraries.add(library);
  }
  return libraries;
}

/** True when the file is a migration: it has an `up` function, and it is in a migrations folder or imports a migration library. */
export function isMigrationCode(filename: string, program: TSESTree.Program, functions = migrationFunctions(program)): boolean {
  if (!functions.some((fn) => fn.direction === "up")) return false;
  return isInMigrationFolder(filename) || importedLibraries(program).size > 0;
}

function firstParameterName(fn: FunctionNode): string | undefined {
  let parameter: TSESTree.Node | undefined = fn.params[0];
  if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
  if (parameter?.type === AST_NODE_TYPES.Identifier) return parameter.name;
  // umzug: `async ({ context: queryInterface }) => …`
  if (parameter?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of parameter.properties) {
      if (property.type === AST_NODE_TYPES.Property && keyName(property.key, property.computed) === "context" && property.value.type === AST_NODE_TYPES.Identifier) {
        return property.value.name;
      }
    }
  }
  return undefined;
}

/** The library a migration is written for: by import, else by the name its generator gives `up`'s parameter, else by MikroORM's `this.addSql`. */
export function migrationLibrary(program: TSESTree.Program, up: FunctionNode): MigrationLibrary | undefined {
  const imported = importedLibraries(program);
  for (const library of ["typeorm", "mikro-orm", "node-pg-migrate", "knex", "kysely", "sequelize", "drizzle", "postgres", "pg"] as const) {
    if (imported.has(library)) return library;
  }
  const parameter = firstParameterName(up);
  if (parameter !== undefined && parameter in PARAMETER_LIBRARIES) return PARAMETER_LIBRARIES[parameter];
  for (const node of descendants(up)) {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.object.type === AST_NODE_TYPES.ThisExpression && calledMethod(node) === "addSql") {
      return "mikro-orm";
    }
  }
  return undefined;
}

function isFalse(node: TSESTree.Node | null | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === false;
}

/** `{ transaction: false }` */
function disablesTransaction(node: TSESTree.Node | null | undefined): boolean {
  return (
    node?.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property.key, property.computed) === "transaction" && isFalse(property.value))
  );
}

/** Whether the migration declares that it runs outside a transaction, the way its library lets it. */
function optsOutOfTransaction(program: TSESTree.Program, up: FunctionNode, library: MigrationLibrary): boolean {
  for (const node of descendants(library === "node-pg-migrate" ? up : program)) {
    switch (library) {
      case "typeorm":
        // `transaction = false` on the migration class.
        if (node.type === AST_NODE_TYPES.PropertyDefinition && keyName(node.key, node.computed) === "transaction" && isFalse(node.value)) return true;
        break;
      case "mikro-orm":
        // `isTransactional() { return false; }`
        if (node.type === AST_NODE_TYPES.MethodDefinition && keyName(node.key, node.computed) === "isTransactional") {
          const body = node.value.body?.body ?? [];
          if (body.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && isFalse(statement.argument))) return true;
        }
        break;
      case "knex":
        // `export const config = { transaction: false }`, `exports.config = …`, `module.exports = { config: … }`
        if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === "config" && disablesTransaction(node.init)) return true;
        if (node.type === AST_NODE_TYPES.AssignmentExpression && memberName(node.left) === "config" && disablesTransaction(node.right)) return true;
        if (node.type === AST_NODE_TYPES.Property && keyName(node.key, node.computed) === "config" && disablesTransaction(node.value)) return true;
        break;
      case "node-pg-migrate":
        if (node.type === AST_NODE_TYPES.CallExpression && calledMethod(node) === "noTransaction") return true;
        break;
      default:
        return false;
    }
  }
  return false;
}

/**
 * Whether the migration library runs this migration inside a transaction by default and the
 * migration did not opt out: TypeORM (all migrations in one, `transaction = false` with the
 * `each` mode), MikroORM, Knex, node-pg-migrate and Kysely's Migrator on PostgreSQL. Sequelize's
 * umzug, plain drivers and Drizzle's SQL files do not.
 */
export function runsInTransaction(program: TSESTree.Program, up: FunctionNode, library = migrationLibrary(program, up)): boolean {
  if (library === undefined || !["typeorm", "mikro-orm", "knex", "node-pg-migrate", "kysely"].includes(library)) return false;
  return !optsOutOfTransaction(program, up, library);
}

/**
 * The callback of the explicit transaction `node` runs in: a function passed to a
 * `.transaction(…)` call (Sequelize's `sequelize.transaction(async (transaction) => …)`, Knex's
 * `knex.transaction(async (trx) => …)`, TypeORM's `manager.transaction(…)`, Kysely's
 * `db.transaction().execute(…)`) whose transaction parameter `node` uses, as Sequelize needs
 * (`{ transaction }`); undefined when there is none.
 */
export function explicitTransactionOf(node: TSESTree.Node): FunctionNode | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current) || current.parent?.type !== AST_NODE_TYPES.CallExpression) continue;
    const call = current.parent;
    if (!call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const method = calledMethod(call);
    const chained = call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.object.type === AST_NODE_TYPES.CallExpression ? calledMethod(call.callee.object) : undefined;
    if (method !== "transaction" && !(method === "execute" && chained === "transaction")) continue;
    const parameter = firstParameterName(current);
    if (parameter === undefined) return undefined;
    for (const inner of descendants(node)) if (inner.type === AST_NODE_TYPES.Identifier && inner.name === parameter) return current;
    return undefined;
  }
  return undefined;
}

/** Whether a call or tagged template runs as a statement (awaited, returned, chained with `.then`), not as a fragment of another query. */
function runsAsStatement(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const call = parent.parent;
      const name = memberName(parent);
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || name === undefined || !RUNNING_CHAIN.has(name)) return false;
      current = call;
      continue;
    }
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression
    ) {
      if (parent.type === AST_NODE_TYPES.AwaitExpression) return true;
      current = parent;
      continue;
    }
    return (
      parent.type === AST_NODE_TYPES.ExpressionStatement ||
      parent.type === AST_NODE_TYPES.ReturnStatement ||
      parent.type === AST_NODE_TYPES.ArrayExpression ||
      parent.type === AST_NODE_TYPES.SequenceExpression ||
      (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current)
    );
  }
}

/** SQL literal text of a bound value (or identifier). */
function bindingText(node: TSESTree.Node | null | undefined, context: SourceContext, identifier: boolean): string | undefined {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement || node.type === AST_NODE_TYPES.AssignmentPattern) return undefined;
  const value = constantValue(node, context);
  if (value === undefined) return undefined;
  if (identifier) return value.split(".").map((part) => `"${part.replaceAll('"', '""')}"`).join(".");
  const isNumber = node.type === AST_NODE_TYPES.Literal && typeof node.value === "number";
  return isNumber ? value : `'${value.replaceAll("'", "''")}'`;
}

/** The SQL a call's first argument holds: a string, a template (tagged or not), `{ text }` (pg), `sql.raw("…")` (Drizzle). */
function sqlArgumentParts(argument: TSESTree.Node, method: string, context: SourceContext, consumed: Set<TSESTree.Node>): SqlPart[] | undefined {
  if (argument.type === AST_NODE_TYPES.ObjectExpression && method === "query") {
    const text = argument.properties.find((property) => property.type === AST_NODE_TYPES.Property && keyName(property.key, property.computed) === "text");
    return text?.type === AST_NODE_TYPES.Property ? sqlPartsOf(text.value, context) : undefined;
  }
  if (argument.type === AST_NODE_TYPES.CallExpression && calledMethod(argument) === "raw" && argument.arguments[0]) {
    consumed.add(argument);
    return sqlPartsOf(argument.arguments[0], context);
  }
  if (argument.type === AST_NODE_TYPES.TaggedTemplateExpression) consumed.add(argument);
  return sqlPartsOf(argument, context);
}

/** The values bound to placeholders: an array (`?`) or an object (`:name`) literal. */
function placeholdersOf(bindings: TSESTree.Node, context: SourceContext, identifiers: boolean): Placeholders {
  if (bindings.type === AST_NODE_TYPES.ArrayExpression) {
    return { positional: true, identifiers, value: (key, identifier) => (typeof key === "number" ? bindingText(bindings.elements[key], context, identifier) : undefined) };
  }
  if (bindings.type === AST_NODE_TYPES.ObjectExpression) {
    const value = (key: number | string, identifier: boolean): string | undefined => {
      const property = bindings.properties.find(
        (candidate) => candidate.type === AST_NODE_TYPES.Property && keyName(candidate.key, candidate.computed) === String(key),
      );
      return property?.type === AST_NODE_TYPES.Property ? bindingText(property.value, context, identifier) : undefined;
    };
    return { named: true, identifiers, value };
  }
  // Bound to something computed: the placeholders are read, their values are not known.
  return { positional: true, named: !identifiers, identifiers, value: () => undefined };
}

/** Sequelize `query(sql, { replacements })`. */
function replacementsOf(options: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const property = options.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && keyName(candidate.key, candidate.computed) === "replacements");
  return property?.type === AST_NODE_TYPES.Property ? property.value : undefined;
}

function siteOfCall(call: TSESTree.CallExpression, context: SourceContext, consumed: Set<TSESTree.Node>): SqlSite | undefined {
  const method = calledMethod(call);
  const [argument, second] = call.arguments;
  if (method === undefined || !SQL_METHODS.has(method) || !argument) return undefined;
  if (FRAGMENT_METHODS.has(method) && !runsAsStatement(call)) return undefined;
  const parts = sqlArgumentParts(argument, method, context, consumed);
  if (!parts) return undefined;
  let placeholders: Placeholders | undefined;
  // node-pg-migrate `pgm.sql("… {table} …", { table })`
  const dynamic = method === "sql" && second !== undefined;
  if (method === "raw" && second && second.type !== AST_NODE_TYPES.SpreadElement) {
    placeholders = placeholdersOf(second, context, true);
  } else if (method === "query") {
    const replacements = replacementsOf(second);
    if (replacements) placeholders = placeholdersOf(replacements, context, false);
  }
  return placeholders ? { node: call, parts, placeholders, dynamic } : { node: call, parts, dynamic };
}

/** A tagged template that runs as SQL: `sql\`…\`.execute(db)` (Kysely), `await sql\`…\`` (postgres.js, with `up`'s own parameter as the tag too). */
function siteOfTaggedTemplate(node: TSESTree.TaggedTemplateExpression, context: SourceContext, tags: ReadonlySet<string>): SqlSite | undefined {
  const parent = node.parent;
  const executed = parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && memberName(parent) === "execute";
  const tag = node.tag.type === AST_NODE_TYPES.Identifier ? node.tag.name : memberName(node.tag);
  if (!executed && !(tag !== undefined && tags.has(tag) && runsAsStatement(node))) return undefined;
  const parts = sqlPartsOf(node, context);
  return parts ? { node, parts, dynamic: false } : undefined;
}

/** The SQL that a migration function sends to the database, in source order, including from nested callbacks (transactions, `Promise.all`). */
export function sqlSites(fn: FunctionNode, context: SourceContext): SqlSite[] {
  const tags = new Set(["sql", "SQL"]);
  const parameter = firstParameterName(fn);
  if (parameter !== undefined) tags.add(parameter);
  const consumed = new Set<TSESTree.Node>();
  const sites: SqlSite[] = [];
  for (const node of descendants(fn.body)) {
    if (consumed.has(node)) continue;
    let site: SqlSite | undefined;
    if (node.type === AST_NODE_TYPES.CallExpression) site = siteOfCall(node, context, consumed);
    else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) site = siteOfTaggedTemplate(node, context, tags);
    if (site) sites.push(site);
  }
  return sites.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** The name in `new Table({ name: "users" })` (TypeORM) or `{ schema, name }` (node-pg-migrate). */
function nameProperty(node: TSESTree.Node, context: SourceContext): string | undefined {
  const object = node.type === AST_NODE_TYPES.NewExpression ? node.arguments[0] : node;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && keyName(candidate.key, candidate.computed) === "name");
  return property?.type === AST_NODE_TYPES.Property ? constantValue(property.value, context) : undefined;
}

/** A table name as a builder receives it (a string, `new Table({ name })`, `{ schema, name }`), without its schema. */
export function builderTableName(node: TSESTree.Node | undefined, context: SourceContext): string | undefined {
  if (!node) return undefined;
  const name = constantValue(node, context) ?? nameProperty(node, context);
  return name?.split(".").at(-1);
}

/** Whether a call chain goes on with `.name(…)`: `createView("v").materialized()`. */
function isChainedWith(call: TSESTree.CallExpression, name: string): boolean {
  for (let current: TSESTree.Node = call; ; ) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || parent.parent?.type !== AST_NODE_TYPES.CallExpression) return false;
    if (memberName(parent) === name) return true;
    current = parent.parent;
  }
}

/** `createView(…).orReplace()` (Kysely), `createView(name, { replace: true }, …)` (node-pg-migrate): the view may exist and be in use. */
function replacesView(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  const replace =
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property.key, property.computed) === "replace" && !isFalse(property.value));
  return replace || isChainedWith(call, "orReplace");
}

/** Builder methods that create a table or a view, which nothing reads or writes yet. */
const CREATING_METHODS = new Set(["createTable", "createTableIfNotExists", "createView", "createMaterializedView"]);

/**
 * Tables (and views) created by schema-builder calls in a migration function: `createTable` in
 * Knex, Kysely, Sequelize, node-pg-migrate and TypeORM, `createView` in Kysely and TypeORM,
 * `createMaterializedView` in node-pg-migrate.
 */
export function builderCreatedTables(fn: FunctionNode, context: SourceContext): CreatedTable[] {
  const created: CreatedTable[] = [];
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = calledMethod(node);
    if (method === undefined || !CREATING_METHODS.has(method) || replacesView(node)) continue;
    const name = builderTableName(node.arguments[0], context);
    if (name === undefined) continue;
    const kind = !method.includes("View") ? "table" : method === "createMaterializedView" || isChainedWith(node, "materialized") ? "materialized view" : "view";
    created.push({ node, name, kind });
  }
  return created;
}
