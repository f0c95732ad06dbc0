import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { builderTableName, calledMethod, descendants, memberName, type FunctionNode } from "../../sql-lint/embedded/migration-code.ts";
import { constantValue, type SourceContext } from "../../sql-lint/embedded/sql-text.ts";

/**
 * The schema changes that schema-builder calls in a migration function make, in the terms the
 * SQL rules judge them: which table, which column, which kind of change.
 *
 * - Knex: `knex.schema.alterTable(name, (table) => { table.dropColumn(…) … })` (and `.table()`),
 *   `knex.schema.dropTable`, `renameTable`.
 * - Kysely: `db.schema.alterTable(name).dropColumn(…)…`, `db.schema.createIndex(…).on(table)`,
 *   `dropTable`.
 * - Calls that take the table first, as TypeORM's QueryRunner, Sequelize's QueryInterface and
 *   node-pg-migrate's MigrationBuilder do (`removeColumn`, `changeColumn`, `alterColumn`,
 *   `createIndex`, `addConstraint`, ...): which of the three a call belongs to is told by its
 *   arguments, since the same name takes the same arguments where they overlap.
 *
 * Tables created in the same callback (`createTable(name, (table) => …)`) are not changes to an
 * existing table and are not read.
 */

export type SchemaChangeKind =
  | "dropColumn"
  | "dropTable"
  | "renameColumn"
  | "renameTable"
  | "changeColumnType"
  | "setNotNull"
  | "addRequiredColumn"
  | "createIndex"
  | "dropIndex"
  | "addForeignKey"
  | "addCheck";

export type BuilderApi = "knex" | "kysely" | "table-first";

export interface SchemaChange {
  kind: SchemaChangeKind;
  /** The call that makes the change (the first of its chain). */
  call: Call;
  /** Where to report: from the method name to the end of the call (or of its chain). */
  range: [number, number];
  /** The table changed: its name when it is a constant (`known`), else its source text. */
  table: { name: string; known: boolean };
  /** The column, the new name, the referenced table, the index... as the message shows them. */
  data: Record<string, string>;
  api: BuilderApi;
  /** The method that makes the change (`alter`, `changeColumn`, `createIndex`). */
  method: string;
  /** For index changes: CONCURRENTLY was asked for. */
  concurrently?: boolean;
  /** For type changes: the new type as SQL (`varchar(500)`), when the call says it. */
  newType?: string;
  /** For type changes: the type before, when the call says it (TypeORM's old `TableColumn`). */
  oldType?: string;
  /**
   * For type changes: the SQL the library generates converts from any type (Knex's `.alter()`
   * adds `USING (col::type)`, node-pg-migrate's `using`, TypeORM drops and re-adds the column),
   * rather than a bare ALTER COLUMN … TYPE, which converts only by assignment cast (Sequelize,
   * Kysely, node-pg-migrate without `using`).
   */
  convertsAnyType?: boolean;
}

type Call = TSESTree.CallExpression;

/** Knex column types, and the PostgreSQL type each creates (undefined: not worth modelling). */
const KNEX_TYPES: Record<string, ((call: Call, context: SourceContext) => string | undefined) | undefined> = {
  increments: undefined,
  bigIncrements: undefined,
  integer: () => "integer",
  bigInteger: () => "bigint",
  bigint: () => "bigint",
  smallint: () => "smallint",
  tinyint: () => "smallint",
  mediumint: () => "integer",
  text: () => "text",
  string: (call, context) => `varchar(${numberArgument(call.arguments[1], context) ?? 255})`,
  float: () => "real",
  double: () => "double precision",
  decimal: (call, context) => `numeric(${numberArgument(call.arguments[1], context) ?? 8}, ${numberArgument(call.arguments[2], context) ?? 2})`,
  boolean: () => "boolean",
  date: () => "date",
  datetime: () => "timestamptz",
  timestamp: () => "timestamptz",
  time: () => "time",
  binary: () => "bytea",
  uuid: () => "uuid",
  json: () => "json",
  jsonb: () => "jsonb",
  enu: undefined,
  enum: undefined,
  specificType: (call, context) => stringArgument(call.arguments[1], context),
  geometry: undefined,
  geography: undefined,
  point: undefined,
};
const KNEX_SELF_FILLING = new Set(["increments", "bigIncrements"]);

