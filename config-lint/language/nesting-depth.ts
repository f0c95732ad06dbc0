import { Lexer, Parser } from "yaml";

/**
 * How deep collections may nest before a file is refused unparsed. Real configuration stays far
 * below it (the deepest Kubernetes CRD schemas nest about 40 levels); `yaml`'s composer, which
 * recurses, fails somewhere past 700 levels, and a hostile file may nest 100,000.
 */
export const MAX_NESTING_DEPTH = 200;

export interface DeepNesting {
  /** Offset of the token that opened one collection too many. */
  offset: number;
  depth: number;
}

/**
 * Where the text first nests collections (block or flow) deeper than `limit`, or null. It runs
 * `yaml`'s lexer and CST parser, which keep their own stacks instead of recursing, so it is safe
 * on any input and stops at the first token past the limit; the recursive composer and every
 * tree walk after it then only ever see shallow files.
 */
export function findDeepNesting(text: string, limit = MAX_NESTING_DEPTH): DeepNesting | null {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    drain(parser.next(lexeme));
    if (parser.stack.length > limit) return { offset, depth: parser.stack.length };
  }
  return null;
}

/** Runs a token generator to its end; only its effect on the parser's stack matters here. */
function drain(tokens: Generator<unknown>): void {
  for (let step = tokens.next(); !step.done; step = tokens.next()) {
    // Completed top-level tokens are dropped.
  }
}
