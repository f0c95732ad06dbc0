/**
 * The `migrations` processor inside a real ESLint with `configs.recommended` and the opt-in SQL
 * rules turned on: the SQL that migrations written in code send to the database is linted with
 * the SQL rules, under their ids and messages, at the exact position in the string.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../../index.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const OPT_IN = { "shipshape/no-backfill-with-schema-change": "warn", "shipshape/no-work-after-exclusive-lock": "warn" } as const;
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, { files: ["**/*.sql"], rules: OPT_IN }] });

/** Rules that report on most statements of a migration; each test names the ones it looks at. */
const NOISY = new Set(["shipshape/require-lock-timeout", "shipshape/no-work-after-exclusive-lock"]);

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!;
}

/** Findings as `rule line:column-endLine:endColumn`, without the noisy rules unless `keep` names them. */
async function findings(filePath: string, code: string, keep: string[] = []) {
  const result = await lint(filePath, code);
  return result.messages
    .filter((message) => !NOISY.has(message.ruleId ?? "") || keep.includes(message.ruleId!))
    .map(({ ruleId, line, column, endLine, endColumn }) => `${ruleId ?? "null"} ${line}:${column}-${endLine}:${endColumn}`);
}

/** `rule line:column-endLine:endColumn` of the `occurrence`-th `snippet` in `code`. */
function at(ruleId: string, code: string, snippet: string, occurrence = 0): string {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = code.indexOf(snippet, index + 1);
    if (index === -1) throw new Error(`${snippet} not found`);
  }
  const position = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return `${before.length}:${before.at(-1)!.length + 1}`;
  };
  return `${ruleId} ${position(index)}-${position(index + snippet.length)}`;
}

const DROP = "shipshape/no-drop-column";

