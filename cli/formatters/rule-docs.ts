import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** What a rule's doc page tells a reader of a code-scanning alert. */
export interface RuleHelp {
  /** The first paragraph of "Problem", as plain text: why the finding breaks production. */
  fullDescription: string;
  /** "Problem", "Solution" and "Further reading" of the page, links made absolute. */
  markdown: string;
  /** The same as plain text. */
  text: string;
}

/** The sections of a page that explain a finding; examples and options stay on the page. */
const HELP_SECTIONS = ["Problem", "Solution", "Further reading"];

/**
 * The package's docs/rules folder: two levels up from this module in the sources
 * (cli/formatters/), three when built (dist/cli/formatters/). Only those two places, so a
 * project's own docs/rules is never mistaken for ours.
 */
function findDocsFolder(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.join(here, "../../docs/rules"), path.join(here, "../../../docs/rules")].find((dir) => fs.existsSync(dir));
}

let docsFolder: string | null | undefined;

/** Lines outside fenced code blocks go through `transform`; fences and code are kept as they are. */
function mapProse(lines: string[], transform: (line: string) => string): string[] {
  let inFence = false;
  return lines.map((line) => {
    if (/^\s*```/u.test(line)) {
      inFence = !inFence;
      return line;
    }
    return inFence ? line : transform(line);
  });
}

/** Relative links (`other-rule.md`, `#options`, `../../README.md#x`) resolved against the page's URL. */
function absoluteLinks(line: string, pageUrl: string): string {
  return line.replace(/\]\(([^)\s]+)\)/gu, (whole, target: string) =>
    /^[a-z][a-z\d+.-]*:/iu.test(target) ? whole : `](${new URL(target, pageUrl).href})`,
  );
}

/** Markdown as plain text: headings, emphasis and code spans unmarked, links as `text (url)`, code indented. */
export function plainText(markdown: string): string {
  let inFence = false;
  const lines: string[] = [];
  for (const line of markdown.split("\n")) {
    if (/^\s*```/u.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      lines.push(`    ${line}`);
      continue;
    }
    lines.push(
      line
        .replace(/^#{1,6} /u, "")
        .replace(/\[([^\]]*)\]\(([^)\s]+)\)/gu, "$1 ($2)")
        .replace(/\*\*|__/gu, "")
        .replace(/`([^`]*)`/gu, "$1"),
    );
  }
  return lines.join("\n");
}

/** `text` cut to `limit` characters, at the end of a sentence when there is one. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const sentenceEnd = cut.lastIndexOf(". ");
  return sentenceEnd > limit / 2 ? cut.slice(0, sentenceEnd + 1) : `${cut.trimEnd()}…`;
}

/**
 * The help of a rule from its doc page `docs/rules/<name>.md`: the "why" and the safe steps,
 * for the code-scanning alert. Undefined when the package has no page for the rule.
 */
export function ruleHelp(name: string, pageUrl: string, descriptionLimit: number): RuleHelp | undefined {
  if (docsFolder === undefined) docsFolder = findDocsFolder() ?? null;
  if (docsFolder === null || !/^[\w-]+$/u.test(name)) return undefined;
  let page: string;
  try {
    page = fs.readFileSync(path.join(docsFolder, `${name}.md`), "utf8");
  } catch {
    return undefined;
  }
  const lines = mapProse(page.replace(/\r\n?/gu, "\n").split("\n"), (line) => absoluteLinks(line, pageUrl));

  // The lead (title, summary, "**Files:** … · **Recommended:** …") and the `## ` sections.
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  const lead = current;
  let inFence = false;
  for (const line of lines) {
    if (/^\s*```/u.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^## (.+)$/u.exec(line);
    if (heading) {
      current = [];
      sections.set(heading[1]!.trim(), current);
    } else {
      current.push(line);
    }
  }
  const facts = lead.filter((line) => line.startsWith("**"));
  const parts = [
    ...facts,
    ...HELP_SECTIONS.filter((title) => sections.has(title)).map((title) => `## ${title}\n\n${sections.get(title)!.join("\n").trim()}`),
    `[Documentation of shipshape/${name}](${pageUrl})`,
  ];
  const markdown = parts.join("\n\n");
  const problem = (sections.get("Problem") ?? []).join("\n").trim();
  const firstParagraph = problem.split(/\n\s*\n/u)[0] ?? "";
  return {
    fullDescription: truncate(plainText(firstParagraph).replace(/\s*\n\s*/gu, " ").trim(), descriptionLimit),
    markdown,
    text: plainText(markdown),
  };
}
