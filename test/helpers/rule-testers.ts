import type { RuleDefinition, ViolationReport } from "@eslint/core";
import { ESLint, RuleTester } from "eslint";
import yml from "eslint-plugin-yml";
import plugin from "../../index.ts";
import { DISABLE_FOR_LINE } from "../../sql-lint/create-sql-rule.ts";

/**
 * The rule as its own tests see it: without the "disable for this line" suggestion that
 * createSqlRule adds to every SQL finding, which test/sql-lint/create-sql-rule.test.ts tests for
 * all rules at once. A rule's own suggestions stay, and its tests must list them.
 */
function withoutDisableSuggestion(rule: RuleDefinition): RuleDefinition {
  return {
    ...rule,
    create(context) {
      const report = (descriptor: ViolationReport) => {
        context.report({ ...descriptor, suggest: descriptor.suggest?.filter((suggestion) => !("messageId" in suggestion && suggestion.messageId === DISABLE_FOR_LINE)) });
      };
      return rule.create(Object.freeze(Object.create(context, { report: { value: report, enumerable: true } }) as typeof context));
    },
  };
}

class SqlRuleTester extends RuleTester {
  override run(name: string, rule: RuleDefinition, tests: Parameters<RuleTester["run"]>[2]): void {
    super.run(name, withoutDisableSuggestion(rule), tests);
  }
}

/** A RuleTester for SQL rules: the `shipshape/sql` language, PostgreSQL unless a test says otherwise. */
export function sqlRuleTester(): RuleTester {
  return new SqlRuleTester({ plugins: { shipshape: plugin }, language: "shipshape/sql" });
}

/** A RuleTester for YAML rules on eslint-plugin-yml's language, as the recommended config runs them. */
export function yamlRuleTester(): RuleTester {
  return new RuleTester({ plugins: { shipshape: plugin, yml }, language: "yml/yaml" });
}

/**
 * ESLint running one SQL rule over real files under `cwd`, for rules that read the files around
 * the one they lint (the migration history, the project's runner): `languageOptions` as a config sets them.
 */
export function sqlRuleEslint(cwd: string, rule: string, languageOptions: Record<string, unknown> = {}): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.sql"], plugins: { shipshape: plugin }, language: "shipshape/sql", languageOptions, rules: { [`shipshape/${rule}`]: "error" } }],
  });
}
