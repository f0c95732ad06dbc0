import type { FileProblem, RulesConfig, SourceLocation, TraversalStep } from "@eslint/core";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import { isSqlNode, type DoStmtWithBody, type SqlNode, type SqlProgram } from "./parse-sql.ts";
import { isDeferred } from "./pg-cst.ts";
import { sqlVisitorKeys, type SqlLanguageOptions } from "./sql-language.ts";

/** A `-- line`, `# line` (MySQL) or block comment, with its text between the delimiters in `value`. */
export interface SqlComment {
  type: "line_comment" | "block_comment";
  text: string;
  value: string;
  range: [number, number];
}

/** Anything in a SQL file that has a position: a CST node or a comment. */
export type SqlSyntaxElement = SqlNode | SqlComment;

/** What a JavaScript rule finds when it asks a SQL file for its scope. */
interface EmptyScope {
  type: "global";
  block: SqlProgram;
  upper: null;
  childScopes: [];
  variables: [];
  set: Map<string, never>;
  references: [];
  through: [];
  isStrict: false;
  functionExpressionScope: false;
  variableScope?: EmptyScope;
}

interface InlineConfig {
  config: { rules: RulesConfig };
  loc: SourceLocation;
}

/** Line endings as sql-parser-cst counts them in its syntax errors, so both agree on line numbers. */
export const SQL_LINE_ENDING = /\r\n|\r|\n/u;

const INLINE_CONFIG = /^\s*eslint(?:-disable(?:-next-line|-line)?|-enable)?(?:\s|$)/u;
const commentParser = new ConfigCommentParser();

function commentValue(type: SqlComment["type"], text: string): string {
  if (type === "block_comment") return text.slice(2, text.endsWith("*/") ? -2 : undefined);
  return text.startsWith("#") ? text.slice(1) : text.slice(2);
}

/**
 * Collects every comment sql-parser-cst attached to the tree (as `leading`/`trailing` whitespace
 * of any node, keywords included), in source order.
 */