describe("TypeORM", () => {
  const typeorm = (body: string, extra = "") => `import { MigrationInterface, QueryRunner } from "typeorm";

export class DropEmail1700000000000 implements MigrationInterface {${extra}
  public async up(queryRunner: QueryRunner): Promise<void> {
${body}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`ALTER TABLE "users" ADD "email" character varying\`);
    await queryRunner.query(\`DROP TABLE "users"\`);
  }
}
`;

  it("reports SQL in queryRunner.query at its position in the string, with the SQL rule's id and message", async () => {
    const code = typeorm('    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);');
    const result = await lint("src/migrations/1700000000000-DropEmail.ts", code);
    const drop = result.messages.find((message) => message.ruleId === DROP)!;
    expect(`${drop.ruleId} ${drop.line}:${drop.column}-${drop.endLine}:${drop.endColumn}`).toBe(at(DROP, code, 'DROP COLUMN "email"'));
    expect(drop.message).toBe(
      'Dropping column "email" from "users" breaks the code still running during the deploy, which selects or inserts it. ' +
        "First ship code that no longer uses the column (ignore it in the ORM), then drop it in a later migration.",
    );
    expect(drop.severity).toBe(2);
  });

  it("knows TypeORM runs up() in one transaction, where a new enum value cannot be used yet", async () => {
    const body = `    await queryRunner.query(\`ALTER TYPE "user_role_enum" ADD VALUE 'admin'\`);
    await queryRunner.query(\`UPDATE "users" SET "role" = 'admin' WHERE "id" = 1\`);`;
    const code = typeorm(body);
    expect(await findings("src/migrations/1700000000000-Admin.ts", code)).toEqual([at("shipshape/no-unsafe-enum-value-use", code, "'admin'", 1)]);
    expect(await findings("src/migrations/1700000000000-Admin.ts", typeorm(body, "\n  transaction = false;\n"))).toEqual([]);
  });

  it("does not lint down()", async () => {
    expect(await findings("src/migrations/1700000000000-DropEmail.ts", typeorm("    await queryRunner.query(`SELECT 1`);"))).toEqual([]);
  });

  it("maps positions through escapes in string literals", async () => {
    const code = typeorm('    await queryRunner.query("ALTER TABLE \\"users\\"\\tDROP COLUMN \\"email\\"");');
    expect(await findings("src/migration/1700000000000-DropEmail.ts", code)).toEqual([at(DROP, code, 'DROP COLUMN \\"email\\"')]);
  });

  it("reads multi-line template literals with ${} placeholders, naming the placeholder in the message", async () => {
    const code = typeorm(`    const column = this.column;
    await queryRunner.query(
      \`ALTER TABLE \${TABLE}
         DROP COLUMN \${column},
         ADD COLUMN note text\`,
    );`) + 'const TABLE = "orders";\n';
    const result = await lint("src/migrations/1700000000000-DropEmail.ts", code);
    const drop = result.messages.filter((message) => message.ruleId === DROP);
    expect(drop.map(({ line, column, endLine, endColumn }) => `${DROP} ${line}:${column}-${endLine}:${endColumn}`)).toEqual([at(DROP, code, "DROP COLUMN ${column}")]);
    expect(drop[0]!.message).toMatch(/^Dropping column "\$\{column\}" from "orders" /u);
  });

  it("reads concatenated literals and constants", async () => {
    const code = typeorm(`    const sql = "ALTER TABLE users " +
      "DROP COLUMN email";
    await queryRunner.query(sql);`);
    expect(await findings("src/migrations/1700000000000-DropEmail.ts", code)).toEqual([at(DROP, code, "DROP COLUMN email")]);
  });

  it("knows the transaction TypeORM wraps migrations in, and `transaction = false`", async () => {
    const body = '    await queryRunner.query("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");';
    const wrapped = typeorm(body);
    expect(await findings("src/migrations/1700000000000-Index.ts", wrapped)).toEqual([
      at("shipshape/no-concurrently-in-transaction", wrapped, "CONCURRENTLY"),
    ]);
    const result = await lint("src/migrations/1700000000000-Index.ts", wrapped);
    expect(result.messages[0]!.message).toContain("TypeORM: `transaction = false`");
    expect(await findings("src/migrations/1700000000000-Index.ts", typeorm(body, "\n  transaction = false;\n"))).toEqual([]);
  });

  it("lets a project whose runner does not wrap migrations say so, for the virtual blocks only", async () => {
    const body = '    await queryRunner.query("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");';
    const unwrapped = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [...plugin.configs.recommended, { files: ["**/*_up-in-transaction.sql"], languageOptions: { assumeInTransaction: false } }],
    });
    const [result] = await unwrapped.lintText(typeorm(body), { filePath: "src/migrations/1700000000000-Index.ts" });
    expect(result!.messages).toEqual([]);
  });

  it("gives line numbers of the file in messages that name a line", async () => {
    const code = typeorm(`    await queryRunner.query("BEGIN");
    await queryRunner.query("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
    await queryRunner.query("COMMIT");`, "\n  transaction = false;\n");
    const result = await lint("src/migrations/1700000000000-Index.ts", code);
    const inBlock = result.messages.find((message) => message.ruleId === "shipshape/no-concurrently-in-transaction")!;
    expect(inBlock.message).toContain("the transaction opened on line 7");
    expect(code.split("\n")[6]).toContain('"BEGIN"');
  });

  it("exempts a table created earlier in the same up(), by SQL or by the schema builder", async () => {
    const code = typeorm(`    await queryRunner.query("CREATE TABLE imports (id bigint PRIMARY KEY, raw jsonb)");
    await queryRunner.query("ALTER TABLE imports DROP COLUMN raw");
    await queryRunner.createTable(new Table({ name: "batches", columns: [] }));
    await queryRunner.query("CREATE INDEX batches_idx ON batches (id)");
    await queryRunner.query("CREATE INDEX users_idx ON users (id)");`);
    expect(await findings("src/migrations/1700000000000-Imports.ts", code)).toEqual([at("shipshape/require-concurrent-index", code, "CREATE INDEX", 1)]);
  });
});

