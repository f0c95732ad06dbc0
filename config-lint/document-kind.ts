import path from "node:path";
import type { AST } from "yaml-eslint-parser";
import { asMapping, getPair, scalarText } from "./yaml-nodes.ts";

export type DocumentKind = "kubernetes" | "compose" | "github-actions" | "app-config" | "unknown";

const GITHUB_WORKFLOW_PATH = /(?:^|[\\/])\.(?:github|gitea|forgejo)[\\/]workflows[\\/][^\\/]+\.ya?ml$/u;
const COMPOSE_FILE = /(?:^|[\\/])(?:docker-)?compose(?:[.-][^\\/]*)?\.ya?ml$/u;
/** `config/**.yaml`, Spring's `application*.yml`, and a Helm chart's values (`values.yaml`, `values-prod.yaml`). */
const APP_CONFIG_PATH = /(?:^|[\\/])config[\\/](?:[^\\/]+[\\/])*[^\\/]+\.ya?ml$|(?:^|[\\/])application(?:-[^\\/]+)?\.ya?ml$|(?:^|[\\/])values(?:[.-][^\\/]+)?\.ya?ml$/u;
/** Under config/ but not application config: translations, and build or tool configuration. */
const NOT_APP_CONFIG = /(?:^|[\\/])(?:locales?|i18n|translations?|lang)[\\/]|(?:^|[\\/])(?:kustomization|kustomizeconfig|Chart|webpacker|\.?rubocop\w*)\.ya?ml$/u;

/**
 * What a YAML document configures, which decides the rules that apply to it. The content
 * decides first (a Kubernetes object is one wherever it is stored); the file name settles
 * documents whose content alone is ambiguous.
 */
export function documentKind(document: AST.YAMLDocument, filename: string): DocumentKind {
  const root = asMapping(document.content);
  if (!root) return "unknown";
  if (isKubernetesObject(root)) return "kubernetes";
  if (GITHUB_WORKFLOW_PATH.test(filename) && getPair(root, "jobs")) return "github-actions";
  if (asMapping(getPair(root, "jobs")?.value) && (getPair(root, "on") || getPair(root, "true"))) return "github-actions";
  if (asMapping(getPair(root, "services")?.value) && (COMPOSE_FILE.test(filename) || looksLikeCompose(root))) {
    return "compose";
  }
  if (APP_CONFIG_PATH.test(filename) && !NOT_APP_CONFIG.test(filename)) return "app-config";
  return "unknown";
}

/** Whether the file is known not to be application config by its path: translations, build and tool configuration. */
export function isNotAppConfigFile(projectFilePath: string): boolean {
  return NOT_APP_CONFIG.test(projectFilePath);
}

/**
 * The file's path inside the project (relative to ESLint's working directory), so that folders
 * above the project (`/home/me/config/...`) do not decide what a file is.
 */
export function projectPath(context: { filename: string; cwd: string }): string {
  const relative = path.relative(context.cwd, context.filename);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : context.filename;
}

/** A Kubernetes object names its schema: `apiVersion` and `kind`, both strings. */
export function isKubernetesObject(root: AST.YAMLMapping): boolean {
  const apiVersion = scalarText(getPair(root, "apiVersion")?.value);
  const kind = scalarText(getPair(root, "kind")?.value);
  return Boolean(apiVersion && kind && /^[A-Z][A-Za-z0-9]*$/u.test(kind));
}

/** Compose files outside their usual names still have services with an `image` or a `build`. */
function looksLikeCompose(root: AST.YAMLMapping): boolean {
  const services = asMapping(getPair(root, "services")?.value);
  return Boolean(services?.pairs.some((service) => getPair(service.value, "image") || getPair(service.value, "build")));
}

const HELM_VALUES_FILE = /(?:^|[\\/])values(?:[.-][^\\/]+)?\.ya?ml$/u;

/** Whether the file is a Helm chart's values (`values.yaml`, `values-prod.yaml`): settings the chart renders into its objects. */
export function isHelmValuesFile(projectFilePath: string): boolean {
  return HELM_VALUES_FILE.test(projectFilePath);
}

/** A name part that marks a file as a template to copy and fill in: `config.example.yaml`, `values.sample.yml`, `settings.dist.yml`. */
const EXAMPLE_PART = /^(?:example|examples|sample|samples|template|tmpl|dist)$/iu;

/** Whether the file is a template to copy and fill in (`*.example.*`, `*.sample.*`), never used as it is. */
export function isExampleFile(projectFilePath: string): boolean {
  const base = projectFilePath.split(/[\\/]/u).at(-1) ?? "";
  return base.replace(/\.ya?ml$/u, "").split(/[.\-_]/u).slice(1).some((part) => EXAMPLE_PART.test(part));
}

/** A name part that marks a file as meant for a developer's machine or a test run, never for production. */
const LOCAL_PART = /^(?:dev|devel|develop|development|local|test|tests|testing|ci|e2e|override|debug)$/iu;
/** Folders of setups for a developer's machine or a test run: `docker/development/compose.yml`, `local/`, `testing/`. */
const LOCAL_FOLDER = /(?:^|[\\/])(?:dev|devel|develop|development|local|testing|debug)[\\/]/iu;
/** Folders of test code and test data (Go's `testdata`, `test/`, `__tests__`, ...), relative to the project. */
const TEST_FOLDER = /(?:^|[\\/])(?:test|tests|testdata|__tests__|__fixtures__|spec|e2e)[\\/]/u;

/**
 * Whether the file is test data: it is inside a test folder of the project (`projectPath`).
 * Credentials and insecure settings there reach no production system.
 */
export function isTestFile(projectFilePath: string): boolean {
  return TEST_FOLDER.test(projectFilePath);
}

/**
 * Whether the file is for local development or tests: test data (`isTestFile`), or a name
 * that says so: `compose.override.yaml` (the file `docker compose` merges in on a developer's
 * machine), `docker-compose.dev.yml`, `compose-test.yaml`, node-config's
 * `config/development.yaml`, `config/local.yaml` and `config/test.yaml`, Spring's
 * `application-dev.yml`; or a folder that says so (`docker/development/`, `local/`, `testing/`).
 * Credentials in such files reach no production system.
 */
export function isLocalDevelopmentFile(projectFilePath: string): boolean {
  if (isTestFile(projectFilePath) || LOCAL_FOLDER.test(projectFilePath)) return true;
  const base = projectFilePath.split(/[\\/]/u).at(-1) ?? "";
  return base
    .replace(/\.ya?ml$/u, "")
    .split(/[.\-_]/u)
    .some((part) => LOCAL_PART.test(part));
}
