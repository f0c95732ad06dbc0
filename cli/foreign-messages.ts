/**
 * The shipshape command runs shipshape's rules only. Other tools' disable directives
 * (`// eslint-disable-next-line @typescript-eslint/no-explicit-any`, `no-console`, a generated
 * file's `/* eslint-disable *\/` header) are none of its business: ESLint would report them as
 * unused, or name a rule it cannot find, and `--fix` would delete them. These are recognised
 * here, dropped from the results and never fixed.
 */
import type { ESLint, Linter } from "eslint";

/** Does the rule belong to shipshape, registered under one of `namespaces` ("shipshape" unless the config renames it)? */
export function isShipshapeRule(ruleId: string, namespaces: readonly string[]): boolean {
  const slash = ruleId.lastIndexOf("/");
  return slash > 0 && namespaces.includes(ruleId.slice(0, slash));
}

const UNUSED_DIRECTIVE = /^Unused eslint-(?:disable|enable) directive \(no (?:problems were reported|matching eslint-disable directives were found)(?: (?:from|for) (.*))?\)\.$/su;
const UNKNOWN_RULE = /^Definition for rule '.+' was not found\.$/u;

/** The rule names an unused-directive message quotes (`'a'`, `'a' or 'b'`); none for a blanket directive. */
function quotedRules(description: string): string[] {
  return [...description.matchAll(/'([^']+)'/gu)].map((match) => match[1]!);
}

/**
 * A message about another tool's directive: an unused directive that names no shipshape rule
 * (or names none at all), or a directive naming a rule that is not shipshape's and not loaded.
 */
export function isForeignDirectiveMessage(message: Pick<Linter.LintMessage, "ruleId" | "message">, namespaces: readonly string[]): boolean {
  if (message.ruleId !== null) {
    return UNKNOWN_RULE.test(message.message) && !isShipshapeRule(message.ruleId, namespaces);
  }
  const unused = UNUSED_DIRECTIVE.exec(message.message);
  if (!unused) return false;
  return !quotedRules(unused[1] ?? "").some((rule) => isShipshapeRule(rule, namespaces));
}

/**
 * Whether `--fix` may apply a message's fix: not when it would rewrite a directive that also
 * names another tool's rule (removing an unused `shipshape/x, no-console` list would remove both).
 */
export function mayFix(message: Pick<Linter.LintMessage, "ruleId" | "message">, namespaces: readonly string[]): boolean {
  if (message.ruleId !== null) return true;
  const unused = UNUSED_DIRECTIVE.exec(message.message);
  if (!unused) return true;
  const rules = quotedRules(unused[1] ?? "");
  return rules.length > 0 && rules.every((rule) => isShipshapeRule(rule, namespaces));
}

/** The results without messages about other tools' directives, with their counts recomputed. */
export function withoutForeignDirectiveMessages(results: ESLint.LintResult[], namespaces: readonly string[]): ESLint.LintResult[] {
  return results.map((result) => {
    const messages = result.messages.filter((message) => !isForeignDirectiveMessage(message, namespaces));
    if (messages.length === result.messages.length) return result;
    const count = (severity: number, fixable = false) =>
      messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
    return {
      ...result,
      messages,
      errorCount: count(2),
      fatalErrorCount: messages.filter((message) => message.fatal).length,
      warningCount: count(1),
      fixableErrorCount: count(2, true),
      fixableWarningCount: count(1, true),
    };
  });
}