describe("disable comments", () => {
  const file = "src/migrations/1700000000000-DropEmail.ts";
  const migration = (body: string) => `import { MigrationInterface, QueryRunner } from "typeorm";
export class DropEmail1700000000000 implements MigrationInterface {
  transaction = false;
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("SET lock_timeout = '5s'");
${body}
  }
}
`;

  it("honours // eslint-disable-next-line of the TS file, keeping the justification, without an unused-directive report", async () => {
    const code = migration(`    // eslint-disable-next-line shipshape/no-drop-column -- unused since release 41
    await queryRunner.query("ALTER TABLE users DROP COLUMN email");`);
    const result = await lint(file, code);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toMatchObject([{ ruleId: DROP, suppressions: [{ kind: "directive", justification: "unused since release 41" }] }]);
  });

  it("honours /* eslint-disable */ blocks and eslint-disable-line of the TS file", async () => {
    const code = migration(`    /* eslint-disable shipshape/no-drop-column */
    await queryRunner.query("ALTER TABLE users DROP COLUMN a");
    /* eslint-enable shipshape/no-drop-column */
    await queryRunner.query("ALTER TABLE users DROP COLUMN b"); // eslint-disable-line shipshape/no-drop-column
    await queryRunner.query("ALTER TABLE users DROP COLUMN c");`);
    expect(await findings(file, code)).toEqual([at(DROP, code, "DROP COLUMN c")]);
  });

  it("honours -- eslint-disable-next-line inside the SQL", async () => {
    const code = migration(`    await queryRunner.query(\`
      -- eslint-disable-next-line shipshape/no-drop-column -- unused since release 41
      ALTER TABLE users DROP COLUMN email;
      ALTER TABLE users DROP COLUMN phone;
    \`);`);
    const result = await lint(file, code);
    expect(result.messages.map((message) => message.ruleId)).toEqual([DROP]);
    expect(result.messages[0]!.line).toBe(code.split("\n").findIndex((line) => line.includes("phone")) + 1);
    expect(result.suppressedMessages).toMatchObject([{ ruleId: DROP, suppressions: [{ justification: "unused since release 41" }] }]);
  });

  it("still reports a TS disable comment that silences nothing, in the JS rules or the SQL", async () => {
    const code = migration(`    // eslint-disable-next-line shipshape/no-drop-column, shipshape/no-drop-table
    await queryRunner.query("ALTER TABLE users DROP COLUMN email");
    // eslint-disable-next-line shipshape/no-rename
    await queryRunner.query("SELECT 1");`);
    const result = await lint(file, code);
    expect(result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }))).toEqual([
      { ruleId: null, line: 6, message: "Unused eslint-disable directive (no problems were reported from 'shipshape/no-drop-table')." },
      { ruleId: null, line: 8, message: "Unused eslint-disable directive (no problems were reported from 'shipshape/no-rename')." },
    ]);
  });
});

describe("Knex", () => {
  it("lints knex.raw and knex.schema.raw in a CommonJS migration, not the down direction", async () => {
    const code = `exports.up = function (knex) {
  return knex.schema.raw("ALTER TABLE users DROP COLUMN email").then(() =>
    knex.raw(\`ALTER TABLE orders
      RENAME COLUMN total TO amount\`),
  );
};

exports.down = function (knex) {
  return knex.raw("DROP TABLE users");
};
`;
    expect(await findings("db/migrations/20240131120000_drop_email.js", code)).toEqual([
      at(DROP, code, "DROP COLUMN email"),
      at("shipshape/no-rename", code, "RENAME COLUMN total TO amount"),
    ]);
  });

  it("reads an object-based ESM migration (export default { up, down })", async () => {
    const code = `export default {
  async up(knex) {
    await knex.raw("DROP TABLE legacy_events");
  },
  async down(knex) {
    await knex.raw("CREATE TABLE legacy_events (id bigint)");
  },
};
`;
    expect(await findings("src/db/migrations/0007_drop_legacy_events.mjs", code)).toEqual([at("shipshape/no-drop-table", code, "legacy_events")]);
  });

  it("fills ?? and ? bindings and points at the placeholder", async () => {
    const code = `import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.raw("ALTER TABLE ?? DROP COLUMN ??", ["users", "email"]);
}
`;
    const result = await lint("migrations/20240131120000_drop_email.ts", code);
    const drop = result.messages.filter((message) => message.ruleId === DROP);
    expect(drop.map(({ line, column, endLine, endColumn }) => `${DROP} ${line}:${column}-${endLine}:${endColumn}`)).toEqual([at(DROP, code, "DROP COLUMN ??")]);
    expect(drop[0]!.message).toMatch(/^Dropping column "email" from "users" /u);
  });

  it("does not read knex.raw fragments as statements", async () => {
    const code = `exports.up = async (knex) => {
  await knex.schema.createTable("events", (table) => {
    table.uuid("id").primary().defaultTo(knex.raw("gen_random_uuid()"));
    table.timestamp("at").defaultTo(knex.raw("now()"));
  });
};
`;
    expect(await findings("migrations/20240131120000_events.js", code)).toEqual([]);
  });

  it("knows Knex's per-migration transaction and `config = { transaction: false }`", async () => {
    const up = `export async function up(knex) {
  await knex.raw("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
}
`;
    expect(await findings("migrations/20240131120000_index.mjs", `import knex from "knex";\n${up}`)).toHaveLength(1);
    expect(await findings("migrations/20240131120000_index.mjs", `import knex from "knex";\nexport const config = { transaction: false };\n${up}`)).toEqual([]);
  });

  it("exempts tables knex.schema.createTable made earlier", async () => {
    const code = `export async function up(knex) {
  await knex.schema.createTable("audit_log", (table) => table.increments());
  await knex.raw("CREATE INDEX audit_log_at_idx ON audit_log (at)");
}
`;
    expect(await findings("migrations/20240131120000_audit.mjs", code)).toEqual([]);
  });

  it("reports a DELETE that empties an existing table, not one emptied to be filled again", async () => {
    const code = `export async function up(knex) {
  await knex.raw("DELETE FROM sessions");
  await knex.raw("DELETE FROM daily_totals");
  await knex.raw("INSERT INTO daily_totals SELECT day, count(*) FROM events GROUP BY day");
}
`;
    expect(await findings("migrations/20240131120000_cleanup.mjs", code)).toEqual([at("shipshape/no-delete-all-rows", code, "sessions")]);
  });
});

