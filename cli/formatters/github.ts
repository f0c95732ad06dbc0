import path from "node:path";
import type { ESLint } from "eslint";

/** Workflow commands escape these in the message and, additionally, `:` and `,` in properties. */
function escapeData(text: string): string {
  return text.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an
 * annotation on the pull request's diff. Paths are relative to `cwd`, the repository checkout.
 */
export function formatGithub(results: ESLint.LintResult[], cwd: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = path.relative(cwd, result.filePath).split(path.sep).join("/");
    for (const message of result.messages) {
      const command = message.severity === 2 ? "error" : "warning";
      const properties = [`file=${escapeProperty(file)}`, `line=${message.line || 1}`, `col=${message.column || 1}`];
      if (message.endLine) properties.push(`endLine=${message.endLine}`);
      if (message.endColumn && message.endLine === message.line) properties.push(`endColumn=${message.endColumn}`);
      properties.push(`title=${escapeProperty(message.ruleId ?? "shipshape")}`);
      lines.push(`::${command} ${properties.join(",")}::${escapeData(message.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
