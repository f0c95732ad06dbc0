/**
 * Where migrations written in code live, by the conventions of the Node.js migration tools.
 * The recommended configs apply the `migrations` processor to these files; the processor then
 * reads only files that also look like migrations from the inside (an `up` function, and a
 * migration folder or a migration library's import).
 */
const CODE = "{js,mjs,cjs,ts,mts,cts}";

export const MIGRATION_CODE_FILES = [
  // TypeORM, Knex, node-pg-migrate, Sequelize, MikroORM, Kysely, umzug, ley: a migrations folder.
  `**/migrations/**/*.${CODE}`,
  // TypeORM's CLI default (`src/migration`).
  `**/migration/**/*.${CODE}`,
  // Timestamped names anywhere: TypeORM `1700000000000-AddEmail.ts`, Sequelize `20240131120000-add-email.js`,
  // Knex `20240131120000_add_email.ts`, node-pg-migrate `1700000000000_add-email.js`.
  `**/[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*[-_]*.${CODE}`,
  // MikroORM `Migration20240131120000.ts`.
  `**/Migration[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*.${CODE}`,
  // Drizzle's output folder.
  `**/drizzle/**/*.${CODE}`,
  // Logto-style `alterations` folders (slonik), and other projects that name their migrations so.
  `**/alterations/**/*.${CODE}`,
];

/** A folder named for migrations anywhere in the path. */
const MIGRATION_FOLDER = /(?:^|[/\\])(?:migrations?|drizzle|alterations)[/\\]/iu;

/**
 * True when the file is in a migrations folder. (A timestamped name alone is not enough: such
 * a file must also import a migration library to be read as a migration.)
 */
export function isInMigrationFolder(filename: string): boolean {
  return MIGRATION_FOLDER.test(filename);
}

/**
 * The name of the virtual SQL block of an `up` function. ESLint names it
 * `<file>/<index>_<name>`; the `.sql` extension gives it the SQL language config, and the
 * in-transaction name the `assumeInTransaction` language option (see the recommended configs).
 */
export const UP_BLOCK = "up.sql";
export const UP_BLOCK_IN_TRANSACTION = "up-in-transaction.sql";

/**
 * The JS/TS migration a virtual SQL block was made from (`src/1700000000000-AddUsers.ts/0_up.sql`
 * → `src/1700000000000-AddUsers.ts`, with `/` separators); undefined for a real `.sql` file.
 */
export function codeFileOfBlock(filePath: string): string | undefined {
  return /^(.*\.[cm]?[jt]sx?)\/[^/]+\.sql$/iu.exec(filePath.replaceAll("\\", "/"))?.[1];
}

/** The virtual SQL blocks of migrations whose library runs them in a transaction. */
export const IN_TRANSACTION_BLOCKS = [`**/*.${CODE}/*_${UP_BLOCK_IN_TRANSACTION}`];