function collectComments(root: object): SqlComment[] {
  const byStart = new Map<number, SqlComment>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const node = value as Record<string, unknown>;
    for (const key of ["leading", "trailing"] as const) {
      const whitespace = node[key] as { type: string; text: string; range?: [number, number] }[] | undefined;
      for (const item of whitespace ?? []) {
        if ((item.type === "line_comment" || item.type === "block_comment") && item.range) {
          byStart.set(item.range[0], {
            type: item.type,
            text: item.text,
            value: commentValue(item.type, item.text),
            range: item.range,
          });
        }
      }
    }
    for (const key in node) {
      if (key === "leading" || key === "trailing" || key === "range" || isDeferred(node, key)) continue;
      const child = node[key];
      if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
  return [...byStart.values()].sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * The SourceCode of a SQL file: positions from sql-parser-cst's ranges, parents recorded during
 * traversal, and ESLint's inline configuration comments (`-- eslint-disable-next-line rule`,
 * `/* eslint rule: "off" *\/`).
 */
export class SqlSourceCode extends TextSourceCodeBase<{
  LangOptions: SqlLanguageOptions;
  RootNode: SqlProgram;
  SyntaxElementWithLoc: SqlSyntaxElement;
  ConfigNode: SqlComment;
}> {
  readonly visitorKeys = sqlVisitorKeys;
  readonly #parents = new WeakMap<object, SqlNode>();
  #comments: SqlComment[] | undefined;
  #inlineConfigComments: SqlComment[] | undefined;
  #steps: TraversalStep[] | undefined;
  #rootLoc: SourceLocation | undefined;

  constructor({ text, ast }: { text: string; ast: SqlProgram }) {
    super({ text, ast, lineEndingPattern: SQL_LINE_ENDING });
    // The JavaScript statements of the file, for rules that read `ast.body` when they start: none.
    // Not enumerable, so nothing that walks the tree sees it.
    if (!("body" in ast)) Object.defineProperty(ast, "body", { value: [], enumerable: false });
  }

  /** All comments in the file, in source order. */
  get comments(): SqlComment[] {
    this.#comments ??= this.ast.splitComments ? this.#splitFileComments(this.ast.splitComments) : collectComments(this.ast);
    return this.#comments;
  }

  /**
   * The splitter's comments, and those in the parsed bodies of DO blocks, which it skips as
   * part of a dollar-quoted string, so that a disable comment works there as in a file parsed whole.
   */
  #splitFileComments(splitComments: NonNullable<SqlProgram["splitComments"]>): SqlComment[] {
    const comments: SqlComment[] = splitComments.map((comment) => ({ ...comment, value: commentValue(comment.type, comment.text) }));
    for (const statement of this.ast.statements) {
      const body = statement.type === "do_stmt" ? (statement as DoStmtWithBody).parsedBody : undefined;
      if (body) comments.push(...collectComments(body));
    }
    return comments.sort((a, b) => a.range[0] - b.range[0]);
  }

  override getLoc(element: SqlSyntaxElement): SourceLocation {
    if (element === this.ast) return this.#getRootLoc();
    const [start, end] = this.getRange(element);
    return { start: this.getLocFromIndex(start), end: this.getLocFromIndex(end) };
  }

  override getRange(element: SqlSyntaxElement): [number, number] {
    if (element === this.ast) return [0, this.text.length];
    if (!element.range) throw new Error(`SQL node "${element.type}" has no range`);
    return element.range;
  }

  /** The program spans the whole file, including comments before its first statement. */
  #getRootLoc(): SourceLocation {
    if (!this.#rootLoc) {
      const lines = this.lines;
      this.#rootLoc = {
        start: { line: 1, column: 0 },
        end: { line: lines.length, column: lines.at(-1)?.length ?? 0 },
      };
    }
    return this.#rootLoc;
  }

  override getParent(node: SqlSyntaxElement): SqlNode | undefined {
    return this.#parents.get(node);
  }

  override traverse(): Iterable<TraversalStep> {
    if (this.#steps) return this.#steps;
    const steps: TraversalStep[] = [];
    const visit = (node: SqlNode, parent: SqlNode | undefined): void => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, parent] }));
      for (const key of sqlVisitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (isSqlNode(item)) visit(item, node);
        } else if (isSqlNode(child)) {
          visit(child, node);
        }
      }
      steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps;
  }

  // Compatibility with ESLint's JavaScript SourceCode. A config object without `files` (as
  // @eslint/js's and typescript-eslint's recommended configs are) also runs JavaScript rules on SQL
  // files. Their listeners never match a SQL node type, but some ask for comments, tokens or scopes
  // when they start: SQL has none of JavaScript's, so they get empty answers and report nothing.

  /**
   * What typescript-eslint's parser gives its rules for a file without type information (no
   * program, empty node maps), so its rules that read these settings start and find nothing.
   */
  readonly parserServices = {
    program: null,
    esTreeNodeToTSNodeMap: new WeakMap<object, never>(),
    tsNodeToESTreeNodeMap: new WeakMap<object, never>(),
    emitDecoratorMetadata: false,
    experimentalDecorators: false,
    isolatedDeclarations: false,
  };

  /** JavaScript comments: none in SQL. (SQL comments are `comments`.) */
  getAllComments(): [] {
    return [];
  }

  /** JavaScript tokens and comments: none in SQL. */
  get tokensAndComments(): [] {
    return [];
  }

  /** JavaScript tokens: none in SQL (rules listening to every node with `*` ask for them). */
  getTokens(): [] {
    return [];
  }

  getFirstToken(): null {
    return null;
  }

  getLastToken(): null {
    return null;
  }

  getTokenBefore(): null {
    return null;
  }

  getTokenAfter(): null {
    return null;
  }

  getCommentsBefore(): [] {
    return [];
  }

  getCommentsAfter(): [] {
    return [];
  }

  getCommentsInside(): [] {
    return [];
  }

  /** A scope without variables: SQL has no JavaScript scopes. */
  getScope(): EmptyScope {
    return this.#emptyScope();
  }

  get scopeManager(): { scopes: EmptyScope[]; globalScope: EmptyScope; acquire: () => EmptyScope; getDeclaredVariables: () => [] } {
    const scope = this.#emptyScope();
    return { scopes: [scope], globalScope: scope, acquire: () => scope, getDeclaredVariables: () => [] };
  }

  #scope: EmptyScope | undefined;

  #emptyScope(): EmptyScope {
    if (!this.#scope) {
      const scope: EmptyScope = {
        type: "global",
        block: this.ast,
        upper: null,
        childScopes: [],
        variables: [],
        set: new Map<string, never>(),
        references: [],
        through: [],
        isStrict: false,
        functionExpressionScope: false,
      };
      scope.variableScope = scope;
      this.#scope = scope;
    }
    return this.#scope;
  }

  getInlineConfigNodes(): SqlComment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { directives: Directive[]; problems: FileProblem[] } {
    const directives: Directive[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (!directive) continue;
      const { label, value, justification } = directive;
      const loc = this.getLoc(comment);
      if (label === "eslint-disable-line" && loc.start.line !== loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc });
        continue;
      }
      if (label.startsWith("eslint-disable") || label === "eslint-enable") {
        const type = label.slice("eslint-".length) as "disable" | "enable" | "disable-line" | "disable-next-line";
        directives.push(new Directive({ type, node: comment, value, justification }));
      }
    }
    return { directives, problems };
  }

  applyInlineConfig(): { configs: InlineConfig[]; problems: FileProblem[] } {
    const configs: InlineConfig[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== "eslint") continue;
      const loc = this.getLoc(comment);
      const result = commentParser.parseJSONLikeConfig(directive.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc });
      else problems.push({ ruleId: null, message: result.error.message, loc });
    }
    return { configs, problems };
  }
}
