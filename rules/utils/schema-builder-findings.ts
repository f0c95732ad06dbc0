/**
 * Schema-builder calls in migrations written in code (Knex, Kysely, Sequelize, node-pg-migrate,
 * TypeORM) that make the changes the SQL rules report in SQL: `table.dropColumn()`,
 * `queryInterface.renameColumn()`, `pgm.createIndex()`, ... Each SQL rule reports the kinds of
 * change it is about under its own name (no-drop-column reports `dropColumn()`), with the same
 * advice (change-advice.ts); the deprecated `no-unsafe-schema-builder-call` reports them all.
 */
import path from "node:path";
import * as ASTUtils from "@typescript-eslint/utils/ast-utils";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { CREATE_INDEX, DROP_INDEX } from "../../sql-lint/analysis/change-advice.ts";
import { describeTypeText } from "../../sql-lint/analysis/data-type-text.ts";
import { isRestatementWithoutUsing, isTypeChangeWithoutRewrite, isWideningFromAnyString } from "../../sql-lint/analysis/type-change-without-rewrite.ts";
import { tablesCreatedIn, viewReplacesLater } from "../../sql-lint/embedded/created-tables.ts";
import { isMigrationCode, migrationFunction, migrationLibrary, type FunctionNode, type MigrationFunction, type MigrationLibrary } from "../../sql-lint/embedded/migration-code.ts";
import { constInitializer, type SourceContext } from "../../sql-lint/embedded/sql-text.ts";
import { resolveImport } from "./imports.ts";
import { schemaBuilderChanges, type SchemaChange, type SchemaChangeKind } from "./schema-builder-changes.ts";


/** What is reported on MySQL and SQLite, whose locking differs: the changes that break running code whatever the database. */
const ANY_DIALECT = new Set<SchemaChangeKind>(["dropColumn", "dropTable", "renameColumn", "renameTable"]);

/** How each library builds or drops an index without blocking writes: the "instead" of the index messages. */
const CONCURRENT_INDEX: Partial<Record<MigrationLibrary, { create: string; drop: string }>> = {
  knex: {
    create: 'Run `CREATE INDEX CONCURRENTLY` through knex.raw in a migration that exports `config = { transaction: false }`.',
    drop: 'Run `DROP INDEX CONCURRENTLY` through knex.raw in a migration that exports `config = { transaction: false }`.',
  },
  kysely: {
    create: "Run `CREATE INDEX CONCURRENTLY` with sql`…`.execute(db), from a Migrator with `disableTransactions: true`.",
    drop: "Run `DROP INDEX CONCURRENTLY` with sql`…`.execute(db), from a Migrator with `disableTransactions: true`.",
  },
  typeorm: {
    create: "Run `CREATE INDEX CONCURRENTLY` with queryRunner.query in a migration with `transaction = false`.",
    drop: "Run `DROP INDEX CONCURRENTLY` with queryRunner.query in a migration with `transaction = false`.",
  },
  sequelize: {
    create: "Pass `concurrently: true` to addIndex, outside a transaction.",
    drop: "Pass `concurrently: true` to removeIndex, outside a transaction.",
  },
  "node-pg-migrate": {
    create: "Pass `{ concurrently: true }` and call `pgm.noTransaction()` in this migration.",
    drop: "Pass `{ concurrently: true }` and call `pgm.noTransaction()` in this migration.",
  },
};

