import type { SqlRuleDefinition } from "../create-sql-rule.ts";
import noDropColumn from "./no-drop-column.ts";
import unparsableStatement from "./unparsable-statement.ts";

/** The SQL migration rules, by name. */
export const sqlRules: Record<string, SqlRuleDefinition<never[]>> = {
  "no-drop-column": noDropColumn,
  "unparsable-statement": unparsableStatement,
};
