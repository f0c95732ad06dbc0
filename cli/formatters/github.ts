import path from "node:path";
import type { ESLint } from "eslint";
import { pathInRoot, reportRoot } from "./report-paths.ts";

/** Workflow commands escape these in the message and, additionally, `:` and `,` in properties. */
function escapeData(text: string): string {
  return text.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an
 * annotation on the pull request's diff. GitHub reads `file=` relative to the repository root, so
 * paths are relative to the git work tree's top level (the checkout) even when shipshape runs in
 * a subfolder of it; outside git, and for files outside the work tree, relative to `cwd`.
 */
export function formatGithub(results: ESLint.LintResult[], cwd: string): string {
  const root = reportRoot(cwd);
  const lines: string[] = [];
  for (const result of results) {
    const file = pathInRoot(root, result.filePath) ?? path.relative(cwd, result.filePath).split(path.sep).join("/");
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
