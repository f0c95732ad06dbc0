import { migrationOf } from "../analysis/migration-context.ts";
import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "unclosed">({
  name: "no-unclosed-transaction",
  meta: {
    type: "problem",
    docs: {
      description: "Require every `BEGIN` in a migration to be closed by `COMMIT` (or `ROLLBACK`) in the same file",
      recommended: "warn",
    },
    schema: [],
    messages: {
      unclosed:
        "This transaction is never committed in this file: depending on the runner its changes are rolled back, or the session stays in a transaction holding its locks until the connection closes. " +
        "End it with COMMIT; at the end of the migration.",
    },
  },
  create(context) {
    const migration = migrationOf(context);
    return {
      "program:exit"(program) {
        if (program !== context.sourceCode.ast) return;
        for (const block of migration.transactions) {
          if (!block.closed) context.report({ node: block.begin, messageId: "unclosed" });
        }
      },
    };
  },
});
