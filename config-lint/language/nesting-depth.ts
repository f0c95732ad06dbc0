import { type CST, Lexer, Parser } from "yaml";
import { provablyWithinLimits } from "./plain-block-yaml.ts";

/**
 * How deep collections may nest before a file is refused unparsed. Real configuration stays far
 * below it (the deepest Kubernetes CRD schemas nest about 40 levels); `yaml`'s composer, which
 * recurses, fails somewhere past 700 levels, and a hostile file may nest 100,000.
 */
export const MAX_NESTING_DEPTH = 200;

/**
 * How many keys one mapping, and how many entries one sequence, may hold before a file is refused
 * unparsed. yaml-eslint-parser takes the entries of a collection off the front of an array one at
 * a time, and `yaml` compares each key of a mapping with every key before it (to find duplicates):
 * both cost time that grows with the square of the count, half a second for 10,000 keys but a
 * minute for the 100,000 a 1 MB file can hold. Real configuration stays far below (a Helm
 * repository index lists some thousands of chart versions); lists, cheaper, may be longer.
 */
export const MAX_MAPPING_KEYS = 10_000;
export const MAX_SEQUENCE_ENTRIES = 50_000;

export interface DeepNesting {
  /** Offset of the token that opened one collection too many. */
  offset: number;
  depth: number;
}

export interface LargeCollection {
  /** Offset of the token that added one entry too many. */
  offset: number;
  collection: "mapping" | "sequence";
  entries: number;
}

export interface ParserLimits {
  depth: number;
  mappingKeys: number;
  sequenceEntries: number;
}

const LIMITS: ParserLimits = { depth: MAX_NESTING_DEPTH, mappingKeys: MAX_MAPPING_KEYS, sequenceEntries: MAX_SEQUENCE_ENTRIES };

/**
 * Where the text first goes past what the YAML parser can take: collections (block or flow)
 * nested deeper than the limit, or one collection with more entries than its limit; null when
 * it does neither. A file that one scan of its text shows to be within the limits (most are:
 * see plain-block-yaml.ts) is not parsed here; the others go through `yaml`'s lexer and CST
 * parser, which keep their own stacks instead of recursing and take linear time, so this is safe
 * on any input and stops at the first token past a limit; the recursive composer and every tree
 * walk after it then only ever see files they can handle.
 */
export function findParserOverload(text: string, limits: ParserLimits = LIMITS): DeepNesting | LargeCollection | null {
  // Most files are plain block YAML that a scan of the text shows to be well within the limits:
  // for them the lexer and parser below would be a second parse of the whole file.
  if (provablyWithinLimits(text, limits)) return null;
  return exactParserOverload(text, limits);
}

/** {@link findParserOverload} by `yaml`'s own lexer and CST parser, without the quick proof. */
export function exactParserOverload(text: string, limits: ParserLimits = LIMITS): DeepNesting | LargeCollection | null {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    drain(parser.next(lexeme));
    const { stack } = parser;
    if (stack.length > limits.depth) return { offset, depth: stack.length };
    // A collection gains an entry while it is at the top of the stack or just below.
    for (let i = stack.length - 1; i >= Math.max(stack.length - 3, 0); i--) {
      const large = largeCollection(stack[i]!, limits);
      if (large) return { offset, ...large };
    }
  }
  return null;
}

/** Where the text first nests collections deeper than `limit`, or null (see {@link findParserOverload}). */
export function findDeepNesting(text: string, limit = MAX_NESTING_DEPTH): DeepNesting | null {
  const found = findParserOverload(text, { depth: limit, mappingKeys: Infinity, sequenceEntries: Infinity });
  return found && "depth" in found ? found : null;
}

function largeCollection(token: CST.Token, limits: ParserLimits): Omit<LargeCollection, "offset"> | undefined {
  if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") return undefined;
  const collection = token.type === "block-map" || (token.type === "flow-collection" && token.start.source === "{") ? "mapping" : "sequence";
  const limit = collection === "mapping" ? limits.mappingKeys : limits.sequenceEntries;
  return token.items.length > limit ? { collection, entries: token.items.length } : undefined;
}

/** Runs a token generator to its end; only its effect on the parser's stack matters here. */
function drain(tokens: Generator<unknown>): void {
  for (let step = tokens.next(); !step.done; step = tokens.next()) {
    // Completed top-level tokens are dropped.
  }
}
