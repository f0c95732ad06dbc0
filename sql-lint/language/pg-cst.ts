/**
 * sql-parser-cst's nodes for the PostgreSQL statements migrations are mostly made of, built from
 * PostgreSQL's own scanner tokens instead of sql-parser-cst's grammar.
 *
 * sql-parser-cst is a 6 MB generated parser: warming it up and running it is most of the time a
 * run over migrations takes, while PostgreSQL's parser (libpg-query) reads the same files about
 * ten times faster. The rules read sql-parser-cst's node shapes, so for the common statements
 * (transactions, `SET`, `DROP`, `CREATE INDEX`, `ALTER TABLE` with the usual actions) this module
 * builds exactly the nodes sql-parser-cst would, ranges included, from the statement's tokens;
 * PostgreSQL has already accepted the statement, so only its shape is read here. Anything it does
 * not know to the last token (an unusual clause, an operator it does not model) returns
 * undefined, and the caller parses that statement with sql-parser-cst as before.
 * test/sql-lint/language/pg-cst.test.ts checks that both give the same tree, statement by
 * statement; `node scripts/pg-cst-diff.mjs <folder>` does the same over any folder of migrations.
 */
import type { PgScannedToken } from "./pg-fallback.ts";
import type { SqlStatementNode } from "./parse-sql.ts";

type Range = [number, number];
/** A node as sql-parser-cst builds it: a type, a range and named children. */
type Node = { type: string; range: Range; [key: string]: unknown };
type Keywords = Node | Node[];

/** A scanner token with character offsets. */
export interface PgToken {
  start: number;
  end: number;
  text: string;
  /** A bare word (keyword or identifier), a quoted identifier, a plain '…' string, a number, or anything else (punctuation, operators, other literals). */
  kind: "word" | "quoted" | "string" | "dollar" | "number" | "other";
  /** Upper-case text of a word. */
  upper: string;
  /** PostgreSQL's keyword category: 0 none, 1 unreserved, 2 column name, 3 type or function name, 4 reserved. */
  keywordKind: number;
}

/** The scanner's tokens with offsets in characters of `text` (the scanner counts UTF-8 bytes); comments left out. */
export function toTokens(scanned: readonly PgScannedToken[], text: string): { tokens: PgToken[]; comments: PgToken[] } {
  const charOf = byteToCharOffsets(text);
  const tokens: PgToken[] = [];
  const comments: PgToken[] = [];
  for (const token of scanned) {
    const start = charOf(token.start);
    const end = charOf(token.end);
    const tokenText = text.slice(start, end);
    if (token.tokenName === "SQL_COMMENT" || token.tokenName === "C_COMMENT") {
      comments.push({ start, end, text: tokenText, kind: "other", upper: "", keywordKind: 0 });
      continue;
    }
    let kind: PgToken["kind"] = "other";
    if (token.keywordKind > 0 || (token.tokenName === "IDENT" && !tokenText.startsWith('"'))) kind = "word";
    else if (token.tokenName === "IDENT") kind = "quoted";
    else if (token.tokenName === "SCONST" && tokenText.startsWith("'")) kind = "string";
    else if (token.tokenName === "SCONST" && tokenText.startsWith("$")) kind = "dollar";
    else if (token.tokenName === "ICONST" || token.tokenName === "FCONST") kind = "number";
    tokens.push({ start, end, text: tokenText, kind, upper: kind === "word" ? tokenText.toUpperCase() : "", keywordKind: token.keywordKind });
  }
  return { tokens, comments };
}

/** Maps a UTF-8 byte offset of `text` to its character offset. */
export function byteToCharOffsets(text: string): (byte: number) => number {
  // ASCII text: bytes and characters (UTF-16 units) coincide.
  if (!/[^\u0000-\u007f]/u.test(text)) return (byte) => byte;
  const chars: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code <= 0x7f ? 1 : code <= 0x7ff ? 2 : code <= 0xffff ? 3 : 4;
    for (let b = 0; b < width; b++) chars[byte + b] = i;
    byte += width;
    if (code > 0xffff) i++;
  }
  return (offset) => (offset >= byte ? text.length : chars[offset]!);
}

/** Thrown inside the builder when the statement has a shape it does not model; caught by `statementFromTokens`. */
class Unsupported extends Error {}

/** Data type names sql-parser-cst reads as keywords (`data_type_name`); any other bare name is an identifier. */
const KEYWORD_TYPES = new Set(["INT", "INTEGER", "SMALLINT", "BIGINT", "REAL", "FLOAT", "NUMERIC", "DECIMAL", "BOOLEAN", "CHAR", "CHARACTER", "VARCHAR", "NCHAR", "JSON", "BIT"]);
/** Words that start or continue a type name of several words (`double precision`, `timestamp with time zone`). */
const MULTIWORD_TYPE_STARTS = new Set(["DOUBLE", "PRECISION", "CHARACTER", "VARYING", "BIT", "TIME", "TIMESTAMP", "WITH", "WITHOUT", "ZONE", "NATIONAL", "CHAR"]);
const COMPARISON_OPERATORS = new Set(["=", "<>", "!=", "<", ">", "<=", ">="]);
/** Functions PostgreSQL calls without parentheses, which sql-parser-cst reads as calls. */
const BARE_FUNCTIONS = new Set(["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_USER", "SESSION_USER"]);

class Builder {
  protected i = 0;
  constructor(protected readonly tokens: readonly PgToken[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }
  protected peek(offset = 0): PgToken | undefined {
    return this.tokens[this.i + offset];
  }
  private last(): PgToken {
    return this.tokens[this.i - 1]!;
  }
  fail(): never {
    throw new Unsupported();
  }
  /** Whether the words come `offset` tokens ahead. */
  isWordsAt(offset: number, ...words: string[]): boolean {
    return words.every((word, n) => {
      const token = this.peek(offset + n);
      return token?.kind === "word" && token.upper === word;
    });
  }
  /** Takes the remaining tokens as read (a part parsed later by sql-parser-cst). */
  skipRest(): void {
    this.i = this.tokens.length;
  }
  /** End offset of the last token read. */
  end(): number {
    return this.last().end;
  }

  /** Whether the next tokens are these words. */
  isWords(...words: string[]): boolean {
    return words.every((word, n) => {
      const token = this.peek(n);
      return token?.kind === "word" && token.upper === word;
    });
  }
  isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === "other" && token.text === text;
  }
  punct(text: string): PgToken {
    if (!this.isPunct(text)) this.fail();
    return this.tokens[this.i++]!;
  }
  /** The keyword nodes of these words when they come next (consumed), else undefined. */
  optWords(...words: string[]): Node[] | undefined {
    if (!this.isWords(...words)) return undefined;
    return words.map(() => keyword(this.tokens[this.i++]!));
  }
  words(...words: string[]): Node[] {
    return this.optWords(...words) ?? this.fail();
  }
  /** One keyword node, or an array of them, as sql-parser-cst groups a keyword sequence. */
  kw(...words: string[]): Keywords {
    return grouped(this.words(...words));
  }
  optKw(...words: string[]): Keywords | undefined {
    const nodes = this.optWords(...words);
    return nodes && grouped(nodes);
  }

