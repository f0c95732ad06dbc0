import { isRelationCreatedEarlierInFile } from "./created-in-file.ts";
import { isEmptiedEarlierInFile } from "./emptied-tables.ts";
import { sqlDialectOf } from "./dialect.ts";
import type { MigrationContext } from "./migration-context.ts";
import { isTableNewInHistory } from "./migration-history.ts";
import type { SqlProgram } from "../language/parse-sql.ts";
import type { SqlLanguageOptions } from "../language/sql-language.ts";

interface FileContext {
  physicalFilename: string;
  languageOptions: SqlLanguageOptions;
  sourceCode: { ast: SqlProgram };
}

/**
 * Whether `table` holds next to no rows when the statement at `offset` runs, so the time a lock
 * is held or a scan takes does not matter: created or emptied earlier in this migration, or by an earlier
 * migration of the folder timestamped within the hour before this one (written and shipped
 * together). For the rules about lock duration and scans, not for those about the code still
 * running, which may already use a table created an hour ago.
 */
export function isTableNew(context: FileContext, migration: MigrationContext, table: string | undefined, offset: number): boolean {
  const dialect = sqlDialectOf(context);
  if (isRelationCreatedEarlierInFile(migration, table, offset) || isEmptiedEarlierInFile(migration, table, offset, dialect === "postgresql")) return true;
  return table !== undefined && isTableNewInHistory(context.physicalFilename, dialect, table, context.languageOptions.startAfter);
}