describe("builder renames", () => {
  it("sees the table renamed to a dropped view's name take it over", async () => {
    const code = `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("DROP VIEW IF EXISTS group_permissions");
    await queryInterface.renameTable("collection_groups", "group_permissions");
    await queryInterface.sequelize.query("DROP VIEW legacy_report");
  },
};
`;
    const found = await findings("migrations/20230921071140-rename-collection-groups.js", code);
    expect(found.filter((finding) => finding.startsWith("shipshape/no-drop-view"))).toEqual([at("shipshape/no-drop-view", code, "legacy_report")]);
  });
});

describe("node-pg-migrate, Sequelize, MikroORM, Kysely, Drizzle, postgres.js, pg", () => {
  it("node-pg-migrate: pgm.sql", async () => {
    const code = `exports.shorthands = undefined;

exports.up = (pgm) => {
  pgm.noTransaction();
  pgm.sql("SET lock_timeout = '5s'");
  pgm.sql("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
};

exports.down = false;
`;
    expect(await findings("migrations/1700000000000_email-not-null.js", code)).toEqual([at("shipshape/no-set-not-null", code, "ALTER COLUMN email SET NOT NULL")]);
  });

  it("Sequelize: queryInterface.sequelize.query in an object-based CommonJS migration", async () => {
    const code = `'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.query('ALTER TABLE "Users" DROP COLUMN "email";');
  },
  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP TABLE "Users";');
  },
};
`;
    expect(await findings("migrations/20240131120000-drop-email.js", code)).toEqual([at(DROP, code, 'DROP COLUMN "email"')]);
  });

  it("Sequelize: umzug's { context } parameter, ESM", async () => {
    const code = `import type { MigrationFn } from "umzug";
import type { QueryInterface } from "sequelize";

export const up: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  await queryInterface.sequelize.query("DROP TABLE legacy_sessions");
};
`;
    expect(await findings("src/migrations/2024.01.31T12.00.00.drop-sessions.ts", code)).toEqual([at("shipshape/no-drop-table", code, "legacy_sessions")]);
  });

  it("MikroORM: this.addSql in a class extending Migration", async () => {
    const code = `import { Migration } from "@mikro-orm/migrations";

export class Migration20240131120000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "user" drop column "email";');
  }

  async down(): Promise<void> {
    this.addSql('alter table "user" add column "email" varchar(255);');
  }
}
`;
    expect(await findings("src/migrations/Migration20240131120000.ts", code)).toEqual([at(DROP, code, 'drop column "email"')]);
  });

  it("Kysely: sql`…`.execute(db)", async () => {
    const code = `import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql\`ALTER TABLE person DROP COLUMN email\`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql\`ALTER TABLE person ADD COLUMN email text\`.execute(db);
}
`;
    expect(await findings("src/migrations/2024-01-31-drop-email.ts", code)).toEqual([at(DROP, code, "DROP COLUMN email")]);
  });

  it("Kysely: a view the builder created earlier is new to the SQL rules too (a view swap)", async () => {
    const code = `import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createView("stats_new").materialized().as(db.selectFrom("event").selectAll()).execute();
  await db.schema.dropView("stats").materialized().execute();
  await sql\`ALTER MATERIALIZED VIEW "stats_new" RENAME TO "stats"\`.execute(db);
  await sql\`ALTER MATERIALIZED VIEW "totals" RENAME TO "sums"\`.execute(db);
}
`;
    expect(await findings("src/migrations/2024-01-31-stats.ts", code)).toEqual([at("shipshape/no-rename", code, 'RENAME TO "sums"')]);
  });

  it("Drizzle: db.execute(sql`…`) and sql.raw", async () => {
    const code = `import { sql } from "drizzle-orm";

export async function up(db) {
  await db.execute(sql\`ALTER TABLE users DROP COLUMN email\`);
  await db.execute(sql.raw("ALTER TABLE users DROP COLUMN phone"));
}
`;
    expect(await findings("drizzle/custom/0004_drop.ts", code)).toEqual([at(DROP, code, "DROP COLUMN email"), at(DROP, code, "DROP COLUMN phone")]);
  });

  it("postgres.js: the tagged template of up's own parameter (ley)", async () => {
    const code = `exports.up = async function (sql) {
  await sql\`ALTER TABLE users DROP COLUMN email\`;
};
`;
    expect(await findings("migrations/003-drop-email.js", code)).toEqual([at(DROP, code, "DROP COLUMN email")]);
  });

  it("pg: client.query and { text } inside a migration's up", async () => {
    const code = `export async function up(client) {
  await client.query({ text: "ALTER TABLE users DROP COLUMN email" });
}
`;
    expect(await findings("migrations/0042-drop-email.mjs", code)).toEqual([at(DROP, code, "DROP COLUMN email")]);
  });
});