  identifier(): Node {
    const token = this.peek();
    if (token?.kind === "quoted") {
      this.i++;
      return { type: "identifier", text: token.text, name: token.text.slice(1, -1).replaceAll('""', '"'), range: [token.start, token.end] };
    }
    // Reserved and other keywords sql-parser-cst may read differently: left to it.
    if (token?.kind !== "word" || token.keywordKind > 1) this.fail();
    this.i++;
    return { type: "identifier", text: token.text, name: token.text, range: [token.start, token.end] };
  }
  /** `name` or `schema.name`. */
  qualifiedName(): Node {
    const first = this.identifier();
    if (!this.isPunct(".")) return first;
    this.i++;
    const property = this.identifier();
    if (this.isPunct(".")) this.fail();
    return { type: "member_expr", object: first, property, range: [first.range[0], property.range[1]] };
  }
  /** Comma-separated items; the list spans its first to its last item. */
  list(item: () => Node): Node {
    const items = [item()];
    while (this.isPunct(",")) {
      this.i++;
      items.push(item());
    }
    return { type: "list_expr", items, range: [items[0]!.range[0], items.at(-1)!.range[1]] };
  }
  /** `( items )`, at least one. */
  parenList(item: () => Node): Node {
    const list = this.parenthesized(item);
    if ((list.expr as Node & { items: Node[] }).items.length === 0) this.fail();
    return list;
  }
  /** `( items )` or `()`: an empty list sits at the end of the `(`, as in sql-parser-cst's tree. */
  parenthesized(item: () => Node): Node {
    const open = this.punct("(");
    const expr: Node = this.isPunct(")") ? { type: "list_expr", items: [], range: [open.end, open.end] } : this.list(item);
    const close = this.punct(")");
    return { type: "paren_expr", expr, range: [open.start, close.end] };
  }
  /** `ENABLE|DISABLE TRIGGER name|ALL`, not `… TRIGGER USER` (left to sql-parser-cst). */
  isTriggerToggle(): boolean {
    return !(this.peek(2)?.kind === "word" && this.peek(2)!.upper === "USER");
  }
  /** Whether a function parameter starts with its name: a word followed by another word (the type). */
  startsNamedParameter(): boolean {
    const [first, next] = [this.peek(), this.peek(1)];
    if (first?.kind !== "word" || first.keywordKind > 1 || MULTIWORD_TYPE_STARTS.has(first.upper)) return false;
    return next?.kind === "quoted" || (next?.kind === "word" && !MULTIWORD_TYPE_STARTS.has(next.upper));
  }
  /** The keywords of `words`, set as `node[key]` when they come next (one node or several, as `optKw` groups them). */
  optionalKw(node: Node, key: string, ...words: string[]): void {
    const keywords = this.optKw(...words);
    if (keywords) node[key] = keywords;
  }
  /** CASCADE or RESTRICT, added to `node` when present. */
  behavior(node: Node): Node {
    const behaviorKw = this.optKw("CASCADE") ?? this.optKw("RESTRICT");
    if (behaviorKw) node.behaviorKw = behaviorKw;
    return node;
  }

  // --- Data types -------------------------------------------------------------------------

  dataType(): Node {
    let type = this.baseDataType();
    while (this.isPunct("[")) {
      const open = this.punct("[");
      let bounds: Node;
      if (this.isPunct("]")) bounds = { type: "empty", range: [open.end, open.end] };
      else bounds = this.numberLiteral();
      const close = this.punct("]");
      type = { type: "array_data_type", dataType: type, bounds: { type: "array_bounds", bounds, range: [open.start, close.end] }, range: [type.range[0], close.end] };
    }
    return type;
  }
  private baseDataType(): Node {
    const token = this.peek() ?? this.fail();
    if (token.kind === "quoted") return this.modified(this.qualifiedName());
    if (token.kind !== "word") this.fail();
    if (this.isWords("DOUBLE", "PRECISION") || this.isWords("CHARACTER", "VARYING") || this.isWords("BIT", "VARYING")) {
      const name = this.words(token.upper, this.peek(1)!.upper);
      return this.modified({ type: "data_type_name", name, range: [name[0]!.range[0], name[1]!.range[1]] });
    }
    if (token.upper === "TIME" || token.upper === "TIMESTAMP") {
      const timeKw = keyword(token);
      this.i++;
      const node: Node = { type: "time_data_type", timeKw, range: [token.start, token.end] };
      if (this.isPunct("(")) {
        const open = this.punct("(");
        const expr = this.numberLiteral();
        const close = this.punct(")");
        node.precision = { type: "paren_expr", expr, range: [open.start, close.end] };
      }
      const zone = this.optWords("WITH", "TIME", "ZONE") ?? this.optWords("WITHOUT", "TIME", "ZONE");
      if (zone) node.timeZoneKw = zone;
      node.range = [token.start, this.last().end];
      return node;
    }
    if (KEYWORD_TYPES.has(token.upper)) {
      this.i++;
      return this.modified({ type: "data_type_name", name: keyword(token), range: [token.start, token.end] });
    }
    // Any other name that is no keyword, or an unreserved one (`text`, `uuid`, an enum type, `public.citext`), is an
    // identifier; the other keywords (`interval`, `national`, ...) have grammar of their own, left to sql-parser-cst.
    if (token.keywordKind <= 1) return this.modified(this.qualifiedName());
    return this.fail();
  }
  /** `type(n[, m])`. */
  private modified(dataType: Node): Node {
    if (!this.isPunct("(")) return dataType;
    const modifiers = this.parenList(() => this.numberLiteral());
    return { type: "modified_data_type", dataType, modifiers, range: [dataType.range[0], modifiers.range[1]] };
  }

  // --- Expressions ------------------------------------------------------------------------

  stringLiteral(): Node {
    const token = this.peek();
    if (token?.kind !== "string") this.fail();
    this.i++;
    return { type: "string_literal", text: token.text, value: token.text.slice(1, -1).replaceAll("''", "'"), range: [token.start, token.end] };
  }
  /** A '…' or $tag$…$tag$ string. */
  bodyLiteral(): Node {
    const token = this.peek();
    if (token?.kind !== "dollar") return this.stringLiteral();
    const tag = /^\$[^$]*\$/u.exec(token.text)?.[0] ?? this.fail();
    this.i++;
    return { type: "string_literal", text: token.text, value: token.text.slice(tag.length, -tag.length), range: [token.start, token.end] };
  }
  /** `( [name] type [DEFAULT expr], … )` of a function, with types of one word. */
  functionParams(withDefaults: boolean): Node {
    return this.parenthesized(() => {
      if (this.isWords("IN") || this.isWords("OUT") || this.isWords("INOUT") || this.isWords("VARIADIC")) this.fail();
      const paramName = this.startsNamedParameter() ? this.identifier() : undefined;
      const dataType = this.dataType();
      // sql-parser-cst rejects some longer type names in a signature (`character varying`): only names of one word here.
      if (!/^(?:identifier|member_expr|array_data_type)$/u.test(dataType.type) && !(dataType.type === "data_type_name" && !Array.isArray(dataType.name))) this.fail();
      const param: Node = { type: "function_param", dataType, range: [(paramName ?? dataType).range[0], dataType.range[1]] };
      if (paramName) param.name = paramName;
      if (withDefaults && this.isWords("DEFAULT")) {
        const operator = this.kw("DEFAULT") as Node;
        const expr = this.castExpr();
        param.default = { type: "function_param_default", operator, expr, range: [operator.range[0], expr.range[1]] };
        param.range = [param.range[0], expr.range[1]];
      }
      return param;
    });
  }
  /** `WHERE expr`, appended to `clauses` when present. */
  where(clauses: Node[]): void {
    if (!this.isWords("WHERE")) return;
    const whereKw = this.kw("WHERE") as Node;
    const expr = this.expr();
    clauses.push({ type: "where_clause", whereKw, expr, range: [whereKw.range[0], expr.range[1]] });
  }
  /** `table.column` or `schema.table.column`. */
  qualifiedColumn(): Node {
    let node = this.identifier();
    while (this.isPunct(".")) {
      this.i++;
      const property = this.identifier();
      node = { type: "member_expr", object: node, property, range: [node.range[0], property.range[1]] };
    }
    return node;
  }

