import type { StringLiteral } from "sql-parser-cst";
import { isTypeCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { implicitTransactionRunner } from "../analysis/implicit-transaction.ts";
import { nodesBelow } from "../analysis/nodes-below.ts";
import { migrationOf, sameTransaction, type MigrationContext } from "../analysis/migration-context.ts";
import { tableName } from "../analysis/table-name.ts";
import type { SqlStatementNode } from "../language/parse-sql.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "inTransaction" | "inRunnerQuery";

/** Statements that name an enum value without reading it as one: changes to the type itself, comments, function bodies (run later). */
const NOT_A_USE = new Set(["alter_type_stmt", "comment_stmt", "create_function_stmt", "create_procedure_stmt", "do_stmt"]);

/** Strings whose text may not show their value quoted as written: dollar-quoted, with escapes (`E'…'`, `U&'…'`). */
const ESCAPED_OR_DOLLAR_QUOTED = /\$|(?:^|[^\w])(?:[eE]|[uU]&)'/u;

/**
 * The string literals spelling `value` below `node`, outside comments. Only read from the tree
 * when the statement's text could hold one: looking into a statement can parse a part of it read
 * on demand (an IF's condition).
 */
function literalsOf(node: SqlStatementNode, value: string, text: string): StringLiteral[] {
  const source = node.range ? text.slice(node.range[0], node.range[1]) : text;
  if (!source.includes(quoted(value)) && !ESCAPED_OR_DOLLAR_QUOTED.test(source)) return [];
  return nodesBelow(node, (child): child is StringLiteral => child.type === "string_literal" && child.value === value);
}

/** `value` as a plain SQL string literal: `'it''s'`. */
function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The [start, end) of each `'value'` in the text of a statement only PostgreSQL's parser read. */
function quotedInText(text: string, [start, end]: [number, number], value: string): [number, number][] {
  const literal = quoted(value);
  const found: [number, number][] = [];
  for (let at = text.indexOf(literal, start); at !== -1 && at + literal.length <= end; at = text.indexOf(literal, at + literal.length)) found.push([at, at + literal.length]);
  return found;
}

/** The DO block the statement at `offset` runs in: PostgreSQL runs a DO block as one statement, in one transaction. */
function enclosingDoBlock(migration: MigrationContext, offset: number): SqlStatementNode | undefined {
  return migration.statements.find((statement) => statement.type === "do_stmt" && statement.range !== undefined && statement.range[0] < offset && offset < statement.range[1]);
}

export default createSqlRule<[], MessageIds>({
  name: "no-unsafe-enum-value-use",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow using an enum value in the PostgreSQL transaction that adds it, which PostgreSQL rejects",
      recommended: "error",
    },
    schema: [],
    messages: {
      inTransaction:
        'Value "{{value}}" is added to enum "{{type}}" on line {{line}}, in the same transaction as this statement, which uses it: PostgreSQL rejects a new enum value until the transaction that added it commits ("unsafe use of new value"), and the migration fails. ' +
        "Add the value in a migration (or transaction) of its own, and use it in a later one.",
      inRunnerQuery:
        'Value "{{value}}" is added to enum "{{type}}" on line {{line}}, and {{runner}} sends this file to PostgreSQL as one query, a single transaction, so this use of it is rejected ("unsafe use of new value") and the migration fails. ' +
        "Add the value in a migration file of its own, and use it in a later one.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const { sourceCode } = context;
    const migration = migrationOf(context);
    const runner = implicitTransactionRunner(context);

    /** How the statements at both offsets share a transaction, if they do. */
    function sharedTransaction(added: number, used: number): MessageIds | undefined {
      const block = enclosingDoBlock(migration, added);
      const inDoBlock = block?.range !== undefined && used < block.range[1];
      // The runner's one query string, which PostgreSQL runs as one transaction: the reason to name, unless a block of
      // the file's own (a DO block, BEGIN … COMMIT) holds both.
      if (runner && migration.transactions.length === 0 && !inDoBlock) return "inRunnerQuery";
      if (sameTransaction(migration, added, used) || inDoBlock) return "inTransaction";
      if (runner && !migration.transactions.some((transaction) => transaction.start < used && used < transaction.end)) return "inRunnerQuery";
      return undefined;
    }

    return {
      alter_type_stmt(statement) {
        const type = tableName(statement.name);
        for (const action of statement.actions.items) {
          if (action.type !== "alter_action_add_enum_value" || !action.range) continue;
          const added = action.range[0];
          // A value added to a type created in the same transaction may be used at once.
          if (isTypeCreatedEarlierInFile(migration, type, added)) continue;
          const value = action.value.value;
          const data = { value, type: type ?? sourceCode.getText(statement.name), line: String(sourceCode.getLocFromIndex(added).line), runner: runner ?? "" };
          // A DO block's statements come both on their own and inside the IF or block around them: each use is reported once.
          const reported = new Set<number>();
          for (const later of migration.statements) {
            if (!later.range || later.range[0] <= added || NOT_A_USE.has(later.type)) continue;
            const messageId = sharedTransaction(added, later.range[0]);
            if (!messageId) continue;
            const uses: [number, number][] =
              later.type === "pg_fallback_stmt" ? quotedInText(sourceCode.text, later.range, value) : literalsOf(later, value, sourceCode.text).flatMap((literal) => (literal.range ? [literal.range] : []));
            for (const [start, end] of uses) {
              if (reported.has(start)) continue;
              reported.add(start);
              context.report({ loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) }, messageId, data });
            }
          }
        }
      },
    };
  },
});
