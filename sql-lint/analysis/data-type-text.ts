import { parse } from "../language/sql-parser-cst.ts";
import { describeDataType, type DataTypeDescription } from "./data-type.ts";

/**
 * Describes a PostgreSQL column type written as text (`varchar(500)`, `text`, `numeric(12, 2)`),
 * as schema builders take it, so their type changes are judged like `ALTER COLUMN … TYPE`.
 * Undefined when it is not a type sql-parser-cst reads.
 */
export function describeTypeText(type: string): DataTypeDescription | undefined {
  if (described.has(type)) return described.get(type);
  // Bounded, for an editor's long session; a migration folder repeats a few dozen types.
  if (described.size >= 1000) described.clear();
  const description = parseTypeText(type);
  described.set(type, description);
  return description;
}

/**
 * Descriptions by type text: each is a parse of a whole statement by sql-parser-cst, and the
 * migrations of a project change columns to the same few types again and again.
 */
const described = new Map<string, DataTypeDescription | undefined>();

function parseTypeText(type: string): DataTypeDescription | undefined {
  if (!/^[\w\s(),."[\]]+$/u.test(type)) return undefined;
  try {
    const [statement] = parse(`ALTER TABLE t ALTER COLUMN c TYPE ${type}`, { dialect: "postgresql" }).statements;
    const action = statement?.type === "alter_table_stmt" ? statement.actions.items[0] : undefined;
    if (action?.type !== "alter_action_alter_column" || action.action.type !== "alter_action_set_data_type" || action.action.clauses.length > 0) return undefined;
    return describeDataType(action.action.dataType);
  } catch {
    return undefined;
  }
}