  numberLiteral(): Node {
    const token = this.peek();
    if (token?.kind !== "number" || !/^\d+(?:\.\d+)?(?:e\d+)?$/iu.test(token.text)) this.fail();
    this.i++;
    return { type: "number_literal", text: token.text, value: Number(token.text), range: [token.start, token.end] };
  }
  /** OR, AND and NOT over comparisons, as sql-parser-cst nests them (left-associative). */
  expr(): Node {
    return this.leftAssociative("OR", () => this.leftAssociative("AND", () => this.notExpr()));
  }
  /** `operand (word operand)*`, each operator taking what came before as its left side. */
  private leftAssociative(word: string, operand: () => Node): Node {
    let left = operand();
    while (this.isWords(word)) {
      const operator = keyword(this.tokens[this.i++]!);
      const right = operand();
      left = { type: "binary_expr", operator, left, right, range: [left.range[0], right.range[1]] };
    }
    return left;
  }
  private notExpr(): Node {
    if (!this.isWords("NOT")) return this.comparison();
    const operator = keyword(this.tokens[this.i++]!);
    const expr = this.notExpr();
    return { type: "prefix_op_expr", operator, expr, range: [operator.range[0], expr.range[1]] };
  }
  private comparison(): Node {
    const left = this.castExpr();
    const token = this.peek();
    if (token?.kind === "other" && COMPARISON_OPERATORS.has(token.text)) {
      this.i++;
      const right = this.castExpr();
      if (this.peek()?.kind === "other" && COMPARISON_OPERATORS.has(this.peek()!.text)) this.fail();
      return { type: "binary_expr", operator: token.text, left, right, range: [left.range[0], right.range[1]] };
    }
    if (this.isWords("IS")) {
      const operator = grouped(this.optWords("IS", "NOT") ?? this.words("IS"));
      const nullToken = this.peek();
      if (!this.isWords("NULL")) this.fail();
      this.i++;
      const right = { type: "null_literal", nullKw: keyword(nullToken!), value: null, range: [nullToken!.start, nullToken!.end] as Range };
      return { type: "binary_expr", operator, left, right, range: [left.range[0], right.range[1]] };
    }
    if ((this.isWords("IN") && this.peek(1)?.text === "(") || (this.isWords("NOT", "IN") && this.peek(2)?.text === "(")) {
      const operator = grouped(this.optWords("NOT", "IN") ?? this.words("IN"));
      const right = this.parenList(() => this.castExpr());
      return { type: "binary_expr", operator, left, right, range: [left.range[0], right.range[1]] };
    }
    return left;
  }
  /** A primary expression with `::type` casts after it. */
  castExpr(): Node {
    let left = this.primary();
    while (this.isPunct("::")) {
      this.i++;
      const right = this.dataType();
      left = { type: "cast_operator_expr", left, operator: "::", right, range: [left.range[0], right.range[1]] };
    }
    return left;
  }
  private primary(): Node {
    const token = this.peek() ?? this.fail();
    switch (token.kind) {
      case "string":
        return this.stringLiteral();
      case "number":
        return this.numberLiteral();
      case "quoted":
        return this.columnOrCall();
      case "word": {
        if (token.upper === "TRUE" || token.upper === "FALSE") {
          this.i++;
          return { type: "boolean_literal", valueKw: keyword(token), value: token.upper === "TRUE", range: [token.start, token.end] };
        }
        if (token.upper === "NULL") {
          this.i++;
          return { type: "null_literal", nullKw: keyword(token), value: null, range: [token.start, token.end] };
        }
        if (BARE_FUNCTIONS.has(token.upper) && this.peek(1)?.text !== "(") {
          this.i++;
          return { type: "func_call", name: { type: "identifier", text: token.text, name: token.text, range: [token.start, token.end] }, range: [token.start, token.end] };
        }
        return this.columnOrCall();
      }
      default: {
        if (token.text === "-" && this.peek(1)?.kind === "number") {
          this.i++;
          const expr = this.numberLiteral();
          return { type: "prefix_op_expr", operator: "-", expr, range: [token.start, expr.range[1]] };
        }
        if (token.text === "(") {
          this.i++;
          const expr = this.expr();
          const close = this.punct(")");
          return { type: "paren_expr", expr, range: [token.start, close.end] };
        }
        return this.fail();
      }
    }
  }
  /** A column (`a`, `t.a`) or a call of a function by a bare name with plain arguments (`now()`, `lower(email)`). */
  private columnOrCall(): Node {
    const name = this.identifier();
    if (this.isPunct(".")) {
      this.i++;
      const property = this.identifier();
      if (this.isPunct(".") || this.isPunct("(")) this.fail();
      return { type: "member_expr", object: name, property, range: [name.range[0], property.range[1]] };
    }
    if (!this.isPunct("(")) return name;
    const args = this.parenthesized(() => {
      if (this.isWords("DISTINCT") || this.isWords("ALL") || this.isPunct("*")) this.fail();
      return this.castExpr();
    });
    // sql-parser-cst wraps a call's arguments once more, in a node with the list's range.
    const list = args.expr as Node;
    args.expr = { type: "func_args", args: list, range: list.range };
    return { type: "func_call", name, args, range: [name.range[0], args.range[1]] };
  }

  // --- Constraints --------------------------------------------------------------------------

  /** `name type constraints…`. */
  columnDefinition(): Node {
    const name = this.identifier();
    const dataType = this.dataType();
    const constraints = this.columnConstraints();
    return { type: "column_definition", name, dataType, constraints, range: [name.range[0], (constraints.at(-1) ?? dataType).range[1]] };
  }

  /** The constraints after a column's type in a column definition. */
  columnConstraints(): Node[] {
    const constraints: Node[] = [];
    while (!this.done() && !this.isPunct(",") && !this.isPunct(")")) {
      if (this.isWords("CONSTRAINT")) {
        const constraintKw = this.kw("CONSTRAINT") as Node;
        const nameNode = this.identifier();
        const constraint = this.columnConstraint();
        constraints.push({
          type: "constraint",
          name: { type: "constraint_name", constraintKw, name: nameNode, range: [constraintKw.range[0], nameNode.range[1]] },
          constraint,
          modifiers: [],
          range: [constraintKw.range[0], constraint.range[1]],
        });
      } else constraints.push(this.columnConstraint());
    }
    return constraints;
  }
  private columnConstraint(): Node {
    const start = this.peek()?.start ?? this.fail();
    if (this.isWords("NOT", "NULL")) return { type: "constraint_not_null", notNullKw: this.words("NOT", "NULL"), clauses: [], range: [start, this.last().end] };
    if (this.isWords("NULL")) return { type: "constraint_null", nullKw: this.kw("NULL"), range: [start, this.last().end] };
    if (this.isWords("DEFAULT")) {
      const defaultKw = this.kw("DEFAULT");
      const expr = this.castExpr();
      return { type: "constraint_default", defaultKw, expr, range: [start, expr.range[1]] };
    }
    if (this.isWords("PRIMARY", "KEY")) return { type: "constraint_primary_key", primaryKeyKw: this.words("PRIMARY", "KEY"), clauses: [], range: [start, this.last().end] };
    if (this.isWords("UNIQUE")) return { type: "constraint_unique", uniqueKw: this.kw("UNIQUE"), clauses: [], range: [start, this.last().end] };
    if (this.isWords("CHECK")) return this.check();
    if (this.isWords("REFERENCES")) return this.references();
    if ((this.isWords("GENERATED", "ALWAYS", "AS", "IDENTITY") || this.isWords("GENERATED", "BY", "DEFAULT", "AS", "IDENTITY")) && this.peek(this.isWords("GENERATED", "ALWAYS") ? 4 : 5)?.text !== "(") {
      const generatedKw = this.isWords("GENERATED", "ALWAYS") ? this.words("GENERATED", "ALWAYS") : this.words("GENERATED", "BY", "DEFAULT");
      const asKw = this.kw("AS");
      const identityKw = this.kw("IDENTITY") as Node;
      return { type: "constraint_generated", generatedKw, asKw, expr: { type: "identity_column", identityKw, range: identityKw.range }, range: [start, identityKw.range[1]] };
    }
    return this.fail();
  }
  private check(): Node {
    const checkKw = this.kw("CHECK") as Node;
    const open = this.punct("(");
    const inner = this.expr();
    const close = this.punct(")");
    if (this.isWords("NO", "INHERIT")) this.fail();
    return { type: "constraint_check", checkKw, expr: { type: "paren_expr", expr: inner, range: [open.start, close.end] }, clauses: [], range: [checkKw.range[0], close.end] };
  }
  /** `REFERENCES table [(columns)] [ON DELETE|UPDATE action]…`. */
  private references(): Node {
    const referencesKw = this.kw("REFERENCES") as Node;
    const table = this.qualifiedName();
    const node: Node = { type: "references_specification", referencesKw, table, options: [], range: [referencesKw.range[0], table.range[1]] };
    if (this.isPunct("(")) node.columns = this.parenList(() => this.identifier());
    const options = node.options as Node[];
    while (this.isWords("ON") || this.isWords("MATCH")) {
      if (this.isWords("MATCH")) {
        const matchKw = this.kw("MATCH") as Node;
        const typeKw = (this.optKw("SIMPLE") ?? this.optKw("FULL") ?? this.optKw("PARTIAL") ?? this.fail()) as Node;
        options.push({ type: "referential_match", matchKw, typeKw, range: [matchKw.range[0], typeKw.range[1]] });
        continue;
      }
      const onKw = this.kw("ON") as Node;
      const eventKw = this.optKw("DELETE") ?? this.optKw("UPDATE") ?? this.fail();
      const actionKw =
        this.optKw("CASCADE") ?? this.optKw("RESTRICT") ?? this.optKw("SET", "NULL") ?? this.optKw("SET", "DEFAULT") ?? this.optKw("NO", "ACTION") ?? this.fail();
      options.push({ type: "referential_action", onKw, eventKw, actionKw, range: [onKw.range[0], this.last().end] });
    }
    if (this.isWords("DEFERRABLE") || this.isWords("NOT", "DEFERRABLE") || this.isWords("INITIALLY")) this.fail();
    node.range = [referencesKw.range[0], this.last().end];
    return node;
  }
  /** A table constraint after ADD [CONSTRAINT name]. */
  tableConstraint(): Node {
    const start = this.peek()?.start ?? this.fail();
    if (this.isWords("FOREIGN", "KEY")) {
      const foreignKeyKw = this.words("FOREIGN", "KEY");
      const columns = this.parenList(() => this.identifier());
      const references = this.references();
      return { type: "constraint_foreign_key", foreignKeyKw, columns, references, range: [start, references.range[1]] };
    }
    if (this.isWords("UNIQUE") || this.isWords("PRIMARY", "KEY")) {
      const unique = this.isWords("UNIQUE");
      const keywords = unique ? this.kw("UNIQUE") : this.words("PRIMARY", "KEY");
      if (this.isWords("NULLS")) this.fail();
      let columns: Node;
      if (this.isWords("USING", "INDEX")) {
        const usingIndexKw = this.words("USING", "INDEX");
        const index = this.identifier();
        columns = { type: "existing_index", usingIndexKw, index, range: [usingIndexKw[0]!.range[0], index.range[1]] };
      } else {
        // sql-parser-cst reads a primary key's columns as index specifications, a unique key's as names.
        columns = this.parenList(() => {
          const expr = this.identifier();
          return unique ? expr : { type: "index_specification", expr, range: expr.range };
        });
      }
      if (this.isWords("INCLUDE") || this.isWords("WITH") || this.isWords("USING")) this.fail();
      const node: Node = unique
        ? { type: "constraint_unique", uniqueKw: keywords, columns, clauses: [], range: [start, columns.range[1]] }
        : { type: "constraint_primary_key", primaryKeyKw: keywords, columns, clauses: [], range: [start, columns.range[1]] };
      return node;
    }
    if (this.isWords("CHECK")) return this.check();
    return this.fail();
  }
}

