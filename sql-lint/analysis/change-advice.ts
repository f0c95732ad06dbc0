/**
 * What breaks, and what to do instead, for the schema changes that the SQL rules report in SQL
 * and, under the same names, in the schema builders of migration libraries (Knex, Sequelize,
 * node-pg-migrate, TypeORM, Kysely). One text for both, so a `DROP COLUMN` and a
 * `table.dropColumn()` are explained the same way.
 *
 * `breaks` says in one sentence what breaks or what is blocked; `instead` says in one sentence
 * what to do, in SQL terms (a builder rule may replace it with its library's own way).
 * Placeholders are ESLint message data.
 */
import type { SchemaChangeKind } from "../../rules/utils/schema-builder-changes.ts";

export interface ChangeAdvice {
  breaks: string;
  instead: string;
}

/** The message a SQL rule reports: what breaks, then the safe way in SQL. */
export function adviceMessage(advice: ChangeAdvice, instead: string = advice.instead): string {
  return `${advice.breaks} ${instead}`;
}

/** Data: column, table. */
export const DROP_COLUMN: ChangeAdvice = {
  breaks: 'Dropping column "{{column}}" from "{{table}}" breaks the code still running during the deploy, which selects or inserts it.',
  instead: "First ship code that no longer uses the column (ignore it in the ORM), then drop it in a later migration.",
};

/** Data: table. */
export const DROP_TABLE: ChangeAdvice = {
  breaks:
    'Dropping table "{{table}}" deletes its rows for good, and the code still running during the deploy fails on every query that touches it.',
  instead: "First ship code that no longer uses the table and keep a copy of the data, then drop it in a later migration.",
};

/** Data: from, to, table. */
export const RENAME_COLUMN: ChangeAdvice = {
  breaks: 'Renaming column "{{from}}" of "{{table}}" to "{{to}}" breaks the code still running during the deploy, which reads and writes "{{from}}".',
  instead: "Add the new column, write to both, backfill it, switch reads to it, then drop the old column in a later release.",
};

/** Data: from, to. */
export const RENAME_TABLE: ChangeAdvice = {
  breaks: 'Renaming table "{{from}}" to "{{to}}" breaks the code still running during the deploy, which queries "{{from}}".',
  instead:
    'Rename it and create a view named "{{from}}" over the new name in the same transaction, then drop the view once no running code uses the old name.',
};

/** Data: column, table, change (`from int to bigint`, `to bigint`). */
export const CHANGE_COLUMN_TYPE: ChangeAdvice = {
  breaks:
    'Changing column "{{column}}" of "{{table}}" {{change}} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock that blocks every read and write, and the code still running during the deploy keeps sending and expecting values of the old type.',
  instead: "Add a column of the new type, write to both, backfill it in batches, switch reads to it, then drop the old column in a later release.",
};

/** Data: table. */
export const CREATE_INDEX: ChangeAdvice = {
  breaks: 'CREATE INDEX on "{{table}}" blocks every INSERT, UPDATE and DELETE on the table until the index is built, minutes on a large table.',
  instead: "Use CREATE INDEX CONCURRENTLY, outside a transaction block.",
};

/** Data: index. */
export const DROP_INDEX: ChangeAdvice = {
  breaks: 'DROP INDEX "{{index}}" takes an ACCESS EXCLUSIVE lock on its table, which stops all reads and writes while it waits for running queries.',
  instead: "Use DROP INDEX CONCURRENTLY, outside a transaction block.",
};

/** Data: table, column. */
export const SET_NOT_NULL: ChangeAdvice = {
  breaks:
    'SET NOT NULL on "{{table}}"."{{column}}" scans every row while holding an ACCESS EXCLUSIVE lock, so all reads and writes wait until the scan ends.',
  instead:
    'Add CHECK ("{{column}}" IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL, which uses the check to skip the scan, and drop the check.',
};

/** Data: column, table. */
export const ADD_REQUIRED_COLUMN: ChangeAdvice = {
  breaks:
    'Adding NOT NULL column "{{column}}" to "{{table}}" without a default fails on a table that has rows, and every INSERT from the code still running during the deploy, which does not set it, fails too.',
  instead: "Add it with a DEFAULT, or add it nullable, backfill it, and set NOT NULL once every running version writes it.",
};

/** Data: table, referenced. */
export const ADD_FOREIGN_KEY: ChangeAdvice = {
  breaks:
    'Adding this foreign key checks every row of "{{table}}" while holding SHARE ROW EXCLUSIVE locks on "{{table}}" and on "{{referenced}}", so writes to both tables wait until the scan ends.',
  instead: "Add it with NOT VALID, then run VALIDATE CONSTRAINT in a separate transaction, which lets reads and writes continue.",
};

/** Data: table. */
export const ADD_CHECK: ChangeAdvice = {
  breaks:
    'Adding this CHECK constraint checks every row of "{{table}}" while holding an ACCESS EXCLUSIVE lock, so all reads and writes wait until the scan ends.',
  instead: "Add it with NOT VALID, then run VALIDATE CONSTRAINT in a separate transaction, which lets reads and writes continue.",
};

/** The kinds of change a schema-builder call makes in migration code (rules/utils/schema-builder-changes.ts). */
export type BuilderChangeKind = SchemaChangeKind;

/** The SQL rule that reports each kind of change, in SQL and in the schema-builder calls of migration code. */
export const RULE_OF_BUILDER_CHANGE: Record<BuilderChangeKind, string> = {
  dropColumn: "no-drop-column",
  dropTable: "no-drop-table",
  renameColumn: "no-rename",
  renameTable: "no-rename",
  changeColumnType: "no-column-type-change",
  setNotNull: "no-set-not-null",
  addRequiredColumn: "no-add-required-column",
  createIndex: "require-concurrent-index",
  dropIndex: "require-concurrent-index",
  addForeignKey: "require-not-valid-constraint",
  addCheck: "require-not-valid-constraint",
};

/** The message of each kind of builder change: the SQL rule's, with the library's own way in `{{instead}}` for indexes. */
export const BUILDER_MESSAGES: Record<BuilderChangeKind, string> = {
  dropColumn: adviceMessage(DROP_COLUMN),
  dropTable: adviceMessage(DROP_TABLE),
  renameColumn: adviceMessage(RENAME_COLUMN),
  renameTable: adviceMessage(RENAME_TABLE),
  changeColumnType: adviceMessage(CHANGE_COLUMN_TYPE),
  setNotNull: adviceMessage(SET_NOT_NULL),
  addRequiredColumn: adviceMessage(ADD_REQUIRED_COLUMN),
  createIndex: adviceMessage(CREATE_INDEX, "{{instead}}"),
  dropIndex: adviceMessage(DROP_INDEX, "{{instead}}"),
  addForeignKey: adviceMessage(ADD_FOREIGN_KEY),
  addCheck: adviceMessage(ADD_CHECK),
};

/** The message id a SQL rule reports a builder change with (its other ids name SQL forms). */
export function builderMessageId(kind: BuilderChangeKind): `builder:${BuilderChangeKind}` {
  return `builder:${kind}`;
}

/** The kinds of builder change the SQL rule `rule` reports. */
export function builderChangesOf(rule: string): BuilderChangeKind[] {
  return (Object.keys(RULE_OF_BUILDER_CHANGE) as BuilderChangeKind[]).filter((kind) => RULE_OF_BUILDER_CHANGE[kind] === rule);
}
