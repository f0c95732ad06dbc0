/** Go's convention, which many generators follow in every language (sqlc, oapi-codegen, protoc plugins, controller-gen). */
const CODE_GENERATED = /\bCode generated\b.*\bDO NOT EDIT\b/u;
/** Meta's marker, used by Relay, protoc-gen-es and Buck; GitHub Linguist reads it too. */
const AT_GENERATED = /(?:^|\s)@generated\b/u;

/** The comments before the first code of a file (`//`, `/* *\/`, and `#` as in YAML and shebangs), joined. */
function leadingComments(text: string): string {
  const comments: string[] = [];
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/u.test(text[at]!)) at++;
    if (text.startsWith("//", at) || text[at] === "#") {
      const end = text.indexOf("\n", at);
      comments.push(text.slice(at, end === -1 ? text.length : end));
      if (end === -1) break;
      at = end + 1;
    } else if (text.startsWith("/*", at)) {
      const end = text.indexOf("*/", at + 2);
      comments.push(text.slice(at, end === -1 ? text.length : end));
      if (end === -1) break;
      at = end + 2;
    } else {
      break;
    }
  }
  return comments.join("\n");
}

/**
 * Whether the file says in its leading comments that a generator wrote it (`// Code generated
 * by sqlc. DO NOT EDIT.`, `# Code generated … DO NOT EDIT.`, `@generated`): a finding there
 * cannot be fixed in the file, only in the generator's input. Generated SQL migrations (Prisma,
 * drizzle-kit) carry no such line and are linted.
 */
export function isGeneratedFile(text: string): boolean {
  const comments = leadingComments(text);
  return CODE_GENERATED.test(comments) || AT_GENERATED.test(comments);
}
