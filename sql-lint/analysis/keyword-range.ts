/** A word of SQL text and where it is. */
interface Word {
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/uy;
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/uy;

/** Where the text at `index` stops being a comment, string, quoted identifier or dollar-quoted body. */
function skipQuoted(text: string, index: number, to: number): number | undefined {
  const char = text[index];
  const next = text[index + 1];
  if (char === "-" && next === "-") {
    const end = text.indexOf("\n", index);
    return end === -1 ? to : end;
  }
  if (char === "/" && next === "*") {
    const end = text.indexOf("*/", index + 2);
    return end === -1 ? to : end + 2;
  }
  if (char === "'" || char === '"') {
    let end = index + 1;
    while (end < to) {
      if (text[end] === char) {
        if (text[end + 1] !== char) return end + 1;
        end++;
      }
      end++;
    }
    return to;
  }
  if (char === "$") {
    DOLLAR_TAG.lastIndex = index;
    const tag = DOLLAR_TAG.exec(text)?.[0];
    if (!tag) return undefined;
    const end = text.indexOf(tag, index + tag.length);
    return end === -1 ? to : end + tag.length;
  }
  return undefined;
}

/** The words of `text` between `from` and `to`, outside comments, strings and quoted identifiers. */
function words(text: string, from: number, to: number): Word[] {
  const found: Word[] = [];
  let index = from;
  while (index < to) {
    const skipped = skipQuoted(text, index, to);
    if (skipped !== undefined) {
      // A string or quoted name separates keywords; a comment does not.
      if (!text.startsWith("--", index) && !text.startsWith("/*", index)) found.push({ text: "", start: index, end: skipped });
      index = skipped;
      continue;
    }
    WORD.lastIndex = index;
    const word = WORD.exec(text)?.[0];
    if (word) {
      found.push({ text: word.toUpperCase(), start: index, end: index + word.length });
      index += word.length;
    } else {
      if (!/\s/u.test(text[index]!)) found.push({ text: "", start: index, end: index + 1 });
      index++;
    }
  }
  return found;
}

/**
 * Where a sequence of keywords (`["DETACH", "PARTITION"]`) first appears in a statement, as
 * [start, end) offsets from the start of the first word to the end of the last. Used to point
 * findings at a clause of statements that only PostgreSQL's parser read, whose JSON carries
 * no keyword positions.
 */
export function keywordRange(text: string, range: readonly [number, number], keywords: readonly string[]): [number, number] | undefined {
  const found = words(text, range[0], range[1]);
  for (let i = 0; i + keywords.length <= found.length; i++) {
    if (keywords.every((keyword, k) => found[i + k]!.text === keyword)) {
      return [found[i]!.start, found[i + keywords.length - 1]!.end];
    }
  }
  return undefined;
}
