import { isDomainCreatedEarlierInFile } from "../analysis/created-in-file.ts";
import { isPostgresql } from "../analysis/dialect.ts";
import { migrationOf } from "../analysis/migration-context.ts";
import { isAddedNotValid } from "../analysis/not-valid.ts";
import { tableName } from "../analysis/table-name.ts";
import { createSqlRule } from "../create-sql-rule.ts";

type MessageIds = "domainCheck" | "domainNotNull" | "domainValidate" | "addNotValid";

export default createSqlRule<[], MessageIds>({
  name: "no-blocking-domain-constraint",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow adding or validating a constraint on an existing PostgreSQL domain, which checks every column of that type while blocking writes to their tables",
      recommended: "error",
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      domainCheck:
        'Adding this constraint to domain "{{domain}}" checks every column of that type in every table while holding SHARE locks on those tables, so their writes wait until the scan ends. ' +
        "Add it NOT VALID, which checks new values only, and validate it in a quiet period, or put NOT VALID CHECK constraints on the columns instead.",
      domainNotNull:
        'Making domain "{{domain}}" NOT NULL checks every column of that type in every table while holding SHARE locks on those tables, so their writes wait until the scan ends. ' +
        "Make the columns themselves NOT NULL instead, through validated CHECK (column IS NOT NULL) constraints.",
      domainValidate:
        'Before PostgreSQL 19, VALIDATE CONSTRAINT on domain "{{domain}}" holds SHARE locks on every table with a column of that type while it checks them, so their writes wait until the scan ends. ' +
        "Validate in a quiet period, or validate CHECK constraints on the columns instead, which let writes continue.",
      addNotValid: "Add NOT VALID: only new values are checked until the constraint is validated.",
    },
  },
  create(context) {
    if (!isPostgresql(context)) return {};
    const migration = migrationOf(context);
    return {
      alter_domain_stmt(statement) {
        const name = tableName(statement.name);
        if (isDomainCreatedEarlierInFile(migration, name, statement.range?.[0] ?? 0)) return;
        const data = { domain: name ?? context.sourceCode.getText(statement.name) };
        const { action } = statement;
        if (action.type === "alter_action_add_constraint") {
          if (action.constraint.type === "constraint_not_null") {
            context.report({ node: action, messageId: "domainNotNull", data });
          } else if (!isAddedNotValid(action)) {
            context.report({
              node: action,
              messageId: "domainCheck",
              data,
              suggest: [{ messageId: "addNotValid", fix: (fixer) => fixer.insertTextAfter(action, " NOT VALID") }],
            });
          }
        } else if (action.type === "alter_action_set_not_null") {
          context.report({ node: action, messageId: "domainNotNull", data });
        } else if (action.type === "alter_action_validate_constraint" && migration.pgVersion < 19) {
          context.report({ node: action, messageId: "domainValidate", data });
        }
      },
    };
  },
});
