/**
 * The down half of a migration, read only to learn what the up half changes: `MODIFY status
 * ENUM(…)` in the down half restores the definition the up half replaces, which the up half
 * itself does not state. Taken from dbmate's `-- migrate:down` / goose's `-- +goose Down`
 * section of the same file, else from the sibling file of golang-migrate (`5_x.up.sql` →
 * `5_x.down.sql`, also `_up`/`-up`), of Postgrator (`001.do.x.sql` → `001.undo.x.sql`) and of
 * diesel / sqlx-style folders (`up.sql` → `down.sql`), and for the `up` function of a migration
 * written in code, its `down` function (registered by the migrations processor).
 * Its statements are never linted or reported: their ranges may point into another file. It is
 * read and parsed only when a rule asks.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { codeFileOfBlock } from "../embedded/migration-files.ts";
import { downSectionStart, parseSqlProgram, type SqlProgram, type SqlStatementNode } from "./parse-sql.ts";
import type { SqlDialect } from "./sql-language.ts";

const downStatements = new WeakMap<SqlProgram, readonly SqlStatementNode[] | (() => readonly SqlStatementNode[])>();
/** The down SQL of migrations written in code, by their file (each up block's file, see codeFileOfBlock). */
const embeddedDown = new Map<string, string>();

/** Registers the SQL a migration's `down` function sends, for the block of its `up` function. */
export function registerEmbeddedDown(codeFile: string, sql: string | undefined): void {
  if (sql === undefined) embeddedDown.delete(codeFile);
  else embeddedDown.set(codeFile, sql);
}

function siblingDownFile(path: string): string | undefined {
  if (!isAbsolute(path)) return undefined;
  const name = basename(path);
  if (/[._-]up\.sql$/iu.test(name)) return join(dirname(path), name.replace(/([._-])up\.sql$/iu, "$1down.sql"));
  if (/\.do\.[^/]*\.sql$/iu.test(name)) return join(dirname(path), name.replace(/\.do\./iu, ".undo."));
  if (/^up\.sql$/iu.test(name)) return join(dirname(path), "down.sql");
  return undefined;
}

function readDownText(text: string, path: string): string | undefined {
  const code = codeFileOfBlock(path);
  if (code !== undefined) return embeddedDown.get(code);
  const start = downSectionStart(text);
  if (start !== undefined) return text.slice(start);
  const sibling = siblingDownFile(path);
  if (!sibling) return undefined;
  try {
    return readFileSync(sibling, "utf8");
  } catch {
    return undefined;
  }
}

/** Remembers where the down half of the migration `program` was parsed from is, to read when asked. */
export function attachDownMigration(program: SqlProgram, text: string, path: string, dialect: SqlDialect): void {
  downStatements.set(program, () => {
    const down = readDownText(text, path);
    if (down === undefined || down.length > 1_000_000) return [];
    try {
      // Without its marker line the section is parsed as an up migration, so nothing is cut off.
      return parseSqlProgram(down.replace(/^--[^\n]*(?:\n|$)/u, ""), dialect).statements as SqlStatementNode[];
    } catch {
      // A down half that cannot be read tells nothing.
      return [];
    }
  });
}

/** The statements of the down half of the migration, when there is one. */
export function downMigrationOf(program: SqlProgram): readonly SqlStatementNode[] {
  let down = downStatements.get(program) ?? [];
  if (typeof down === "function") {
    down = down();
    downStatements.set(program, down);
  }
  return down;
}
