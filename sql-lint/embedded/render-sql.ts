import type { HolePart, SqlPart, TextPart } from "./sql-text.ts";

/**
 * Renders SQL parts into text the SQL parser reads, remembering where every rendered character
 * came from.
 *
 * A hole whose value is known is rendered as that value. An unknown one is rendered as a quoted
 * identifier named after its source, `"${table}"`, together with the identifier characters
 * around it (`idx_${table}` → `"idx_${table}"`): a quoted identifier parses both where a name
 * goes (`ALTER TABLE ${table}`, the common case in migrations, where a bind parameter could not
 * stand) and where a value goes (`WHERE id = ${id}`), and reads well in messages
 * (`Dropping column "email" from "${table}"`). The SQL language parses without bind-parameter
 * syntax, so `$1` would not parse at all. Inside a string, quoted identifier or comment the
 * label is written as it is, with the quote doubled.
 *
 * Placeholders become holes too, with the bound value when it is a literal: `$1` always (pg,
 * postgres.js, Sequelize `bind`), and where the call binds them, `?` and `:name` (Sequelize
 * `replacements`, Knex `raw(sql, bindings)`, whose `??` and `:name:` stand for identifiers).
 */

/** A run of rendered text and the source it came from. */
export type Segment = { start: number; end: number } & (
  | { part: TextPart; partStart: number }
  /** Rendered from something that stands for this whole source span (a hole, a binding, the quotes around a hole). */
  | { span: [number, number] }
);

export interface RenderedSql {
  text: string;
  segments: Segment[];
  /** True when an unknown run-time value was rendered as a placeholder. */
  dynamic: boolean;
}

/** The placeholders a call binds, and their values rendered as SQL when they are literals. */
export interface Placeholders {
  /** `?` (the n-th value). */
  positional?: boolean;
  /** `:name`. */
  named?: boolean;
  /** Knex: `??` and `:name:` bind identifiers. */
  identifiers?: boolean;
  value(key: number | string, identifier: boolean): string | undefined;
}

type Source = { part: TextPart; index: number } | { span: [number, number] };
interface CharItem {
  kind: "char";
  char: string;
  source: Source;
}
interface HoleItem {
  kind: "hole";
  hole: HolePart;
  inCode: boolean;
  /** The hole opens / closes a quoted run of identifier characters. */
  opensRun?: boolean;
  closesRun?: boolean;
  quote?: "'" | '"';
}
type Item = CharItem | HoleItem;

type Mode = "code" | "single" | "escapedSingle" | "double" | "line" | "block" | "dollar";

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/u;

function sourceStart(item: Item): number {
  if (item.kind === "hole") return item.hole.span[0];
  return "part" in item.source ? item.source.part.offsets[item.source.index]! : item.source.span[0];
}

function sourceEnd(item: Item): number {
  if (item.kind === "hole") return item.hole.span[1];
  return "part" in item.source ? item.source.part.offsets[item.source.index + 1]! : item.source.span[1];
}

function charsOf(text: string, span: [number, number]): CharItem[] {
  return [...text].flatMap((char) => [...char].map((unit) => ({ kind: "char" as const, char: unit, source: { span } })));
}

