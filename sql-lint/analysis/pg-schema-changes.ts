/**
 * The PostgreSQL front end of the schema-change model: what a PostgreSQL migration changes,
 * read with PostgreSQL's own parser (libpg-query). It reads the earlier migrations the history
 * replays: an order of magnitude faster than sql-parser-cst, and it reads every statement
 * PostgreSQL accepts. Names come back folded as PostgreSQL folds them (unquoted to lower case);
 * a schema qualifier is dropped, as `tableName` drops it for the other front end.
 */
import { splitStatements } from "../language/split-statements.ts";
import { parsePostgres } from "../language/pg-fallback.ts";
import { downSectionStart, withTemplatesBlanked } from "../language/parse-sql.ts";
import { canonicalTypeName, type DataTypeDescription } from "./data-type.ts";
import { pgRelationName } from "./pg-nodes.ts";
import type { HistoricalType, SchemaChange } from "./schema-changes.ts";

type PgNode = Record<string, unknown>;

/** `{ String: { sval } }` items of a name list (`funcname`, `names`, a DropStmt object). */
function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const value = (item as { String?: { sval?: unknown } }).String?.sval;
    return typeof value === "string" ? [value] : [];
  });
}

/** The last part of a qualified name: what `tableName` keeps of `schema.table`. */
function lastName(list: unknown): string | undefined {
  return names(list).at(-1);
}

/** Words that end a column type where it is written: the clauses that may follow it. */
const AFTER_TYPE = new Set([
  "not",
  "null",
  "default",
  "primary",
  "references",
  "unique",
  "check",
  "constraint",
  "collate",
  "generated",
  "using",
  "deferrable",
  "initially",
  "compression",
  "storage",
]);

/**
 * The text of the column type that starts at `start`: words (`timestamp with time zone`,
 * `character varying`), quoted names, qualifiers, the modifiers in parentheses and array
 * brackets, up to the clause or punctuation after it. Whitespace collapses to one space.
 */
export function typeTextAt(text: string, start: number): string {
  let index = start;
  let end = start;
  while (index < text.length) {
    const rest = text.slice(index, index + 200);
    const space = /^\s+/u.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const char = text[index]!;
    if (char === '"') {
      const close = /^"(?:[^"]|"")*"/u.exec(text.slice(index));
      if (!close) break;
      index += close[0].length;
    } else if (/[A-Za-z_]/u.test(char)) {
      const word = /^[A-Za-z_][\w$]*/u.exec(rest)![0];
      if (AFTER_TYPE.has(word.toLowerCase())) break;
      index += word.length;
    } else if (char === "." || char === "[" || char === "]" || /\d/u.test(char)) {
      index += 1;
    } else if (char === "(") {
      let depth = 0;
      while (index < text.length) {
        if (text[index] === "(") depth++;
        else if (text[index] === ")" && --depth === 0) break;
        index++;
      }
      index++;
    } else {
      break;
    }
    end = index;
  }
  return text.slice(start, Math.min(end, text.length)).replace(/\s+/gu, " ");
}

/** The integer of a type modifier written in the statement; undefined for one PostgreSQL's grammar supplied (`char` is `char(1)`) or anything but a number. */
function typmodValue(item: unknown): number | undefined | "implicit" {
  const constant = (item as { A_Const?: { ival?: { ival?: number }; location?: number } }).A_Const;
  if (!constant?.ival) return undefined;
  if (constant.location === -1) return "implicit";
  return constant.ival.ival ?? 0;
}

