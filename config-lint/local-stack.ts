import type { AST } from "yaml-eslint-parser";
import { composeCommand } from "./commands.ts";
import { composeVariables } from "./environment.ts";
import { isDatastore } from "./kubernetes.ts";
import { asMapping, asScalar, asSequence, getPair, getPath, pairsOf, scalarText } from "./yaml-nodes.ts";

/**
 * How a reviewer tells a Compose file written for a developer's machine or a test run from one
 * meant to be run as a deployment, when its name and folder do not say (`isLocalDevelopmentFile`
 * covers those): by what its services do. No single word decides; the evidence is weighed.
 *
 * Each of these alone shows a service built for development:
 * - a development build stage (`build.target: dev`, `development`, `debug`);
 * - a file watcher or development server as its command (`nodemon`, `--watch`, `npm run dev`,
 *   `CompileDaemon`, `--reload`, `manage.py runserver`, `--inspect`);
 * - a debugger's port published (9229 Node.js, 5005 JDWP, 2345 Delve, 5678 debugpy);
 * - the app told it runs in development (`NODE_ENV=development`, `RAILS_ENV`, `APP_ENV`, ...);
 * - a mail catcher that keeps the app's e-mail from anyone (MailDev, MailHog, Mailpit, Inbucket,
 *   smtp4dev), by its image or the Dockerfile it is built from.
 *
 * Each of these is only a hint, and it takes two to decide:
 * - debug-level logging or backtraces (`RUST_LOG=debug`, `LOG_LEVEL=debug`, `RUST_BACKTRACE=1`);
 * - the image built from the repository the file sits in (`build: ../`), not pulled as a release;
 * - its own source mounted over the image (`build: ./vote` with `./vote:/usr/local/app`), so
 *   edits on the host run without a rebuild (some stacks mount it for other reasons);
 * - the app's public address set to this machine (`EXTERNAL_HOST=localhost:8541`).
 *
 * And a file that only starts backing services (databases, caches, brokers) with their ports
 * published to the host is the dependencies of an app a developer runs on the host.
 */
export function isLocalComposeStack(root: AST.YAMLMapping): boolean {
  let local = decided.get(root);
  if (local === undefined) decided.set(root, (local = weighEvidence(root)));
  return local;
}

/** Decided once per Compose document: four rules ask. */
const decided = new WeakMap<AST.YAMLMapping, boolean>();

function weighEvidence(root: AST.YAMLMapping): boolean {
  const services = pairsOf(getPath(root, "services"))
    .map((pair) => asMapping(pair.value))
    .filter((service): service is AST.YAMLMapping => service !== null);
  if (services.length === 0) return false;
  const hints = new Set<string>();
  for (const service of services) {
    if (developmentService(service)) return true;
    for (const hint of developmentHints(service)) hints.add(hint);
  }
  if (hints.size >= 2) return true;
  return services.every((service) => !getPair(service, "build") && isDatastore(service)) && services.some((service) => publishedPorts(service).length > 0);
}

/** A service that Compose starts only with a development or test profile (`profiles: [dev]`). */
export function isDevelopmentProfileService(service: AST.YAMLMapping): boolean {
  const profiles = asSequence(getPath(service, "profiles"))?.entries.map((entry) => scalarText(entry) ?? "") ?? [];
  return profiles.length > 0 && profiles.every((profile) => LOCAL_NAME.test(profile));
}

const LOCAL_NAME = /^(?:dev|devel|develop|development|local|debug|test|tests|testing|e2e|ci)$/iu;
const DEVELOPMENT_TARGET = /^(?:dev|devel|develop|development|debug|local)(?:[-_][\w-]*)?$|[-_](?:dev|development|debug)$/iu;
const WATCHER =
  /\b(?:nodemon|ts-node-dev|node-dev|tsx\s+watch|CompileDaemon|watchexec|reflex|webpack-dev-server|webpack\s+serve|cargo[-\s]watch|dotnet\s+watch)\b|--inspect(?:-brk)?\b|--watch\b|--reload\b|\b(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:dev|watch|start[:-](?:dev|watch))\b|\bmanage\.py\s+runserver\b|\bflask\s+run\b|\bng\s+serve\b|\bnext\s+dev\b|\bvite(?:\s+dev)?$/iu;
const DEBUGGER_PORTS = new Set([9229, 9230, 5005, 2345, 5678]);
const MAIL_CATCHER = /(?:^|[/_.-])(?:maildev|mailhog|mailpit|mailcatcher|inbucket|smtp4dev)(?:[/_.:-]|$)/iu;
const ENVIRONMENT_NAME = /^(?:NODE_ENV|RAILS_ENV|RACK_ENV|APP_ENV|MIX_ENV|FLASK_ENV|GO_ENV|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|SPRING_PROFILES_ACTIVE|ENVIRONMENT)$/u;
const DEVELOPMENT_VALUE = /^(?:dev|devel|develop|development|local|debug)$/iu;
const DEBUG_FLAG = /^(?:FLASK_DEBUG|DJANGO_DEBUG)$/u;
const LOG_NAME = /(?:^|_)LOG(?:_?LEVEL)?$|^RUST_LOG$/iu;
const PUBLIC_ADDRESS_NAME = /(?:EXTERNAL|PUBLIC|BASE|SITE|APP)_(?:HOST|URL|ORIGIN)$/iu;
const LOOPBACK = /^(?:[a-z]+:\/\/)?(?:localhost|127\.0\.0\.1)(?::\d+)?(?:\/|$)/iu;

