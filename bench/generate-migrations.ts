/**
 * Generates a deterministic corpus of PostgreSQL migration files for the benchmarks, in the
 * layouts real projects use: Prisma (`<timestamp>_<name>/migration.sql`), golang-migrate
 * (`<n>_<name>.up.sql` / `.down.sql`), Flyway (`V<n>__<name>.sql`) and hand-written files with
 * DO blocks, functions, triggers and backfills. Same seed, same files.
 *
 *     npx tsx bench/generate-migrations.ts <out-dir> [count] [seed]
 */
import fs from "node:fs";
import path from "node:path";
import { pick, random } from "./random.ts";

export { random } from "./random.ts";

const TABLES = ["users", "orders", "order_items", "invoices", "payments", "accounts", "sessions", "events", "products", "carts"];
const TYPES = ["text", "bigint", "integer", "boolean", "timestamptz", "jsonb", "numeric(12,2)", "varchar(255)", "uuid"];

function createTable(next: () => number, name: string): string {
  const columns = Array.from({ length: 3 + Math.floor(next() * 8) }, (_, i) => `  "col_${i}" ${pick(next, TYPES)}${next() < 0.3 ? " NOT NULL" : ""}`);
  return [
    `CREATE TABLE "${name}" (`,
    `  "id" BIGSERIAL NOT NULL,`,
    ...columns.map((c) => `${c},`),
    `  "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,`,
    `  CONSTRAINT "${name}_pkey" PRIMARY KEY ("id")`,
    `);`,
    `CREATE UNIQUE INDEX "${name}_col_0_key" ON "${name}"("col_0");`,
  ].join("\n");
}

function alterations(next: () => number, i: number): string[] {
  const table = pick(next, TABLES);
  const column = `c${i}`;
  const options = [
    `ALTER TABLE "${table}" ADD COLUMN "${column}" ${pick(next, TYPES)};`,
    `ALTER TABLE ${table} ADD COLUMN ${column} text NOT NULL DEFAULT '';`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${table}_${column}_idx ON ${table} (${column});`,
    `CREATE INDEX "${table}_${column}_idx" ON "${table}"("${column}");`,
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_fk FOREIGN KEY (${column}) REFERENCES accounts (id) NOT VALID;`,
    `ALTER TABLE ${table} VALIDATE CONSTRAINT ${table}_${column}_fk;`,
    `ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT 0;`,
    `ALTER TABLE ${table} DROP COLUMN IF EXISTS legacy_${column};`,
    `ALTER TABLE ${table} RENAME COLUMN ${column} TO ${column}_v2;`,
    `UPDATE ${table} SET ${column} = 0 WHERE ${column} IS NULL AND id < ${1000 * (i + 1)};`,
    `COMMENT ON COLUMN ${table}.${column} IS 'added in migration ${i}';`,
    `CREATE TYPE status_${i} AS ENUM ('pending', 'active', 'closed');`,
    `ALTER TYPE status_${i % 7} ADD VALUE IF NOT EXISTS 'archived';`,
  ];
  return Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(next, options));
}

function plpgsql(next: () => number, i: number): string {
  const table = pick(next, TABLES);
  return [
    `CREATE OR REPLACE FUNCTION touch_${i}() RETURNS trigger AS $$`,
    `BEGIN`,
    `  NEW.updated_at := now();`,
    `  RETURN NEW;`,
    `END;`,
    `$$ LANGUAGE plpgsql;`,
    `CREATE TRIGGER ${table}_touch_${i} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION touch_${i}();`,
    `DO $$`,
    `BEGIN`,
    `  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'kind_${i}') THEN`,
    `    CREATE TYPE kind_${i} AS ENUM ('a', 'b');`,
    `  END IF;`,
    `END $$;`,
  ].join("\n");
}

export function generateMigrations(outDir: string, count: number, seed = 42): string[] {
  const next = random(seed);
  fs.rmSync(outDir, { recursive: true, force: true });
  const files: string[] = [];
  const write = (relative: string, text: string) => {
    const file = path.join(outDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${text}\n`);
    files.push(file);
  };
  for (let i = 0; i < count; i++) {
    const style = i % 4;
    const stamp = String(20240101000000 + i * 137);
    const body = i < TABLES.length ? createTable(next, TABLES[i]!) : [...alterations(next, i), ...(next() < 0.15 ? [plpgsql(next, i)] : [])].join("\n");
    if (style === 0) write(`prisma/migrations/${stamp}_m${i}/migration.sql`, `-- Migration ${i}\n${body}`);
    else if (style === 1) {
      write(`migrate/${String(i).padStart(6, "0")}_m${i}.up.sql`, `BEGIN;\n${body}\nCOMMIT;`);
      write(`migrate/${String(i).padStart(6, "0")}_m${i}.down.sql`, `DROP TABLE IF EXISTS t${i};`);
    } else if (style === 2) write(`flyway/V${i + 1}__m${i}.sql`, body);
    else write(`sql/${stamp}_m${i}.sql`, `-- hand-written\nSET lock_timeout = '5s';\n${body}`);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir = "bench/out/migrations", count = "3000", seed = "42"] = process.argv.slice(2);
  const files = generateMigrations(outDir, Number(count), Number(seed));
  console.log(`wrote ${files.length} files to ${outDir}`);
}
