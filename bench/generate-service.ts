/**
 * Generates a deterministic TypeScript service for the benchmarks: a modular monolith with
 * Express routers and Fastify plugins, services, pg repositories, zod schemas, vitest tests,
 * BullMQ workers, pino and winston logging (mostly structured, some interpolated), config
 * modules reading `process.env` (a few with hardcoded credentials), webhook receivers (verified
 * and not), session setup (Redis store or process memory), Knex migrations, and entry points
 * that start servers with and without SIGTERM handling. Same seed, same files.
 *
 *     npx tsx bench/generate-service.ts <out-dir> [files] [seed]
 */
import fs from "node:fs";
import path from "node:path";
import { between, characters, pick, random, shuffle } from "./random.ts";

type Next = () => number;

const DOMAINS = ["billing", "catalog", "identity", "fulfilment", "messaging", "analytics", "support", "inventory", "marketing", "payments", "search", "admin", "scheduling", "compliance"];
/** [plural, singular] */
const ENTITIES: [string, string][] = [
  ["invoices", "invoice"], ["orders", "order"], ["accounts", "account"], ["products", "product"], ["carts", "cart"],
  ["shipments", "shipment"], ["subscriptions", "subscription"], ["notifications", "notification"], ["reviews", "review"],
  ["coupons", "coupon"], ["refunds", "refund"], ["teams", "team"], ["projects", "project"], ["reports", "report"],
  ["exports", "export"], ["tokens", "token"], ["events", "event"], ["tickets", "ticket"], ["messages", "message"],
  ["templates", "template"], ["campaigns", "campaign"], ["segments", "segment"], ["warehouses", "warehouse"],
  ["suppliers", "supplier"], ["plans", "plan"], ["prices", "price"], ["discounts", "discount"], ["addresses", "address"],
  ["devices", "device"], ["sessions", "session"], ["roles", "role"], ["permissions", "permission"], ["audits", "audit"],
  ["policies", "policy"], ["documents", "document"], ["attachments", "attachment"], ["comments", "comment"],
  ["bookings", "booking"], ["slots", "slot"], ["payouts", "payout"],
];
const FIELD_TYPES: [string, string, string][] = [
  // [TypeScript type, zod schema, example value]
  ["string", "z.string().min(1).max(200)", '"example"'],
  ["number", "z.number().int().nonnegative()", "42"],
  ["boolean", "z.boolean()", "true"],
  ["string | null", "z.string().max(500).nullable()", "null"],
  ["Date", "z.coerce.date()", 'new Date("2024-01-31T12:00:00Z")'],
  ['"draft" | "active" | "archived"', 'z.enum(["draft", "active", "archived"])', '"active"'],
  ["string[]", "z.array(z.string()).max(50)", '["a", "b"]'],
  ["Record<string, string>", "z.record(z.string(), z.string())", "{ source: \"web\" }"],
];
const FIELD_NAMES = ["name", "title", "description", "amount", "currency", "quantity", "status", "reference", "notes", "priority", "tags", "metadata", "externalId", "dueAt", "enabled", "locale", "region", "score", "version", "label"];
const ACTIONS = ["archive", "approve", "cancel", "publish", "restore", "resend", "close", "reopen", "assign", "escalate"];

const pascal = (word: string) => word.replace(/(^|-)(\w)/gu, (_, _dash: string, letter: string) => letter.toUpperCase());
const camel = (word: string) => word.replace(/-(\w)/gu, (_, letter: string) => letter.toUpperCase());
const snake = (word: string) => word.replace(/-/gu, "_");
const upper = (word: string) => snake(word).toUpperCase();

/** A credential-shaped value, made at run time so the generator's own source holds none. */
function fakeSecret(next: Next): string {
  return pick(next, [
    () => `${"sk"}_${"live"}_${characters(next, 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}`,
    () => `${characters(next, 32, "0123456789abcdef")}`,
    () => `${pick(next, ["orders", "billing", "admin", "svc"])}-${pick(next, ["secret", "jwt-secret", "token"])}-${between(next, 2019, 2025)}`,
    () => `${"xox"}b-${characters(next, 12, "0123456789")}-${characters(next, 24)}`,
  ])();
}

interface Module {
  domain: string;
  plural: string;
  singular: string;
  /** import path prefix from the module folder to src/ */
  up: string;
  fields: { name: string; type: [string, string, string] }[];
  fastify: boolean;
}

function moduleFields(next: Next): Module["fields"] {
  const names = shuffle(next, FIELD_NAMES).slice(0, between(next, 3, 9));
  return names.map((name) => ({ name, type: pick(next, FIELD_TYPES) }));
}

function logCall(next: Next, logger: string, level: string, message: string, fields: Record<string, string>, style: "pino" | "winston"): string {
  const entries = Object.entries(fields);
  const roll = next();
  if (roll < 0.06 && entries.length > 0) {
    // interpolated: the kind of call no-interpolated-log reports
    const [key, value] = entries[0]!;
    return `${logger}.${level}(\`${message} ${key}=\${${value}}\`);`;
  }
  if (roll < 0.09 && entries.length > 0) return `${logger}.${level}("${message}: " + ${entries[0]![1]});`;
  const object = `{ ${entries.map(([key, value]) => (key === value ? key : `${key}: ${value}`)).join(", ")} }`;
  return style === "pino" ? `${logger}.${level}(${object}, "${message}");` : `${logger}.${level}("${message}", ${object});`;
}