/** Lexes the items, replacing known holes and Knex placeholders by their text, and notes the SQL context of every unknown hole. */
function lex(parts: readonly SqlPart[], placeholders: Placeholders | undefined): Item[] {
  const input: Item[] = [];
  for (const part of parts) {
    if (part.kind === "text") {
      for (let index = 0; index < part.text.length; index++) input.push({ kind: "char", char: part.text[index]!, source: { part, index } });
    } else if (part.value !== undefined) {
      input.push(...charsOf(part.value, part.span));
    } else {
      input.push({ kind: "hole", hole: part, inCode: false });
    }
  }

  const out: Item[] = [];
  let mode: Mode = "code";
  let depth = 0;
  let dollarTag = "";
  let position = 0;
  const charAt = (index: number): string | undefined => {
    const item = input[index];
    return item?.kind === "char" ? item.char : undefined;
  };
  /** `$tag$` starting at `index`, if one does. */
  const dollarQuoteAt = (index: number): string | undefined => {
    let end = index + 1;
    let tag = "$";
    while (charAt(end) !== undefined && charAt(end) !== "$" && IDENTIFIER_CHAR.test(charAt(end)!)) tag += charAt(end++);
    if (charAt(end) !== "$" || /^\$\d/u.test(tag)) return undefined;
    return `${tag}$`;
  };
  const previousChar = (): string | undefined => {
    const last = out.at(-1);
    return last?.kind === "char" ? last.char : undefined;
  };
  /** Replaces input[index, end) by a hole, or by the chars of its value when known. Returns the index of its last char. */
  const placeholder = (index: number, end: number, label: string, value: string | undefined): number => {
    const span: [number, number] = [sourceStart(input[index]!), sourceEnd(input[end - 1]!)];
    if (value === undefined) out.push({ kind: "hole", hole: { kind: "hole", label, span }, inCode: true });
    else input.splice(end, 0, ...charsOf(value, span));
    return end - 1;
  };
  /** The identifier starting at `index`: `name` in `:name`. */
  const nameAt = (index: number): string => {
    let name = "";
    while (charAt(index + name.length) !== undefined && IDENTIFIER_CHAR.test(charAt(index + name.length)!)) name += charAt(index + name.length);
    return name;
  };

  for (let index = 0; index < input.length; index++) {
    const item = input[index]!;
    if (item.kind === "hole") {
      out.push({ ...item, inCode: mode === "code", quote: mode === "single" || mode === "escapedSingle" ? "'" : mode === "double" ? '"' : undefined });
      continue;
    }
    const { char } = item;
    const next = charAt(index + 1);
    switch (mode) {
      case "code":
        if (placeholders?.positional && char === "\\" && next === "?") {
          // Knex writes `\?` for a literal question mark: the `?` stays, the backslash goes.
          out.push(input[++index]!);
          continue;
        }
        if (placeholders?.positional && char === "?") {
          const identifier = placeholders.identifiers === true && next === "?";
          const length = identifier ? 2 : 1;
          index = placeholder(index, index + length, identifier ? "??" : "?", placeholders.value(position++, identifier));
          continue;
        }
        const previous = previousChar();
        if (placeholders?.named && char === ":" && previous !== ":" && next !== undefined && /[A-Za-z_]/u.test(next)) {
          const name = nameAt(index + 1);
          // Knex `:name:` is an identifier; `:name::type` is a value and a cast.
          const identifier = placeholders.identifiers === true && charAt(index + 1 + name.length) === ":" && charAt(index + 2 + name.length) !== ":";
          const end = index + 1 + name.length + (identifier ? 1 : 0);
          index = placeholder(index, end, `:${name}${identifier ? ":" : ""}`, placeholders.value(name, identifier));
          continue;
        }
        if (char === "$" && next !== undefined && /\d/u.test(next) && !IDENTIFIER_CHAR.test(previous ?? " ")) {
          let end = index + 1;
          while (charAt(end) !== undefined && /\d/u.test(charAt(end)!)) end++;
          index = placeholder(index, end, `$${input.slice(index + 1, end).map((digit) => (digit as CharItem).char).join("")}`, undefined);
          continue;
        }
        if (char === "'") {
          const before = previousChar();
          const beforeThat = out.at(-2);
          const escapeString = (before === "E" || before === "e") && !(beforeThat?.kind === "char" && IDENTIFIER_CHAR.test(beforeThat.char));
          mode = escapeString ? "escapedSingle" : "single";
        } else if (char === '"') {
          mode = "double";
        } else if (char === "-" && next === "-") {
          mode = "line";
        } else if (char === "/" && next === "*") {
          mode = "block";
          depth = 1;
          out.push(item, input[++index]!);
          continue;
        } else if (char === "$" && !IDENTIFIER_CHAR.test(previousChar() ?? " ")) {
          const tag = dollarQuoteAt(index);
          if (tag) {
            mode = "dollar";
            dollarTag = tag;
            out.push(...input.slice(index, index + tag.length));
            index += tag.length - 1;
            continue;
          }
        }
        break;
      case "single":
      case "escapedSingle":
        if (mode === "escapedSingle" && char === "\\" && next !== undefined) {
          out.push(item, input[++index]!);
          continue;
        }
        if (char === "'") {
          if (next === "'") {
            out.push(item, input[++index]!);
            continue;
          }
          mode = "code";
        }
        break;
      case "double":
        if (char === '"') {
          if (next === '"') {
            out.push(item, input[++index]!);
            continue;
          }
          mode = "code";
        }
        break;
      case "line":
        if (char === "\n" || char === "\r") mode = "code";
        break;
      case "block":
        if (char === "*" && next === "/") {
          depth--;
          out.push(item, input[++index]!);
          if (depth === 0) mode = "code";
          continue;
        }
        if (char === "/" && next === "*") {
          depth++;
          out.push(item, input[++index]!);
          continue;
        }
        break;
      case "dollar":
        if (char === "$" && dollarQuoteAt(index) === dollarTag) {
          out.push(...input.slice(index, index + dollarTag.length));
          index += dollarTag.length - 1;
          mode = "code";
          continue;
        }
        break;
    }
    out.push(item);
  }
  return out;
}