function stringArgument(node: TSESTree.Node | undefined, context: SourceContext): string | undefined {
  return node ? constantValue(node, context) : undefined;
}

function numberArgument(node: TSESTree.Node | undefined, context: SourceContext): number | undefined {
  const value = stringArgument(node, context);
  return value !== undefined && /^\d+$/u.test(value) ? Number(value) : undefined;
}

function property(node: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const candidate of node.properties) {
    if (candidate.type !== AST_NODE_TYPES.Property) continue;
    const key = !candidate.computed && candidate.key.type === AST_NODE_TYPES.Identifier ? candidate.key.name : candidate.key.type === AST_NODE_TYPES.Literal ? String(candidate.key.value) : undefined;
    if (key === name) return candidate.value;
  }
  return undefined;
}

const isTrue = (node: TSESTree.Node | undefined): boolean => node?.type === AST_NODE_TYPES.Literal && node.value === true;
const isFalse = (node: TSESTree.Node | undefined): boolean => node?.type === AST_NODE_TYPES.Literal && node.value === false;

/** The options object of `new TableColumn({ … })` / `new TableIndex({ … })`, or a plain object. */
function optionsOf(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (node?.type === AST_NODE_TYPES.NewExpression) return node.arguments[0];
  return node;
}

/** The range to report for a call: from its method name to the end of `last` (the call itself, or the end of its chain). */
function reportRange(call: Call, last: TSESTree.Node = call): [number, number] {
  const start = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.property.range[0] : call.range[0];
  return [start, last.range[1]];
}

/** The calls chained onto `call`: `call.a(…).b(…)` → [a(…), b(…)] as [name, call]. */
function chainAfter(call: Call): [string, Call][] {
  const chain: [string, Call][] = [];
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    const grand: TSESTree.Node | undefined = parent?.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || grand?.type !== AST_NODE_TYPES.CallExpression || grand.callee !== parent) break;
    const name = memberName(parent);
    if (name === undefined) break;
    chain.push([name, grand]);
    current = grand;
  }
  return chain;
}

/** The root of a member/call chain: `knex.schema.withSchema("a").alterTable` → `knex`. */
function chainRoot(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    else if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else return current;
  }
}

/** True when the callee goes through `.schema` (`knex.schema.alterTable`, `db.schema.alterTable`). */
function isSchemaCall(call: Call): boolean {
  for (let current: TSESTree.Node = call.callee; ; ) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (memberName(current) === "schema") return true;
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = current.callee;
    } else {
      return false;
    }
  }
}

function tableOf(node: TSESTree.Node | undefined, context: SourceContext): SchemaChange["table"] {
  const name = builderTableName(node, context);
  if (name !== undefined) return { name, known: true };
  return { name: node ? context.text.slice(node.range[0], node.range[1]) : "?", known: false };
}

function nameOf(node: TSESTree.Node | undefined, context: SourceContext): string {
  if (!node) return "?";
  return builderTableName(node, context) ?? context.text.slice(node.range[0], node.range[1]);
}

/** Column names: a string, an array of them, `new TableColumn({ name })`, node-pg-migrate's `{ column: … }` object. */
function columnNames(node: TSESTree.Node | undefined, context: SourceContext): string[] {
  if (!node) return [];
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.flatMap((element) => (element ? columnNames(element, context) : []));
  if (node.type === AST_NODE_TYPES.ObjectExpression && !property(node, "name")) {
    return node.properties.flatMap((candidate) =>
      candidate.type === AST_NODE_TYPES.Property && candidate.key.type === AST_NODE_TYPES.Identifier ? [candidate.key.name] : [],
    );
  }
  return [nameOf(node, context)];
}

// Knex: `schema.alterTable(name, (table) => { … })`

