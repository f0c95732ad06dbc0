/**
 * Readers for the JSON of statements only PostgreSQL's parser read (`pg_fallback_stmt`), as
 * libpg-query returns it: fields holding a default value (false, 0, "") are left out.
 */

/** The name of a RangeVar (a table reference), already case-folded by PostgreSQL's parser. */
export function pgRelationName(rangeVar: unknown): string | undefined {
  const relname = (rangeVar as { relname?: unknown } | undefined)?.relname;
  return typeof relname === "string" ? relname : undefined;
}

/** The subcommands of an AlterTableStmt, by subtype (`AT_DetachPartition`, `AT_SetLogged`, ...). */
export function pgAlterTableCommands(statement: Record<string, unknown>): { subtype: string; def?: Record<string, unknown> }[] {
  const commands = Array.isArray(statement.cmds) ? (statement.cmds as { AlterTableCmd?: { subtype?: unknown; def?: unknown } }[]) : [];
  return commands.flatMap(({ AlterTableCmd: command }) =>
    command && typeof command.subtype === "string" ? [{ subtype: command.subtype, def: command.def as Record<string, unknown> | undefined }] : [],
  );
}

/** Whether a boolean option (`DefElem`) is on: given without a value, or with true/on/1/yes. */
export function pgOptionIsOn(option: { arg?: unknown }): boolean {
  const arg = option.arg as { String?: { sval?: string }; Integer?: { ival?: number }; Boolean?: { boolval?: boolean } } | undefined;
  if (!arg) return true;
  if (arg.Integer) return (arg.Integer.ival ?? 0) !== 0;
  if (arg.Boolean) return arg.Boolean.boolval === true;
  return !/^(?:false|off|no|0)$/iu.test(arg.String?.sval ?? "");
}
