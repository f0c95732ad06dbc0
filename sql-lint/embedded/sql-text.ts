import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { unwrapTypeAssertions } from "../../rules/utils/expressions.ts";

/**
 * SQL written in JS/TS code, read as text with the source position of every character, so a
 * finding in the SQL can be reported exactly where it is in the string literal.
 *
 * String literals, template literals (the quasis of tagged ones too), concatenations with `+`
 * and `const`s holding any of these are read; `${}` substitutions and concatenated expressions
 * become holes: computed at run time, replaced by a placeholder (or their value, when it is a
 * constant) for parsing.
 */

/** Characters of a string literal or template, and where each starts in the source. */
export interface TextPart {
  kind: "text";
  /** The string's value (escapes decoded). */
  text: string;
  /** Source offset of each character's first code unit, plus one entry for the end: `text.length + 1` entries. */
  offsets: number[];
  /** The literal's delimiter, which a fix must not insert unescaped. */
  quote: "'" | '"' | "`";
}

/** Something computed at run time: a `${}` substitution, a concatenated expression, a Knex `?` binding. */
export interface HolePart {
  kind: "hole";
  /** How it reads in messages, e.g. `${table}`. */
  label: string;
  /** The source it stands for: a finding inside it points at all of it. */
  span: [number, number];
  /** The SQL text it produces, when that is a constant known at lint time. */
  value?: string;
}

export type SqlPart = TextPart | HolePart;

/** What reading SQL out of code needs besides the syntax tree. */
export interface SourceContext {
  text: string;
  /** The initializer of the `const` that `identifier` refers to, if it is one. */
  constantOf(identifier: TSESTree.Identifier): TSESTree.Expression | undefined;
}

const MAX_CONSTANT_DEPTH = 4;
/** Longer chains of `+` are not SQL someone wrote by hand; reading them would only risk the stack. */
const MAX_CONCATENATION_DEPTH = 200;
const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v" };
const LINE_TERMINATORS = new Set(["\n", "\r", "\u2028", "\u2029"]);

/**
 * Decodes the escapes of a string literal's or template's raw source between `start` and
 * `end`, recording where each character came from. Legacy octal escapes are not read (they
 * are an error in templates and strict code, and a mapping for them is not worth having).
 */
function decode(source: string, start: number, end: number, template: boolean): { text: string; offsets: number[] } | undefined {
  let text = "";
  const offsets: number[] = [];
  let index = start;
  while (index < end) {
    const char = source[index]!;
    if (char === "\\") {
      const next = source[index + 1];
      if (next === undefined) return undefined;
      let length = 2;
      let value: string;
      if (next in SIMPLE_ESCAPES) {
        value = SIMPLE_ESCAPES[next]!;
      } else if (next === "x") {
        const hex = source.slice(index + 2, index + 4);
        if (!/^[0-9a-fA-F]{2}$/u.test(hex)) return undefined;
        value = String.fromCharCode(Number.parseInt(hex, 16));
        length = 4;
      } else if (next === "u") {
        const braced = /^\{([0-9a-fA-F]+)\}/u.exec(source.slice(index + 2, index + 12));
        const plain = /^[0-9a-fA-F]{4}/u.exec(source.slice(index + 2, index + 6));
        if (braced) {
          value = String.fromCodePoint(Number.parseInt(braced[1]!, 16));
          length = 2 + braced[0].length;
        } else if (plain) {
          value = String.fromCharCode(Number.parseInt(plain[0], 16));
          length = 6;
        } else {
          return undefined;
        }
      } else if (LINE_TERMINATORS.has(next)) {
        // A line continuation: no character.
        value = "";
        if (next === "\r" && source[index + 2] === "\n") length = 3;
      } else if (next === "0" && !/[0-9]/u.test(source[index + 2] ?? "")) {
        value = "\0";
      } else if (/[0-9]/u.test(next)) {
        return undefined;
      } else {
        value = next;
      }
      for (let unit = 0; unit < value.length; unit++) offsets.push(index);
      text += value;
      index += length;
    } else if (template && char === "\r") {
      // Templates read CR and CRLF as LF.
      text += "\n";
      offsets.push(index);
      index += source[index + 1] === "\n" ? 2 : 1;
    } else {
      text += char;
      offsets.push(index);
      index++;
    }
  }
  offsets.push(end);
  return { text, offsets };
}

