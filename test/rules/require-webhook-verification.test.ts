import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import rule from "../../rules/require-webhook-verification.ts";

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

/** The 1-based start and end of the `occurrence`-th `fragment` in `code`: where the finding must be. */
function locate(code: string, fragment: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = code.indexOf(fragment, start + 1);
  if (start === -1) throw new Error(`not in the code: ${fragment}`);
  const position = (offset: number) => {
    const before = code.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const from = position(start);
  const to = position(start + fragment.length);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

type Finding = { messageId: "unverified" | "conditional" | "parsedBody" | "nextParsedBody" | "reserialisedBody" | "publicKey"; fragment: string; occurrence?: number; data?: Record<string, string> };

function flagged(code: string, findings: Finding[], extra: { filename?: string; options?: unknown[] } = {}) {
  return {
    code,
    ...extra,
    errors: findings.map(({ messageId, fragment, occurrence, data }) => ({
      messageId,
      ...(data ? { data } : {}),
      ...locate(code, fragment, occurrence),
    })),
  };
}

const EXPRESS = 'import express from "express";\nimport Stripe from "stripe";\nconst stripe = new Stripe(process.env.STRIPE_KEY);\nconst app = express();\n';

ruleTester.run("require-webhook-verification", rule as never, {
  valid: [
    // The same verifier skipping the check only under the development server: every deployment checks.
    `const cronSecret = process.env.CRON_SECRET;
export const verifyCronSignature = async (req: Request) => {
  if (process.env.NODE_ENV === "development") return;
  const header = req.headers.get("authorization");
  if (!header || header !== \`Bearer \${cronSecret}\`) throw new ApiError("unauthorized");
};`,
    // A check of the application's own users that a setting turns off is not a webhook's.
    `const apiSecret = process.env.API_SECRET;
export const verifyApiToken = async (req: Request) => {
  if (!settings.authEnabled) return;
  const header = req.headers.get("authorization");
  if (!header || header !== \`Bearer \${apiSecret}\`) throw new ApiError("unauthorized");
};`,
    // The secret used as it is: createHmac throws when it is unset, so no request passes.
    `import crypto from "crypto";
export function verify(body: string, signature: string) {
  return crypto.createHmac("sha256", process.env.HOOK_SECRET!).update(body).digest("hex") === signature;
}`,
    // A missing secret is caught before the key is built.
    `import crypto from "crypto";
export const POST = async (req: Request) => {
  if (!process.env.HOOK_SECRET) return new Response("not configured", { status: 500 });
  const body = await req.text();
  const expected = crypto.createHmac("sha256", \`\${process.env.HOOK_SECRET}\`).update(body).digest("hex");
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(req.headers.get("x-signature") ?? ""))) return new Response("bad", { status: 401 });
  return handle(JSON.parse(body));
};`,
    `import crypto from "crypto";
import assert from "node:assert";
const secret = process.env.HOOK_SECRET ?? "";
assert(secret, "HOOK_SECRET is required");
export const isGenuine = (body: string, signature: string) => crypto.createHmac("sha256", secret).update(body).digest("hex") === signature;`,
    // Signing what this service sends, not checking what it receives: nothing compares the digest.
    `import crypto from "crypto";
export function signDelivery(payload: string) {
  return { "x-signature": crypto.createHmac("sha256", \`\${process.env.OUTGOING_SECRET}\`).update(payload).digest("hex"), body: payload };
}`,
    // A key built from a template with more than the variable in it is not the variable alone.
    `import crypto from "crypto";
export const verify = (body: string, sig: string) => crypto.createHmac("sha256", \`v1:\${process.env.KEY}\`).update(body).digest("hex") === sig;`,
    // Stripe: raw body, constructEvent in a try block whose catch ends the request.
    `${EXPRESS}app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send("bad signature");
  }
  await fulfil(event.data.object);
  res.sendStatus(200);
});`,
    // GitHub: HMAC and a constant-time comparison guard the body.
    `import crypto from "node:crypto";
router.post("/hooks/github", express.raw({ type: "*/*" }), (req, res) => {
  const received = Buffer.from(req.get("x-hub-signature-256") ?? "");
  const expected = Buffer.from("sha256=" + crypto.createHmac("sha256", secret).update(req.body).digest("hex"));
  if (received.length !== expected.length || !crypto.timingSafeEqual(received, expected)) {
    return res.sendStatus(401);
  }
  const payload = JSON.parse(req.body.toString());
  queue.add(payload);
  res.sendStatus(202);
});`,
    // @octokit/webhooks: verifyAndReceive throws on a bad signature.
    `app.post("/api/github/webhooks", async (req, res) => {
  await webhooks.verifyAndReceive({ id: req.headers["x-github-delivery"], name: req.headers["x-github-event"], payload: req.body, signature: req.headers["x-hub-signature-256"] });
  res.status(202).end();
});`,
    // Hono + svix: verify the raw text, then use what verify returns.
    `import { Hono } from "hono";
import { Webhook } from "svix";
const app = new Hono();
app.post("/webhooks/clerk", async (c) => {
  const payload = await c.req.text();
  const event = new Webhook(secret).verify(payload, { "svix-id": c.req.header("svix-id"), "svix-timestamp": c.req.header("svix-timestamp"), "svix-signature": c.req.header("svix-signature") });
  await syncUser(event.data);
  return c.body(null, 204);
});`,
    // Middleware that verifies: a library's, one named for it, one defined in this file.
    `import twilio from "twilio";
app.post("/twilio/webhook", twilio.webhook(), (req, res) => { reply(req.body.From); res.end(); });`,
    `import { verifyShopifyWebhook } from "./middleware/shopify.js";
router.post("/webhooks/orders-create", verifyShopifyWebhook, async (ctx) => { await importOrder(ctx.request.body); ctx.status = 200; });`,
    `function verifySlack(req, res, next) {
  const expected = "v0=" + createHmac("sha256", process.env.SLACK_SIGNING_SECRET).update(\`v0:\${req.headers["x-slack-request-timestamp"]}:\${req.rawBody}\`).digest("hex");
  const received = req.headers["x-slack-signature"];
  if (!received || !timingSafeEqual(Buffer.from(received), Buffer.from(expected))) return res.sendStatus(401);
  next();
}
app.post("/slack/events", verifySlack, (req, res) => { handleEvent(req.body.event); res.sendStatus(200); });`,
    // A same-file middleware factory; a same-file middleware whose check this rule does not know, trusted by its name.
    `function verifySignature(secret) {
  return (req, res, next) => {
    if (!webhooks.verify(req.rawBody, req.get("x-signature"), secret)) return res.sendStatus(401);
    next();
  };
}
app.post("/webhooks/acme", verifySignature(process.env.ACME_SECRET), (req, res) => { apply(req.body); res.end(); });`,
    `function verifyPartnerWebhook(req, res, next) {
  if (!partnerSdk.check(req)) return res.sendStatus(401);
  next();
}
app.post("/webhooks/partner", verifyPartnerWebhook, (req, res) => { apply(req.body); res.end(); });`,
    // Verification mounted on the router before the route; Fastify hooks.
    `webhookRouter.use(verifyWebhookSignature);
webhookRouter.post("/webhooks/paddle", (req, res) => { applySubscription(req.body); res.end(); });`,
    `fastify.post("/webhooks/github", { preHandler: [verifyGithubSignature] }, async (request) => { await sync(request.body); return { ok: true }; });`,
    // Not webhook receivers: ordinary API routes, OAuth callbacks, management APIs behind a login.
    'app.post("/orders", (req, res) => { res.json(createOrder(req.body)); });',
    'app.post("/api/events", (req, res) => { res.json(createCalendarEvent(req.body)); });',
    'app.get("/auth/github/callback", (req, res) => { res.redirect(req.query.state); });',
    'router.post("/api/webhooks", requireAuth, async (req, res) => { res.json(await Webhook.create(req.body)); });',
    'app.post("/webhooks", async (req, res) => { res.json(await Webhook.create({ ...req.body, ownerId: req.user.id })); });',
    'export const POST = withWorkspace(async ({ req, session }) => Response.json(await createWebhook(await req.json(), session.user)));',
    // The whole request is handed to code elsewhere: nothing here reads the body.
    'app.post("/webhooks/stripe", express.raw({ type: "application/json" }), (req, res) => handleStripeWebhook(req, res));',
    // The signature travels with the body to a service that checks it.
    `import { Body, Controller, Headers, Post } from "@nestjs/common";
@Controller("partners")
export class PartnersController {
  @Post("vercel/webhook")
  receive(@Body() body: VercelEvent, @Headers("x-vercel-signature") signature: string) {
    return this.process.execute(ProcessVercelWebhookCommand.create({ body, teamId: body.payload.team.id, signature }));
  }
}`,
    // The secret used as it is, or checked at start-up before the default can matter.
    `import { validateEvent } from "@polar-sh/sdk/webhooks";\nexport const polarWebhook = (request) => sync(validateEvent(request.rawBody, request.headers, process.env.POLAR_WEBHOOK_SECRET!).data);`,
    `import { validateEvent } from "@polar-sh/sdk/webhooks";\nconst secret = process.env.POLAR_WEBHOOK_SECRET ?? "";\nif (!secret) throw new Error("POLAR_WEBHOOK_SECRET is not set");\nexport const polarWebhook = (request) => sync(validateEvent(request.rawBody, request.headers, secret).data);`,
    // Web Crypto's HMAC and a constant-time comparison written out as an XOR loop.
    `app.post("/slack/events", async (c) => {
  const signature = c.req.header("x-slack-signature");
  const rawBody = await c.req.text();
  const key = await crypto.subtle.importKey("raw", encoder.encode(signingSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, encoder.encode(\`v0:\${timestamp}:\${rawBody}\`));
  const a = encoder.encode(toHex(sig));
  const b = encoder.encode(signature);
  if (a.length !== b.length) return c.json({ error: "Invalid signature" }, 401);
  let mismatch = 0;
  for (let i = 0; i < a.length; i++) mismatch |= a[i] ^ b[i];
  if (mismatch !== 0) return c.json({ error: "Invalid signature" }, 401);
  await handle(JSON.parse(rawBody));
  return c.body(null, 200);
});`,
    // Sending, testing or replaying the app's own outgoing webhooks: no provider calls these.
    'app.post("/api/webhooks/:id/test", async (req, res) => { await deliverTest(req.params.id, req.body.event); res.end(); });',
    `import { Body, Controller, Post, Query } from "@nestjs/common";
@Controller("webhooks")
export class WebhooksController {
  @Post("/send")
  async send(@Body() body: unknown, @Query() query: { url: string }) {
    await fetch(query.url, { method: "POST", body: JSON.stringify(body) });
    return { sent: true };
  }
}`,
    // NestJS: managing an organisation's outgoing webhooks, handed the signed-in organisation or behind its policies.
    `import { Body, Controller, Post, Put } from "@nestjs/common";
@Controller("webhooks")
export class WebhooksController {
  @Post("/")
  @CheckPolicies([AuthorizationActions.Create, Sections.WEBHOOKS])
  create(@Body() body: WebhooksDto) {
    return this.webhooks.create(body);
  }
  @Put("/")
  update(@GetOrgFromRequest() org: Organization, @Body() body: UpdateDto) {
    return this.webhooks.update(org.id, body);
  }
}`,
    // NestJS: raw body and constructEvent in the controller; a guard that verifies.
    `import { Controller, Headers, Post, Req, type RawBodyRequest } from "@nestjs/common";
@Controller("webhooks")
export class StripeController {
  @Post("stripe")
  async handle(@Req() req: RawBodyRequest<Request>, @Headers("stripe-signature") signature: string) {
    const event = this.stripe.webhooks.constructEvent(req.rawBody, signature, this.secret);
    await this.billing.apply(event);
  }
}`,
    `import { Body, Controller, Post, UseGuards } from "@nestjs/common";
@Controller("webhooks")
@UseGuards(GithubSignatureGuard)
export class GithubController {
  @Post("github")
  handle(@Body() body: PushEvent) {
    return this.sync.push(body);
  }
}`,
    // Multi-tenant: look up the tenant's secret from the body, then verify on every path.
    `app.post("/slack/events", express.raw({ type: "*/*" }), async (req, res) => {
  const teamId = JSON.parse(req.body.toString()).team_id;
  const team = await Team.findOne({ slackTeamId: teamId });
  if (!verifySlackRequest(team.signingSecret, req)) return res.sendStatus(401);
  await handle(JSON.parse(req.body.toString()));
  res.sendStatus(200);
});`,
    // `if (!signature || !verify(...)) return` verifies everything after it.
    `app.post("/webhooks/linear", async (req, res) => {
  const signature = req.headers["linear-signature"];
  if (!signature || !isValidSignature(req.rawBody, signature)) return res.sendStatus(401);
  await syncIssue(req.body.data);
  res.end();
});`,
    // A JSON parser mounted after the webhook routes, or one that keeps the raw body.
    `${EXPRESS}app.post("/webhooks/stripe", express.raw({ type: "application/json" }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  res.json(event.id);
});
app.use(express.json());`,
    `${EXPRESS}app.use(express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }));
app.post("/webhooks/stripe", (req, res) => {
  const event = stripe.webhooks.constructEvent(req.rawBody, req.headers["stripe-signature"], secret);
  res.json(event.id);
});`,
    {
      // Next.js app router: the raw text is verified first.
      code: `export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, (await headers()).get("stripe-signature")!, secret);
  await fulfil(event);
  return new Response(null, { status: 200 });
}`,
      filename: "/app/src/app/api/webhooks/stripe/route.ts",
    },
    {
      // Next.js pages router with its body parser turned off.
      code: `export const config = { api: { bodyParser: false } };
export default async function handler(req, res) {
  const raw = await buffer(req);
  const event = stripe.webhooks.constructEvent(raw, req.headers["stripe-signature"], secret);
  await fulfil(event);
  res.json({ received: true });
}`,
      filename: "/app/pages/api/webhooks/stripe.js",
    },
    // A handler defined apart from its route, behind asyncHandler, verified with a multi-line call.
    `const stripeWebhook = asyncHandler(async (req, res) => {
  const event = stripe.webhooks.constructEvent(
    req.body,
    req.headers["stripe-signature"],
    config.stripeWebhookSecret,
  );
  await handleStripeEvent(event);
  res.json({ received: true });
});
router.post("/stripe/webhook", express.raw({ type: "application/json" }), stripeWebhook);`,
    // An HMAC over the raw bytes, or over JSON that is not a parsed request body.
    `import crypto from "node:crypto";
export function validateWebhook(secret) {
  return async (ctx, next) => {
    const digest = crypto.createHmac("sha256", secret).update(ctx.request.rawBody).digest("hex");
    if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(ctx.get("x-hub-signature-256")))) ctx.throw(401);
    return next();
  };
}`,
    `import crypto from "node:crypto";
const signed = crypto.createHmac("sha256", key).update(JSON.stringify(outgoingEvent)).digest("hex");`,
    // Skipped in development only: every deployment (staging, test, production) verifies.
    ...["!isLocalDev", 'process.env.NODE_ENV !== "development"'].map((condition) => ({
      code: `import crypto from "crypto";
export const POST = async (req: Request) => {
  const data = await req.text();
  if (${condition}) {
    const digest = crypto.createHmac("sha256", process.env.SHOP_SECRET!).update(data).digest("base64");
    if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get("x-shop-hmac-sha256") ?? ""))) return new Response(null, { status: 401 });
  }
  return Response.json(await handle(JSON.parse(data)));
};`,
      filename: "app/api/shop/webhook/route.ts",
    })),
    {
      code: `import crypto from "crypto";
export const POST = async (req: Request) => {
  const data = await req.text();
  if (isDev) return Response.json(await handle(JSON.parse(data)));
  const digest = crypto.createHmac("sha256", process.env.SHOP_SECRET!).update(data).digest("base64");
  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get("x-shop-hmac-sha256") ?? ""))) return new Response(null, { status: 401 });
  return Response.json(await handle(JSON.parse(data)));
};`,
      filename: "app/api/shop/webhook/route.ts",
    },
    // Microsoft Graph's way: every notification carries the clientState the subscription was made with,
    // compared with the configured value before anything is done; reading the body to find it is not acting on it.
    {
      code: `import { env } from "@/env";
export const POST = async (request: Request) => {
  const rawBody = await request.json();
  const parsed = notificationsSchema.safeParse(rawBody);
  if (!parsed.success) return Response.json({ error: "invalid" }, { status: 400 });
  const expected = env.GRAPH_WEBHOOK_CLIENT_STATE;
  if (!expected) return Response.json({ error: "not configured" }, { status: 500 });
  for (const notification of parsed.data.value) {
    if (notification.clientState !== expected) return Response.json({ error: "unauthorized" }, { status: 403 });
  }
  await processNotifications(parsed.data.value);
  return Response.json({ ok: true });
};`,
      filename: "app/api/outlook/webhook/route.ts",
    },
    {
      code: `export const POST = async (request: Request) => {
  const body = await request.json();
  if (body.verificationToken !== process.env.LINEAR_VERIFICATION) return new Response(null, { status: 401 });
  await sync(body);
  return new Response(null, { status: 200 });
};`,
      filename: "app/api/linear/webhook/route.ts",
    },
    // Signing an outgoing delivery: the body parameter is what this code sends, and the digest goes into a header.
    `import crypto from "node:crypto";
export async function deliver(url: string, secret: string, payload: object) {
  const signature = crypto.createHmac("sha256", secret).update(JSON.stringify(payload)).digest("hex");
  await fetch(url, { method: "POST", headers: { "x-signature": signature }, body: JSON.stringify(payload) });
}`,
    // A body parsed from the raw text after the HMAC over that text was checked.
    `import crypto from "node:crypto";
export const POST = async (req: Request) => {
  const raw = await req.text();
  const digest = crypto.createHmac("sha256", process.env.HOOK_SECRET!).update(raw).digest("hex");
  if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get("x-signature") ?? ""))) return new Response(null, { status: 401 });
  const event = JSON.parse(raw);
  return Response.json(await handle(event));
};`,
    {
      // Your own verifier, named in the options.
      code: 'app.post("/webhooks/acme", (req, res) => { acmeGuard(req); handle(req.body); res.end(); });',
      options: [{ verifiers: ["acmeGuard"] }],
    },
    // The same verifier checking on every path that lets the request through.
    {
      code: `import { Receiver } from "@upstash/qstash";
const receiver = new Receiver();
export const verifyQueueSignature = async ({ req, rawBody }: { req: Request; rawBody: string }) => {
  const signature = req.headers.get("Upstash-Signature");
  if (!signature) throw new Error("missing signature");
  const valid = await receiver.verify({ signature, body: rawBody });
  if (!valid) throw new Error("invalid signature");
  return;
};`,
      filename: "lib/verify-queue.ts",
    },
  ],
  invalid: [
    // A scheduler's calls checked by a bearer secret, except on deployments off one platform.
    flagged(
      `const cronSecret = process.env.CRON_SECRET;
export const verifyCronSignature = async (req: Request) => {
  if (process.env.HOSTED_ON_PLATFORM !== "1") {
    return;
  }
  const header = req.headers.get("authorization");
  if (!header || header !== \`Bearer \${cronSecret}\`) throw new ApiError("unauthorized");
};`,
      [{ messageId: "conditional", fragment: 'process.env.HOSTED_ON_PLATFORM !== "1"' }],
    ),
    // A key that is a public string when its variable is unset: a template gives "undefined", a fallback "".
    flagged(
      `import crypto from "crypto";
export const POST = async (req: Request) => {
  const data = await req.text();
  if (!isLocalDev) {
    const expected = crypto.createHmac("sha256", \`\${process.env.SHOP_WEBHOOK_SECRET}\`).update(data, "utf8").digest("base64");
    if (!safeCompare(expected, req.headers.get("x-shop-hmac-sha256") ?? "")) return new Response("bad signature", { status: 401 });
  }
  return handle(JSON.parse(data));
};`,
      [{ messageId: "publicKey", fragment: "`${process.env.SHOP_WEBHOOK_SECRET}`", data: { key: "`${process.env.SHOP_WEBHOOK_SECRET}`", variable: "SHOP_WEBHOOK_SECRET", value: '"undefined"' } }],
    ),
    flagged(
      `const crypto = require("node:crypto");
const signingSecret = process.env.HOOK_SIGNING_SECRET ?? "";
function isGenuine(rawBody, signature) {
  const hmac = crypto.createHmac("sha256", signingSecret);
  const digest = hmac.update(rawBody).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature));
}
module.exports = { isGenuine };`,
      [{ messageId: "publicKey", fragment: "signingSecret", occurrence: 1, data: { key: "signingSecret", variable: "HOOK_SIGNING_SECRET", value: '""' } }],
    ),
    flagged(
      `import { createHmac } from "crypto";
const secret = process.env.PARTNER_SECRET;
export function verify(body: string, signature: string) {
  return createHmac("sha1", String(secret)).update(body).digest("hex") === signature;
}`,
      [{ messageId: "publicKey", fragment: "String(secret)", data: { key: "String(secret)", variable: "PARTNER_SECRET", value: '"undefined"' } }],
    ),
    // A signature checked over a re-serialised copy of the parsed body, here or in a middleware of any file.
    flagged(
      `import crypto from "node:crypto";
export default function validateWebhook({ secretKey }) {
  return async function validateWebhookMiddleware(ctx, next) {
    const { body } = ctx.request;
    const computed = crypto.createHmac("sha256", secretKey).update(JSON.stringify(body)).digest("hex");
    if (!safeEqual(computed, ctx.get("x-hub-signature-256"))) ctx.throw(401);
    return next();
  };
}`,
      [{ messageId: "reserialisedBody", fragment: "JSON.stringify(body)", data: { body: "body" } }],
    ),
    flagged(
      `const { createHmac } = require("crypto");
app.post("/webhooks/shopify", express.json(), (req, res) => {
  const hmac = createHmac("sha256", process.env.SHOPIFY_SECRET);
  hmac.update(JSON.stringify(req.body), "utf8");
  if (hmac.digest("base64") !== req.get("x-shopify-hmac-sha256")) return res.sendStatus(401);
  handle(req.body);
  res.end();
});`,
      [{ messageId: "reserialisedBody", fragment: "JSON.stringify(req.body)", data: { body: "req.body" } }],
    ),
    // The digest reaches the constant-time comparison through Buffer.from.
    flagged(
      `import crypto from "crypto";
export function verifyPartner(body: unknown, signature: string) {
  const digest = crypto.createHmac("sha256", key).update(JSON.stringify(body)).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(signature));
}
export function partnerHook(body: unknown, signature: string) {
  if (!verifyPartner(body, signature)) throw new Error("bad signature");
}`,
      [{ messageId: "reserialisedBody", fragment: "JSON.stringify(body)", data: { body: "body" } }],
    ),
    // What a Fetch API request's json() returned, re-serialised.
    flagged(
      `import crypto from "crypto";
export const POST = async (req: Request) => {
  const body = await req.json();
  const computed = crypto.createHmac("sha256", process.env.HOOK_SECRET!).update(JSON.stringify(body)).digest("hex");
  if (req.headers.get("x-hook-signature") !== computed) return new Response("bad signature", { status: 400 });
  return new Response(await handle(body));
};`,
      [{ messageId: "reserialisedBody", fragment: "JSON.stringify(body)", data: { body: "body" } }],
    ),
    // A verifier handed the parsed body, whose digest is compared with the received signature.
    flagged(
      `import crypto from "crypto";
export class ProcessPartnerWebhook {
  private verifySignature(signature: string, body: any): void {
    const computedSignature = crypto.createHmac("sha1", process.env.PARTNER_SECRET!).update(JSON.stringify(body)).digest("hex");
    if (signature !== computedSignature) throw new Error("Invalid signature");
  }
}`,
      [{ messageId: "reserialisedBody", fragment: "JSON.stringify(body)", data: { body: "body" } }],
    ),
    // The demo's bad handler: anyone can post a "payment succeeded" event.
    flagged(
      `${EXPRESS}app.post("/webhooks/stripe", express.json(), async (req, res) => {
  if (req.body.type === "payment_intent.succeeded") {
    await markOrderPaid(pool, req.body.data.object.metadata.orderId);
  }
  res.sendStatus(200);
});`,
      [{ messageId: "unverified", fragment: "req.body", data: { body: "req.body" } }],
    ),
    // Stripe's sample: verification only when a secret is configured.
    flagged(
      `${EXPRESS}app.post("/webhook", express.raw({ type: "application/json" }), (request, response) => {
  let event = request.body;
  if (endpointSecret) {
    const signature = request.headers["stripe-signature"];
    event = stripe.webhooks.constructEvent(request.body, signature, endpointSecret);
  }
  handleEvent(event);
  response.send();
});`,
      [{ messageId: "conditional", fragment: "endpointSecret", occurrence: 0 }],
    ),
    // A handler defined apart from its route.
    flagged(
      `async function stripeWebhook(req, res) {
  const event = req.body;
  await fulfilOrder(event.data.object);
  res.json({ received: true });
}
router.post("/stripe/webhook", stripeWebhook);`,
      [{ messageId: "unverified", fragment: "event", occurrence: 1, data: { body: "event" } }],
    ),
    // Same-file middleware that lets requests through when the secret is missing.
    flagged(
      `function verifyGithub(req, res, next) {
  if (!process.env.GITHUB_WEBHOOK_SECRET) return next();
  const expected = "sha256=" + createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET).update(req.rawBody).digest("hex");
  if (!timingSafeEqual(Buffer.from(req.get("x-hub-signature-256")), Buffer.from(expected))) return res.sendStatus(401);
  next();
}
app.post("/github/webhook", verifyGithub, (req, res) => { sync(req.body); res.end(); });`,
      [{ messageId: "conditional", fragment: "!process.env.GITHUB_WEBHOOK_SECRET" }],
    ),
    // A same-file helper with the same escape hatch.
    flagged(
      `function isValid(req) {
  if (!SIGNING_SECRET) return true;
  return timingSafeEqual(Buffer.from(req.headers["x-signature"]), Buffer.from(sign(req.rawBody)));
}
app.post("/hooks/acme", (req, res) => {
  if (!isValid(req)) return res.sendStatus(401);
  handle(req.body);
  res.end();
});`,
      [{ messageId: "conditional", fragment: "!SIGNING_SECRET" }],
    ),
    // Koa, and Hono with the body read through a variable.
    flagged(
      'router.post("/webhooks/github", async (ctx) => {\n  await syncRepository(ctx.request.body.repository);\n  ctx.status = 204;\n});',
      [{ messageId: "unverified", fragment: "ctx.request.body", data: { body: "ctx.request.body" } }],
    ),
    flagged(
      'app.post("/api/webhooks/resend", async (c) => {\n  const event = await c.req.json();\n  await storeDelivery(event);\n  return c.json({ ok: true });\n});',
      [{ messageId: "unverified", fragment: "event", occurrence: 1, data: { body: "event" } }],
    ),
    // koa-router's named route: the name comes before the path.
    flagged(
      'router.post("stripe-webhook", "/billing/stripe/webhook", async (ctx) => {\n  await applyInvoice(ctx.request.body.data.object);\n  ctx.status = 200;\n});',
      [{ messageId: "unverified", fragment: "ctx.request.body", data: { body: "ctx.request.body" } }],
    ),
    // Fastify's full route form.
    flagged(
      'fastify.route({\n  method: "POST",\n  url: "/hooks/paddle",\n  handler: async (request, reply) => {\n    await applySubscription(request.body);\n    return reply.code(204).send();\n  },\n});',
      [{ messageId: "unverified", fragment: "request.body", data: { body: "request.body" } }],
    ),
    // Reading the signature header makes it a receiver, even on a neutral path; ignoring it verifies nothing.
    flagged(
      'app.post("/api/notify", (req, res) => {\n  const signature = req.headers["x-signature"];\n  crypto.timingSafeEqual(Buffer.from(signature), expected);\n  saveNotification(req.body);\n  res.end();\n});',
      [{ messageId: "unverified", fragment: "req.body", data: { body: "req.body" } }],
    ),
    // NestJS controller that trusts its @Body().
    flagged(
      `import { Body, Controller, Post } from "@nestjs/common";
@Controller("webhooks")
export class PaddleController {
  @Post("paddle")
  handle(@Body() body: PaddleEvent) {
    return this.billing.apply(body);
  }
}`,
      [{ messageId: "unverified", fragment: "body", occurrence: 1, data: { body: "body" } }],
      { filename: "paddle.controller.ts" },
    ),
    // A provider SDK's verifier keyed with a secret that is empty when its variable is unset.
    {
      code: `import { validateEvent as validatePolarEvent } from "@polar-sh/sdk/webhooks";
export async function polarWebhook(request, reply) {
  const event = validatePolarEvent(request.rawBody, request.headers, process.env.POLAR_WEBHOOK_SECRET ?? "");
  await sync(event.data);
}`,
      errors: [{ messageId: "publicKey", data: { key: 'process.env.POLAR_WEBHOOK_SECRET ?? ""', variable: "POLAR_WEBHOOK_SECRET", value: '""' } }],
    },
    {
      code: `import { Webhook } from "svix";\nconst wh = new Webhook(\`\${process.env.SVIX_SECRET}\`);\napp.post("/webhooks/svix", express.raw({ type: "*/*" }), (req, res) => {\n  const event = wh.verify(req.body, req.headers);\n  handle(event);\n  res.end();\n});`,
      errors: [{ messageId: "publicKey", data: { key: "`${process.env.SVIX_SECRET}`", variable: "SVIX_SECRET", value: '"undefined"' } }],
    },
    // A receiver that reads a provider's signature header is one, whatever its path ends with.
    flagged(
      'app.post("/webhooks/test", (req, res) => {\n  const signature = req.headers["stripe-signature"];\n  if (!signature) return res.sendStatus(400);\n  fulfil(req.body);\n  res.end();\n});',
      [{ messageId: "unverified", fragment: "req.body", data: { body: "req.body" } }],
    ),
    // A decorator that reads something else of the request is no sign-in.
    flagged(
      `import { Body, Controller, Post } from "@nestjs/common";
@Controller("webhooks")
export class PaddleController {
  @Post("paddle")
  handle(@Body() body: PaddleEvent, @ClientIp() ip: string) {
    return this.billing.apply(body, ip);
  }
}`,
      [{ messageId: "unverified", fragment: "body", occurrence: 1, data: { body: "body" } }],
      { filename: "paddle.controller.ts" },
    ),
    // A verifier in a module of its own, called by the receivers elsewhere: it lets every request through off one platform.
    flagged(
      `import { Receiver } from "@upstash/qstash";
const receiver = new Receiver();
export const verifyQueueSignature = async ({ req, rawBody }: { req: Request; rawBody: string }) => {
  if (process.env.VERCEL !== "1") {
    return;
  }
  const signature = req.headers.get("Upstash-Signature");
  if (!signature) throw new Error("missing signature");
  const valid = await receiver.verify({ signature, body: rawBody });
  if (!valid) throw new Error("invalid signature");
};`,
      [{ messageId: "conditional", fragment: 'process.env.VERCEL !== "1"' }],
      { filename: "lib/verify-queue.ts" },
    ),
    // Verification that only runs in production (so not in staging or test deployments either), or is skipped by a flag that is
    // not about development.
    flagged(
      `import crypto from "crypto";
export const POST = async (req: Request) => {
  const data = await req.text();
  if (isProduction) {
    const digest = crypto.createHmac("sha256", process.env.SHOP_SECRET!).update(data).digest("base64");
    if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers.get("x-shop-hmac-sha256") ?? ""))) return new Response(null, { status: 401 });
  }
  return Response.json(await handle(JSON.parse(data)));
};`,
      [{ messageId: "conditional", fragment: "isProduction" }],
      { filename: "app/api/shop/webhook/route.ts" },
    ),
    // A setting compared with a literal, or two settings compared, verify nothing about the request.
    flagged(
      `import { env } from "@/env";
export const POST = async (request: Request) => {
  const body = await request.json();
  if (env.WEBHOOK_MODE !== "enabled") return new Response(null, { status: 404 });
  if (env.PRIMARY_REGION !== env.REGION) return new Response(null, { status: 421 });
  await processNotifications(body.value);
  return new Response(null, { status: 200 });
};`,
      [{ messageId: "unverified", fragment: "body", occurrence: 1 }],
      { filename: "app/api/outlook/webhook/route.ts" },
    ),
    flagged(
      'app.post("/webhooks/clerk", async (c) => {\n  if (process.env.NODE_ENV === "production") await verifyWebhook(c);\n  await upsertUser((await c.req.json()).data);\n  return c.text("ok");\n});',
      [{ messageId: "conditional", fragment: 'process.env.NODE_ENV === "production"' }],
    ),
    // A global JSON parser ahead of a route whose verifier needs the raw bytes.
    flagged(
      `${EXPRESS}app.use(express.json());
app.post("/webhooks/stripe", express.raw({ type: "application/json" }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  res.json(event.id);
});`,
      [{ messageId: "parsedBody", fragment: "express.json()", data: { path: "/webhooks/stripe" } }],
    ),
    flagged(
      `const bodyParser = require("body-parser");
const billing = express.Router();
billing.post("/stripe", (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  res.json(event.id);
});
app.use(bodyParser.json());
app.use("/billing", billing);`,
      [{ messageId: "parsedBody", fragment: "bodyParser.json()", data: { path: "/stripe" } }],
    ),
    // The parser through a variable: reported where it is mounted.
    flagged(
      `import bodyParser from "body-parser";
const jsonParser = bodyParser.json();
app.use(jsonParser);
app.post("/webhooks/stripe", (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  res.json(event.id);
});`,
      [{ messageId: "parsedBody", fragment: "jsonParser", occurrence: 1, data: { path: "/webhooks/stripe" } }],
    ),
    // Aliased and CommonJS imports of the parser, in a .js file.
    flagged(
      `const express = require("express");
const { json: parseJson } = express;
const app = express();
app.use(parseJson({ limit: "1mb" }));
app.post("/hooks/github", express.raw({ type: "*/*" }), (req, res) => {
  const digest = "sha256=" + require("crypto").createHmac("sha256", secret).update(req.body).digest("hex");
  if (!safeCompare(digest, req.get("x-hub-signature-256"))) return res.sendStatus(401);
  res.sendStatus(204);
});`,
      [{ messageId: "parsedBody", fragment: 'parseJson({ limit: "1mb" })', data: { path: "/hooks/github" } }],
      { filename: "server.js" },
    ),
    // Next.js pages router parses JSON unless the route turns it off.
    flagged(
      `export default async function handler(req, res) {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], secret);
  await fulfil(event);
  res.json({ received: true });
}`,
      [{ messageId: "nextParsedBody", fragment: "req.body" }],
      { filename: "/app/src/pages/api/webhooks/stripe.ts" },
    ),
    // Extra path words and headers from the options.
    flagged(
      'app.post("/inbound/acme", (req, res) => { store(req.body); res.end(); });',
      [{ messageId: "unverified", fragment: "req.body", data: { body: "req.body" } }],
      { options: [{ webhookPaths: ["inbound"] }] },
    ),
  ],
});