const MODULE_LIBRARIES: Record<string, MigrationLibrary> = {
  typeorm: "typeorm",
  sequelize: "sequelize",
  "@sequelize/core": "sequelize",
  "node-pg-migrate": "node-pg-migrate",
  knex: "knex",
  kysely: "kysely",
};

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The library of a table-first call's receiver: from the type of the parameter it is (`queryRunner: QueryRunner` from typeorm). */
function receiverLibrary(context: Context, call: TSESTree.CallExpression): MigrationLibrary | undefined {
  let receiver: TSESTree.Node = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : call.callee;
  while (receiver.type === AST_NODE_TYPES.MemberExpression) receiver = receiver.object;
  if (receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(receiver), receiver);
  const definition = variable?.defs[0];
  if (definition?.type !== "Parameter" || definition.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const annotation = definition.name.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName ? annotation.typeName.left : annotation.typeName;
  if (typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const module = resolveImport(context as unknown as Parameters<typeof resolveImport>[0], typeName)?.module;
  return module === undefined ? undefined : MODULE_LIBRARIES[module];
}

function libraryOf(context: Context, change: SchemaChange, fileLibrary: MigrationLibrary | undefined): MigrationLibrary | undefined {
  if (change.api === "knex" || change.api === "kysely") return change.api;
  const library = receiverLibrary(context, change.call) ?? fileLibrary;
  if (library === "typeorm" || library === "sequelize" || library === "node-pg-migrate") return library;
  // Sequelize's names, where the file does not say which library it uses.
  return change.method === "addIndex" || change.method === "removeIndex" ? "sequelize" : undefined;
}

/**
 * The type a column had before a change: said by the call (TypeORM's old column), else by the
 * down migration, which changes it back (`changeColumn` with the old type in `down`).
 */
function typeBefore(change: SchemaChange, reverts: readonly SchemaChange[]): string | undefined {
  if (change.oldType !== undefined) return change.oldType;
  const reverse = reverts.find((candidate) => candidate.kind === "changeColumnType" && candidate.table.name === change.table.name && candidate.data.column === change.data.column);
  return reverse?.newType;
}


export type BuilderDialect = "postgresql" | "mysql" | "sqlite" | "mariadb";

interface BuilderListenerOptions {
  /** The kinds of change to report. */
  kinds: ReadonlySet<SchemaChangeKind>;
  /** The database the migrations run against; its locking decides what blocks traffic. */
  dialect: BuilderDialect;
  /** The message id to report a kind with. */
  messageId(kind: SchemaChangeKind): string;
}

/** A builder change worth reporting, with its message data: what every rule reporting its kind says. */
interface BuilderFinding {
  kind: SchemaChangeKind;
  range: [number, number];
  data: Record<string, string>;
}

/**
 * The file's findings of every kind, by dialect: computed once per file, however many rules
 * (one per kind of change) report them.
 */
const findingsOfFile = new WeakMap<object, Map<BuilderDialect, BuilderFinding[]>>();

function builderFindings(context: Context, functions: MigrationFunction[], dialect: BuilderDialect): BuilderFinding[] {
  const { sourceCode } = context;
  let byDialect = findingsOfFile.get(sourceCode);
  if (!byDialect) findingsOfFile.set(sourceCode, (byDialect = new Map()));
  let findings = byDialect.get(dialect);
  if (findings) return findings;
  findings = [];
  byDialect.set(dialect, findings);
  if (!functions.some((fn) => fn.direction === "up")) return findings;
  // The path inside the project: folders above it say nothing about the file.
  const relative = path.relative(context.cwd, context.filename);
  if (!isMigrationCode(relative.startsWith("..") ? context.filename : relative, sourceCode.ast, functions)) return findings;
  const source: SourceContext = {
    text: sourceCode.text,
    constantOf: (identifier) => constInitializer(ASTUtils.findVariable(sourceCode.getScope(identifier), identifier)),
  };
  const downs = functions.filter((fn) => fn.direction === "down").map((fn) => fn.node);
  const reverts = downs.flatMap((down) => schemaBuilderChanges(down, source));
  for (const { direction, node: up } of functions) {
    if (direction !== "up") continue;
    const isCreatedBefore = tablesCreatedIn(up, source);
    const isReplacedByView = viewReplacesLater(sourceCode.ast, up, source);
    const fileLibrary = migrationLibrary(sourceCode.ast, up);
    for (const change of schemaBuilderChanges(up, source)) {
      const { table, range } = change;
      if (dialect !== "postgresql" && !ANY_DIALECT.has(change.kind)) continue;
      // A table this migration created has no rows and no running code depending on it yet.
      if (table.known && isCreatedBefore(table.name, range[0])) continue;
      if ((change.kind === "createIndex" || change.kind === "dropIndex") && change.concurrently) continue;
      // Renamed with a view under the old name in the same transaction: the fix the message advises.
      if (change.kind === "renameTable" && table.known && isReplacedByView(table.name, change.call)) continue;
      const data: Record<string, string> = { table: table.name, ...change.data };
      if (change.kind === "changeColumnType") {
        const oldType = typeBefore(change, reverts);
        const to = change.newType === undefined ? undefined : describeTypeText(change.newType);
        const from = oldType === undefined ? undefined : describeTypeText(oldType);
        // As in SQL: no finding for a change PostgreSQL makes without a rewrite (the same type, a
        // longer varchar), or, when the old type is not known, for one to text or unbounded varchar,
        // or to a type no other converts to without USING, when the library writes none.
        if (to && (from ? isTypeChangeWithoutRewrite(from, to) : isWideningFromAnyString(to) || (!change.convertsAnyType && isRestatementWithoutUsing(to)))) continue;
        if (change.newType === undefined) data.change = `with ${change.method}()`;
        else data.change = oldType === undefined ? `to ${change.newType}` : `from ${oldType} to ${change.newType}`;
      }
      if (change.kind === "createIndex" || change.kind === "dropIndex") {
        const advice = CONCURRENT_INDEX[libraryOf(context, change, fileLibrary) ?? "pg"];
        data.instead = change.kind === "createIndex" ? (advice?.create ?? CREATE_INDEX.instead) : (advice?.drop ?? DROP_INDEX.instead);
      }
      findings.push({ kind: change.kind, range, data });
    }
  }
  return findings;
}

/** The listeners that report the builder calls of `up` functions of migration code, of the kinds asked for. */
export function schemaBuilderListeners(context: Context, { kinds, dialect, messageId }: BuilderListenerOptions): TSESLint.RuleListener {
  const { sourceCode } = context;
  // The `up` and `down` functions, found as ESLint walks the file (most files have none, and are not walked again).
  const functions: MigrationFunction[] = [];
  return {
    ":function"(node: FunctionNode) {
      const fn = migrationFunction(node);
      if (fn) functions.push(fn);
    },
    "Program:exit"() {
      if (!functions.some((fn) => fn.direction === "up")) return;
      for (const { kind, range, data } of builderFindings(context, functions, dialect)) {
        if (!kinds.has(kind)) continue;
        context.report({
          loc: { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) },
          messageId: messageId(kind),
          data,
        });
      }
    },
  };
}
