import { RuleTester, type Rule } from "eslint";
import tseslint from "typescript-eslint";
import rule from "../../rules/no-unsafe-schema-builder-call.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** messageId, line and column range of the `occurrence`-th `snippet` in `code`. */
function at(messageId: string, code: string, snippet: string, occurrence = 0) {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`${snippet} not found in ${code}`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const start = position(index);
  const end = position(index + snippet.length);
  return { messageId, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

const KNEX = "migrations/20240131120000_change_users.js";
const KNEX_TS = "src/migrations/20240131120000_change_users.ts";
const TYPEORM = "src/migrations/1700000000000-ChangeUsers.ts";
const SEQUELIZE = "migrations/20240131120000-change-users.js";
const PGM = "migrations/1700000000000_change-users.js";
const KYSELY = "src/migrations/2024-01-31-change-users.ts";

const knex = (body: string) => `exports.up = function (knex) {
  return knex.schema.alterTable("users", (table) => {
${body}
  });
};

exports.down = function (knex) {
  return knex.schema.dropTable("users");
};
`;

const typeorm = (body: string) => `import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from "typeorm";

export class ChangeUsers1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
${body}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("users");
  }
}
`;

const sequelize = (body: string) => `'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
${body}
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
`;

const pgm = (body: string) => `exports.shorthands = undefined;

exports.up = (pgm) => {
${body}
};
`;

const kysely = (body: string) => `import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
${body}
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("users").execute();
}
`;

const knexDrop = knex('    table.dropColumn("email");');
const knexRename = knex('    table.renameColumn("name", "full_name");');
const knexAlter = knex('    table.string("name", 500).notNullable().alter();');
const knexRequired = knex('    table.string("code").notNullable();');
const knexIndex = knex('    table.index(["created_at"], "users_created_at_idx");\n    table.string("slug").unique();');
const knexDropNullable = knex('    table.dropNullable("email");');
const knexForeign = knex('    table.foreign("team_id").references("id").inTable("teams");');
const knexTopLevel = `import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("sessions");
  await knex.schema.renameTable("users", "accounts");
}
`;

const typeormDrop = typeorm('    await queryRunner.dropColumn("users", "email");\n    await queryRunner.dropColumn("users", new TableColumn({ name: "phone", type: "text" }));');
const typeormRename = typeorm('    await queryRunner.renameColumn("users", "name", "full_name");');
const typeormChange = typeorm('    await queryRunner.changeColumn("users", "age", new TableColumn({ name: "age", type: "bigint" }));');
const typeormAdd = typeorm('    await queryRunner.addColumn("users", new TableColumn({ name: "age", type: "int" }));');
const typeormIndex = typeorm('    await queryRunner.createIndex("users", new TableIndex({ name: "users_age_idx", columnNames: ["age"] }));');
const typeormForeignKey = typeorm(
  '    await queryRunner.createForeignKey("orders", new TableForeignKey({ columnNames: ["user_id"], referencedTableName: "users", referencedColumnNames: ["id"] }));',
);

const sequelizeRemove = sequelize("    await queryInterface.removeColumn('users', 'email');");
const sequelizeChange = sequelize("    await queryInterface.changeColumn('users', 'name', { type: Sequelize.STRING(500), allowNull: false });");
const sequelizeIndex = sequelize("    await queryInterface.addIndex('users', ['email']);\n    await queryInterface.removeIndex('users', 'users_name_idx');");
const sequelizeAdd = sequelize("    await queryInterface.addColumn('users', 'code', { type: Sequelize.STRING, allowNull: false });");
const sequelizeConstraint = sequelize(
  "    await queryInterface.addConstraint('orders', { fields: ['user_id'], type: 'foreign key', references: { table: 'users', field: 'id' } });",
);

/** Sequelize's explicit transaction: calls run in it when they pass its parameter. */
const sequelizeTransaction = (body: string) => sequelize(`    await queryInterface.sequelize.transaction(async (transaction) => {\n${body}\n    });`);
const sequelizeRenameWithView = sequelizeTransaction(
  "      await queryInterface.renameTable('backlinks', 'relationships', { transaction });\n      await queryInterface.sequelize.query('CREATE VIEW backlinks AS SELECT * FROM relationships', { transaction });",
);
const sequelizeViewOutside = sequelizeTransaction(
  "      await queryInterface.renameTable('backlinks', 'relationships', { transaction });\n      await queryInterface.sequelize.query('CREATE VIEW backlinks AS SELECT * FROM relationships');",
);

const pgmDrop = pgm('  pgm.dropColumns("users", ["email", "phone"]);');
const pgmAlter = pgm('  pgm.alterColumn("users", "age", { type: "bigint", notNull: true });');
const pgmIndex = pgm('  pgm.createIndex("users", "email");');
const pgmConstraint = pgm(
  '  pgm.addConstraint("orders", "orders_user_fk", { foreignKeys: { columns: "user_id", references: "users" } });\n  pgm.addConstraint("orders", "orders_total_check", "CHECK (total >= 0)");',
);
const pgmAdd = pgm('  pgm.addColumns("users", { code: { type: "text", notNull: true }, note: { type: "text" } });');

const kyselyDrop = kysely('  await db.schema.alterTable("users").dropColumn("email").execute();');
const kyselyAlter = kysely(
  '  await db.schema\n    .alterTable("users")\n    .alterColumn("age", (col) => col.setDataType("bigint"))\n    .alterColumn("email", (col) => col.setNotNull())\n    .execute();',
);
const kyselyAdd = kysely('  await db.schema.alterTable("users").addColumn("code", "text", (col) => col.notNull()).execute();');
const kyselyIndex = kysely('  await db.schema.createIndex("users_email_idx").on("users").column("email").execute();');
const kyselyRename = kysely('  await db.schema.alterTable("users").renameTo("accounts").execute();');

ruleTester.run("no-unsafe-schema-builder-call", rule as unknown as Rule.RuleModule, {
  valid: [
    // New tables: everything goes.
    {
      filename: KNEX,
      code: `exports.up = async (knex) => {
  await knex.schema.createTable("audit", (table) => {
    table.increments();
    table.string("actor").notNullable();
    table.index(["actor"]);
  });
  await knex.schema.alterTable("audit", (table) => {
    table.dropColumn("actor");
    table.string("kind").notNullable();
  });
};
`,
    },
    // A table created by raw SQL earlier in the same up().
    {
      filename: KNEX,
      code: `exports.up = async (knex) => {
  await knex.raw("CREATE TABLE imports (id bigint PRIMARY KEY, raw jsonb)");
  await knex.schema.alterTable("imports", (table) => table.dropColumn("raw"));
};
`,
    },
    // Safe forms.
    { filename: KNEX, code: knex('    table.string("nickname");\n    table.string("slug").notNullable().defaultTo("");\n    table.text("bio").alter();') },
    { filename: KNEX, code: knex('    table.integer("age").notNullable().alter({ alterType: false, alterNullable: false });') },
    { filename: TYPEORM, code: typeorm('    await queryRunner.addColumn("users", new TableColumn({ name: "nick", type: "text", isNullable: true }));') },
    { filename: TYPEORM, code: typeorm('    await queryRunner.addColumn("users", new TableColumn({ name: "plan", type: "text", default: "\'free\'" }));') },
    { filename: TYPEORM, code: typeorm('    await queryRunner.createIndex("users", new TableIndex({ columnNames: ["age"], isConcurrent: true }));') },
    { filename: TYPEORM, code: typeorm('    await queryRunner.changeColumn("users", "bio", new TableColumn({ name: "bio", type: "text" }));') },
    {
      filename: TYPEORM,
      code: typeorm('    await queryRunner.createTable(new Table({ name: "teams", columns: [] }));\n    await queryRunner.dropColumn("teams", "legacy");'),
    },
    { filename: SEQUELIZE, code: sequelize("    await queryInterface.addIndex('users', ['email'], { concurrently: true });\n    await queryInterface.removeIndex('users', 'x', { concurrently: true });") },
    { filename: SEQUELIZE, code: sequelize("    await queryInterface.addColumn('users', 'code', { type: Sequelize.STRING, allowNull: false, defaultValue: '' });") },
    { filename: PGM, code: pgm('  pgm.noTransaction();\n  pgm.createIndex("users", "email", { concurrently: true });') },
    { filename: PGM, code: pgm('  pgm.addConstraint("orders", "orders_total_check", "CHECK (total >= 0) NOT VALID");\n  pgm.alterColumn("users", "plan", { default: "free" });') },
    { filename: KYSELY, code: kysely('  await db.schema.alterTable("users").addColumn("code", "text", (col) => col.notNull().defaultTo("")).execute();') },
    { filename: KYSELY, code: kysely('  await db.schema.alterTable("users").alterColumn("bio", (col) => col.setDataType("text")).execute();') },
    {
      filename: KYSELY,
      code: kysely('  await db.schema.createTable("teams").addColumn("id", "serial", (col) => col.primaryKey()).execute();\n  await db.schema.createIndex("teams_idx").on("teams").column("id").execute();'),
    },
    // The old type, from TypeORM's old column or from the down migration: no rewrite.
    {
      filename: TYPEORM,
      code: typeorm(
        '    await queryRunner.changeColumn("users", new TableColumn({ name: "bio", type: "varchar", length: "255" }), new TableColumn({ name: "bio", type: "varchar", length: "500" }));',
      ),
    },
    {
      filename: SEQUELIZE,
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'teamId', { type: Sequelize.UUID, allowNull: true });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('users', 'teamId', { type: Sequelize.UUID, allowNull: false });
  },
};
`,
    },
    // A materialized view created earlier in up(): nothing reads it yet.
    {
      filename: KYSELY,
      code: kysely('  await db.schema.createView("hot").materialized().as(db.selectFrom("post").selectAll()).execute();\n  await db.schema.createIndex("hot_idx").on("hot").column("uri").execute();'),
    },
    // Sequelize restates the type to change nullability; without USING only uuid converts to uuid.
    { filename: SEQUELIZE, code: sequelize("    await queryInterface.changeColumn('collection_users', 'collectionId', { type: Sequelize.UUID, allowNull: true });") },
    { filename: SEQUELIZE, code: sequelize("    await queryInterface.changeColumn('users', 'isAdmin', { type: Sequelize.BOOLEAN, defaultValue: false });") },
    // Renamed with a view under the old name, in the same transaction: the advised rename.
    { filename: SEQUELIZE, code: sequelizeRenameWithView },
    { filename: KNEX_TS, code: knexTopLevel.replace("dropTableIfExists", "hasTable").replace('renameTable("users", "accounts");', 'renameTable("users", "accounts");\n  await knex.raw("CREATE OR REPLACE VIEW users AS SELECT * FROM accounts");') },
    // MySQL and SQLite: only what breaks whatever the database (their index builds and locks differ).
    { filename: KNEX, code: knexIndex, options: [{ dialect: "mysql" }] },
    { filename: SEQUELIZE, code: sequelizeAdd, options: [{ dialect: "sqlite" }] },
    // down() undoes the up migration on purpose.
    { filename: KNEX, code: "exports.up = async () => {};\nexports.down = (knex) => knex.schema.alterTable('users', (t) => t.dropColumn('email'));\n" },
    // Not a migration: no up(), or not in a migrations folder and no migration library.
    { filename: KNEX, code: "export function dropEmail(knex) {\n  return knex.schema.alterTable('users', (t) => t.dropColumn('email'));\n}\n" },
    { filename: "src/store/columns.ts", code: "export function up(grid) {\n  grid.dropColumn('users', 'email');\n}\n" },
  ],
  invalid: [
    { filename: KNEX, code: knexDrop, errors: [at("dropColumn", knexDrop, 'dropColumn("email")')] },
    { filename: KNEX_TS, code: knexDrop, errors: [at("dropColumn", knexDrop, 'dropColumn("email")')] },
    { filename: KNEX, code: knexRename, errors: [at("renameColumn", knexRename, 'renameColumn("name", "full_name")')] },
    {
      filename: KNEX,
      code: knexAlter,
      errors: [at("changeColumnType", knexAlter, 'string("name", 500).notNullable().alter()'), at("setNotNull", knexAlter, 'string("name", 500).notNullable().alter()')],
    },
    { filename: KNEX, code: knexRequired, errors: [at("addRequiredColumn", knexRequired, 'string("code").notNullable()')] },
    { filename: KNEX, code: knexIndex, errors: [at("createIndex", knexIndex, 'index(["created_at"], "users_created_at_idx")'), at("createIndex", knexIndex, 'string("slug").unique()')] },
    { filename: KNEX, code: knexDropNullable, errors: [at("setNotNull", knexDropNullable, 'dropNullable("email")')] },
    { filename: KNEX, code: knexForeign, errors: [at("addForeignKey", knexForeign, 'foreign("team_id").references("id").inTable("teams")')] },
    // Sequelize's changeColumn with `references` adds a foreign key validated over every row (the uuid type is restated).
    {
      filename: SEQUELIZE,
      code: sequelize("    await queryInterface.changeColumn('stars', 'userId', { type: Sequelize.UUID, onDelete: 'cascade', references: { model: 'users' } });"),
      errors: [{ messageId: "addForeignKey", data: { table: "stars", referenced: "users" } }],
    },
    // Knex's .alter() and node-pg-migrate's `using` convert from any type, so a change to uuid may rewrite.
    { filename: KNEX, code: knex('    table.uuid("team_id").alter();'), errors: [{ messageId: "changeColumnType" }] },
    { filename: PGM, code: pgm('  pgm.alterColumn("users", "team_id", { type: "uuid", using: "team_id::uuid" });'), errors: [{ messageId: "changeColumnType" }] },
    // The view is created outside the transaction (Sequelize needs `{ transaction }`), or under another name.
    { filename: SEQUELIZE, code: sequelizeViewOutside, errors: [at("renameTable", sequelizeViewOutside, "renameTable('backlinks', 'relationships', { transaction })")] },
    {
      filename: SEQUELIZE,
      code: sequelizeTransaction("      await queryInterface.sequelize.query('CREATE VIEW backlinks_v AS SELECT 1', { transaction });\n      await queryInterface.renameTable('backlinks', 'relationships', { transaction });"),
      errors: [{ messageId: "renameTable" }],
    },
    {
      filename: KNEX_TS,
      code: knexTopLevel,
      errors: [at("dropTable", knexTopLevel, 'dropTableIfExists("sessions")'), at("renameTable", knexTopLevel, 'renameTable("users", "accounts")')],
    },
    {
      filename: TYPEORM,
      code: typeormDrop,
      errors: [at("dropColumn", typeormDrop, 'dropColumn("users", "email")'), at("dropColumn", typeormDrop, 'dropColumn("users", new TableColumn({ name: "phone", type: "text" }))')],
    },
    { filename: TYPEORM, code: typeormRename, errors: [at("renameColumn", typeormRename, 'renameColumn("users", "name", "full_name")')] },
    { filename: TYPEORM, code: typeormChange, errors: [at("changeColumnType", typeormChange, 'changeColumn("users", "age", new TableColumn({ name: "age", type: "bigint" }))')] },
    { filename: TYPEORM, code: typeormAdd, errors: [at("addRequiredColumn", typeormAdd, 'addColumn("users", new TableColumn({ name: "age", type: "int" }))')] },
    { filename: TYPEORM, code: typeormIndex, errors: [at("createIndex", typeormIndex, 'createIndex("users", new TableIndex({ name: "users_age_idx", columnNames: ["age"] }))')] },
    { filename: TYPEORM, code: typeormForeignKey, errors: [at("addForeignKey", typeormForeignKey, 'createForeignKey("orders", new TableForeignKey({ columnNames: ["user_id"], referencedTableName: "users", referencedColumnNames: ["id"] }))')] },
    { filename: SEQUELIZE, code: sequelizeRemove, errors: [at("dropColumn", sequelizeRemove, "removeColumn('users', 'email')")] },
    {
      filename: SEQUELIZE,
      code: sequelizeChange,
      errors: [
        at("changeColumnType", sequelizeChange, "changeColumn('users', 'name', { type: Sequelize.STRING(500), allowNull: false })"),
        at("setNotNull", sequelizeChange, "changeColumn('users', 'name', { type: Sequelize.STRING(500), allowNull: false })"),
      ],
    },
    { filename: SEQUELIZE, code: sequelizeIndex, errors: [at("createIndex", sequelizeIndex, "addIndex('users', ['email'])"), at("dropIndex", sequelizeIndex, "removeIndex('users', 'users_name_idx')")] },
    { filename: SEQUELIZE, code: sequelizeAdd, errors: [at("addRequiredColumn", sequelizeAdd, "addColumn('users', 'code', { type: Sequelize.STRING, allowNull: false })")] },
    {
      filename: SEQUELIZE,
      code: sequelizeConstraint,
      errors: [at("addForeignKey", sequelizeConstraint, "addConstraint('orders', { fields: ['user_id'], type: 'foreign key', references: { table: 'users', field: 'id' } })")],
    },
    { filename: PGM, code: pgmDrop, errors: [at("dropColumn", pgmDrop, 'dropColumns("users", ["email", "phone"])'), at("dropColumn", pgmDrop, 'dropColumns("users", ["email", "phone"])')] },
    {
      filename: PGM,
      code: pgmAlter,
      errors: [at("changeColumnType", pgmAlter, 'alterColumn("users", "age", { type: "bigint", notNull: true })'), at("setNotNull", pgmAlter, 'alterColumn("users", "age", { type: "bigint", notNull: true })')],
    },
    { filename: PGM, code: pgmIndex, errors: [at("createIndex", pgmIndex, 'createIndex("users", "email")')] },
    {
      filename: PGM,
      code: pgmConstraint,
      errors: [
        at("addForeignKey", pgmConstraint, 'addConstraint("orders", "orders_user_fk", { foreignKeys: { columns: "user_id", references: "users" } })'),
        at("addCheck", pgmConstraint, 'addConstraint("orders", "orders_total_check", "CHECK (total >= 0)")'),
      ],
    },
    { filename: PGM, code: pgmAdd, errors: [at("addRequiredColumn", pgmAdd, 'addColumns("users", { code: { type: "text", notNull: true }, note: { type: "text" } })')] },
    { filename: KYSELY, code: kyselyDrop, errors: [at("dropColumn", kyselyDrop, 'dropColumn("email")')] },
    {
      filename: KYSELY,
      code: kyselyAlter,
      errors: [at("changeColumnType", kyselyAlter, 'alterColumn("age", (col) => col.setDataType("bigint"))'), at("setNotNull", kyselyAlter, 'alterColumn("email", (col) => col.setNotNull())')],
    },
    { filename: KYSELY, code: kyselyAdd, errors: [at("addRequiredColumn", kyselyAdd, 'addColumn("code", "text", (col) => col.notNull())')] },
    { filename: KYSELY, code: kyselyIndex, errors: [at("createIndex", kyselyIndex, 'createIndex("users_email_idx").on("users").column("email").execute()')] },
    { filename: KYSELY, code: kyselyRename, errors: [at("renameTable", kyselyRename, 'renameTo("accounts")')] },
    { filename: KNEX, code: knexDrop, options: [{ dialect: "mysql" }], errors: [at("dropColumn", knexDrop, 'dropColumn("email")')] },
  ],
});

// The messages: the SQL rules' text, with the library's own way to build an index concurrently.
ruleTester.run("no-unsafe-schema-builder-call messages", rule as unknown as Rule.RuleModule, {
  valid: [],
  invalid: [
    {
      filename: KNEX,
      code: knexDrop,
      errors: [
        {
          message:
            'Dropping column "email" from "users" breaks the code still running during the deploy, which selects or inserts it. ' +
            "First ship code that no longer uses the column (ignore it in the ORM), then drop it in a later migration.",
        },
      ],
    },
    {
      filename: TYPEORM,
      code: typeormChange,
      errors: [{ message: /^Changing column "age" of "users" to bigint rewrites the table/u }],
    },
    {
      filename: TYPEORM,
      code: typeorm('    await queryRunner.changeColumn("users", new TableColumn({ name: "age", type: "int" }), new TableColumn({ name: "age", type: "bigint" }));'),
      errors: [{ message: /^Changing column "age" of "users" from int to bigint rewrites the table/u }],
    },
    {
      filename: SEQUELIZE,
      code: `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('orders', 'total', { type: Sequelize.DECIMAL(12, 2) });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('orders', 'total', { type: Sequelize.INTEGER });
  },
};
`,
      errors: [{ message: /^Changing column "total" of "orders" from integer to numeric\(12, 2\) rewrites the table/u }],
    },
    {
      filename: KNEX,
      code: knex('    table.integer("age").alter();'),
      errors: [{ message: /^Changing column "age" of "users" to integer rewrites/u }],
    },
    {
      filename: SEQUELIZE,
      code: sequelize("    await queryInterface.addIndex('users', ['email']);"),
      errors: [{ message: 'CREATE INDEX on "users" blocks every INSERT, UPDATE and DELETE on the table until the index is built, minutes on a large table. Pass `concurrently: true` to addIndex, outside a transaction.' }],
    },
    {
      filename: TYPEORM,
      code: typeormIndex,
      errors: [{ message: /Run `CREATE INDEX CONCURRENTLY` with queryRunner\.query in a migration with `transaction = false`\.$/u }],
    },
    {
      filename: PGM,
      code: pgmIndex,
      errors: [{ message: /Pass `\{ concurrently: true \}` and call `pgm\.noTransaction\(\)` in this migration\.$/u }],
    },
    {
      filename: KNEX,
      code: knexIndex,
      errors: [
        { message: /Run `CREATE INDEX CONCURRENTLY` through knex\.raw in a migration that exports `config = \{ transaction: false \}`\.$/u },
        { message: /knex\.raw/u },
      ],
    },
    {
      filename: PGM,
      code: pgmConstraint,
      errors: [{ message: /^Adding this foreign key checks every row of "orders" while holding SHARE ROW EXCLUSIVE locks on "orders" and on "users"/u }, { message: /^Adding this CHECK constraint/u }],
    },
  ],
});