function typesFile(m: Module): string {
  const T = pascal(m.singular);
  return [
    `export interface ${T} {`,
    `  id: string;`,
    `  ownerId: string;`,
    ...m.fields.map((f) => `  ${f.name}: ${f.type[0]};`),
    `  createdAt: Date;`,
    `  updatedAt: Date;`,
    `}`,
    ``,
    `export type ${T}Input = Omit<${T}, "id" | "ownerId" | "createdAt" | "updatedAt">;`,
    ``,
    `export interface ${T}Page {`,
    `  items: ${T}[];`,
    `  total: number;`,
    `  page: number;`,
    `  limit: number;`,
    `}`,
    ``,
    `export interface ${T}Query {`,
    `  ownerId: string;`,
    `  page: number;`,
    `  limit: number;`,
    `  search?: string;`,
    `}`,
  ].join("\n");
}

function schemaFile(m: Module): string {
  const T = pascal(m.singular);
  return [
    `import { z } from "zod";`,
    ``,
    `export const create${T}Schema = z.object({`,
    ...m.fields.map((f) => `  ${f.name}: ${f.type[1]},`),
    `});`,
    ``,
    `export const update${T}Schema = create${T}Schema.partial();`,
    ``,
    `export const ${camel(m.singular)}QuerySchema = z.object({`,
    `  page: z.coerce.number().int().min(1).default(1),`,
    `  limit: z.coerce.number().int().min(1).max(100).default(20),`,
    `  search: z.string().max(100).optional(),`,
    `});`,
    ``,
    `export type Create${T} = z.infer<typeof create${T}Schema>;`,
    `export type Update${T} = z.infer<typeof update${T}Schema>;`,
  ].join("\n");
}