function developmentService(service: AST.YAMLMapping): boolean {
  const build = getPair(service, "build")?.value;
  if (DEVELOPMENT_TARGET.test(scalarText(getPath(build, "target")) ?? "")) return true;
  if (WATCHER.test(composeCommand(service).map((word) => word.text).join(" "))) return true;
  if (publishedPorts(service).some((port) => DEBUGGER_PORTS.has(port))) return true;
  const built = [scalarText(getPath(build, "dockerfile")), scalarText(getPath(build, "context")), asScalar(build) ? scalarText(build) : undefined];
  if ([scalarText(getPath(service, "image")), ...built].some((name) => name !== undefined && MAIL_CATCHER.test(name))) return true;
  const variables = [...composeVariables(getPair(service, "environment")?.value, ""), ...composeVariables(getPath(build, "args"), "")];
  for (const { name, value } of variables) {
    const text = String(value ?? "").trim();
    if (ENVIRONMENT_NAME.test(name) && DEVELOPMENT_VALUE.test(text)) return true;
    if (DEBUG_FLAG.test(name) && /^(?:1|true|yes|on)$/iu.test(text)) return true;
  }
  return false;
}

function developmentHints(service: AST.YAMLMapping): string[] {
  const hints: string[] = [];
  for (const { name, value } of composeVariables(getPair(service, "environment")?.value, "")) {
    const text = String(value ?? "").replace(/^(["'])(.*)\1$/u, "$2");
    if ((LOG_NAME.test(name) && /(?:^|[,=\s])(?:debug|trace)\b/iu.test(text)) || (name === "RUST_BACKTRACE" && /^(?:1|full)$/u.test(text))) hints.push("debug logging");
    if (PUBLIC_ADDRESS_NAME.test(name) && LOOPBACK.test(text)) hints.push("public address on this machine");
  }
  if (/^\.\.(?:[\\/]|$)/u.test(buildContext(service) ?? "")) hints.push("built from the repository");
  if (mountsOwnSource(service)) hints.push("source mounted");
  return hints;
}

/** `build: ./vote` or `build: {context: vote}`, normalised without `./` and a trailing slash; `.` for the file's folder. */
function buildContext(service: AST.YAMLMapping): string | undefined {
  const build = getPair(service, "build")?.value;
  const context = asScalar(build) ? scalarText(build) : (scalarText(getPath(build, "context")) ?? (asMapping(build) ? "." : undefined));
  if (context === undefined) return undefined;
  const normalised = context.replace(/^(?:\.\/)+/u, "").replace(/[\\/]+$/u, "");
  return normalised === "" ? "." : normalised;
}

/** Folders that hold a project's code (a data or config folder mounted beside it is not source). */
const SOURCE_FOLDER = /^(?:src|source|app|lib|code|server|client|backend|frontend|web|api|pkg|cmd|internal)$/iu;

/**
 * Whether a service mounts the source it is built from over the image: a bind mount of its build
 * context, or of a code folder inside it (`./backend/src`), when the context is the file's folder
 * or one below it.
 * A single file mounted (`./nginx.conf`) is configuration, not source.
 */
function mountsOwnSource(service: AST.YAMLMapping): boolean {
  const context = buildContext(service);
  if (context === undefined || context.startsWith("..") || /^[a-z][a-z0-9+.-]*:/iu.test(context) || context.startsWith("/")) return false;
  for (const entry of asSequence(getPath(service, "volumes"))?.entries ?? []) {
    const source = asMapping(entry) ? scalarText(getPath(entry, "source")) : scalarText(entry)?.split(":")[0];
    if (!source || !/^\.\.?(?:[\\/]|$)/u.test(source) || source.startsWith("..")) continue;
    const folder = source.replace(/^(?:\.\/)+/u, "").replace(/[\\/]+$/u, "") || ".";
    if (/\.[a-z0-9]{1,5}$/iu.test(folder.split(/[\\/]/u).at(-1) ?? "")) continue;
    if (folder === context) return true;
    const inside = context === "." ? folder : folder.startsWith(`${context}/`) ? folder.slice(context.length + 1) : undefined;
    if (inside !== undefined && SOURCE_FOLDER.test(inside.split(/[\\/]/u)[0]!)) return true;
  }
  return false;
}

/** The container ports a service publishes on the host (`"8080:80"`, `127.0.0.1:9229:9229`, `{target: 80, published: 8080}`). */
function publishedPorts(service: AST.YAMLMapping): number[] {
  const ports: number[] = [];
  for (const entry of asSequence(getPath(service, "ports"))?.entries ?? []) {
    const long = asMapping(entry);
    const text = long ? scalarText(getPath(long, "target")) : scalarText(entry);
    const container = Number((text ?? "").split("/")[0]!.split(":").at(-1)!.split("-")[0]);
    if (Number.isInteger(container) && container > 0) ports.push(container);
  }
  return ports;
}
