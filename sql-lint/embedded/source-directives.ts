import type { Linter } from "eslint";
import { ConfigCommentParser } from "@eslint/plugin-kit";

/**
 * The `eslint-disable` comments of a JS/TS file, applied to the findings of the SQL embedded in
 * it. ESLint applies a file's comments to the findings of that file's own rules only; the SQL
 * blocks a processor extracts are linted as files of their own, so the comments of the code
 * around them are applied here, the way ESLint applies them (`// eslint-disable-next-line`,
 * `// eslint-disable-line`, `/* eslint-disable *\/ … /* eslint-enable *\/`, with or without
 * rule names, with `-- justification`).
 */

export interface SourceComment {
  type: "Line" | "Block";
  value: string;
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

interface Directive {
  type: "disable" | "enable" | "disable-line" | "disable-next-line";
  /** Rule ids; empty for all rules. */
  rules: string[];
  justification: string;
  comment: SourceComment;
  /** Rule ids of the findings it suppressed; `*` when it names no rule. */
  used: Set<string>;
}

const parser = new ConfigCommentParser();

export function parseDirectives(comments: readonly SourceComment[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const directive = parser.parseDirective(comment.value);
    if (!directive) continue;
    const { label, value, justification } = directive;
    if (!/^eslint-(?:disable|enable|disable-line|disable-next-line)$/u.test(label)) continue;
    // As in ESLint: line comments hold only the -line and -next-line forms.
    if (comment.type === "Line" && !/^eslint-disable-(?:next-)?line$/u.test(label)) continue;
    if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) continue;
    const rules = value
      .split(",")
      .map((rule) => rule.trim())
      .filter((rule) => rule !== "");
    directives.push({ type: label.slice("eslint-".length) as Directive["type"], rules, justification, comment, used: new Set() });
  }
  return directives;
}

const applies = (directive: Directive, ruleId: string | null): boolean =>
  directive.rules.length === 0 || (ruleId !== null && directive.rules.includes(ruleId));

const before = (directive: Directive, message: Linter.LintMessage): boolean => {
  const { line, column } = directive.comment.loc.start;
  return line < message.line || (line === message.line && column + 1 <= message.column);
};

/** Marks the messages the directives suppress, as ESLint does (`suppressions`), and records which directives were used. */
export function applyDirectives(directives: readonly Directive[], messages: Linter.LintMessage[]): Linter.LintMessage[] {
  return messages.map((message) => {
    const suppressing: Directive[] = [];
    let blockDisables: Directive[] = [];
    for (const directive of directives) {
      if (!applies(directive, message.ruleId)) continue;
      if (directive.type === "disable-line" && directive.comment.loc.start.line === message.line) suppressing.push(directive);
      if (directive.type === "disable-next-line" && directive.comment.loc.end.line + 1 === message.line) suppressing.push(directive);
      if (directive.type === "disable" && before(directive, message)) blockDisables.push(directive);
      if (directive.type === "enable" && before(directive, message)) blockDisables = [];
    }
    suppressing.push(...blockDisables);
    if (suppressing.length === 0) return message;
    for (const directive of suppressing) directive.used.add(directive.rules.length === 0 ? "*" : (message.ruleId ?? "*"));
    const suppressions = suppressing.map((directive) => ({ kind: "directive" as const, justification: directive.justification }));
    const earlier = (message as Linter.SuppressedLintMessage).suppressions ?? [];
    return { ...message, suppressions: [...earlier, ...suppressions] } as Linter.SuppressedLintMessage;
  });
}

/** ESLint's wording for a list of rule names: `'a'`, `'a' or 'b'`, `'a', 'b', or 'c'`. */
function describeRules(rules: readonly string[]): string {
  const quoted = rules.map((rule) => `'${rule}'`);
  if (quoted.length <= 2) return quoted.join(" or ");
  return `${quoted.slice(0, -1).join(", ")}, or ${quoted.at(-1)}`;
}

const UNUSED = /^Unused eslint-disable directive \(no problems were reported(?: from (.*))?\)\.$/u;

function isOnComment(message: Linter.LintMessage, comment: SourceComment): boolean {
  const { start, end } = comment.loc;
  const after = message.line > start.line || (message.line === start.line && message.column >= start.column + 1);
  const within = message.line < end.line || (message.line === end.line && message.column <= end.column + 1);
  return after && within;
}

/**
 * ESLint reports a disable comment of the JS/TS file as unused when none of the file's own rules
 * reported what it names, even when it silenced a finding of the embedded SQL. Those reports are
 * dropped, or narrowed to the rules that really were unused.
 */
export function withoutUsedDirectiveReports(directives: readonly Directive[], messages: Linter.LintMessage[]): Linter.LintMessage[] {
  const result: Linter.LintMessage[] = [];
  for (const message of messages) {
    const unused = message.ruleId === null ? UNUSED.exec(message.message) : null;
    const directive = unused ? directives.find((candidate) => candidate.used.size > 0 && isOnComment(message, candidate.comment)) : undefined;
    if (!unused || !directive) {
      result.push(message);
      continue;
    }
    if (directive.rules.length === 0) continue;
    const named = [...(unused[1] ?? "").matchAll(/'([^']+)'/gu)].map((match) => match[1]!);
    const remaining = named.filter((rule) => !directive.used.has(rule));
    if (remaining.length === named.length) result.push(message);
    else if (remaining.length > 0) {
      // The rest is still unused; ESLint's fix would remove the used names too.
      const narrowed = { ...message, message: `Unused eslint-disable directive (no problems were reported from ${describeRules(remaining)}).` };
      delete narrowed.fix;
      result.push(narrowed);
    }
  }
  return result;
}
