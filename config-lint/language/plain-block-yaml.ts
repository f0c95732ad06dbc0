/**
 * A quick proof, from the text alone, that a YAML file stays within the parser's limits, so that
 * the exact check (`yaml`'s lexer and CST parser, a parse of its own) is only needed for the rare
 * file this cannot vouch for.
 *
 * It reads the plain block style that configuration and rendered manifests are written in: lines of
 * `key: value` and `- item`, indented to nest, with quoted scalars and flow collections that end on
 * their line, block scalars (`|`, `>`), plain scalars continued on more indented lines, comments
 * and document markers. Each line's structure begins at a known column, so the block collections
 * open at any point are a stack of columns, and a collection gains an entry only from a line that
 * starts one at its column. Everything else (anchors, aliases, tags, explicit keys, flow
 * collections or quoted scalars over several lines, tabs in indentation, directives, a mapping
 * written after a key on the same line) makes it answer "unknown" rather than guess.
 *
 * Every count errs upwards: a column that holds both a mapping and the sequence written under one
 * of its keys counts as two levels, a flow collection as many levels as it has brackets and colons,
 * a sequence as many entries as there are `-` at its column while it is open. So "within" means
 * the exact check would have found nothing; the exact check decides everything else.
 */
import type { ParserLimits } from "./nesting-depth.ts";

interface OpenColumn {
  column: number;
  /** Entries started at this column by keys (a mapping) and by `-` (a sequence). */
  keys: number;
  items: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;

/** Characters that cannot start a plain scalar here, or start what this reader leaves to the exact check. */
const RESERVED_START = new Set([..."?&*!%@`|>[]{},#\"'"].map((char) => char.charCodeAt(0)));

/**
 * True when the text provably stays within the limits (nesting depth, mapping keys, sequence
 * entries) as `yaml`'s CST parser counts them; false when it may not, or when it is written in a
 * way this reader does not follow.
 */
export function provablyWithinLimits(text: string, limits: ParserLimits): boolean {
  const reader = new Reader(text, limits);
  return reader.read();
}

class Reader {
  private readonly text: string;
  private readonly limits: ParserLimits;
  private open: OpenColumn[] = [];
  /** Lines more indented than this are the content of a block scalar (or -1: none is open). */
  private blockScalarParent = -1;
  private blockScalarIndent = -1;
  /** Whether the text has a tab anywhere: then each line outside block scalars is checked for one. */
  private readonly hasTabs: boolean;
  /** A plain scalar may continue on lines more indented than this (or -1). */
  private plainParent = -1;
  /** The structure columns of the line being read, and the flow nesting it adds. */
  private columns: { column: number; kind: "key" | "item" }[] = [];
  private flowLevels = 0;

  constructor(text: string, limits: ParserLimits) {
    this.text = text;
    this.limits = limits;
    this.hasTabs = text.includes("\t");
  }

  read(): boolean {
    const { text } = this;
    if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/u.test(text)) return false;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      let lineEnd = end;
      if (lineEnd > start && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      if (!this.line(start, lineEnd)) return false;
      start = end + 1;
    }
    return true;
  }

  /** Reads one line (without its line break); false when it cannot vouch for it. */
  private line(start: number, end: number): boolean {
    const { text } = this;
    let position = start;
    while (position < end && text.charCodeAt(position) === SPACE) position++;
    const indent = position - start;
    const blank = position === end;

    if (this.blockScalarParent >= 0) {
      if (blank) return true;
      if (indent > this.blockScalarParent) {
        if (this.blockScalarIndent < 0) this.blockScalarIndent = indent;
        if (indent >= this.blockScalarIndent) return true;
        return false; // less indented than its first line but still inside: left to the exact check
      }
      this.blockScalarParent = -1;
      this.blockScalarIndent = -1;
    }
    if (blank) return true;
    // A tab after an indicator makes it one (\`-\t\`), which this reader does not follow.
    if (this.hasTabs && this.hasTab(position, end)) return false;
    const first = text.charCodeAt(position);
    if (first === HASH) return true; // a comment line
    if (indent === 0 && this.isMarker(start, end)) {
      // `---` or `...`: the parser closes everything open. Content after `--- ` is left to the exact check.
      if (!this.restIsComment(start + 3, end)) return false;
      this.open = [];
      this.plainParent = -1;
      return true;
    }
    if (first === 0x25 /* % */) return false;

    // A plain scalar continued from the line before, or a scalar value alone on its line.
    if (this.plainParent >= 0 && indent > this.plainParent && first !== DASH) {
      return this.continuation(position, end);
    }
    this.plainParent = -1;

    this.columns = [];
    this.flowLevels = 0;
    if (!this.node(position, end, start)) return false;
    return this.settle(indent);
  }

  private hasTab(position: number, end: number): boolean {
    for (let i = position; i < end; i++) if (this.text.charCodeAt(i) === TAB) return true;
    return false;
  }