function stringLiteralPart(node: TSESTree.StringLiteral, source: string): TextPart | undefined {
  const [start, end] = node.range;
  const decoded = decode(source, start + 1, end - 1, false);
  // The parser's own value is the reference: a mapping that disagrees with it is not used.
  if (!decoded || decoded.text !== node.value) return undefined;
  return { kind: "text", text: decoded.text, offsets: decoded.offsets, quote: source[start] === "'" ? "'" : '"' };
}

function holeOf(node: TSESTree.Node, context: SourceContext, span: [number, number], depth: number): HolePart {
  const label = `\${${context.text.slice(node.range[0], node.range[1]).replace(/\s+/gu, " ")}}`;
  const value = constantValue(node, context, depth);
  return value === undefined ? { kind: "hole", label, span } : { kind: "hole", label, span, value };
}

function templateParts(node: TSESTree.TemplateLiteral, context: SourceContext, depth: number): SqlPart[] | undefined {
  const parts: SqlPart[] = [];
  for (const [index, quasi] of node.quasis.entries()) {
    const [start, end] = quasi.range;
    // A quasi's range includes its delimiters: ` or } before, ` or ${ after.
    const decoded = decode(context.text, start + 1, quasi.tail ? end - 1 : end - 2, true);
    if (!decoded || quasi.value.cooked === null || decoded.text !== quasi.value.cooked) return undefined;
    if (decoded.text !== "") parts.push({ kind: "text", text: decoded.text, offsets: decoded.offsets, quote: "`" });
    const expression = node.expressions[index];
    const next = node.quasis[index + 1];
    if (expression && next) parts.push(holeOf(expression, context, [end - 2, next.range[0] + 1], depth));
  }
  return parts;
}

/** The value of a constant expression as SQL text would contain it: a string or number literal, or a `const` holding one. */
export function constantValue(node: TSESTree.Node, context: SourceContext, depth = 0): string | undefined {
  const expression = unwrapTypeAssertions(node);
  if (expression.type === AST_NODE_TYPES.Literal && (typeof expression.value === "string" || typeof expression.value === "number")) {
    return String(expression.value);
  }
  if (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length === 0) {
    return expression.quasis[0]!.value.cooked ?? undefined;
  }
  if (expression.type === AST_NODE_TYPES.Identifier && depth < MAX_CONSTANT_DEPTH) {
    const init = context.constantOf(expression);
    return init ? constantValue(init, context, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * The SQL an expression spells out, as parts; undefined when it is not text written in this
 * file (a variable, a function call, a number).
 */
export function sqlPartsOf(node: TSESTree.Node, context: SourceContext, depth = 0, concatenation = 0): SqlPart[] | undefined {
  const expression = unwrapTypeAssertions(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal: {
      if (typeof expression.value !== "string") return undefined;
      const part = stringLiteralPart(expression as TSESTree.StringLiteral, context.text);
      return part ? [part] : undefined;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return templateParts(expression, context, depth);
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return templateParts(expression.quasi, context, depth);
    case AST_NODE_TYPES.BinaryExpression: {
      if (expression.operator !== "+" || concatenation >= MAX_CONCATENATION_DEPTH) return undefined;
      const left = sqlPartsOf(expression.left, context, depth, concatenation + 1);
      const right = sqlPartsOf(expression.right, context, depth, concatenation + 1);
      // At least one side must be text: `a + b` of two unknowns is no SQL we can read.
      if (!left && !right) return undefined;
      return [...(left ?? [holeOf(expression.left, context, expression.left.range, depth)]), ...(right ?? [holeOf(expression.right, context, expression.right.range, depth)])];
    }
    case AST_NODE_TYPES.Identifier: {
      if (depth >= MAX_CONSTANT_DEPTH) return undefined;
      const init = context.constantOf(expression);
      return init ? sqlPartsOf(init, context, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** True when the parts contain something computed at run time whose value is not known. */
export function hasUnknownHole(parts: readonly SqlPart[]): boolean {
  return parts.some((part) => part.kind === "hole" && part.value === undefined);
}

/** The minimal view of a scope-analysis variable that constant lookup needs (typescript-eslint's and ESLint's both fit). */
interface VariableLike {
  defs: readonly { type: string; node: unknown; parent?: unknown }[];
}

/** The initializer of a variable declared once with `const name = …`. */
export function constInitializer(variable: VariableLike | null | undefined): TSESTree.Expression | undefined {
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0]!;
  if (definition.type !== "Variable") return undefined;
  const declarator = definition.node as TSESTree.VariableDeclarator;
  const declaration = definition.parent as TSESTree.VariableDeclaration | undefined;
  if (declaration?.kind !== "const" || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.init ?? undefined;
}