describe("slonik alterations (Logto)", () => {
  it("reads pool.query(sql`…`) in the up of an object in an alterations folder, not down", async () => {
    const code = `import { sql } from "@silverhand/slonik";

const alteration = {
  up: async (pool) => {
    await pool.query(sql\`
      alter table users drop column legacy_email;
    \`);
  },
  down: async (pool) => {
    await pool.query(sql\`alter table users drop column nickname;\`);
  },
};

export default alteration;
`;
    expect(await findings("packages/schemas/alterations/1.19.0-1720505152-drop-legacy-email.ts", code)).toEqual([at(DROP, code, "drop column legacy_email")]);
  });
});

describe("placeholders and line endings", () => {
  it("reads Sequelize replacements (:name, ?) and $n parameters as values, so the statement is still checked", async () => {
    const code = `module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT :plan", { replacements: { plan: "free" } });
    await queryInterface.sequelize.query('UPDATE collections SET "sort" = :sort::jsonb WHERE id = :id', { replacements: { sort, id } });
    await queryInterface.sequelize.query("ALTER TABLE users ADD COLUMN tier text NOT NULL DEFAULT ?", { replacements: ["basic"] });
    await queryInterface.sequelize.query("UPDATE users SET plan = $1 WHERE id = $2", { bind: ["free", 1] });
    await queryInterface.sequelize.query("ALTER TABLE users ADD COLUMN code text NOT NULL");
  },
};
`;
    // The UPDATEs are read (their backfill beside schema changes is reported); only the last column lacks a default.
    expect(await findings("migrations/20240131120000-plans.js", code)).toEqual([
      at("shipshape/no-backfill-with-schema-change", code, "UPDATE collections"),
      at("shipshape/no-backfill-with-schema-change", code, "UPDATE users"),
      at("shipshape/no-add-required-column", code, "NOT NULL", 2),
    ]);
  });

  it("maps positions in files with CRLF line endings and in templates spanning them", async () => {
    const code = 'export async function up(knex) {\r\n  await knex.raw(`SELECT 1;\r\n    ALTER TABLE users\r\n      DROP COLUMN email`);\r\n}\r\n';
    const result = await lint("migrations/20240131120000_crlf.mjs", code);
    const drop = result.messages.find((message) => message.ruleId === DROP)!;
    expect([drop.line, drop.column, drop.endLine, drop.endColumn]).toEqual([4, 7, 4, 24]);
  });
});

describe("what is not linted", () => {
  it("a file outside the migration folders and names", async () => {
    const code = `import { Client } from "pg";

export async function up(client: Client) {
  await client.query("DROP TABLE x");
}
`;
    expect(await findings("src/db/cleanup.ts", code)).toEqual([]);
  });

  it("a helper in a migrations folder without an up function", async () => {
    const code = `export async function dropTable(client, name) {
  await client.query("DROP TABLE x");
}
`;
    expect(await findings("migrations/helpers.js", code)).toEqual([]);
  });

  it("a timestamp-named file that imports no migration library", async () => {
    const code = `export function up(client) {
  return client.query("DROP TABLE x");
}
`;
    expect(await findings("src/pages/1700000000000-landing.ts", code)).toEqual([]);
  });

  it("a statement that cannot be parsed because of a run-time value (no unparsable-statement finding)", async () => {
    const code = `export async function up(knex) {
  const columns = ["a text", "b text"].join(", ");
  await knex.raw(\`CREATE TABLE things (\${columns})\`);
}
`;
    expect(await findings("migrations/20240131120000_things.mjs", code)).toEqual([]);
  });

  it("a file with a syntax error: ESLint reports it, the processor stays silent", async () => {
    const result = await lint("migrations/20240131120000_broken.js", "exports.up = (knex) => knex.raw('DROP TABLE x'\n");
    expect(result.messages).toMatchObject([{ fatal: true, ruleId: null }]);
  });
});