  private isMarker(start: number, end: number): boolean {
    const { text } = this;
    if (!text.startsWith("---", start) && !text.startsWith("...", start)) return false;
    const next = start + 3 === end ? SPACE : text.charCodeAt(start + 3);
    return next === SPACE || next === TAB;
  }

  /** A line that says nothing of structure. It counts as an entry of the innermost collection (the parser may make it one). */
  private continuation(position: number, end: number): boolean {
    if (this.plainScalarEnd(position, end) === -1) return false;
    const top = this.open.at(-1);
    if (top) top.keys++;
    return !top || 2 * top.keys + 1 < this.limits.mappingKeys;
  }

  /** Reads the structure of a line from `position`: `- ` indicators, a key, a value. */
  private node(position: number, end: number, lineStart: number): boolean {
    const { text } = this;
    // `- ` items, compact ones nested on the same line.
    while (text.charCodeAt(position) === DASH && (position + 1 === end || text.charCodeAt(position + 1) === SPACE)) {
      this.columns.push({ column: position - lineStart, kind: "item" });
      position++;
      while (position < end && text.charCodeAt(position) === SPACE) position++;
      if (position === end) return true; // its value is on the lines below
      if (text.charCodeAt(position) === TAB) return false;
    }
    if (text.charCodeAt(position) === HASH) return true;
    // A key, quoted or plain, then `:`.
    const keyColumn = position - lineStart;
    const first = text.charCodeAt(position);
    let afterKey: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const close = this.quotedEnd(position, end);
      if (close === -1) return false;
      afterKey = close;
      while (afterKey < end && text.charCodeAt(afterKey) === SPACE) afterKey++;
      if (afterKey === end || text.charCodeAt(afterKey) === HASH) return this.alone(keyColumn); // a quoted scalar value
      if (text.charCodeAt(afterKey) !== COLON) return false;
    } else if (first === 0x5b /* [ */ || first === 0x7b /* { */) {
      return this.flowValue(position, end) && this.alone(keyColumn);
    } else if (first === 0x7c /* | */ || first === 0x3e /* > */) {
      return this.blockScalarHeader(position, end);
    } else {
      if (RESERVED_START.has(first)) return false;
      const colon = this.plainKeyEnd(position, end);
      if (colon === -2) return false;
      if (colon === -1) {
        // A plain scalar value (of a `- ` item, or alone on its line).
        if (this.plainScalarEnd(position, end) === -1) return false;
        this.plainParent = this.columns.length > 0 ? this.columns.at(-1)!.column : keyColumn - 1;
        return this.alone(keyColumn);
      }
      afterKey = colon;
    }
    this.columns.push({ column: keyColumn, kind: "key" });
    // `:` then the value.
    let value = afterKey + 1;
    if (value < end && text.charCodeAt(value) !== SPACE) return false;
    while (value < end && text.charCodeAt(value) === SPACE) value++;
    if (value === end) return true;
    return this.value(value, end, keyColumn);
  }

  /**
   * A value alone on its line, not after `- ` on it: the parser may make it an entry of the
   * innermost collection (a key without a value), so it counts as one.
   */
  private alone(column: number): boolean {
    if (this.columns.length === 0) this.columns.push({ column, kind: "key" });
    return true;
  }

  /** The value after `key: `. */
  private value(position: number, end: number, keyColumn: number): boolean {
    const { text } = this;
    const first = text.charCodeAt(position);
    if (first === TAB) return false;
    if (first === HASH) return true;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const close = this.quotedEnd(position, end);
      return close !== -1 && this.restIsComment(close, end);
    }
    if (first === 0x5b || first === 0x7b) return this.flowValue(position, end);
    if (first === 0x7c || first === 0x3e) return this.blockScalarHeader(position, end);
    if (RESERVED_START.has(first) || (first === DASH && (position + 1 === end || text.charCodeAt(position + 1) === SPACE))) return false;
    if (this.plainScalarEnd(position, end) === -1) return false;
    this.plainParent = keyColumn;
    return true;
  }

  /** Where a plain key ends (the offset of its `:`), -1 when the line holds no `: `, -2 when it is not a key this reader follows. */
  private plainKeyEnd(position: number, end: number): number {
    const { text } = this;
    for (let i = position; i < end; i++) {
      const char = text.charCodeAt(i);
      if (char === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) return i;
      if (char === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (char === TAB) return -2;
    }
    return -1;
  }

  /** The end of a plain scalar that runs to the end of the line (or a comment); -1 if a `: ` or a tab in it may be structure. */
  private plainScalarEnd(position: number, end: number): number {
    const { text } = this;
    for (let i = position; i < end; i++) {
      const char = text.charCodeAt(i);
      if (char === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) return i;
      if (char === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) return -1;
    }
    return end;
  }

  /** The offset after the closing quote of a quoted scalar that ends on this line, or -1. */
  private quotedEnd(position: number, end: number): number {
    const { text } = this;
    const quote = text.charCodeAt(position);
    for (let i = position + 1; i < end; i++) {
      const char = text.charCodeAt(i);
      if (quote === DOUBLE_QUOTE && char === BACKSLASH) {
        i++;
        continue;
      }
      if (char !== quote) continue;
      if (quote === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE && i + 1 < end) {
        i++;
        continue;
      }
      return i + 1;
    }
    return -1;
  }

  private restIsComment(position: number, end: number): boolean {
    const { text } = this;
    let i = position;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    return i === end || (i > position && text.charCodeAt(i) === HASH);
  }

  /** `|` or `>` with optional chomping; an explicit indentation indicator is left to the exact check. */
  private blockScalarHeader(position: number, end: number): boolean {
    const { text } = this;
    let i = position + 1;
    if (text.charCodeAt(i) === DASH || text.charCodeAt(i) === 0x2b /* + */) i++;
    if (!this.restIsComment(i, end)) return false;
    const owner = this.columns.at(-1);
    // Its content is more indented than the collection it is a value in.
    this.blockScalarParent = owner ? owner.column : -1;
    if (!owner) return false; // a document that is one block scalar: rare, left to the exact check
    this.blockScalarIndent = -1;
    return true;
  }

  /** A flow collection that closes on this line, followed by nothing but a comment. */
  private flowValue(position: number, end: number): boolean {
    const { text } = this;
    const entries: number[] = [];
    let levels = 0;
    let colons = 0;
    let expectingScalar = true;
    let i = position;
    while (i < end) {
      const char = text.charCodeAt(i);
      if (char === 0x5b || char === 0x7b) {
        if (!expectingScalar) return false;
        entries.push(1);
        levels = Math.max(levels, entries.length);
        expectingScalar = true;
        i++;
      } else if (char === 0x5d || char === 0x7d) {
        if (entries.length === 0) return false;
        entries.pop();
        expectingScalar = false;
        i++;
        if (entries.length === 0) {
          this.flowLevels = levels + colons;
          return this.restIsComment(i, end) && this.flowWithinLimits();
        }
      } else if (char === 0x2c /* , */) {
        if (entries.length === 0) return false;
        entries[entries.length - 1]!++;
        if (!this.fewEntries(entries[entries.length - 1]!)) return false;
        expectingScalar = true;
        i++;
      } else if (char === SPACE) {
        i++;
      } else if (char === TAB || char === HASH) {
        return false;
      } else if (!expectingScalar) {
        return false; // two scalars without a separator: the parser may make each an entry
      } else if (char === DOUBLE_QUOTE || char === SINGLE_QUOTE) {
        const close = this.quotedEnd(i, end);
        if (close === -1) return false;
        i = close;
        expectingScalar = false;
      } else if (char === COLON) {
        if (entries.length === 0) return false;
        colons++;
        entries[entries.length - 1]!++;
        if (!this.fewEntries(entries[entries.length - 1]!)) return false;
        expectingScalar = true;
        i++;
      } else if (RESERVED_START.has(char)) {
        return false;
      } else {
        // A plain scalar: up to a flow indicator or `: `.
        expectingScalar = false;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) break;
          if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === 0x2c)) break;
          if (c === HASH && text.charCodeAt(i - 1) === SPACE) return false;
          i++;
        }
      }
    }
    return false; // not closed on this line
  }

  /**
   * Whether a collection with this many entries counted here is surely within both limits: the
   * parser may add an empty entry after each (for a comment or line break after a value).
   */
  private fewEntries(count: number): boolean {
    return 2 * count + 1 < Math.min(this.limits.mappingKeys, this.limits.sequenceEntries);
  }

  private flowWithinLimits(): boolean {
    return this.flowLevels <= this.limits.depth / 2;
  }

  /** Closes the collections the line's first structure column ends, opens or adds to the rest, and checks the limits. */
  private settle(indent: number): boolean {
    const columns = this.columns;
    const firstColumn = columns.length > 0 ? columns[0]!.column : indent;
    const { open } = this;
    while (open.length > 0 && open.at(-1)!.column > firstColumn) open.pop();
    for (const { column, kind } of columns) {
      let top = open.at(-1);
      if (!top || top.column < column) {
        top = { column, keys: 0, items: 0 };
        open.push(top);
      }
      if (kind === "key") top.keys++;
      else top.items++;
      if (2 * top.keys + 1 >= this.limits.mappingKeys || 2 * top.items + 1 >= this.limits.sequenceEntries) return false;
    }
    // The document, two levels for a column holding a mapping and a sequence, the flow levels, a scalar on top.
    let depth = 2 + this.flowLevels;
    for (const column of open) depth += (column.keys > 0 ? 1 : 0) + (column.items > 0 ? 1 : 0);
    this.flowLevels = 0;
    return depth <= this.limits.depth / 2;
  }
}