function knexColumnChange(base: Call, method: string, table: SchemaChange["table"], context: SourceContext): SchemaChange[] {
  const chain = chainAfter(base);
  const last = chain.at(-1)?.[1] ?? base;
  const names = new Map(chain);
  const range = reportRange(base, last);
  const column = nameOf(base.arguments[0], context);
  const common = { call: base, range, table, api: "knex" as const };
  const changes: SchemaChange[] = [];
  const alter = names.get("alter");
  if (alter) {
    const options = alter.arguments[0];
    if (!isFalse(property(options, "alterType"))) {
      const newType = KNEX_TYPES[method]?.(base, context);
      changes.push({ ...common, kind: "changeColumnType", method: "alter", data: { column }, convertsAnyType: true, ...(newType ? { newType } : {}) });
    }
    if (names.has("notNullable") && !isFalse(property(options, "alterNullable"))) changes.push({ ...common, kind: "setNotNull", method: "alter", data: { column } });
    return changes;
  }
  if (names.has("notNullable") && !names.has("defaultTo") && !KNEX_SELF_FILLING.has(method) && !names.has("primary")) {
    changes.push({ ...common, kind: "addRequiredColumn", method, data: { column } });
  }
  if (names.has("index") || names.has("unique")) changes.push({ ...common, kind: "createIndex", method: names.has("unique") ? "unique" : "index", data: {} });
  return changes;
}