/** What a TypeName is, described as `describeDataType` describes sql-parser-cst's types. */
export function describePgType(typeName: PgNode): DataTypeDescription | undefined {
  if (typeName.setof || typeName.pct_type) return undefined;
  const name = lastName(typeName.names);
  if (name === undefined) return undefined;
  const qualified = names(typeName.names);
  // Built-in types PostgreSQL's grammar names itself (`pg_catalog.int4` for `integer`) are already canonical.
  const canonical = qualified.length === 2 && qualified[0] === "pg_catalog" ? name : canonicalTypeName(name);
  const typmods = Array.isArray(typeName.typmods) ? typeName.typmods.map(typmodValue).filter((value) => value !== "implicit") : [];
  // A field restriction or precision of `interval` is a modifier the model does not compare.
  const modifiers = canonical === "interval" && typmods.length > 0 ? undefined : typmods.every((value) => value !== undefined) ? (typmods as number[]) : undefined;
  const arrayDepth = Array.isArray(typeName.arrayBounds) ? typeName.arrayBounds.length : 0;
  return { name: canonical, modifiers, arrayDepth };
}

/** A `FOREIGN KEY` constraint's referenced table and whether deleting a referenced row changes the referencing rows. */
function foreignKey(constraint: PgNode, table: string): SchemaChange[] {
  if (constraint.contype !== "CONSTR_FOREIGN") return [];
  const target = pgRelationName(constraint.pktable);
  if (target === undefined) return [];
  // ON DELETE CASCADE ('c'), SET NULL ('n'), SET DEFAULT ('d').
  const cascades = typeof constraint.fk_del_action === "string" && "cnd".includes(constraint.fk_del_action);
  return [{ kind: "references", table, target, cascades }];
}

/** The column names an index expression mentions (`lower(email)` → email). */
function columnsIn(node: unknown, found: string[] = []): string[] {
  if (node === null || typeof node !== "object") return found;
  if (Array.isArray(node)) {
    for (const item of node) columnsIn(item, found);
    return found;
  }
  const columnRef = (node as { ColumnRef?: { fields?: unknown } }).ColumnRef;
  if (columnRef) {
    const column = lastName(columnRef.fields);
    if (column !== undefined) found.push(column);
    return found;
  }
  for (const value of Object.values(node)) columnsIn(value, found);
  return found;
}

/** Constraints that make a column reject NULL: NOT NULL, a primary key, an identity. */
const NOT_NULL_CONSTRAINTS = new Set(["CONSTR_NOTNULL", "CONSTR_PRIMARY", "CONSTR_IDENTITY"]);
const SERIAL_TYPE = /^(?:small|big)?serial[248]?$/u;

/** Whether a column definition rejects NULL: a NOT NULL, PRIMARY KEY or identity constraint, or a serial type. */
function definesNotNull(column: PgNode): boolean {
  if (column.is_not_null === true) return true;
  const constraints = Array.isArray(column.constraints) ? (column.constraints as PgNode[]) : [];
  if (constraints.some((constraint) => NOT_NULL_CONSTRAINTS.has((constraint.Constraint as PgNode | undefined)?.contype as string))) return true;
  const type = lastName((column.typeName as PgNode | undefined)?.names);
  return type !== undefined && SERIAL_TYPE.test(type);
}

/** The columns a table-level `PRIMARY KEY (a, b)` makes NOT NULL. */
function primaryKeyColumns(constraint: PgNode | undefined): string[] {
  return constraint?.contype === "CONSTR_PRIMARY" ? names(constraint.keys) : [];
}

