import type { SqlDialect } from "./sql-language.ts";

/** A statement's text span (end exclusive, including its `;`), and the comments found anywhere. */
export interface SplitResult {
  statements: { start: number; end: number }[];
  comments: { type: "line_comment" | "block_comment"; text: string; range: [number, number] }[];
}

const WORD_START = /[A-Za-z_]/u;
const WORD_PART = /[A-Za-z0-9_$]/u;
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/u;
/**
 * Statements whose body holds `;`-terminated statements between BEGIN (or CASE) and END, by their
 * first words (quoted names and punctuation are not words: MySQL's ``DEFINER = `admin`@`%` ``
 * leaves just `definer`, `DEFINER = root@localhost` leaves `definer root localhost`).
 */
const ROUTINE_START = /^create\s+(?:or\s+replace\s+)?(?:temp\s+|temporary\s+)?(?:definer\s+(?:\w+\s+){0,2})?(?:aggregate\s+)?(?:trigger|function|procedure|event)\b/iu;

/**
 * Splits SQL text into statements at top-level semicolons, the way the database's own client
 * would: not inside quotes, dollar quotes, comments, or the BEGIN … END body of a trigger or
 * routine. Used when the parser rejects a file, so that one statement it does not understand
 * does not hide the others. Never throws; unterminated quotes and comments run to the end.
 */
export function splitStatements(text: string, dialect: SqlDialect): SplitResult {
  const statements: SplitResult["statements"] = [];
  const comments: SplitResult["comments"] = [];
  const mysqlFamily = dialect === "mysql" || dialect === "mariadb";
  const backslashEscapes = mysqlFamily;
  let start = 0;
  let depth = 0;
  let words: string[] = [];
  /** Whether the current statement has anything but whitespace and comments yet. */
  let content = false;
  let i = 0;

  const skipQuoted = (quote: string, from: number, escapes: boolean): number => {
    let j = from + 1;
    while (j < text.length) {
      const c = text[j]!;
      if (escapes && c === "\\") {
        j += 2;
        continue;
      }
      if (c === quote) {
        if (text[j + 1] === quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return text.length;
  };

  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];

    if (c === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      comments.push({ type: "line_comment", text: text.slice(i, stop).replace(/\r$/u, ""), range: [i, stop - (text[stop - 1] === "\r" ? 1 : 0)] });
      i = stop;
      continue;
    }
    if (c === "#" && mysqlFamily) {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      comments.push({ type: "line_comment", text: text.slice(i, stop).replace(/\r$/u, ""), range: [i, stop - (text[stop - 1] === "\r" ? 1 : 0)] });
      i = stop;
      continue;
    }
    if (c === "/" && next === "*") {
      // PostgreSQL nests block comments; the others end at the first */.
      let nesting = 1;
      let j = i + 2;
      while (j < text.length && nesting > 0) {
        if (text[j] === "*" && text[j + 1] === "/") {
          nesting--;
          j += 2;
        } else if (dialect === "postgresql" && text[j] === "/" && text[j + 1] === "*") {
          nesting++;
          j += 2;
        } else {
          j++;
        }
      }
      comments.push({ type: "block_comment", text: text.slice(i, j), range: [i, j] });
      i = j;
      continue;
    }
    if (!/\s/u.test(c)) content = true;
    if (c === "'") {
      const escaped = backslashEscapes || (dialect === "postgresql" && /[eE]/u.test(text[i - 1] ?? "") && !WORD_PART.test(text[i - 2] ?? ""));
      i = skipQuoted("'", i, escaped);
      continue;
    }
    if (c === '"') {
      i = skipQuoted('"', i, backslashEscapes);
      continue;
    }
    if (c === "`" && dialect !== "postgresql") {
      i = skipQuoted("`", i, false);
      continue;
    }
    if (c === "[" && dialect === "sqlite") {
      const end = text.indexOf("]", i);
      i = end === -1 ? text.length : end + 1;
      continue;
    }
    if (c === "$" && dialect === "postgresql" && !WORD_PART.test(text[i - 1] ?? "")) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 64))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end === -1 ? text.length : end + tag.length;
        continue;
      }
    }
    if (WORD_START.test(c) && !WORD_PART.test(text[i - 1] ?? "")) {
      let j = i + 1;
      while (j < text.length && WORD_PART.test(text[j]!)) j++;
      const word = text.slice(i, j).toLowerCase();
      if (words.length < 8) words.push(word);
      if (words.length <= 8 && ROUTINE_START.test(words.join(" ")) && (word === "begin" || word === "case")) depth++;
      else if (depth > 0 && (word === "begin" || word === "case")) depth++;
      else if (depth > 0 && word === "end") {
        // `END IF`, `END LOOP`, `END CASE` close constructs that did not open a level.
        const after = /^\s*(\w+)/u.exec(text.slice(j, j + 16))?.[1]?.toLowerCase();
        if (after !== "if" && after !== "loop" && after !== "while" && after !== "repeat") depth--;
      }
      i = j;
      continue;
    }
    if (c === ";" && depth === 0) {
      statements.push({ start, end: i + 1 });
      start = i + 1;
      words = [];
      content = false;
      i++;
      continue;
    }
    i++;
  }
  if (content) statements.push({ start, end: text.length });
  return { statements, comments };
}
