import type { MigrationContext } from "./migration-context.ts";
import { pgRelationName } from "./pg-nodes.ts";
import { tableName } from "./table-name.ts";

/** Start offsets of what a migration creates, by normalised name (see tableName). */
interface CreatedObjects {
  relations: Map<string, number>;
  /** Index name → offset and the table it is on. */
  indexes: Map<string, { offset: number; table: string | undefined }>;
  domains: Map<string, number>;
}

const cache = new WeakMap<MigrationContext, CreatedObjects>();

function remember(into: Map<string, number>, name: string | undefined, offset: number): void {
  if (name !== undefined && !into.has(name)) into.set(name, offset);
}

function createdObjects(migration: MigrationContext): CreatedObjects {
  let created = cache.get(migration);
  if (created) return created;
  created = { relations: new Map(migration.createdTables), indexes: new Map(), domains: new Map() };
  for (const statement of migration.statements) {
    const offset = statement.range?.[0] ?? 0;
    switch (statement.type) {
      case "create_view_stmt":
        remember(created.relations, tableName(statement.name), offset);
        break;
      case "create_index_stmt": {
        const name = tableName(statement.name);
        if (name !== undefined && !created.indexes.has(name)) created.indexes.set(name, { offset, table: tableName(statement.table) });
        break;
      }
      case "create_domain_stmt":
        remember(created.domains, tableName(statement.name), offset);
        break;
      case "pg_fallback_stmt": {
        const { pg } = statement;
        if (statement.kind === "CreateStmt") remember(created.relations, pgRelationName(pg.relation), offset);
        if (statement.kind === "CreateTableAsStmt") remember(created.relations, pgRelationName((pg.into as { rel?: unknown } | undefined)?.rel), offset);
        if (statement.kind === "IndexStmt" && typeof pg.idxname === "string" && !created.indexes.has(pg.idxname)) {
          created.indexes.set(pg.idxname, { offset, table: pgRelationName(pg.relation) });
        }
        break;
      }
      default:
        break;
    }
  }
  cache.set(migration, created);
  return created;
}

function createdBefore(objects: ReadonlyMap<string, number>, name: string | undefined, offset: number): boolean {
  if (name === undefined) return false;
  const createdAt = objects.get(name);
  return createdAt !== undefined && createdAt < offset;
}

/**
 * True when this migration created the table, view or materialized view `name` before
 * `offset`, including statements only PostgreSQL's parser read. Such a relation has no rows
 * written by the application and no readers yet, so locking it blocks nobody.
 */
export function isRelationCreatedEarlierInFile(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  return createdBefore(createdObjects(migration).relations, name, offset);
}

/**
 * True when this migration created the index `name` before `offset`, on a table it created
 * before that. (Dropping or rebuilding an index locks its table, so an index that is new but
 * sits on an existing table does not count.)
 */
export function isIndexOfNewTable(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  const index = name === undefined ? undefined : createdObjects(migration).indexes.get(name);
  return index !== undefined && index.offset < offset && isRelationCreatedEarlierInFile(migration, index.table, index.offset + 1);
}

/** True when this migration created the domain `name` before `offset`: no existing column uses it yet. */
export function isDomainCreatedEarlierInFile(migration: MigrationContext, name: string | undefined, offset: number): boolean {
  return createdBefore(createdObjects(migration).domains, name, offset);
}
