import type { SqlRuleDefinition } from "../create-sql-rule.ts";
import noBackfillWithSchemaChange from "./no-backfill-with-schema-change.ts";
import noDropColumn from "./no-drop-column.ts";
import noUnclosedTransaction from "./no-unclosed-transaction.ts";
import noWorkAfterExclusiveLock from "./no-work-after-exclusive-lock.ts";
import requireLockTimeout from "./require-lock-timeout.ts";
import unparsableStatement from "./unparsable-statement.ts";

/** The SQL migration rules, by name. */
export const sqlRules: Record<string, SqlRuleDefinition<never[]>> = {
  "no-backfill-with-schema-change": noBackfillWithSchemaChange,
  "no-drop-column": noDropColumn,
  "no-unclosed-transaction": noUnclosedTransaction,
  "no-work-after-exclusive-lock": noWorkAfterExclusiveLock,
  "require-lock-timeout": requireLockTimeout,
  "unparsable-statement": unparsableStatement,
};