function knexTableChanges(call: Call, context: SourceContext): SchemaChange[] {
  const callback = call.arguments[1];
  if ((callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback?.type !== AST_NODE_TYPES.FunctionExpression) || callback.params[0]?.type !== AST_NODE_TYPES.Identifier) return [];
  const builder = callback.params[0].name;
  const table = tableOf(call.arguments[0], context);
  const changes: SchemaChange[] = [];
  for (const node of descendants(callback.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (node.callee.object.type !== AST_NODE_TYPES.Identifier || node.callee.object.name !== builder) continue;
    const method = calledMethod(node);
    if (method === undefined) continue;
    const common = { call: node, range: reportRange(node), table, api: "knex" as const, method };
    const [first, second] = node.arguments;
    switch (method) {
      case "dropColumn":
      case "dropColumns":
        for (const column of node.arguments.flatMap((argument) => columnNames(argument, context))) changes.push({ ...common, kind: "dropColumn", data: { column } });
        break;
      case "renameColumn":
        changes.push({ ...common, kind: "renameColumn", data: { from: nameOf(first, context), to: nameOf(second, context) } });
        break;
      case "dropNullable":
        changes.push({ ...common, kind: "setNotNull", data: { column: nameOf(first, context) } });
        break;
      case "index":
      case "unique":
        changes.push({ ...common, kind: "createIndex", data: {} });
        break;
      case "dropIndex":
      case "dropUnique":
        changes.push({ ...common, kind: "dropIndex", data: { index: stringArgument(second, context) ?? columnNames(first, context).join(", ") } });
        break;
      case "foreign": {
        const chain = chainAfter(node);
        const names = new Map(chain);
        const inTable = stringArgument(names.get("inTable")?.arguments[0], context);
        const references = stringArgument(names.get("references")?.arguments[0], context);
        const referenced = inTable ?? (references?.includes(".") ? references.split(".").slice(-2, -1)[0] : undefined) ?? "?";
        changes.push({ ...common, range: reportRange(node, chain.at(-1)?.[1] ?? node), kind: "addForeignKey", data: { referenced } });
        break;
      }
      default:
        if (method in KNEX_TYPES) changes.push(...knexColumnChange(node, method, table, context));
    }
  }
  return changes;
}

// Kysely: `db.schema.alterTable(name).dropColumn(…)…`

/** The SQL type Kysely is given: `"text"`, `sql\`varchar(500)\``. */
function kyselyType(node: TSESTree.Node | undefined, context: SourceContext): string | undefined {
  if (node?.type === AST_NODE_TYPES.TaggedTemplateExpression && node.quasi.expressions.length === 0) return node.quasi.quasis[0]?.value.cooked ?? undefined;
  return stringArgument(node, context);
}

/** The methods a Kysely column-builder callback calls: `(col) => col.notNull().defaultTo(0)`. */
function callbackMethods(node: TSESTree.Node | undefined): Map<string, Call> {
  const methods = new Map<string, Call>();
  if (node?.type !== AST_NODE_TYPES.ArrowFunctionExpression && node?.type !== AST_NODE_TYPES.FunctionExpression) return methods;
  for (const inner of descendants(node.body)) {
    if (inner.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = calledMethod(inner);
    if (method !== undefined) methods.set(method, inner);
  }
  return methods;
}

function kyselyAlterTableChanges(call: Call, context: SourceContext): SchemaChange[] {
  const table = tableOf(call.arguments[0], context);
  const changes: SchemaChange[] = [];
  for (const [method, link] of chainAfter(call)) {
    const common = { call: link, range: reportRange(link), table, api: "kysely" as const, method };
    const [first, second, third] = link.arguments;
    switch (method) {
      case "dropColumn":
        changes.push({ ...common, kind: "dropColumn", data: { column: nameOf(first, context) } });
        break;
      case "renameColumn":
        changes.push({ ...common, kind: "renameColumn", data: { from: nameOf(first, context), to: nameOf(second, context) } });
        break;
      case "renameTo":
        changes.push({ ...common, kind: "renameTable", data: { from: table.name, to: nameOf(first, context) } });
        break;
      case "alterColumn": {
        const methods = callbackMethods(second);
        const column = nameOf(first, context);
        const setDataType = methods.get("setDataType");
        if (setDataType) {
          const newType = kyselyType(setDataType.arguments[0], context);
          changes.push({ ...common, kind: "changeColumnType", data: { column }, ...(newType ? { newType } : {}) });
        }
        if (methods.has("setNotNull")) changes.push({ ...common, kind: "setNotNull", data: { column } });
        break;
      }
      case "addColumn": {
        const methods = callbackMethods(third);
        const fills = ["defaultTo", "primaryKey", "autoIncrement", "generatedAlwaysAs", "generatedAlwaysAsIdentity", "generatedByDefaultAsIdentity"].some((name) => methods.has(name));
        const serial = /^(?:small|big)?serial$/iu.test(kyselyType(second, context) ?? "");
        if (methods.has("notNull") && !fills && !serial) changes.push({ ...common, kind: "addRequiredColumn", data: { column: nameOf(first, context) } });
        break;
      }
      case "addForeignKeyConstraint":
        changes.push({ ...common, kind: "addForeignKey", data: { referenced: nameOf(third, context) } });
        break;
      case "addCheckConstraint":
        changes.push({ ...common, kind: "addCheck", data: {} });
        break;
      default:
        break;
    }
  }
  return changes;
}

function kyselyCreateIndexChange(call: Call, context: SourceContext): SchemaChange | undefined {
  const chain = chainAfter(call);
  const on = chain.find(([name]) => name === "on")?.[1];
  if (!on) return undefined;
  return {
    kind: "createIndex",
    call,
    range: reportRange(call, chain.at(-1)?.[1] ?? call),
    table: tableOf(on.arguments[0], context),
    data: {},
    api: "kysely",
    method: "createIndex",
    concurrently: chain.some(([name]) => name === "concurrently"),
  };
}

// The table-first APIs: TypeORM's QueryRunner, Sequelize's QueryInterface, node-pg-migrate's MigrationBuilder.

/** Sequelize's data types (`DataTypes.STRING(500)`, `Sequelize.UUID`) as the PostgreSQL types it creates. */
const SEQUELIZE_TYPES: Record<string, (first: number | undefined, second: number | undefined) => string> = {
  STRING: (length) => `varchar(${length ?? 255})`,
  CHAR: (length) => `char(${length ?? 255})`,
  TEXT: () => "text",
  CITEXT: () => "citext",
  UUID: () => "uuid",
  INTEGER: () => "integer",
  BIGINT: () => "bigint",
  SMALLINT: () => "smallint",
  BOOLEAN: () => "boolean",
  DATE: () => "timestamptz",
  DATEONLY: () => "date",
  TIME: () => "time",
  JSON: () => "json",
  JSONB: () => "jsonb",
  FLOAT: () => "double precision",
  DOUBLE: () => "double precision",
  REAL: () => "real",
  DECIMAL: (precision, scale) => (precision === undefined ? "numeric" : `numeric(${precision}, ${scale ?? 0})`),
  BLOB: () => "bytea",
  INET: () => "inet",
  CIDR: () => "cidr",
};

function sequelizeType(node: TSESTree.Node, context: SourceContext): string | undefined {
  const call = node.type === AST_NODE_TYPES.CallExpression ? node : undefined;
  const name = memberName(call ? call.callee : node);
  if (name === "ARRAY" && call?.arguments[0]) {
    const element = sequelizeType(call.arguments[0], context);
    return element && `${element}[]`;
  }
  const type = name === undefined ? undefined : SEQUELIZE_TYPES[name];
  return type?.(numberArgument(call?.arguments[0], context), numberArgument(call?.arguments[1], context));
}

/** TypeORM `new TableColumn({ type: "varchar", length: "500" })`, Sequelize `{ type: DataTypes.STRING(500) }`, node-pg-migrate `{ type: "text" }`. */
function declaredType(options: TSESTree.Node | undefined, context: SourceContext): string | undefined {
  const type = property(options, "type");
  if (!type) return undefined;
  const text = stringArgument(type, context);
  if (text !== undefined) {
    const length = stringArgument(property(options, "length"), context);
    return length ? `${text}(${length})` : text;
  }
  return sequelizeType(type, context);
}

/** A column definition that makes existing rows fail: NOT NULL (Sequelize `allowNull: false`, node-pg-migrate `notNull: true`, TypeORM's default) without a default. */
function isRequiredWithoutDefault(options: TSESTree.Node | undefined, style: "sequelize" | "node-pg-migrate" | "typeorm"): boolean {
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const has = (name: string): boolean => property(options, name) !== undefined;
  switch (style) {
    case "sequelize":
      return isFalse(property(options, "allowNull")) && !has("defaultValue") && !isTrue(property(options, "autoIncrement"));
    case "node-pg-migrate":
      return isTrue(property(options, "notNull")) && !has("default") && !has("sequenceGenerated") && !has("generated") && !/serial/iu.test(String((property(options, "type") as TSESTree.Literal | undefined)?.value ?? ""));
    case "typeorm":
      return !isTrue(property(options, "isNullable")) && !has("default") && !isTrue(property(options, "isGenerated")) && !has("generatedType") && !isTrue(property(options, "isPrimary"));
  }
}

function tableFirstChanges(call: Call, method: string, context: SourceContext): SchemaChange[] {
  const args = call.arguments;
  const [first, second, third] = args;
  const table = tableOf(first, context);
  const common = { call, range: reportRange(call), table, api: "table-first" as const, method };
  switch (method) {
    case "dropColumn":
    case "dropColumns":
    case "removeColumn":
      if (args.length < 2) return [];
      return columnNames(second, context).map((column) => ({ ...common, kind: "dropColumn", data: { column } }));
    case "renameColumn":
      if (args.length < 3) return [];
      return [{ ...common, kind: "renameColumn", data: { from: nameOf(second, context), to: nameOf(third, context) } }];
    case "changeColumn": {
      if (args.length < 3) return [];
      const options = optionsOf(third);
      const column = nameOf(second, context);
      const newType = declaredType(options, context);
      // TypeORM passes the old column too.
      const oldType = second?.type === AST_NODE_TYPES.NewExpression ? declaredType(optionsOf(second), context) : undefined;
      // Sequelize's attributes are an object literal; TypeORM's a `new TableColumn(…)`.
      const convertsAnyType = third?.type !== AST_NODE_TYPES.ObjectExpression;
      const changes: SchemaChange[] = [
        { ...common, kind: "changeColumnType", data: { column }, convertsAnyType, ...(newType ? { newType } : {}), ...(oldType ? { oldType } : {}) },
      ];
      if (third?.type === AST_NODE_TYPES.ObjectExpression && isFalse(property(options, "allowNull"))) changes.push({ ...common, kind: "setNotNull", data: { column } });
      // Sequelize adds a foreign key for `references: { model }` (or `{ table }`), validated over every row.
      const references = third?.type === AST_NODE_TYPES.ObjectExpression ? property(options, "references") : undefined;
      if (references) {
        const referenced = builderTableName(property(references, "model") ?? property(references, "table") ?? references, context) ?? "?";
        changes.push({ ...common, kind: "addForeignKey", data: { referenced } });
      }
      return changes;
    }
    case "alterColumn": {
      if (args.length < 3) return [];
      const column = nameOf(second, context);
      const changes: SchemaChange[] = [];
      if (property(third, "type")) {
        const newType = declaredType(third, context);
        changes.push({ ...common, kind: "changeColumnType", data: { column }, convertsAnyType: property(third, "using") !== undefined, ...(newType ? { newType } : {}) });
      }
      if (isTrue(property(third, "notNull"))) changes.push({ ...common, kind: "setNotNull", data: { column } });
      return changes;
    }
    case "addColumn":
    case "addColumns": {
      if (args.length < 2) return [];
      // Sequelize: (table, column, attributes)
      if (args.length >= 3 && third?.type === AST_NODE_TYPES.ObjectExpression) {
        return isRequiredWithoutDefault(third, "sequelize") ? [{ ...common, kind: "addRequiredColumn", data: { column: nameOf(second, context) } }] : [];
      }
      // TypeORM: (table, new TableColumn({ … })) or (table, [new TableColumn(…)])
      const columns = second?.type === AST_NODE_TYPES.ArrayExpression ? second.elements : [second];
      if (columns.some((column) => column?.type === AST_NODE_TYPES.NewExpression)) {
        return columns.flatMap((column) =>
          column?.type === AST_NODE_TYPES.NewExpression && isRequiredWithoutDefault(optionsOf(column), "typeorm")
            ? [{ ...common, kind: "addRequiredColumn" as const, data: { column: nameOf(column, context) } }]
            : [],
        );
      }
      // node-pg-migrate: (table, { name: { type, notNull } })
      if (second?.type !== AST_NODE_TYPES.ObjectExpression) return [];
      return second.properties.flatMap((column) =>
        column.type === AST_NODE_TYPES.Property && column.key.type === AST_NODE_TYPES.Identifier && isRequiredWithoutDefault(column.value, "node-pg-migrate")
          ? [{ ...common, kind: "addRequiredColumn" as const, data: { column: column.key.name } }]
          : [],
      );
    }
    case "createIndex":
    case "createIndices":
    case "addIndex": {
      if (args.length < 2) return [];
      const concurrently = args.some((argument) => isTrue(property(argument, "concurrently")) || isTrue(property(optionsOf(argument), "isConcurrent")))
        || (second?.type === AST_NODE_TYPES.ArrayExpression && second.elements.length > 0 && second.elements.every((index) => isTrue(property(optionsOf(index ?? undefined), "isConcurrent"))));
      return [{ ...common, kind: "createIndex", data: {}, concurrently }];
    }
    case "dropIndex":
    case "removeIndex": {
      if (args.length < 2) return [];
      const concurrently = args.some((argument) => isTrue(property(argument, "concurrently")));
      const index = stringArgument(second, context) ?? builderTableName(second, context) ?? columnNames(second, context).join(", ");
      return [{ ...common, kind: "dropIndex", data: { index }, concurrently }];
    }
    case "addConstraint":
    case "createConstraint": {
      // node-pg-migrate: (table, name, expression | { foreignKeys, check }); Sequelize: (table, { type, references })
      const definition = args.length >= 3 ? third : second;
      const sql = stringArgument(definition, context);
      if (sql !== undefined) {
        if (/\bnot\s+valid\b/iu.test(sql)) return [];
        const references = /\breferences\s+("?[\w.]+"?)/iu.exec(sql)?.[1]?.replaceAll('"', "").split(".").at(-1);
        if (/\bforeign\s+key\b|\breferences\b/iu.test(sql)) return [{ ...common, kind: "addForeignKey", data: { referenced: references ?? "?" } }];
        if (/\bcheck\s*\(/iu.test(sql)) return [{ ...common, kind: "addCheck", data: {} }];
        return [];
      }
      const type = stringArgument(property(definition, "type"), context)?.toLowerCase();
      const foreignKeys = property(definition, "foreignKeys");
      if (type === "foreign key" || foreignKeys) {
        const references = property(foreignKeys?.type === AST_NODE_TYPES.ArrayExpression ? (foreignKeys.elements[0] ?? undefined) : (foreignKeys ?? definition), "references");
        const referenced = builderTableName(property(references, "table") ?? references, context) ?? "?";
        return [{ ...common, kind: "addForeignKey", data: { referenced } }];
      }
      if (type === "check" || property(definition, "check")) return [{ ...common, kind: "addCheck", data: {} }];
      return [];
    }
    case "createForeignKey":
    case "createForeignKeys": {
      if (args.length < 2) return [];
      const keys = second?.type === AST_NODE_TYPES.ArrayExpression ? second.elements : [second];
      return keys.map((key) => ({
        ...common,
        kind: "addForeignKey",
        data: { referenced: builderTableName(property(optionsOf(key ?? undefined), "referencedTableName"), context) ?? "?" },
      }));
    }
    case "createCheckConstraint":
    case "createCheckConstraints":
      return args.length < 2 ? [] : [{ ...common, kind: "addCheck", data: {} }];
    default:
      return [];
  }
}

const TABLE_FIRST_METHODS = new Set([
  "dropColumn",
  "dropColumns",
  "removeColumn",
  "renameColumn",
  "changeColumn",
  "alterColumn",
  "addColumn",
  "addColumns",
  "createIndex",
  "createIndices",
  "addIndex",
  "dropIndex",
  "removeIndex",
  "addConstraint",
  "createConstraint",
  "createForeignKey",
  "createForeignKeys",
  "createCheckConstraint",
  "createCheckConstraints",
]);

/** The parameters of the callbacks given to `alterTable`/`table`/`createTable`: Knex table builders, whose calls are read (or skipped) with their table. */
function tableBuilderParameters(fn: FunctionNode): Set<string> {
  const names = new Set<string>();
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = calledMethod(node);
    if (method !== "alterTable" && method !== "table" && method !== "createTable" && method !== "createTableIfNotExists") continue;
    const callback = node.arguments[1];
    if ((callback?.type === AST_NODE_TYPES.ArrowFunctionExpression || callback?.type === AST_NODE_TYPES.FunctionExpression) && callback.params[0]?.type === AST_NODE_TYPES.Identifier) {
      names.add(callback.params[0].name);
    }
  }
  return names;
}

/** The schema changes the schema-builder calls of a migration function make, in source order. */
export function schemaBuilderChanges(fn: FunctionNode, context: SourceContext): SchemaChange[] {
  const builders = tableBuilderParameters(fn);
  const changes: SchemaChange[] = [];
  for (const node of descendants(fn.body)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const method = calledMethod(node);
    if (method === undefined || node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const receiver = node.callee.object;
    if (method === "dropTable" || method === "dropTableIfExists") {
      if (node.arguments.length > 0) changes.push({ kind: "dropTable", call: node, range: reportRange(node), table: tableOf(node.arguments[0], context), data: {}, api: isSchemaCall(node) ? "knex" : "table-first", method });
    } else if (method === "renameTable") {
      if (node.arguments.length >= 2) {
        const table = tableOf(node.arguments[0], context);
        changes.push({ kind: "renameTable", call: node, range: reportRange(node), table, data: { from: table.name, to: nameOf(node.arguments[1], context) }, api: isSchemaCall(node) ? "knex" : "table-first", method });
      }
    } else if ((method === "alterTable" || method === "table") && isSchemaCall(node)) {
      if (node.arguments.length >= 2) changes.push(...knexTableChanges(node, context));
      else if (method === "alterTable" && node.arguments.length === 1) changes.push(...kyselyAlterTableChanges(node, context));
    } else if (method === "createIndex" && node.arguments.length === 1 && isSchemaCall(node)) {
      const change = kyselyCreateIndexChange(node, context);
      if (change) changes.push(change);
    } else if (TABLE_FIRST_METHODS.has(method) && receiver.type !== AST_NODE_TYPES.CallExpression) {
      const root = chainRoot(receiver);
      if (root.type === AST_NODE_TYPES.Identifier && builders.has(root.name) && receiver.type === AST_NODE_TYPES.Identifier) continue;
      changes.push(...tableFirstChanges(node, method, context));
    }
  }
  return changes.sort((a, b) => a.range[0] - b.range[0]);
}
