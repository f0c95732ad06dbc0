import type { RenderedSql, Segment } from "./render-sql.ts";

/**
 * The SQL of one migration function as one virtual `.sql` file: every SQL string it runs, in
 * source order, each ended by `;` on a line of its own, so that the SQL rules see the migration
 * as a whole (a table created by an earlier query, `lock_timeout` set by an earlier query).
 * Statements that stand for schema-builder calls (`CREATE TABLE` for `knex.schema.createTable`)
 * are added as text that maps to nothing: findings in them are dropped.
 */
export interface VirtualBlock {
  text: string;
  segments: Segment[];
  /** Ranges of the block rendered from SQL with unknown run-time values. */
  dynamicRanges: [number, number][];
}

/**
 * Ends a piece: a comment or an unterminated statement in one cannot swallow the next. Pieces
 * are then moved down to the line they start on in the source, so that line numbers in
 * messages ("the transaction opened on line 12") are the source's, as far as the SQL allows
 * (a `\n` escape in a one-line string puts the block ahead of the source).
 */
const TERMINATOR = "\n;";
const LINE_BREAK = /\r\n|\r|\n/gu;

export type BlockPiece = ({ sql: RenderedSql } | { synthetic: string }) & {
  /** The source line the piece starts on. */
  line: number;
};

export function composeBlock(pieces: readonly BlockPiece[]): VirtualBlock {
  let text = "";
  let line = 1;
  const segments: Segment[] = [];
  const dynamicRanges: [number, number][] = [];
  const append = (value: string): void => {
    text += value;
    line += value.match(LINE_BREAK)?.length ?? 0;
  };
  for (const piece of pieces) {
    if (text !== "") append(TERMINATOR);
    append("\n".repeat(Math.max(text === "" ? 0 : 1, piece.line - line)));
    const start = text.length;
    if ("synthetic" in piece) {
      append(piece.synthetic);
      continue;
    }
    for (const segment of piece.sql.segments) segments.push({ ...segment, start: segment.start + start, end: segment.end + start });
    append(piece.sql.text);
    if (piece.sql.dynamic) dynamicRanges.push([start, text.length]);
  }
  if (text !== "") append(`${TERMINATOR}\n`);
  return { text, segments, dynamicRanges };
}

/**
 * The source offset of block offset `offset`, or undefined when it falls on text added for
 * parsing. A start is looked up in the segment it begins, an end in the segment it closes.
 */
export function sourceOffset(block: VirtualBlock, offset: number, edge: "start" | "end"): number | undefined {
  for (const segment of block.segments) {
    const inside = edge === "start" ? segment.start <= offset && offset < segment.end : segment.start < offset && offset <= segment.end;
    if (!inside) continue;
    if ("span" in segment) return edge === "start" ? segment.span[0] : segment.span[1];
    return segment.part.offsets[segment.partStart + (offset - segment.start)];
  }
  return undefined;
}

/**
 * The source range of block range [start, end) when all of it is text copied character for
 * character from one string literal, so an edit there can be made in the literal itself.
 */
export function verbatimSourceRange(block: VirtualBlock, sourceText: string, start: number, end: number): { range: [number, number]; quote: string } | undefined {
  const segment = block.segments.find((candidate) =>
    start === end ? candidate.start <= start && start <= candidate.end : candidate.start <= start && end <= candidate.end,
  );
  if (!segment || !("part" in segment)) return undefined;
  const { part } = segment;
  const from = part.offsets[segment.partStart + (start - segment.start)]!;
  const to = part.offsets[segment.partStart + (end - segment.start)]!;
  if (sourceText.slice(from, to) !== block.text.slice(start, end)) return undefined;
  return { range: [from, to], quote: part.quote };
}

/** True when `offset` lies in SQL that has unknown run-time values in it. */
export function isInDynamicSql(block: VirtualBlock, offset: number): boolean {
  return block.dynamicRanges.some(([start, end]) => start <= offset && offset <= end);
}