const isIdentifierChar = (item: Item | undefined): boolean => item?.kind === "char" && IDENTIFIER_CHAR.test(item.char);
const isCodeHole = (item: Item | undefined): item is HoleItem => item?.kind === "hole" && item.inCode;

/** Marks, for each run of identifier characters and code-context holes, where its quotes go. */
function markRuns(items: Item[]): { opens: Set<number>; closes: Set<number> } {
  const opens = new Set<number>();
  const closes = new Set<number>();
  for (let index = 0; index < items.length; index++) {
    if (!isCodeHole(items[index])) continue;
    let start = index;
    while (start > 0 && isIdentifierChar(items[start - 1])) start--;
    let end = index;
    while (end + 1 < items.length && (isIdentifierChar(items[end + 1]) || isCodeHole(items[end + 1]))) end++;
    opens.add(start);
    closes.add(end);
    index = end;
  }
  return { opens, closes };
}

function sanitizedLabel(hole: HoleItem): string {
  const label = hole.hole.label.replace(/[\r\n\u2028\u2029]/gu, " ").replaceAll("*/", "* /");
  if (hole.inCode) return label.replaceAll('"', '""');
  return hole.quote ? label.replaceAll(hole.quote, hole.quote + hole.quote) : label;
}

/** Renders SQL parts to text, with the segments that map it back to the source. */
export function renderSql(parts: readonly SqlPart[], placeholders?: Placeholders): RenderedSql {
  const items = lex(parts, placeholders);
  const { opens, closes } = markRuns(items);
  let text = "";
  const segments: Segment[] = [];
  let dynamic = false;

  const emitSpan = (value: string, span: [number, number]): void => {
    const last = segments.at(-1);
    if (last && "span" in last && last.end === text.length && last.span[0] === span[0] && last.span[1] === span[1] && span[0] !== span[1]) {
      last.end += value.length;
    } else {
      segments.push({ start: text.length, end: text.length + value.length, span });
    }
    text += value;
  };

  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    // The quotes around a run stand for nothing in the source: they map to the run's edges.
    if (opens.has(index)) emitSpan('"', [sourceStart(item), sourceStart(item)]);
    if (item.kind === "hole") {
      dynamic = true;
      emitSpan(sanitizedLabel(item), item.hole.span);
    } else if ("part" in item.source) {
      const { part, index: partIndex } = item.source;
      const last = segments.at(-1);
      if (last && "part" in last && last.part === part && last.end === text.length && last.partStart + (last.end - last.start) === partIndex) {
        last.end++;
      } else {
        segments.push({ start: text.length, end: text.length + 1, part, partStart: partIndex });
      }
      text += item.char;
    } else {
      emitSpan(item.char, item.source.span);
    }
    if (closes.has(index)) emitSpan('"', [sourceEnd(item), sourceEnd(item)]);
  }
  return { text, segments, dynamic };
}