function keyword(token: PgToken): Node {
  return { type: "keyword", text: token.text, name: token.upper, range: [token.start, token.end] };
}

function grouped(nodes: Node[]): Keywords {
  return nodes.length === 1 ? nodes[0]! : nodes;
}

function spanOf(first: Node | Node[], end: number): Range {
  const start = Array.isArray(first) ? first[0]!.range[0] : first.range[0];
  return [start, end];
}

// --- Statements -----------------------------------------------------------------------------

function transaction(b: Builder): Node {
  let node: Node;
  if (b.isWords("BEGIN") || b.isWords("START")) {
    const startKw = b.optKw("BEGIN") ?? b.kw("START");
    node = { type: "start_transaction_stmt", startKw, range: [0, 0] };
    const transactionKw = b.optKw("TRANSACTION") ?? b.optKw("WORK");
    if (transactionKw) node.transactionKw = transactionKw;
    else if ((startKw as Node).name === "START") b.fail();
  } else if (b.isWords("COMMIT") || b.isWords("END")) {
    const commitKw = b.optKw("COMMIT") ?? b.kw("END");
    node = { type: "commit_transaction_stmt", commitKw, range: [0, 0] };
    const transactionKw = b.optKw("TRANSACTION") ?? b.optKw("WORK");
    if (transactionKw) node.transactionKw = transactionKw;
  } else {
    node = { type: "rollback_transaction_stmt", rollbackKw: b.kw("ROLLBACK"), range: [0, 0] };
    const transactionKw = b.optKw("TRANSACTION") ?? b.optKw("WORK");
    if (transactionKw) node.transactionKw = transactionKw;
  }
  return node;
}

function setParameter(b: Builder): Node {
  const setKw = b.kw("SET");
  const node: Node = { type: "set_parameter_stmt", setKw, range: [0, 0] };
  const modifierKw = b.optKw("LOCAL") ?? b.optKw("SESSION");
  if (modifierKw) node.modifierKw = modifierKw;
  node.name = b.identifier();
  if (b.isPunct("=")) {
    b.punct("=");
    node.operator = "=";
  } else node.operator = b.kw("TO");
  node.value = b.list(() => {
    if (b.isWords("ON") || b.isWords("OFF")) {
      const valueKw = b.kw(b.isWords("ON") ? "ON" : "OFF") as Node;
      return { type: "boolean_on_off_literal", valueKw, value: valueKw.name === "ON", range: valueKw.range };
    }
    if (b.isWords("DEFAULT")) {
      const defaultKw = b.kw("DEFAULT") as Node;
      return { type: "default", defaultKw, range: defaultKw.range };
    }
    const value = b.castExpr();
    if (value.type !== "string_literal" && value.type !== "number_literal" && value.type !== "identifier" && value.type !== "boolean_literal") b.fail();
    return value;
  });
  return node;
}