describe("suggestions", () => {
  it("carries a SQL suggestion over into the string when the edit is verbatim", async () => {
    const code = `exports.up = async (queryInterface) => {
  await queryInterface.sequelize.query("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)");
};
`;
    const result = await lint("migrations/20240131120000-orders-fk.js", code);
    const foreignKey = result.messages.find((message) => message.ruleId === "shipshape/require-not-valid-constraint")!;
    expect(foreignKey.suggestions).toHaveLength(1);
    const { range, text } = foreignKey.suggestions![0]!.fix;
    const fixed = code.slice(0, range[0]) + text + code.slice(range[1]);
    expect(fixed).toContain('REFERENCES users (id) NOT VALID");');
  });

  it("offers the SQL rules' disable-for-this-line suggestion only on a line of its own in a template literal", async () => {
    // A `//` comment above the call (what the editor's own quick fix writes) silences a finding on the call's line.
    const oneLine = "exports.up = async (knex) => {\n  await knex.raw(`ALTER TABLE users DROP COLUMN email`);\n};\n";
    const [onCallLine] = (await lint("migrations/20240131120000_drop_email.js", oneLine)).messages.filter((message) => message.ruleId === DROP);
    expect(onCallLine).toMatchObject({ line: 2 });
    expect(onCallLine!.suggestions).toBeUndefined();

    // On a later line of the literal, a `//` line would be inserted into the SQL; a `--` one is SQL.
    const code = `exports.up = async (knex) => {
  await knex.raw(\`
    ALTER TABLE users
      DROP COLUMN email
  \`);
};
`;
    const [drop] = (await lint("migrations/20240131120000_drop_email.js", code)).messages.filter((message) => message.ruleId === DROP);
    expect(drop).toMatchObject({ line: 4, column: 7 });
    expect(drop!.suggestions).toHaveLength(1);
    const { range, text } = drop!.suggestions![0]!.fix;
    const disabled = code.slice(0, range[0]) + text + code.slice(range[1]);
    expect(disabled).toContain("    ALTER TABLE users\n      -- eslint-disable-next-line shipshape/no-drop-column -- <reason>\n      DROP COLUMN email\n");
    expect((await lint("migrations/20240131120000_drop_email.js", disabled)).messages.filter((message) => message.ruleId === DROP)).toEqual([]);
  });
});

describe("the demo", () => {
  it("reports the bad TypeScript migration and not its safe counterpart", async () => {
    const [bad, good] = await eslint.lintFiles([
      path.join(ROOT, "fixtures/demo/src/migrations/1700000000000-DropOrderNotes.ts"),
      path.join(ROOT, "fixtures/demo/src/migrations/1700000000001-IndexOrderCustomer.ts"),
    ]);
    expect(bad!.messages.map((message) => `${message.line} ${message.ruleId}`)).toEqual([
      "10 shipshape/no-drop-column",
      "11 shipshape/require-concurrent-index",
    ]);
    expect(good!.messages).toEqual([]);
  });
});

describe("the down function", () => {
  it("tells the type the up function replaces", async () => {
    const alteration = (from: string, to: string) => `import { sql } from "@silverhand/slonik";

const alteration = {
  up: async (pool) => {
    await pool.query(sql\`alter table users alter column password_encrypted set data type ${to};\`);
  },
  down: async (pool) => {
    await pool.query(sql\`alter table users alter column password_encrypted set data type ${from};\`);
  },
};

export default alteration;
`;
    const filePath = "packages/schemas/alterations/1.29.0-1750663091-password-length.ts";
    const types = async (code: string) => (await findings(filePath, code)).filter((finding) => finding.startsWith("shipshape/no-column-type-change"));
    expect(await types(alteration("varchar(128)", "varchar(256)"))).toEqual([]);
    const narrowing = alteration("varchar(128)", "varchar(64)");
    expect(await types(narrowing)).toEqual([at("shipshape/no-column-type-change", narrowing, "alter column password_encrypted set data type varchar(64)")]);
  });
});
