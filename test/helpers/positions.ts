/** Line and column range (ESLint's 1-based columns) of the `occurrence`-th `snippet` in `code`. */
export function at(code: string, snippet: string, occurrence = 0) {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`${snippet} not found in ${code}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const start = position(index);
  const end = position(index + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