function drop(b: Builder): Node {
  const dropKw = b.kw("DROP");
  if (b.isWords("TABLE")) {
    const node: Node = { type: "drop_table_stmt", dropKw, tableKw: b.kw("TABLE"), range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.tables = b.list(() => b.qualifiedName());
    return b.behavior(node);
  }
  if (b.isWords("INDEX")) {
    const node: Node = { type: "drop_index_stmt", dropKw, indexKw: b.kw("INDEX"), range: [0, 0] };
    b.optionalKw(node, "concurrentlyKw", "CONCURRENTLY");
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.indexes = b.list(() => b.qualifiedName());
    return b.behavior(node);
  }
  if (b.isWords("VIEW") || b.isWords("MATERIALIZED", "VIEW")) {
    const node: Node = { type: "drop_view_stmt", dropKw, range: [0, 0] };
    const materialized = b.optKw("MATERIALIZED") as Node | undefined;
    if (materialized) node.kind = { type: "relation_kind", kindKw: materialized, range: materialized.range };
    node.viewKw = b.kw("VIEW");
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.views = b.list(() => b.qualifiedName());
    return b.behavior(node);
  }
  if (b.isWords("SEQUENCE")) {
    const node: Node = { type: "drop_sequence_stmt", dropKw, sequenceKw: b.kw("SEQUENCE"), range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.sequences = b.list(() => b.qualifiedName());
    return b.behavior(node);
  }
  if (b.isWords("SCHEMA") || b.isWords("EXTENSION")) {
    const schema = b.isWords("SCHEMA");
    const keywords = [dropKw as Node, ...b.words(schema ? "SCHEMA" : "EXTENSION")];
    const node: Node = schema ? { type: "drop_schema_stmt", dropSchemaKw: keywords, range: [0, 0] } : { type: "drop_extension_stmt", dropExtensionKw: keywords, range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node[schema ? "schemas" : "names"] = b.list(() => b.identifier());
    return b.behavior(node);
  }
  if (b.isWords("TRIGGER")) {
    const node: Node = { type: "drop_trigger_stmt", dropTriggerKw: [dropKw as Node, ...b.words("TRIGGER")], range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.trigger = b.identifier();
    const onKw = b.kw("ON") as Node;
    const table = b.qualifiedName();
    node.target = { type: "trigger_target", onKw, table, range: [onKw.range[0], table.range[1]] };
    return b.behavior(node);
  }
  if (b.isWords("FUNCTION")) {
    const node: Node = { type: "drop_function_stmt", dropKw, functionKw: b.kw("FUNCTION"), range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.signatures = b.list(() => {
      const name = b.qualifiedName();
      if (!b.isPunct("(")) return { type: "function_signature", name, range: name.range };
      const params = b.functionParams(false);
      return { type: "function_signature", name, params, range: [name.range[0], params.range[1]] };
    });
    return b.behavior(node);
  }
  if (b.isWords("TYPE")) {
    const node: Node = { type: "drop_type_stmt", dropTypeKw: [dropKw as Node, ...b.words("TYPE")], range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.types = b.list(() => b.qualifiedName());
    return b.behavior(node);
  }
  return b.fail();
}

function createIndex(b: Builder): Node {
  const node: Node = { type: "create_index_stmt", createKw: b.kw("CREATE"), range: [0, 0] };
  b.optionalKw(node, "indexTypeKw", "UNIQUE");
  node.indexKw = b.kw("INDEX");
  b.optionalKw(node, "concurrentlyKw", "CONCURRENTLY");
  b.optionalKw(node, "ifNotExistsKw", "IF", "NOT", "EXISTS");
  if (!b.isWords("ON")) node.name = b.qualifiedName();
  node.onKw = b.kw("ON");
  node.table = onlyOrTable(b);
  if (b.isWords("USING")) {
    const usingKw = b.kw("USING") as Node;
    const method = b.identifier();
    node.using = { type: "using_access_method_clause", usingKw, method, range: [usingKw.range[0], method.range[1]] };
  }
  node.columns = b.parenList(() => {
    const expr = b.castExpr();
    const specification: Node = { type: "index_specification", expr, range: expr.range };
    if (b.isWords("COLLATE")) b.fail();
    if (!b.isWords("ASC") && !b.isWords("DESC") && !b.isWords("NULLS") && !b.isPunct(",") && !b.isPunct(")")) {
      const name = b.identifier();
      specification.opclass = { type: "postgresql_operator_class", name, range: name.range };
    }
    const direction = b.optKw("ASC") ?? b.optKw("DESC");
    if (direction) {
      const keywordNode = direction as Node;
      specification.direction = keywordNode.name === "ASC"
        ? { type: "sort_direction_asc", ascKw: keywordNode, range: keywordNode.range }
        : { type: "sort_direction_desc", descKw: keywordNode, range: keywordNode.range };
    }
    if (b.isWords("NULLS")) b.fail();
    specification.range = [expr.range[0], (specification.direction as Node | undefined)?.range[1] ?? (specification.opclass as Node | undefined)?.range[1] ?? expr.range[1]];
    return specification;
  });
  const clauses: Node[] = [];
  b.where(clauses);
  node.clauses = clauses;
  return node;
}

/** A table name, or `ONLY name`. */
function onlyOrTable(b: Builder): Node {
  const onlyKw = b.optKw("ONLY") as Node | undefined;
  const table = b.qualifiedName();
  return onlyKw ? { type: "table_without_inheritance", onlyKw, table, range: [onlyKw.range[0], table.range[1]] } : table;
}

function alterIndex(b: Builder): Node {
  const node: Node = { type: "alter_index_stmt", alterKw: b.kw("ALTER"), indexKw: b.kw("INDEX"), range: [0, 0] };
  b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
  node.index = b.qualifiedName();
  const renameKw = b.words("RENAME", "TO");
  const newName = b.identifier();
  node.action = { type: "alter_action_rename", renameKw, newName, range: [renameKw[0]!.range[0], newName.range[1]] };
  return node;
}

function alterTable(b: Builder): Node {
  const node: Node = { type: "alter_table_stmt", alterTableKw: b.words("ALTER", "TABLE"), range: [0, 0] };
  b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
  node.table = onlyOrTable(b);
  node.actions = b.list(() => alterAction(b));
  return node;
}

function alterAction(b: Builder): Node {
  if (b.isWords("ADD")) {
    const add = b.words("ADD");
    if (b.isWords("CONSTRAINT") || b.isWords("FOREIGN") || b.isWords("UNIQUE") || b.isWords("PRIMARY") || b.isWords("CHECK")) {
      const node: Node = { type: "alter_action_add_constraint", addKw: add[0], range: [0, 0] };
      if (b.isWords("CONSTRAINT")) {
        const constraintKw = b.kw("CONSTRAINT") as Node;
        const name = b.identifier();
        node.name = { type: "alter_action_add_constraint_constraint_name", constraintKw, name, range: [constraintKw.range[0], name.range[1]] };
      }
      node.constraint = b.tableConstraint();
      const modifiers: Node[] = [];
      if (b.isWords("NOT", "VALID")) {
        const kw = b.words("NOT", "VALID");
        modifiers.push({ type: "constraint_modifier", kw, range: [kw[0]!.range[0], kw[1]!.range[1]] });
      }
      node.modifiers = modifiers;
      node.range = spanOf(add[0]!, (modifiers.at(-1) ?? (node.constraint as Node)).range[1]);
      return node;
    }
    const columnKw = b.optWords("COLUMN");
    const node: Node = { type: "alter_action_add_column", addKw: grouped(columnKw ? [...add, ...columnKw] : add), range: [0, 0] };
    b.optionalKw(node, "ifNotExistsKw", "IF", "NOT", "EXISTS");
    node.column = b.columnDefinition();
    node.range = [add[0]!.range[0], (node.column as Node).range[1]];
    return node;
  }
  if (b.isWords("DROP", "CONSTRAINT")) {
    const node: Node = { type: "alter_action_drop_constraint", dropConstraintKw: b.words("DROP", "CONSTRAINT"), range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.constraint = b.identifier();
    return finish(b, b.behavior(node), node.dropConstraintKw as Node[]);
  }
  if (b.isWords("DROP")) {
    const drop = b.words("DROP");
    const columnKw = b.optWords("COLUMN");
    const node: Node = { type: "alter_action_drop_column", dropKw: grouped(columnKw ? [...drop, ...columnKw] : drop), range: [0, 0] };
    b.optionalKw(node, "ifExistsKw", "IF", "EXISTS");
    node.column = b.identifier();
    return finish(b, b.behavior(node), drop);
  }
  if (b.isWords("ALTER")) {
    const alter = b.words("ALTER");
    const columnKw = b.optWords("COLUMN");
    const column = b.identifier();
    const action = alterColumnAction(b);
    return { type: "alter_action_alter_column", alterKw: grouped(columnKw ? [...alter, ...columnKw] : alter), column, action, range: [alter[0]!.range[0], action.range[1]] };
  }
  if (b.isWords("VALIDATE", "CONSTRAINT")) {
    const validateConstraintKw = b.words("VALIDATE", "CONSTRAINT");
    const constraint = b.identifier();
    return { type: "alter_action_validate_constraint", validateConstraintKw, constraint, range: [validateConstraintKw[0]!.range[0], constraint.range[1]] };
  }
  if (b.isWords("RENAME", "TO")) {
    const renameKw = b.words("RENAME", "TO");
    const newName = b.identifier();
    return { type: "alter_action_rename", renameKw, newName, range: [renameKw[0]!.range[0], newName.range[1]] };
  }
  if (b.isWords("RENAME", "CONSTRAINT")) {
    const renameConstraintKw = b.words("RENAME", "CONSTRAINT");
    const oldName = b.identifier();
    const toKw = b.kw("TO");
    const newName = b.identifier();
    return { type: "alter_action_rename_constraint", renameConstraintKw, oldName, toKw, newName, range: [renameConstraintKw[0]!.range[0], newName.range[1]] };
  }
  if (b.isWords("RENAME")) {
    const rename = b.words("RENAME");
    const columnKw = b.optWords("COLUMN");
    const oldName = b.identifier();
    const toKw = b.kw("TO");
    const newName = b.identifier();
    return {
      type: "alter_action_rename_column",
      renameKw: grouped(columnKw ? [...rename, ...columnKw] : rename),
      oldName,
      toKw,
      newName,
      range: [rename[0]!.range[0], newName.range[1]],
    };
  }
  if ((b.isWords("ENABLE", "TRIGGER") || b.isWords("DISABLE", "TRIGGER")) && b.isTriggerToggle()) {
    const enable = b.isWords("ENABLE");
    const toggleKw = b.kw(enable ? "ENABLE" : "DISABLE") as Node;
    const triggerKw = b.kw("TRIGGER") as Node;
    const name = b.optKw("ALL") ?? b.identifier();
    const item = { type: "toggle_trigger", triggerKw, name, range: [triggerKw.range[0], b.end()] };
    return enable
      ? { type: "alter_action_enable", enableKw: toggleKw, item, range: [toggleKw.range[0], b.end()] }
      : { type: "alter_action_disable", disableKw: toggleKw, item, range: [toggleKw.range[0], b.end()] };
  }
  if (b.isWords("OWNER", "TO")) {
    const ownerToKw = b.words("OWNER", "TO");
    const owner = b.identifier();
    return { type: "alter_action_owner_to", ownerToKw, owner, range: [ownerToKw[0]!.range[0], owner.range[1]] };
  }
  return b.fail();
}

/** Sets the range of an action from its first keyword to the last token read. */
function finish(b: Builder, node: Node, first: Node[]): Node {
  node.range = [first[0]!.range[0], b.end()];
  return node;
}

function alterColumnAction(b: Builder): Node {
  if (b.isWords("SET", "NOT", "NULL")) {
    const setNotNullKw = b.words("SET", "NOT", "NULL");
    return { type: "alter_action_set_not_null", setNotNullKw, range: [setNotNullKw[0]!.range[0], setNotNullKw[2]!.range[1]] };
  }
  if (b.isWords("DROP", "NOT", "NULL")) {
    const dropNotNullKw = b.words("DROP", "NOT", "NULL");
    return { type: "alter_action_drop_not_null", dropNotNullKw, range: [dropNotNullKw[0]!.range[0], dropNotNullKw[2]!.range[1]] };
  }
  if (b.isWords("SET", "DEFAULT")) {
    const setDefaultKw = b.words("SET", "DEFAULT");
    const expr = b.castExpr();
    return { type: "alter_action_set_default", setDefaultKw, expr, range: [setDefaultKw[0]!.range[0], expr.range[1]] };
  }
  if (b.isWords("DROP", "DEFAULT")) {
    const dropDefaultKw = b.words("DROP", "DEFAULT");
    return { type: "alter_action_drop_default", dropDefaultKw, range: [dropDefaultKw[0]!.range[0], dropDefaultKw[1]!.range[1]] };
  }
  if (b.isWords("TYPE") || b.isWords("SET", "DATA", "TYPE")) {
    const setDataTypeKw = b.optKw("TYPE") ?? b.kw("SET", "DATA", "TYPE");
    const dataType = b.dataType();
    if (b.isWords("COLLATE")) b.fail();
    const clauses: Node[] = [];
    if (b.isWords("USING")) {
      const usingKw = b.kw("USING") as Node;
      const expr = b.castExpr();
      clauses.push({ type: "set_data_type_using_clause", usingKw, expr, range: [usingKw.range[0], expr.range[1]] });
    }
    return { type: "alter_action_set_data_type", setDataTypeKw, dataType, clauses, range: spanOf(setDataTypeKw, (clauses[0] ?? dataType).range[1]) };
  }
  return b.fail();
}

function createTable(b: Builder): Node {
  const node: Node = { type: "create_table_stmt", createKw: b.kw("CREATE"), tableKw: b.kw("TABLE"), range: [0, 0] };
  b.optionalKw(node, "ifNotExistsKw", "IF", "NOT", "EXISTS");
  node.name = b.qualifiedName();
  node.columns = b.parenList(() => {
    if (b.isWords("CONSTRAINT")) {
      const constraintKw = b.kw("CONSTRAINT") as Node;
      const name = b.identifier();
      const constraint = b.tableConstraint();
      return {
        type: "constraint",
        name: { type: "constraint_name", constraintKw, name, range: [constraintKw.range[0], name.range[1]] },
        constraint,
        modifiers: [],
        range: [constraintKw.range[0], constraint.range[1]],
      };
    }
    if (b.isWords("FOREIGN", "KEY") || b.isWords("UNIQUE") || b.isWords("PRIMARY", "KEY") || b.isWords("CHECK")) return b.tableConstraint();
    if (b.isWords("LIKE") || b.isWords("EXCLUDE")) b.fail();
    return b.columnDefinition();
  });
  node.clauses = [];
  return node;
}

function createType(b: Builder): Node {
  const createTypeKw = b.words("CREATE", "TYPE");
  const name = b.qualifiedName();
  const asEnumKw = b.words("AS", "ENUM");
  const values = b.parenthesized(() => b.stringLiteral());
  return {
    type: "create_type_stmt",
    createTypeKw,
    name,
    definition: { type: "enum_type_definition", asEnumKw, values, range: [asEnumKw[0]!.range[0], values.range[1]] },
    range: [0, 0],
  };
}

function alterEnum(b: Builder): Node {
  const alterTypeKw = b.words("ALTER", "TYPE");
  const name = b.qualifiedName();
  let action: Node;
  if (b.isWords("RENAME", "TO")) {
    const renameKw = b.words("RENAME", "TO");
    const newName = b.identifier();
    action = { type: "alter_action_rename", renameKw, newName, range: [renameKw[0]!.range[0], newName.range[1]] };
  } else if (b.isWords("ADD", "VALUE")) {
    const addValueKw = b.words("ADD", "VALUE");
    action = { type: "alter_action_add_enum_value", addValueKw, range: [0, 0] };
    b.optionalKw(action, "ifNotExistsKw", "IF", "NOT", "EXISTS");
    action.value = b.stringLiteral();
    if (b.isWords("BEFORE") || b.isWords("AFTER")) {
      const positionKw = b.kw(b.isWords("BEFORE") ? "BEFORE" : "AFTER") as Node;
      const value = b.stringLiteral();
      action.position = { type: "alter_action_add_enum_value_position", positionKw, value, range: [positionKw.range[0], value.range[1]] };
    }
    action.range = [addValueKw[0]!.range[0], b.end()];
  } else {
    const renameValueKw = b.words("RENAME", "VALUE");
    const oldValue = b.stringLiteral();
    const toKw = b.kw("TO");
    const newValue = b.stringLiteral();
    action = { type: "alter_action_rename_enum_value", renameValueKw, oldValue, toKw, newValue, range: [renameValueKw[0]!.range[0], newValue.range[1]] };
  }
  return { type: "alter_type_stmt", alterTypeKw, name, actions: { type: "list_expr", items: [action], range: action.range }, range: [0, 0] };
}

function comment(b: Builder): Node {
  const commentKw = b.kw("COMMENT");
  const onKw = b.kw("ON");
  let target: Node;
  if (b.isWords("COLUMN")) {
    const columnKw = b.kw("COLUMN") as Node;
    const name = b.qualifiedColumn();
    target = { type: "comment_target_column", columnKw, name, range: [columnKw.range[0], name.range[1]] };
  } else {
    const tableKw = b.kw("TABLE") as Node;
    const name = b.qualifiedName();
    target = { type: "comment_target_table", tableKw, name, range: [tableKw.range[0], name.range[1]] };
  }
  const isKw = b.kw("IS");
  let message: Node;
  if (b.isWords("NULL")) {
    const nullKw = b.kw("NULL") as Node;
    message = { type: "null_literal", nullKw, value: null, range: nullKw.range };
  } else message = b.stringLiteral();
  return { type: "comment_stmt", commentKw, onKw, target, isKw, message, range: [0, 0] };
}

function update(b: Builder): Node {
  const updateKw = b.kw("UPDATE") as Node;
  const table = b.qualifiedName();
  const clauses: Node[] = [
    { type: "update_clause", updateKw, modifiers: [], tables: { type: "list_expr", items: [table], range: table.range }, range: [updateKw.range[0], table.range[1]] },
  ];
  const setKw = b.kw("SET") as Node;
  const assignments = b.list(() => {
    const column = b.identifier();
    b.punct("=");
    if (b.isWords("DEFAULT")) b.fail();
    const expr = b.expr();
    return { type: "column_assignment", column, expr, range: [column.range[0], expr.range[1]] };
  });
  clauses.push({ type: "set_clause", setKw, assignments, range: [setKw.range[0], assignments.range[1]] });
  b.where(clauses);
  return { type: "update_stmt", clauses, range: [0, 0] };
}

function deleteRows(b: Builder): Node {
  const deleteKw = b.kw("DELETE") as Node;
  const fromKw = b.kw("FROM");
  const table = b.qualifiedName();
  const clauses: Node[] = [
    { type: "delete_clause", deleteKw, modifiers: [], fromKw, tables: { type: "list_expr", items: [table], range: table.range }, range: [deleteKw.range[0], table.range[1]] },
  ];
  b.where(clauses);
  return { type: "delete_stmt", clauses, range: [0, 0] };
}

function createExtension(b: Builder): Node {
  const node: Node = { type: "create_extension_stmt", createExtensionKw: b.words("CREATE", "EXTENSION"), range: [0, 0] };
  b.optionalKw(node, "ifNotExistsKw", "IF", "NOT", "EXISTS");
  node.name = b.identifier();
  node.clauses = [];
  return node;
}

function createFunction(b: Builder): Node {
  const node: Node = { type: "create_function_stmt", createKw: b.kw("CREATE"), range: [0, 0] };
  b.optionalKw(node, "orReplaceKw", "OR", "REPLACE");
  node.functionKw = b.kw("FUNCTION");
  node.name = b.qualifiedName();
  node.params = b.functionParams(true);
  const clauses: Node[] = [];
  while (!b.done()) {
    const start = b.isWords("RETURNS") ? "RETURNS" : undefined;
    if (start) {
      const returnsKw = b.kw("RETURNS") as Node;
      let dataType: Node;
      if (b.isWords("SETOF")) {
        const setofKw = b.kw("SETOF") as Node;
        const inner = b.dataType();
        dataType = { type: "setof_data_type", setofKw, dataType: inner, range: [setofKw.range[0], inner.range[1]] };
      } else {
        if (b.isWords("TABLE")) b.fail();
        dataType = b.dataType();
      }
      clauses.push({ type: "returns_clause", returnsKw, dataType, range: [returnsKw.range[0], dataType.range[1]] });
    } else if (b.isWords("AS")) {
      const asKw = b.kw("AS") as Node;
      const expr = b.bodyLiteral();
      if (b.isPunct(",")) b.fail();
      clauses.push({ type: "as_clause", asKw, expr, range: [asKw.range[0], expr.range[1]] });
    } else if (b.isWords("LANGUAGE")) {
      const languageKw = b.kw("LANGUAGE") as Node;
      const name = b.identifier();
      clauses.push({ type: "language_clause", languageKw, name, range: [languageKw.range[0], name.range[1]] });
    } else if (b.isWords("IMMUTABLE") || b.isWords("STABLE") || b.isWords("VOLATILE") || b.isWords("STRICT")) {
      const behaviorKw = b.kw(["IMMUTABLE", "STABLE", "VOLATILE", "STRICT"].find((word) => b.isWords(word))!) as Node;
      clauses.push({ type: "function_behavior_clause", behaviorKw, range: behaviorKw.range });
    } else if (b.isWords("SECURITY", "DEFINER") || b.isWords("SECURITY", "INVOKER")) {
      const securityKw = b.words("SECURITY", b.isWords("SECURITY", "DEFINER") ? "DEFINER" : "INVOKER");
      clauses.push({ type: "function_security_clause", securityKw, range: [securityKw[0]!.range[0], securityKw[1]!.range[1]] });
    } else b.fail();
  }
  node.clauses = clauses;
  return node;
}

function createTrigger(b: Builder): Node {
  const node: Node = { type: "create_trigger_stmt", createKw: b.kw("CREATE"), triggerKw: b.kw("TRIGGER"), range: [0, 0] };
  node.name = b.identifier();
  node.timeKw = b.optKw("BEFORE") ?? b.optKw("AFTER") ?? b.fail();
  const triggerEvent = (): Node => {
    const eventKw = (b.optKw("INSERT") ?? b.optKw("UPDATE") ?? b.optKw("DELETE") ?? b.optKw("TRUNCATE") ?? b.fail()) as Node;
    const event: Node = { type: "trigger_event", eventKw, range: eventKw.range };
    if (eventKw.name === "UPDATE" && b.isWords("OF")) {
      event.ofKw = b.kw("OF");
      event.columns = b.list(() => b.identifier());
      event.range = [eventKw.range[0], b.end()];
    }
    return event;
  };
  let event = triggerEvent();
  while (b.isWords("OR")) {
    const operator = b.kw("OR") as Node;
    const right = triggerEvent();
    event = { type: "binary_expr", operator, left: event, right, range: [event.range[0], right.range[1]] };
  }
  node.event = event;
  const onKw = b.kw("ON") as Node;
  const table = b.qualifiedName();
  node.target = { type: "trigger_target", onKw, table, range: [onKw.range[0], table.range[1]] };
  const clauses: Node[] = [];
  if (b.isWords("FOR", "EACH")) {
    const forEachKw = b.words("FOR", "EACH");
    const itemKw = (b.optKw("ROW") ?? b.optKw("STATEMENT") ?? b.fail()) as Node;
    clauses.push({ type: "for_each_clause", forEachKw, itemKw, range: [forEachKw[0]!.range[0], itemKw.range[1]] });
  }
  node.clauses = clauses;
  const executeKw = b.kw("EXECUTE") as Node;
  const functionKw = (b.optKw("FUNCTION") ?? b.optKw("PROCEDURE") ?? b.fail()) as Node;
  const name = b.qualifiedName();
  const args = b.parenthesized(() => b.castExpr());
  node.body = { type: "execute_clause", executeKw, functionKw, name, args, range: [executeKw.range[0], args.range[1]] };
  return node;
}

function doBlock(b: Builder): Node {
  const node: Node = { type: "do_stmt", doKw: b.kw("DO"), range: [0, 0] };
  if (b.isWords("LANGUAGE")) {
    const languageKw = b.kw("LANGUAGE") as Node;
    const name = b.identifier();
    node.language = { type: "language_clause", languageKw, name, range: [languageKw.range[0], name.range[1]] };
  }
  node.body = b.bodyLiteral();
  if (!node.language && b.isWords("LANGUAGE")) b.fail();
  return node;
}

function insert(b: Builder): Node {
  const insertKw = b.kw("INSERT") as Node;
  const intoKw = b.kw("INTO");
  const table = b.qualifiedName();
  const insertClause: Node = { type: "insert_clause", insertKw, modifiers: [], intoKw, table, range: [insertKw.range[0], table.range[1]] };
  if (b.isPunct("(")) {
    insertClause.columns = b.parenList(() => b.identifier());
    insertClause.range = [insertKw.range[0], b.end()];
  }
  const valuesKw = b.kw("VALUES") as Node;
  const values = b.list(() =>
    b.parenList(() => {
      if (b.isWords("DEFAULT")) b.fail();
      return b.castExpr();
    }),
  );
  const clauses: Node[] = [insertClause, { type: "values_clause", valuesKw, values, range: [valuesKw.range[0], values.range[1]] }];
  if (b.isWords("ON", "CONFLICT", "DO", "NOTHING")) {
    const onConflictKw = b.words("ON", "CONFLICT");
    const doKw = b.kw("DO");
    const nothingKw = b.kw("NOTHING") as Node;
    clauses.push({
      type: "upsert_clause",
      onConflictKw,
      doKw,
      action: { type: "upsert_action_nothing", nothingKw, range: nothingKw.range },
      range: [onConflictKw[0]!.range[0], nothingKw.range[1]],
    });
  }
  return { type: "insert_stmt", clauses, range: [0, 0] };
}

/**
 * The tokens a view's query may have for its parse to wait until something reads it: below this,
 * the query cannot nest past the depth the rules walk (MAX_STATEMENT_DEPTH in parse-sql.ts), which
 * is checked when a statement is parsed and not again when a deferred query is.
 */
const MAX_DEFERRED_QUERY_TOKENS = 1500;

/**
 * `CREATE [OR REPLACE] VIEW name AS query`: the view's name is read here, its query (the node's
 * `clauses`) by sql-parser-cst when a rule first reads it. Most rules ask only which views a
 * migration creates; the query is most of the statement and costs sql-parser-cst's warm-up.
 */
function createView(b: Builder, tokens: readonly PgToken[], parseLater: ParseLater | undefined): Node {
  if (!parseLater || tokens.length > MAX_DEFERRED_QUERY_TOKENS) b.fail();
  const node: Node = { type: "create_view_stmt", createKw: b.kw("CREATE"), range: [0, 0] };
  b.optionalKw(node, "orReplaceKw", "OR", "REPLACE");
  node.kinds = [];
  node.viewKw = b.kw("VIEW");
  node.name = b.qualifiedName();
  if (!b.isWords("AS") || !(b.isWordsAt(1, "SELECT") || b.isWordsAt(1, "WITH"))) b.fail();
  const [start, end] = [tokens[0]!.start, tokens.at(-1)!.end];
  Object.defineProperty(node, "clauses", {
    enumerable: true,
    configurable: true,
    get(): Node[] {
      const parsed = parseLater(start, end) as Node | undefined;
      const clauses = parsed?.type === "create_view_stmt" ? (parsed.clauses as Node[]) : [];
      Object.defineProperty(node, "clauses", { value: clauses, enumerable: true, writable: true, configurable: true });
      return clauses;
    },
  });
  DEFERRED.set(node, "clauses");
  b.skipRest();
  return node;
}

/** The builder for a statement, by its first words; undefined for a statement this module does not build. */
function builderFor(tokens: readonly PgToken[], parseLater: ParseLater | undefined): ((b: Builder) => Node) | undefined {
  const word = (n: number) => (tokens[n]?.kind === "word" ? tokens[n]!.upper : "");
  switch (word(0)) {
    case "BEGIN":
    case "START":
    case "COMMIT":
    case "END":
    case "ROLLBACK":
      return transaction;
    case "SET":
      return setParameter;
    case "DROP":
      return drop;
    case "COMMENT":
      return comment;
    case "UPDATE":
      return update;
    case "DELETE":
      return deleteRows;
    case "INSERT":
      return insert;
    case "DO":
      return doBlock;
    case "ALTER":
      return ({ TABLE: alterTable, TYPE: alterEnum, INDEX: alterIndex } as Record<string, (b: Builder) => Node>)[word(1)];
    case "CREATE": {
      const what = word(1) === "OR" ? word(3) : word(1);
      if (what === "INDEX" || (what === "UNIQUE" && word(2) === "INDEX")) return createIndex;
      if (what === "VIEW") return (b) => createView(b, tokens, parseLater);
      return ({ TABLE: createTable, TYPE: createType, EXTENSION: createExtension, FUNCTION: createFunction, TRIGGER: createTrigger } as Record<string, (b: Builder) => Node>)[what];
    }
    default:
      return undefined;
  }
}

/** Statements this module built, for the checks and measurements that compare it with sql-parser-cst. */
const BUILT = new WeakSet<object>();
/** Nodes with a part sql-parser-cst reads when first asked, by the key of that part: a view's query (`clauses`), an IF's `condition`. */
const DEFERRED = new WeakMap<object, string>();

/** sql-parser-cst's node for the statement between two offsets of the file, for a part read on demand. */
export type ParseLater = (start: number, end: number) => SqlStatementNode | undefined;

/** Whether `key` of `node` is read on demand: a walk that must not trigger that read skips it. */
export function isDeferred(node: object, key: string): boolean {
  return DEFERRED.get(node) === key;
}

export function isBuiltByTokens(statement: object): boolean {
  return BUILT.has(statement);
}

/**
 * sql-parser-cst's node for one statement, from its tokens (no comments, no `;`), or undefined
 * when this module does not build that statement's shape. `parseLater` lets a part most rules do
 * not read (a view's query) wait for sql-parser-cst until it is read.
 */
export function statementFromTokens(tokens: readonly PgToken[], parseLater?: ParseLater): SqlStatementNode | undefined {
  const build = builderFor(tokens, parseLater);
  if (!build) return undefined;
  const builder = new Builder(tokens);
  try {
    const node = build(builder);
    if (!builder.done()) return undefined;
    node.range = [tokens[0]!.start, tokens.at(-1)!.end];
    BUILT.add(node);
    return node as unknown as SqlStatementNode;
  } catch (error) {
    // A shape it does not model, or input too deep for its recursion: sql-parser-cst reads it, or reports it.
    if (error instanceof Unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The statements of a PostgreSQL file as the database splits them: at each `;` outside
 * parentheses (strings, dollar quotes and comments are single tokens already). Each span starts
 * after the previous `;` and ends with its own; `tokens` leaves the `;` out.
 * Undefined for a file with a SQL-standard function body (`BEGIN ATOMIC … END`), whose `;` do not
 * end the statement, and for one with a parenthesis never closed.
 */
export function splitTokens(tokens: readonly PgToken[], textLength: number): { start: number; end: number; tokens: PgToken[] }[] | undefined {
  const statements: { start: number; end: number; tokens: PgToken[] }[] = [];
  let start = 0;
  let depth = 0;
  let current: PgToken[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.kind === "word" && token.upper === "ATOMIC" && tokens[i - 1]?.upper === "BEGIN") return undefined;
    if (token.kind === "other" && token.text === "(") depth++;
    else if (token.kind === "other" && token.text === ")") depth = Math.max(depth - 1, 0);
    else if (token.kind === "other" && token.text === ";" && depth === 0) {
      if (current.length > 0) statements.push({ start, end: token.end, tokens: current });
      start = token.end;
      current = [];
      continue;
    }
    current.push(token);
  }
  // A parenthesis left open would hide every later statement: the file is not valid SQL, so the
  // caller's splitter, which cuts at every `;`, reports it and still lints what follows.
  if (depth > 0) return undefined;
  if (current.length > 0) statements.push({ start, end: textLength, tokens: current });
  return statements;
}

// --- PL/pgSQL bodies of DO blocks ----------------------------------------------------------------

/** sql-parser-cst's node for the condition of an IF between two offsets of the file, for when it is first read. */
export type ParseCondition = (start: number, end: number) => unknown;

/** Statements that are PL/pgSQL inside a body (a nested block, `COMMIT` of a procedure's transaction), not the SQL statement of the same words. */
const NOT_SQL_IN_BODY = new Set(["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "DECLARE", "EXCEPTION", "ELSIF", "ELSEIF", "CASE", "LOOP", "WHILE", "FOR", "FOREACH"]);

function emptyStatement(at: number): Node {
  return { type: "empty", range: [at, at] };
}

/**
 * Reads the body of a `DO` block as sql-parser-cst's `plpgsql` dialect does, from the body's
 * tokens: `BEGIN … END [;]` around the SQL statements this module builds and `IF … THEN … [ELSE
 * …] END IF`. A condition is read by sql-parser-cst only when first asked: no rule looks into
 * one. Any other construct (DECLARE, loops, RAISE, assignments) throws `Unsupported`.
 */
class BodyReader extends Builder {
  constructor(
    tokens: readonly PgToken[],
    private readonly bodyEnd: number,
    private readonly parseLater: ParseLater | undefined,
    private readonly parseCondition: ParseCondition,
  ) {
    super(tokens);
  }

  /** One keyword node. */
  private take(word: string): Node {
    return this.words(word)[0]!;
  }
  /** Where the next token starts, or the body's end: where sql-parser-cst puts the empty statement after a `;`. */
  private nextStart(): number {
    return this.peek()?.start ?? this.bodyEnd;
  }

  program(): Node {
    const block = this.block();
    const statements = [block];
    let end = block.range[1];
    if (this.isPunct(";")) {
      this.punct(";");
      end = this.nextStart();
      statements.push(emptyStatement(end));
    }
    if (!this.done()) this.fail();
    return { type: "program", statements, range: [block.range[0], end] };
  }

  private block(): Node {
    const beginKw = this.take("BEGIN");
    const program = this.statements();
    const endKw = this.take("END");
    return { type: "block_stmt", beginKw, program, endKw, range: [beginKw.range[0], endKw.range[1]] };
  }

  /** Statements, each ended by `;`, up to the END or ELSE that closes them. */
  private statements(): Node {
    const statements: Node[] = [];
    while (!this.isWords("END") && !this.isWords("ELSE")) {
      statements.push(this.isWords("IF") ? this.ifStatement() : this.sqlStatement());
      this.punct(";");
    }
    const next = this.nextStart();
    if (statements.length === 0) return { type: "program", statements, range: [next, next] };
    statements.push(emptyStatement(next));
    return { type: "program", statements, range: [statements[0]!.range[0], next] };
  }

  private ifStatement(): Node {
    const ifKw = this.take("IF");
    const first = this.i;
    // To the THEN, which must come before the statement ends. (A `CASE … THEN` inside the condition leaves a consequent that is no statement.)
    while (!this.isWords("THEN")) {
      if (this.done() || this.isPunct(";")) this.fail();
      this.i++;
    }
    if (this.i === first) this.fail();
    const [start, end] = [this.tokens[first]!.start, this.tokens[this.i - 1]!.end];
    const thenKw = this.take("THEN");
    const consequent = this.statements();
    const ifClause: Node = { type: "if_clause", ifKw, thenKw, consequent, range: [ifKw.range[0], consequent.range[1]] };
    const parseCondition = this.parseCondition;
    Object.defineProperty(ifClause, "condition", {
      enumerable: true,
      configurable: true,
      get(): unknown {
        const condition = parseCondition(start, end);
        Object.defineProperty(ifClause, "condition", { value: condition, enumerable: true, writable: true, configurable: true });
        return condition;
      },
    });
    DEFERRED.set(ifClause, "condition");
    const clauses = [ifClause];
    if (this.isWords("ELSE")) {
      const elseKw = this.take("ELSE");
      const alternative = this.statements();
      clauses.push({ type: "else_clause", elseKw, consequent: alternative, range: [elseKw.range[0], alternative.range[1]] });
    }
    const endIfKw = [this.take("END"), this.take("IF")];
    return { type: "if_stmt", clauses, endIfKw, range: [ifKw.range[0], endIfKw[1]!.range[1]] };
  }

  private sqlStatement(): Node {
    const first = this.i;
    let depth = 0;
    for (let token = this.tokens[this.i]; ; token = this.tokens[++this.i]) {
      if (!token) this.fail();
      if (token.kind !== "other") continue;
      if (token.text === "(") depth++;
      else if (token.text === ")") depth--;
      else if (token.text === ";" && depth === 0) break;
    }
    const own = this.tokens.slice(first, this.i);
    if (own.length === 0 || NOT_SQL_IN_BODY.has(own[0]!.upper)) this.fail();
    return (statementFromTokens(own, this.parseLater) as unknown as Node | undefined) ?? this.fail();
  }
}

/**
 * sql-parser-cst's `plpgsql` program for the body of a `DO` block, built from the body's tokens
 * (offsets in the file, comments left out; `bodyEnd` is where the body's text ends), or undefined
 * when the body has a construct this module does not build, which sql-parser-cst then reads.
 */
export function plpgsqlBodyFromTokens(tokens: readonly PgToken[], bodyEnd: number, parseLater: ParseLater | undefined, parseCondition: ParseCondition): object | undefined {
  try {
    const program = new BodyReader(tokens, bodyEnd, parseLater, parseCondition).program();
    BUILT.add(program);
    return program;
  } catch (error) {
    if (error instanceof Unsupported || error instanceof RangeError) return undefined;
    throw error;
  }
}
