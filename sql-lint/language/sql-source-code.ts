import type { FileProblem, RulesConfig, SourceLocation, TraversalStep } from "@eslint/core";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import { isSqlNode, type DoStmtWithBody, type SqlNode, type SqlProgram } from "./parse-sql.ts";
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
      if (key === "leading" || key === "trailing" || key === "range") continue;
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