/** What one statement PostgreSQL parsed changes: `text` is what its locations count in, `location` where it starts in the file. */
function statementChanges(kind: string, node: PgNode, text: string, location: number, file: string): SchemaChange[] {
  const typeOf = (typeName: unknown): HistoricalType | undefined => {
    if (!typeName || typeof typeName !== "object") return undefined;
    const start = (typeName as { location?: unknown }).location;
    if (typeof start !== "number" || start < 0) return undefined;
    return { description: describePgType(typeName as PgNode), text: typeTextAt(text, start), file };
  };
  const changes: SchemaChange[] = [];
  switch (kind) {
    case "CreateStmt": {
      const table = pgRelationName(node.relation);
      if (table === undefined) break;
      changes.push({ kind: "drop-table", table, created: true });
      const references: SchemaChange[] = [];
      for (const element of Array.isArray(node.tableElts) ? (node.tableElts as PgNode[]) : []) {
        const column = element.ColumnDef as PgNode | undefined;
        if (column) {
          const type = typeOf(column.typeName);
          if (type && typeof column.colname === "string") changes.push({ kind: "type", table, column: column.colname, type, added: true });
          if (typeof column.colname === "string") changes.push({ kind: "not-null", table, column: column.colname, notNull: definesNotNull(column) });
          for (const constraint of Array.isArray(column.constraints) ? (column.constraints as PgNode[]) : []) {
            references.push(...foreignKey(constraint.Constraint as PgNode, table));
          }
        } else if (element.Constraint) {
          references.push(...foreignKey(element.Constraint as PgNode, table));
          for (const key of primaryKeyColumns(element.Constraint as PgNode)) changes.push({ kind: "not-null", table, column: key, notNull: true });
        }
      }
      changes.push(...references);
      break;
    }
    case "CreateTableAsStmt": {
      const name = pgRelationName((node.into as { rel?: unknown } | undefined)?.rel);
      if (name === undefined) break;
      if (node.objtype === "OBJECT_MATVIEW") changes.push({ kind: "view", name, exists: true });
      else changes.push({ kind: "drop-table", table: name, created: true }, { kind: "fill", table: name });
      break;
    }
    case "AlterTableStmt": {
      const table = pgRelationName(node.relation);
      if (table === undefined || node.objtype !== "OBJECT_TABLE") break;
      for (const { AlterTableCmd: command } of Array.isArray(node.cmds) ? (node.cmds as { AlterTableCmd?: PgNode }[]) : []) {
        if (!command) continue;
        const column = (command.def as { ColumnDef?: PgNode } | undefined)?.ColumnDef;
        if (command.subtype === "AT_AddColumn" && column && typeof column.colname === "string") {
          const type = typeOf(column.typeName);
          if (type) changes.push({ kind: "type", table, column: column.colname, type, added: true });
          changes.push({ kind: "not-null", table, column: column.colname, notNull: definesNotNull(column) });
        } else if ((command.subtype === "AT_SetNotNull" || command.subtype === "AT_DropNotNull") && typeof command.name === "string") {
          changes.push({ kind: "not-null", table, column: command.name, notNull: command.subtype === "AT_SetNotNull" });
        } else if (command.subtype === "AT_AddConstraint") {
          for (const key of primaryKeyColumns((command.def as { Constraint?: PgNode } | undefined)?.Constraint)) changes.push({ kind: "not-null", table, column: key, notNull: true });
        } else if (command.subtype === "AT_AlterColumnType" && column && typeof command.name === "string") {
          const type = typeOf(column.typeName);
          if (type) changes.push({ kind: "type", table, column: command.name, type });
        } else if (command.subtype === "AT_DropColumn" && typeof command.name === "string") {
          changes.push({ kind: "drop-column", table, column: command.name });
        }
      }
      break;
    }
    case "RenameStmt": {
      const from = pgRelationName(node.relation);
      const to = node.newname;
      if (from === undefined || typeof to !== "string") break;
      if (node.renameType === "OBJECT_TABLE") changes.push({ kind: "rename-table", from, to });
      else if (node.renameType === "OBJECT_INDEX") changes.push({ kind: "rename-index", from, to });
      else if (node.renameType === "OBJECT_VIEW" || node.renameType === "OBJECT_MATVIEW") {
        changes.push({ kind: "view", name: from, exists: false }, { kind: "view", name: to, exists: true });
      } else if (node.renameType === "OBJECT_COLUMN" && node.relationType === "OBJECT_TABLE" && typeof node.subname === "string") {
        changes.push({ kind: "rename-column", table: from, from: node.subname, to });
      }
      break;
    }
    case "InsertStmt": {
      const table = pgRelationName(node.relation);
      const select = (node.selectStmt as { SelectStmt?: PgNode } | undefined)?.SelectStmt;
      // Rows from a query (a SELECT, a UNION of them), not a list of VALUES or DEFAULT VALUES.
      if (table !== undefined && select && !select.valuesLists) changes.push({ kind: "fill", table });
      break;
    }
    case "IndexStmt": {
      const table = pgRelationName(node.relation);
      if (table === undefined) break;
      // An unnamed index gets a name from PostgreSQL; it still says which columns are indexed.
      const name = typeof node.idxname === "string" ? node.idxname : `\u0000${location}@${file}`;
      const columns = (Array.isArray(node.indexParams) ? (node.indexParams as { IndexElem?: PgNode }[]) : []).flatMap(({ IndexElem: element }) =>
        !element ? [] : typeof element.name === "string" ? [element.name] : columnsIn(element.expr),
      );
      changes.push({ kind: "index", name, table, columns });
      break;
    }
    case "DropStmt": {
      const objects = (Array.isArray(node.objects) ? (node.objects as { List?: { items?: unknown } }[]) : []).flatMap((object) => {
        const name = lastName(object.List?.items);
        return name === undefined ? [] : [name];
      });
      for (const name of objects) {
        if (node.removeType === "OBJECT_INDEX") changes.push({ kind: "drop-index", name });
        else if (node.removeType === "OBJECT_TABLE") changes.push({ kind: "drop-table", table: name });
        else if (node.removeType === "OBJECT_VIEW" || node.removeType === "OBJECT_MATVIEW") changes.push({ kind: "view", name, exists: false });
      }
      break;
    }
    case "CreateFunctionStmt": {
      const name = lastName(node.funcname);
      if (name === undefined || node.is_procedure) break;
      // VOLATILE unless the definition says STABLE or IMMUTABLE (PostgreSQL's default).
      const volatility = (Array.isArray(node.options) ? (node.options as { DefElem?: PgNode }[]) : []).find(({ DefElem: option }) => option?.defname === "volatility")
        ?.DefElem?.arg as { String?: { sval?: string } } | undefined;
      const declared = volatility?.String?.sval;
      changes.push({ kind: "function", name, volatile: declared !== "stable" && declared !== "immutable" });
      break;
    }
    case "ViewStmt": {
      const name = pgRelationName(node.view);
      if (name !== undefined) changes.push({ kind: "view", name, exists: true });
      break;
    }
    default:
      break;
  }
  return changes;
}