function repositoryFile(next: Next, m: Module): string {
  const T = pascal(m.singular);
  const table = `${snake(m.domain)}_${snake(m.plural)}`;
  const columns = ["id", "owner_id", ...m.fields.map((f) => f.name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`)), "created_at", "updated_at"];
  const knex = next() < 0.3;
  if (knex) {
    return [
      `import { db } from "${m.up}lib/knex.js";`,
      `import type { ${T}, ${T}Query } from "./${m.plural}.types.js";`,
      ``,
      `const TABLE = "${table}";`,
      ``,
      `export class ${pascal(m.plural)}Repository {`,
      `  async findById(id: string): Promise<${T} | undefined> {`,
      `    return db<${T}>(TABLE).where({ id }).first();`,
      `  }`,
      ``,
      `  async findPage(query: ${T}Query): Promise<{ rows: ${T}[]; total: number }> {`,
      `    const base = db<${T}>(TABLE).where({ owner_id: query.ownerId });`,
      `    if (query.search) base.andWhereILike("${columns[2]}", \`%\${query.search}%\`);`,
      `    const [rows, [{ count }]] = await Promise.all([`,
      `      base.clone().orderBy("created_at", "desc").limit(query.limit).offset((query.page - 1) * query.limit),`,
      `      base.clone().count({ count: "*" }),`,
      `    ]);`,
      `    return { rows, total: Number(count) };`,
      `  }`,
      ``,
      `  async insert(row: Omit<${T}, "id" | "createdAt" | "updatedAt">): Promise<${T}> {`,
      `    const [created] = await db<${T}>(TABLE).insert(row).returning("*");`,
      `    return created!;`,
      `  }`,
      ``,
      `  async update(id: string, patch: Partial<${T}>): Promise<${T} | undefined> {`,
      `    const [updated] = await db<${T}>(TABLE).where({ id }).update({ ...patch, updated_at: db.fn.now() }).returning("*");`,
      `    return updated;`,
      `  }`,
      ``,
      `  async remove(id: string): Promise<boolean> {`,
      `    return (await db(TABLE).where({ id }).delete()) > 0;`,
      `  }`,
      `}`,
    ].join("\n");
  }
  return [
    `import { pool } from "${m.up}lib/db.js";`,
    `import type { ${T}, ${T}Query } from "./${m.plural}.types.js";`,
    ``,
    `const COLUMNS = "${columns.join(", ")}";`,
    ``,
    `export class ${pascal(m.plural)}Repository {`,
    `  async findById(id: string): Promise<${T} | undefined> {`,
    `    const { rows } = await pool.query<${T}>(\`SELECT \${COLUMNS} FROM ${table} WHERE id = $1\`, [id]);`,
    `    return rows[0];`,
    `  }`,
    ``,
    `  async findPage(query: ${T}Query): Promise<{ rows: ${T}[]; total: number }> {`,
    `    const offset = (query.page - 1) * query.limit;`,
    `    const params: unknown[] = [query.ownerId, query.limit, offset];`,
    `    let where = "owner_id = $1";`,
    `    if (query.search) {`,
    `      params.push(\`%\${query.search}%\`);`,
    `      where += \` AND ${columns[2]} ILIKE $\${params.length}\`;`,
    `    }`,
    `    const [page, count] = await Promise.all([`,
    `      pool.query<${T}>(\`SELECT \${COLUMNS} FROM ${table} WHERE \${where} ORDER BY created_at DESC LIMIT $2 OFFSET $3\`, params),`,
    `      pool.query<{ total: string }>(\`SELECT count(*) AS total FROM ${table} WHERE \${where}\`, params.filter((_, i) => i !== 1 && i !== 2)),`,
    `    ]);`,
    `    return { rows: page.rows, total: Number(count.rows[0]?.total ?? 0) };`,
    `  }`,
    ``,
    `  async insert(row: Omit<${T}, "id" | "createdAt" | "updatedAt">): Promise<${T}> {`,
    `    const keys = Object.keys(row);`,
    `    const placeholders = keys.map((_, i) => \`$\${i + 1}\`).join(", ");`,
    `    const { rows } = await pool.query<${T}>(`,
    `      \`INSERT INTO ${table} (\${keys.join(", ")}) VALUES (\${placeholders}) RETURNING \${COLUMNS}\`,`,
    `      Object.values(row),`,
    `    );`,
    `    return rows[0]!;`,
    `  }`,
    ``,
    `  async update(id: string, patch: Partial<${T}>): Promise<${T} | undefined> {`,
    `    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);`,
    `    if (entries.length === 0) return this.findById(id);`,
    `    const assignments = entries.map(([key], i) => \`\${key} = $\${i + 2}\`).join(", ");`,
    `    const { rows } = await pool.query<${T}>(`,
    `      \`UPDATE ${table} SET \${assignments}, updated_at = now() WHERE id = $1 RETURNING \${COLUMNS}\`,`,
    `      [id, ...entries.map(([, value]) => value)],`,
    `    );`,
    `    return rows[0];`,
    `  }`,
    ``,
    `  async remove(id: string): Promise<boolean> {`,
    `    const result = await pool.query("DELETE FROM ${table} WHERE id = $1", [id]);`,
    `    return (result.rowCount ?? 0) > 0;`,
    `  }`,
    `}`,
  ].join("\n");
}

function serviceFile(next: Next, m: Module): string {
  const T = pascal(m.singular);
  const P = pascal(m.plural);
  const winston = next() < 0.3;
  const logger = winston ? "audit" : "log";
  const style = winston ? "winston" : "pino";
  const numeric = m.fields.find((f) => f.type[0] === "number");
  const actions = shuffle(next, ACTIONS).slice(0, between(next, 0, 3));
  return [
    `import { NotFoundError, ConflictError } from "${m.up}lib/errors.js";`,
    winston ? `import { auditLogger } from "${m.up}lib/audit-logger.js";` : `import { logger } from "${m.up}lib/logger.js";`,
    `import { ${P}Repository } from "./${m.plural}.repository.js";`,
    `import type { ${T}, ${T}Input, ${T}Page, ${T}Query } from "./${m.plural}.types.js";`,
    ``,
    winston ? `const audit = auditLogger.child({ module: "${m.domain}/${m.plural}" });` : `const log = logger.child({ module: "${m.domain}/${m.plural}" });`,
    ``,
    `export class ${P}Service {`,
    `  constructor(private readonly repository = new ${P}Repository()) {}`,
    ``,
    `  async list(query: ${T}Query): Promise<${T}Page> {`,
    `    const { rows, total } = await this.repository.findPage(query);`,
    `    ${logCall(next, logger, "debug", `listed ${m.plural}`, { count: "rows.length", total: "total" }, style)}`,
    `    return { items: rows, total, page: query.page, limit: query.limit };`,
    `  }`,
    ``,
    `  async get(id: string): Promise<${T}> {`,
    `    const found = await this.repository.findById(id);`,
    `    if (!found) throw new NotFoundError(\`${m.singular} \${id} not found\`);`,
    `    return found;`,
    `  }`,
    ``,
    `  async create(input: ${T}Input, actorId: string): Promise<${T}> {`,
    `    const created = await this.repository.insert({ ...input, ownerId: actorId });`,
    `    ${logCall(next, logger, "info", `${m.singular} created`, { id: "created.id", actorId: "actorId" }, style)}`,
    `    return created;`,
    `  }`,
    ``,
    `  async update(id: string, patch: Partial<${T}Input>, actorId: string): Promise<${T}> {`,
    `    const current = await this.get(id);`,
    `    if (current.ownerId !== actorId) throw new ConflictError("not the owner");`,
    `    const updated = await this.repository.update(id, patch);`,
    `    if (!updated) throw new NotFoundError(\`${m.singular} \${id} not found\`);`,
    `    ${logCall(next, logger, "info", `${m.singular} updated`, { id: "id", fields: "Object.keys(patch)" }, style)}`,
    `    return updated;`,
    `  }`,
    ``,
    `  async remove(id: string, actorId: string): Promise<void> {`,
    `    const removed = await this.repository.remove(id);`,
    `    if (!removed) {`,
    `      ${logCall(next, logger, "warn", `remove of unknown ${m.singular}`, { id: "id", actorId: "actorId" }, style)}`,
    `      throw new NotFoundError(\`${m.singular} \${id} not found\`);`,
    `    }`,
    `  }`,
    ...actions.flatMap((action) => [
      ``,
      `  async ${action}(id: string, actorId: string): Promise<${T}> {`,
      `    const current = await this.get(id);`,
      `    const updated = await this.repository.update(id, { updatedAt: new Date() } as Partial<${T}>);`,
      `    ${logCall(next, logger, "info", `${m.singular} ${action}d`, { id: "current.id", actorId: "actorId" }, style)}`,
      `    return updated ?? current;`,
      `  }`,
    ]),
    ...(numeric
      ? [
          ``,
          `  summarize(items: ${T}[]): { count: number; sum: number; max: number } {`,
          `    let sum = 0;`,
          `    let max = Number.NEGATIVE_INFINITY;`,
          `    for (const item of items) {`,
          `      sum += item.${numeric.name};`,
          `      if (item.${numeric.name} > max) max = item.${numeric.name};`,
          `    }`,
          `    return { count: items.length, sum, max: items.length ? max : 0 };`,
          `  }`,
        ]
      : []),
    `}`,
  ].join("\n");
}

function expressRoutesFile(next: Next, m: Module): string {
  const T = pascal(m.singular);
  const P = pascal(m.plural);
  const base = `/${m.domain}/${m.plural}`;
  const router = `${camel(m.plural)}Router`;
  const perUserCache = next() < 0.05;
  const actions = shuffle(next, ACTIONS).slice(0, between(next, 0, 2));
  return [
    `import { Router, type NextFunction, type Request, type Response } from "express";`,
    `import { logger } from "${m.up}lib/logger.js";`,
    `import { requireAuth } from "${m.up}middleware/auth.js";`,
    `import { create${T}Schema, update${T}Schema, ${camel(m.singular)}QuerySchema } from "./${m.plural}.schema.js";`,
    `import { ${P}Service } from "./${m.plural}.service.js";`,
    ``,
    `const service = new ${P}Service();`,
    ...(perUserCache ? [`const recentByUser = new Map<string, string[]>();`] : []),
    `export const ${router} = Router();`,
    ``,
    `${router}.get("${base}", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
    `  try {`,
    `    const query = ${camel(m.singular)}QuerySchema.parse(req.query);`,
    `    const page = await service.list({ ...query, ownerId: req.user!.id });`,
    `    res.json(page);`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
    ``,
    `${router}.get("${base}/:id", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
    `  try {`,
    `    const item = await service.get(req.params.id!);`,
    ...(perUserCache
      ? [
          `    const recent = recentByUser.get(req.user!.id) ?? [];`,
          `    recentByUser.set(req.user!.id, [item.id, ...recent].slice(0, 10));`,
        ]
      : []),
    `    res.json(item);`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
    ``,
    `${router}.post("${base}", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
    `  const parsed = create${T}Schema.safeParse(req.body);`,
    `  if (!parsed.success) {`,
    `    ${logCall(next, "req.log", "warn", `invalid ${m.singular}`, { issues: "parsed.error.issues.length" }, "pino")}`,
    `    res.status(400).json({ error: "invalid_body", issues: parsed.error.issues });`,
    `    return;`,
    `  }`,
    `  try {`,
    `    const created = await service.create(parsed.data, req.user!.id);`,
    `    res.status(201).location(\`${base}/\${created.id}\`).json(created);`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
    ``,
    `${router}.patch("${base}/:id", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
    `  const parsed = update${T}Schema.safeParse(req.body);`,
    `  if (!parsed.success) {`,
    `    res.status(400).json({ error: "invalid_body", issues: parsed.error.issues });`,
    `    return;`,
    `  }`,
    `  try {`,
    `    res.json(await service.update(req.params.id!, parsed.data, req.user!.id));`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
    ``,
    `${router}.delete("${base}/:id", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
    `  try {`,
    `    await service.remove(req.params.id!, req.user!.id);`,
    `    ${logCall(next, "logger", "info", `${m.singular} deleted`, { id: "req.params.id", userId: "req.user!.id" }, "pino")}`,
    `    res.sendStatus(204);`,
    `  } catch (error) {`,
    `    next(error);`,
    `  }`,
    `});`,
    ...actions.flatMap((action) => [
      ``,
      `${router}.post("${base}/:id/${action}", requireAuth, async (req: Request, res: Response, next: NextFunction) => {`,
      `  try {`,
      `    res.json(await service.${action}(req.params.id!, req.user!.id));`,
      `  } catch (error) {`,
      `    next(error);`,
      `  }`,
      `});`,
    ]),
  ].join("\n");
}

function fastifyRoutesFile(next: Next, m: Module): string {
  const T = pascal(m.singular);
  const P = pascal(m.plural);
  const base = `/${m.domain}/${m.plural}`;
  const actions = shuffle(next, ACTIONS).slice(0, between(next, 0, 2));
  return [
    `import type { FastifyInstance, FastifyPluginAsync } from "fastify";`,
    `import { create${T}Schema, update${T}Schema, ${camel(m.singular)}QuerySchema } from "./${m.plural}.schema.js";`,
    `import { ${P}Service } from "./${m.plural}.service.js";`,
    ``,
    `type IdParams = { Params: { id: string } };`,
    ``,
    `export const ${camel(m.plural)}Routes: FastifyPluginAsync = async (app: FastifyInstance) => {`,
    `  const service = new ${P}Service();`,
    ``,
    `  app.get("${base}", { preHandler: app.authenticate }, async (request) => {`,
    `    const query = ${camel(m.singular)}QuerySchema.parse(request.query);`,
    `    return service.list({ ...query, ownerId: request.user.id });`,
    `  });`,
    ``,
    `  app.get<IdParams>("${base}/:id", { preHandler: app.authenticate }, async (request) => service.get(request.params.id));`,
    ``,
    `  app.post("${base}", { preHandler: app.authenticate }, async (request, reply) => {`,
    `    const parsed = create${T}Schema.safeParse(request.body);`,
    `    if (!parsed.success) {`,
    `      ${logCall(next, "request.log", "warn", `invalid ${m.singular}`, { issues: "parsed.error.issues.length" }, "pino")}`,
    `      return reply.code(400).send({ error: "invalid_body", issues: parsed.error.issues });`,
    `    }`,
    `    const created = await service.create(parsed.data, request.user.id);`,
    `    return reply.code(201).header("location", \`${base}/\${created.id}\`).send(created);`,
    `  });`,
    ``,
    `  app.patch<IdParams>("${base}/:id", { preHandler: app.authenticate }, async (request, reply) => {`,
    `    const parsed = update${T}Schema.safeParse(request.body);`,
    `    if (!parsed.success) return reply.code(400).send({ error: "invalid_body" });`,
    `    return service.update(request.params.id, parsed.data, request.user.id);`,
    `  });`,
    ``,
    `  app.delete<IdParams>("${base}/:id", { preHandler: app.authenticate }, async (request, reply) => {`,
    `    await service.remove(request.params.id, request.user.id);`,
    `    ${logCall(next, "request.log", "info", `${m.singular} deleted`, { id: "request.params.id" }, "pino")}`,
    `    return reply.code(204).send();`,
    `  });`,
    ...actions.flatMap((action) => [
      ``,
      `  app.post<IdParams>("${base}/:id/${action}", { preHandler: app.authenticate }, async (request) =>`,
      `    service.${action}(request.params.id, request.user.id),`,
      `  );`,
    ]),
    `};`,
  ].join("\n");
}

function mapperFile(m: Module): string {
  const T = pascal(m.singular);
  return [
    `import type { ${T} } from "./${m.plural}.types.js";`,
    ``,
    `export interface ${T}Dto {`,
    `  id: string;`,
    ...m.fields.map((f) => `  ${f.name}: ${f.type[0] === "Date" ? "string" : f.type[0]};`),
    `  createdAt: string;`,
    `}`,
    ``,
    `export function to${T}Dto(row: ${T}): ${T}Dto {`,
    `  return {`,
    `    id: row.id,`,
    ...m.fields.map((f) => `    ${f.name}: ${f.type[0] === "Date" ? `row.${f.name}.toISOString()` : `row.${f.name}`},`),
    `    createdAt: row.createdAt.toISOString(),`,
    `  };`,
    `}`,
    ``,
    `export function groupBy${T}Owner(rows: readonly ${T}[]): Map<string, ${T}[]> {`,
    `  const groups = new Map<string, ${T}[]>();`,
    `  for (const row of rows) {`,
    `    const group = groups.get(row.ownerId);`,
    `    if (group) group.push(row);`,
    `    else groups.set(row.ownerId, [row]);`,
    `  }`,
    `  return groups;`,
    `}`,
  ].join("\n");
}

function testFile(next: Next, m: Module): string {
  const P = pascal(m.plural);
  const example = Object.fromEntries(m.fields.map((f) => [f.name, f.type[2]]));
  return [
    `import { describe, expect, it, vi } from "vitest";`,
    `import { ${P}Service } from "./${m.plural}.service.js";`,
    ``,
    `const input = { ${Object.entries(example).map(([k, v]) => `${k}: ${v}`).join(", ")} };`,
    `// test fixtures may hold credentials: production-only rules skip test files`,
    `const TEST_API_KEY = "${fakeSecret(next)}";`,
    ``,
    `function repository() {`,
    `  return {`,
    `    findById: vi.fn(async (id: string) => (id === "missing" ? undefined : { id, ownerId: "u1", ...input, createdAt: new Date(), updatedAt: new Date() })),`,
    `    findPage: vi.fn(async () => ({ rows: [], total: 0 })),`,
    `    insert: vi.fn(async (row: object) => ({ id: "${m.singular}_1", ...row, createdAt: new Date(), updatedAt: new Date() })),`,
    `    update: vi.fn(async (id: string, patch: object) => ({ id, ownerId: "u1", ...input, ...patch })),`,
    `    remove: vi.fn(async (id: string) => id !== "missing"),`,
    `  };`,
    `}`,
    ``,
    `describe("${P}Service", () => {`,
    `  it("creates a ${m.singular} owned by the actor", async () => {`,
    `    const service = new ${P}Service(repository() as never);`,
    `    const created = await service.create(input as never, "u1");`,
    `    expect(created).toMatchObject({ id: "${m.singular}_1", ownerId: "u1" });`,
    `    expect(TEST_API_KEY).toBeTruthy();`,
    `  });`,
    ``,
    `  it("throws when the ${m.singular} does not exist", async () => {`,
    `    const service = new ${P}Service(repository() as never);`,
    `    await expect(service.get("missing")).rejects.toThrow("not found");`,
    `  });`,
    ``,
    `  it("refuses updates from someone else", async () => {`,
    `    const service = new ${P}Service(repository() as never);`,
    `    await expect(service.update("${m.singular}_1", {}, "u2")).rejects.toThrow("not the owner");`,
    `  });`,
    `});`,
  ].join("\n");
}

function configFile(next: Next, m: Module): string {
  const name = upper(`${m.domain}-${m.plural}`);
  const hardcoded = next() < 0.25;
  const secretLine = pick(next, [
    () => `  apiKey: process.env.${name}_API_KEY || "${fakeSecret(next)}",`,
    () => `  apiKey: "${fakeSecret(next)}",`,
    () => `  databaseUrl: process.env.${name}_DATABASE_URL ?? "postgres://${snake(m.plural)}:${characters(next, 12)}@db-${between(next, 1, 9)}.internal:5432/${snake(m.domain)}",`,
  ])();
  return [
    `function numberFrom(name: string, fallback: number): number {`,
    `  const raw = process.env[name];`,
    `  const value = raw === undefined ? fallback : Number(raw);`,
    `  if (!Number.isFinite(value)) throw new Error(\`\${name} must be a number\`);`,
    `  return value;`,
    `}`,
    ``,
    `export const ${camel(m.domain)}${pascal(m.plural)}Config = {`,
    `  pageSize: numberFrom("${name}_PAGE_SIZE", 20),`,
    `  timeoutMs: numberFrom("${name}_TIMEOUT_MS", 5_000),`,
    `  baseUrl: process.env.${name}_BASE_URL ?? "http://localhost:${between(next, 4000, 4999)}",`,
    hardcoded ? secretLine : `  apiKey: process.env.${name}_API_KEY ?? "",`,
    `  enabled: process.env.${name}_ENABLED !== "false",`,
    `} as const;`,
  ].join("\n");
}

function workerFile(next: Next, m: Module): string {
  const P = pascal(m.plural);
  return [
    `import { Worker, type Job } from "bullmq";`,
    `import { logger } from "${m.up}lib/logger.js";`,
    `import { redisConnection } from "${m.up}lib/redis.js";`,
    `import { ${P}Service } from "./${m.plural}.service.js";`,
    ``,
    `const service = new ${P}Service();`,
    ``,
    `export const ${camel(m.plural)}Worker = new Worker(`,
    `  "${m.domain}-${m.plural}",`,
    `  async (job: Job<{ id: string; actorId: string }>) => {`,
    `    const item = await service.get(job.data.id);`,
    `    ${logCall(next, "logger", "info", `processing ${m.singular}`, { jobId: "job.id", id: "item.id" }, "pino")}`,
    `    return { processedAt: new Date().toISOString(), id: item.id };`,
    `  },`,
    `  { connection: redisConnection, concurrency: ${between(next, 1, 8)} },`,
    `);`,
    ``,
    `${camel(m.plural)}Worker.on("failed", (job, error) => {`,
    `  ${logCall(next, "logger", "error", `${m.singular} job failed`, { jobId: "job?.id", err: "error" }, "pino")}`,
    `});`,
  ].join("\n");
}

function webhookFile(next: Next, m: Module): string {
  const variant = between(next, 0, 3);
  const route = `/webhooks/${m.domain}-${m.plural}`;
  if (variant === 0) {
    return [
      `import express, { Router } from "express";`,
      `import Stripe from "stripe";`,
      `import { logger } from "${m.up}lib/logger.js";`,
      ``,
      `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");`,
      `export const ${camel(m.plural)}Webhooks = Router();`,
      ``,
      `${camel(m.plural)}Webhooks.post("${route}", express.raw({ type: "application/json" }), (req, res) => {`,
      `  let event: Stripe.Event;`,
      `  try {`,
      `    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET ?? "");`,
      `  } catch (error) {`,
      `    logger.warn({ err: error }, "invalid stripe signature");`,
      `    res.sendStatus(400);`,
      `    return;`,
      `  }`,
      `  logger.info({ type: event.type, id: event.id }, "stripe event");`,
      `  res.json({ received: true });`,
      `});`,
    ].join("\n");
  }
  if (variant === 1) {
    return [
      `import express, { Router } from "express";`,
      `import { logger } from "${m.up}lib/logger.js";`,
      ``,
      `export const ${camel(m.plural)}Webhooks = Router();`,
      ``,
      `${camel(m.plural)}Webhooks.post("${route}", express.json(), async (req, res) => {`,
      `  if (req.body.type === "payment_intent.succeeded") {`,
      `    logger.info(\`payment \${req.body.data.object.id} succeeded\`);`,
      `  }`,
      `  res.sendStatus(200);`,
      `});`,
    ].join("\n");
  }
  if (variant === 2) {
    return [
      `import { createHmac, timingSafeEqual } from "node:crypto";`,
      `import type { FastifyPluginAsync } from "fastify";`,
      ``,
      `export const ${camel(m.plural)}Webhooks: FastifyPluginAsync = async (app) => {`,
      `  app.post("${route}", { config: { rawBody: true } }, async (request, reply) => {`,
      `    const body = request.rawBody ?? "";`,
      `    const received = Buffer.from(String(request.headers["x-hub-signature-256"] ?? ""));`,
      `    const expected = Buffer.from(\`sha256=\${createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET ?? "").update(body).digest("hex")}\`);`,
      `    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {`,
      `      return reply.code(401).send({ error: "invalid signature" });`,
      `    }`,
      `    request.log.info({ delivery: request.headers["x-github-delivery"] }, "github event");`,
      `    return reply.code(204).send();`,
      `  });`,
      `};`,
    ].join("\n");
  }
  return [
    `import { Router } from "express";`,
    `import { logger } from "${m.up}lib/logger.js";`,
    ``,
    `export const ${camel(m.plural)}Webhooks = Router();`,
    ``,
    `${camel(m.plural)}Webhooks.post("${route}", (req, res) => {`,
    `  if (req.headers["x-webhook-token"] !== process.env.${upper(m.plural)}_WEBHOOK_TOKEN) {`,
    `    res.sendStatus(401);`,
    `    return;`,
    `  }`,
    `  logger.info({ event: req.body?.event }, "webhook received");`,
    `  res.sendStatus(202);`,
    `});`,
  ].join("\n");
}

function indexFile(files: string[]): string {
  return files
    .filter((file) => !file.endsWith(".test.ts"))
    .map((file) => `export * from "./${file.replace(/\.ts$/u, ".js")}";`)
    .join("\n");
}

const LIB_FILES: Record<string, string> = {
  "src/lib/logger.ts": [
    `import pino from "pino";`,
    ``,
    `export const logger = pino({`,
    `  level: process.env.LOG_LEVEL ?? "info",`,
    `  redact: ["req.headers.authorization", "password", "token", "*.email"],`,
    `  base: { service: process.env.SERVICE_NAME ?? "api" },`,
    `});`,
  ].join("\n"),
  "src/lib/audit-logger.ts": [
    `import winston from "winston";`,
    ``,
    `export const auditLogger = winston.createLogger({`,
    `  level: "info",`,
    `  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),`,
    `  transports: [new winston.transports.Console()],`,
    `});`,
  ].join("\n"),
  "src/lib/db.ts": [
    `import { Pool } from "pg";`,
    ``,
    `export const pool = new Pool({`,
    `  connectionString: process.env.DATABASE_URL,`,
    `  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),`,
    `  idleTimeoutMillis: 30_000,`,
    `  statement_timeout: 15_000,`,
    `});`,
  ].join("\n"),
  "src/lib/knex.ts": [
    `import knex from "knex";`,
    ``,
    `export const db = knex({ client: "pg", connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });`,
  ].join("\n"),
  "src/lib/redis.ts": [
    `import { Redis } from "ioredis";`,
    ``,
    `export const redisConnection = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379", { maxRetriesPerRequest: null });`,
  ].join("\n"),
  "src/lib/errors.ts": [
    `export class HttpError extends Error {`,
    `  constructor(readonly status: number, message: string) {`,
    `    super(message);`,
    `    this.name = new.target.name;`,
    `  }`,
    `}`,
    ``,
    `export class NotFoundError extends HttpError {`,
    `  constructor(message: string) {`,
    `    super(404, message);`,
    `  }`,
    `}`,
    ``,
    `export class ConflictError extends HttpError {`,
    `  constructor(message: string) {`,
    `    super(409, message);`,
    `  }`,
    `}`,
  ].join("\n"),
  "src/middleware/auth.ts": [
    `import type { NextFunction, Request, Response } from "express";`,
    `import jwt from "jsonwebtoken";`,
    ``,
    `export function requireAuth(req: Request, res: Response, next: NextFunction): void {`,
    `  const header = req.headers.authorization ?? "";`,
    `  const token = header.startsWith("Bearer ") ? header.slice(7) : undefined;`,
    `  if (!token) {`,
    `    res.sendStatus(401);`,
    `    return;`,
    `  }`,
    `  try {`,
    `    const payload = jwt.verify(token, process.env.JWT_PUBLIC_KEY ?? "", { algorithms: ["RS256"] }) as { sub: string };`,
    `    req.user = { id: payload.sub };`,
    `    next();`,
    `  } catch {`,
    `    res.sendStatus(401);`,
    `  }`,
    `}`,
  ].join("\n"),
  "src/middleware/error-handler.ts": [
    `import type { NextFunction, Request, Response } from "express";`,
    `import { HttpError } from "../lib/errors.js";`,
    `import { logger } from "../lib/logger.js";`,
    ``,
    `export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {`,
    `  if (error instanceof HttpError) {`,
    `    res.status(error.status).json({ error: error.message });`,
    `    return;`,
    `  }`,
    `  logger.error({ err: error, path: req.path }, "unhandled error");`,
    `  res.status(500).json({ error: "internal" });`,
    `}`,
  ].join("\n"),
};

function sessionFile(next: Next, name: string): string {
  const inMemory = next() < 0.3;
  return [
    `import session from "express-session";`,
    ...(inMemory ? [] : [`import { RedisStore } from "connect-redis";`, `import { redisConnection } from "../lib/redis.js";`]),
    ``,
    `export const ${camel(name)}Session = session({`,
    ...(inMemory ? [] : [`  store: new RedisStore({ client: redisConnection, prefix: "${name}:sess:" }),`]),
    `  secret: process.env.SESSION_SECRET ?? "",`,
    `  resave: false,`,
    `  saveUninitialized: false,`,
    `  cookie: { secure: true, httpOnly: true, sameSite: "lax", maxAge: ${between(next, 1, 24)} * 60 * 60 * 1000 },`,
    `});`,
  ].join("\n");
}

function entryPoint(next: Next, name: string, modules: { m: Module; dir: string }[]): string {
  const graceful = next() < 0.6;
  const fastify = next() < 0.4;
  const mounted = modules.filter((x) => x.m.fastify === fastify).slice(0, 40);
  const alias = (m: Module, k: number) => `${camel(m.domain)}${pascal(m.plural)}${k}`;
  const imports = mounted.map(
    ({ m, dir }, k) => `import { ${camel(m.plural)}${fastify ? "Routes" : "Router"} as ${alias(m, k)} } from "../../${dir.slice("src/".length)}/${m.plural}.routes.js";`,
  );
  if (fastify) {
    return [
      `import Fastify from "fastify";`,
      ...imports,
      ``,
      `const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" }, trustProxy: true });`,
      ...mounted.map(({ m }, k) => `await app.register(${alias(m, k)});`),
      `app.get("/healthz", async () => ({ ok: true }));`,
      ``,
      `await app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });`,
      ...(graceful
        ? [
            ``,
            `for (const signal of ["SIGTERM", "SIGINT"] as const) {`,
            `  process.once(signal, async () => {`,
            `    app.log.info({ signal }, "shutting down");`,
            `    setTimeout(() => process.exit(1), 25_000).unref();`,
            `    await app.close();`,
            `    process.exit(0);`,
            `  });`,
            `}`,
          ]
        : []),
    ].join("\n");
  }
  return [
    `import express from "express";`,
    `import { logger } from "../../lib/logger.js";`,
    `import { pool } from "../../lib/db.js";`,
    `import { errorHandler } from "../../middleware/error-handler.js";`,
    `import { ${camel(name)}Session } from "../../middleware/session-${name}.js";`,
    ...imports,
    ``,
    `const app = express();`,
    `app.disable("x-powered-by");`,
    `app.use(express.json({ limit: "1mb" }));`,
    `app.use(${camel(name)}Session);`,
    ...mounted.map(({ m }, k) => `app.use(${alias(m, k)});`),
    `app.get("/healthz", (_req, res) => res.sendStatus(200));`,
    `app.use(errorHandler);`,
    ``,
    `const port = Number(process.env.PORT ?? 3000);`,
    `const server = app.listen(port, () => logger.info({ port }, "listening"));`,
    ...(graceful
      ? [
          ``,
          `function shutdown(signal: string): void {`,
          `  logger.info({ signal }, "draining connections");`,
          `  setTimeout(() => process.exit(1), 25_000).unref();`,
          `  server.close(async () => {`,
          `    await pool.end();`,
          `    process.exit(0);`,
          `  });`,
          `  server.closeIdleConnections();`,
          `}`,
          ``,
          `process.on("SIGTERM", () => shutdown("SIGTERM"));`,
          `process.on("SIGINT", () => shutdown("SIGINT"));`,
        ]
      : []),
  ].join("\n");
}

function knexMigration(next: Next, m: Module, i: number): string {
  const table = `${snake(m.domain)}_${snake(m.plural)}`;
  const column = pick(next, m.fields).name.replace(/[A-Z]/gu, (c) => `_${c.toLowerCase()}`);
  const change = pick(next, [
    `    table.string("${column}_v2", 200);`,
    `    table.index(["owner_id", "created_at"], "${table}_owner_created_idx");`,
    `    table.dropColumn("legacy_${column}");`,
    `    table.renameColumn("${column}", "${column}_old");`,
    `    table.integer("revision").notNullable().defaultTo(0);`,
  ]);
  return [
    `import type { Knex } from "knex";`,
    ``,
    `export async function up(knex: Knex): Promise<void> {`,
    `  await knex.schema.alterTable("${table}", (table) => {`,
    change,
    `  });`,
    `}`,
    ``,
    `export async function down(knex: Knex): Promise<void> {`,
    `  await knex.schema.alterTable("${table}", (table) => {`,
    `    table.comment("reverted migration ${i}");`,
    `  });`,
    `}`,
  ].join("\n");
}

/** Writes about `fileCount` files under `outDir` (removed first) and returns their paths. */
export function generateService(outDir: string, fileCount = 2000, seed = 7): string[] {
  const next = random(seed);
  fs.rmSync(outDir, { recursive: true, force: true });
  const files: string[] = [];
  const write = (relative: string, text: string) => {
    const file = path.join(outDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${text}\n`);
    files.push(file);
  };
  for (const [relative, text] of Object.entries(LIB_FILES)) write(relative, text);

  const apps = ["api", "admin-api", "partner-api", "public-api", "internal-api", "backoffice", "mobile-bff", "web-bff"];
  const modules: { m: Module; dir: string }[] = [];
  const reserved = apps.length * 2 + 40; // entry points, sessions, migrations
  let generation = 0;
  while (files.length < fileCount - reserved) {
    const domain = DOMAINS[generation % DOMAINS.length]!;
    const [plural, singular] = ENTITIES[Math.floor(generation / DOMAINS.length) % ENTITIES.length]!;
    const round = Math.floor(generation / (DOMAINS.length * ENTITIES.length));
    generation++;
    const dir = `src/modules/${domain}${round ? `-${round + 1}` : ""}/${plural}`;
    const m: Module = { domain, plural, singular, up: "../../../", fields: moduleFields(next), fastify: next() < 0.4 };
    const own: string[] = [];
    const add = (name: string, text: string) => {
      write(`${dir}/${name}`, text);
      own.push(name);
    };
    add(`${plural}.types.ts`, typesFile(m));
    if (next() < 0.8) add(`${plural}.schema.ts`, schemaFile(m));
    add(`${plural}.repository.ts`, repositoryFile(next, m));
    add(`${plural}.service.ts`, serviceFile(next, m));
    add(`${plural}.routes.ts`, m.fastify ? fastifyRoutesFile(next, m) : expressRoutesFile(next, m));
    if (next() < 0.4) add(`${plural}.mapper.ts`, mapperFile(m));
    if (next() < 0.5) add(`${plural}.service.test.ts`, testFile(next, m));
    if (next() < 0.12) add(`${plural}.config.ts`, configFile(next, m));
    if (next() < 0.1) add(`${plural}.worker.ts`, workerFile(next, m));
    if (next() < 0.06) add(`${plural}.webhook.ts`, webhookFile(next, m));
    if (next() < 0.5) write(`${dir}/index.ts`, indexFile(own));
    modules.push({ m, dir });
  }
  apps.forEach((name, i) => {
    write(`src/middleware/session-${name}.ts`, sessionFile(next, name));
    const slice = modules.filter((_, j) => j % apps.length === i);
    write(`src/apps/${name}/main.ts`, entryPoint(next, name, slice));
  });
  for (let i = 0; files.length < fileCount; i++) {
    const { m } = pick(next, modules);
    write(`migrations/${20240101000000 + i * 8641}_${m.domain}_${m.plural}.ts`, knexMigration(next, m, i));
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir = "bench/out/service", count = "2000", seed = "7"] = process.argv.slice(2);
  const files = generateService(outDir, Number(count), Number(seed));
  console.log(`wrote ${files.length} files to ${outDir}`);
}