/** What the statements of a PostgreSQL parse result of `text` change; `text` starts at `offset` in the file. */
function changesOfParse(stmts: readonly { stmt?: PgNode; stmt_location?: number }[], text: string, offset: number, file: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const raw of stmts) {
    const statement = raw.stmt;
    if (!statement) continue;
    const [kind] = Object.keys(statement);
    if (!kind) continue;
    changes.push(...statementChanges(kind, statement[kind] as PgNode, text, offset + (raw.stmt_location ?? 0), file));
  }
  return changes;
}

/**
 * What a PostgreSQL migration's up part changes, in order. The whole text is parsed at once; when
 * PostgreSQL rejects it, each statement is parsed alone and the ones it rejects are skipped,
 * as the history skips what it cannot read.
 */
export function changesOfPostgresText(source: string, file: string): SchemaChange[] {
  // As parseSqlProgram prepares a file: a lone "\r" ends a line, Go-template actions become names.
  const whole = withTemplatesBlanked(source.replace(/\r(?!\n)/gu, "\n"));
  const text = whole.slice(0, downSectionStart(whole) ?? whole.length);
  const parsed = parsePostgres(text);
  if (parsed) return changesOfParse(parsed.stmts ?? [], text, 0, file);
  const changes: SchemaChange[] = [];
  for (const { start, end } of splitStatements(text, "postgresql").statements) {
    const statementText = text.slice(start, end);
    const statement = parsePostgres(statementText);
    if (statement) changes.push(...changesOfParse(statement.stmts ?? [], statementText, start, file));
  }
  return changes;
}
