import type { AST } from "yaml-eslint-parser";
import { clientPasswords, composeCommand, containerCommand, healthcheckCommand, type CommandWord } from "../commands.ts";
import { createYamlRule, locOfRange } from "../create-yaml-rule.ts";
import { isCredentialName, nameWords, isLiteralCredential, isOwnCredentialName, isWorkingPlaceholder, knownCredentials } from "../credentials.ts";
import { documentKind, isExampleFile, isHelmValuesFile, isLocalDevelopmentFile, isNotAppConfigFile, isTestFile, projectPath } from "../document-kind.ts";
import { composeVariables, envMapping, kubernetesEnv, valueRange, type EnvVariable } from "../environment.ts";
import { isDevelopmentProfileService, isLocalComposeStack } from "../local-stack.ts";
import { containersOf, kubernetesKind, kubernetesObjects, podSpecOf } from "../kubernetes.ts";
import { literalSecretValues } from "../kubernetes-secrets.ts";
import { asMapping, asScalar, asSequence, getPair, getPath, pairsOf, scalarText, writtenScalars } from "../yaml-nodes.ts";

type Site = "kubernetesEnv" | "kubernetesCommand" | "configMap" | "kubernetesSecret" | "compose" | "composeBuildArg" | "githubActions" | "appConfig" | "helmValues";

/** What to do instead, by where the credential is written. */
const INSTEAD: Record<Site, string> = {
  kubernetesEnv: "Reference a Secret with `valueFrom.secretKeyRef`.",
  kubernetesCommand: "Pass it in an environment variable that references a Secret (`valueFrom.secretKeyRef`).",
  configMap: "Move it to a Secret: ConfigMaps are not access-controlled as credentials.",
  kubernetesSecret:
    "A Secret in the repository is only base64-encoded: commit a SealedSecret or SOPS-encrypted file instead, or create the Secret from a secret manager (External Secrets Operator).",
  compose: "Interpolate it (`${VARIABLE}`) from an untracked `.env` file, or use Compose `secrets`.",
  composeBuildArg: "Use a build secret (`RUN --mount=type=secret`): build arguments stay readable in the image history.",
  githubActions: "Store it as an Actions secret and use `${{ secrets.NAME }}`.",
  appConfig: "Read it from the environment or a secret store at startup.",
  helmValues: "Give it at install time (`--set`, or a values file kept out of the repository), or point the chart at an existing Secret.",
};

/** `--db-password=hunter2`, `--token hunter2` in a command line or script. */
const CREDENTIAL_FLAG = /(?:^|\s)--?([A-Za-z][\w.-]*)(?:=|\s+)("[^"]*"|'[^']*'|[^\s"';&|]+)/gu;
/** Top-level sections of an app config file that configure development or tests (Rails' `database.yml`). */
const LOCAL_SECTION = /^(?:dev|development|test|testing|local)$/u;

/** Variables that name the environment an app runs in. */
const TEST_ENVIRONMENT_NAME = /^(?:NODE_ENV|RAILS_ENV|RACK_ENV|APP_ENV|MIX_ENV|FLASK_ENV|DJANGO_ENV|GO_ENV|ENVIRONMENT|ENV)$/u;

/** Last words of the settings that say where a credential is used: `host`, `DB_PORT`, `smtp.username`, `endpoint`. */
const CONNECTION_WORDS = new Set(["host", "hostname", "port", "url", "uri", "endpoint", "server", "address", "addr", "user", "username", "login", "database", "dsn", "bucket"]);

/** Keys under which a document shows sample values: OpenAPI's `example`, `examples`, `x-example`, a schema's `default`. */
const EXAMPLE_KEY = /^(?:x-)?examples?$|^default$/u;

/** An OpenAPI or Swagger description (or a fragment of one): its credentials are sample payloads, not settings. */
function isApiDescription(root: AST.YAMLMapping): boolean {
  return ["openapi", "swagger", "components", "paths", "definitions"].some((key) => getPair(root, key));
}

/** Whether a scalar's mapping also says what it connects to (a host, port, URL, user name). */
function besideConnectionSettings(scalar: AST.YAMLScalar): boolean {
  const pair = scalar.parent;
  const mapping = pair?.type === "YAMLPair" ? pair.parent : null;
  if (mapping?.type !== "YAMLMapping") return false;
  return mapping.pairs.some((sibling) => sibling !== pair && CONNECTION_WORDS.has(nameWords(scalarText(sibling.key) ?? "").at(-1) ?? ""));
}

export default createYamlRule<[], "literalSecret" | "knownCredential">({
  name: "no-literal-secret-in-config",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow literal credentials in Kubernetes manifests, Compose files, GitHub Actions workflows and application config",
      recommended: "error",
    },
    schema: [],
    messages: {
      literalSecret: "`{{name}}` is set to a literal credential, which everyone who can read this file or its history can use. {{instead}}",
      knownCredential:
        "This is {{label}} in plain text, which everyone who can read this file or its history can use: revoke it. {{instead}}",
    },
  },
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const reported = new Set<string>();

    const report = (range: readonly [number, number], site: Site, name: string | null, label?: string): void => {
      const key = `${range[0]}:${range[1]}`;
      if (reported.has(key)) return; // an anchored value referenced twice is one finding, where it is written
      reported.add(key);
      context.report({
        loc: locOfRange(sourceCode, range),
        messageId: name === null ? "knownCredential" : "literalSecret",
        data: { name: name ?? "", label: label ?? "", instead: INSTEAD[site] },
      });
    };

    /** Credentials a scalar's text contains whatever it is called, from `offset` on. */
    const checkText = (scalar: AST.YAMLScalar, offset: number, site: Site): void => {
      if (typeof scalar.value !== "string") return;
      const value = scalar.value.slice(offset);
      for (const credential of knownCredentials(value)) {
        report(valueRange(scalar, text, offset + credential.start, credential.text), site, null, credential.label);
      }
    };

    /** Whether a credential so named is set to this value here; `runsAsIs` for files started as written (Compose). */
    const isLiteral = (name: string, value: EnvVariable["value"], runsAsIs = false): boolean =>
      isCredentialName(name) && (isLiteralCredential(value) || (runsAsIs && isOwnCredentialName(name) && isWorkingPlaceholder(value)));

    const checkVariable = (variable: EnvVariable, site: Site, runsAsIs = false): void => {
      if (isLiteral(variable.name, variable.value, runsAsIs)) report(variable.range, site, variable.name);
      else checkText(variable.node, variable.offset, site);
    };

    const checkCommand = (words: CommandWord[], site: Site, runsAsIs = false): void => {
      // `["--password", "hunter2"]`: a flag and its value as two list entries.
      for (const [index, word] of words.entries()) {
        const next = words[index + 1];
        const flag = /^--?([A-Za-z][\w.-]*)$/u.exec(word.text);
        if (flag && next && next.node !== word.node && isCredentialName(flag[1]!) && isLiteralCredential(next.text)) {
          report(next.node.range, site, word.text);
        }
      }
      // `--password=hunter2` in one entry, or anywhere in a command string or shell script.
      for (const scalar of new Set(words.map((word) => word.node))) {
        checkText(scalar, 0, site);
        if (typeof scalar.value !== "string") continue;
        for (const match of scalar.value.matchAll(CREDENTIAL_FLAG)) {
          const value = match[2]!.replace(/^(["'])(.*)\1$/u, "$2");
          if (!isCredentialName(match[1]!) || !isLiteralCredential(value)) continue;
          const start = match.index + match[0].lastIndexOf(value);
          report(valueRange(scalar, text, start, value), site, `--${match[1]!}`);
        }
      }
      // `mysqladmin ping -proot`, `sqlcmd -U sa -P hunter2`: database clients' own password flags.
      for (const { word, flag, value } of clientPasswords(words)) {
        if (!isLiteralCredential(value) && !(runsAsIs && isWorkingPlaceholder(value))) continue;
        const at = typeof word.node.value === "string" ? word.node.value.indexOf(value, Math.max(0, word.node.value.indexOf(flag))) : -1;
        report(at < 0 ? word.node.range : valueRange(word.node, text, at, value), site, flag);
      }
    };

    const checkKubernetes = (objects: readonly AST.YAMLMapping[]): void => {
      for (const object of objects) {
        if (kubernetesKind(object) === "ConfigMap") {
          for (const variable of envMapping(getPath(object, "data"))) checkVariable(variable, "configMap");
        }
        // A committed `kind: Secret`: its credential values are readable by everyone with the repository.
        for (const value of literalSecretValues(object)) {
          if (value.credentialName) report(value.node.range, "kubernetesSecret", value.key);
          else if (value.field === "stringData") checkText(value.node, 0, "kubernetesSecret");
        }
        const podSpec = podSpecOf(object);
        if (!podSpec) continue;
        for (const container of containersOf(podSpec)) {
          for (const variable of kubernetesEnv(container)) checkVariable(variable, "kubernetesEnv");
          checkCommand(containerCommand(container), "kubernetesCommand");
        }
      }
    };

    const checkCompose = (root: AST.YAMLMapping): void => {
      for (const { value } of pairsOf(getPath(root, "services"))) {
        const service = asMapping(value);
        if (!service || isDevelopmentProfileService(service)) continue;
        for (const variable of composeVariables(getPair(service, "environment")?.value, text)) checkVariable(variable, "compose", true);
        for (const variable of composeVariables(getPath(service, "build", "args"), text)) checkVariable(variable, "composeBuildArg");
        checkCommand(composeCommand(service), "compose", true);
        checkCommand(healthcheckCommand(service), "compose", true);
      }
    };

    const checkWorkflow = (root: AST.YAMLMapping): void => {
      const jobs = pairsOf(getPath(root, "jobs")).map(({ value }) => asMapping(value)).filter((job) => job !== null && job !== undefined);
      // What the jobs' `services:` containers (throwaway databases for the tests) are configured with.
      const serviceValues = new Set<string>();
      for (const job of jobs) {
        for (const { value } of pairsOf(getPath(job, "services"))) {
          for (const variable of envMapping(getPath(value, "env"))) if (typeof variable.value === "string" || typeof variable.value === "number") serviceValues.add(String(variable.value));
        }
      }
      /** `NODE_ENV: test` (or RAILS_ENV, APP_ENV, …): the app runs as a test, and its keys are test fixtures. */
      const setsTestEnvironment = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined): boolean =>
        envMapping(node).some((variable) => TEST_ENVIRONMENT_NAME.test(variable.name) && /^(?:test|testing|ci)$/iu.test(String(variable.value ?? "")));
      const checkEnv = (node: AST.YAMLContent | AST.YAMLWithMeta | null | undefined, inTest: boolean): void => {
        for (const variable of envMapping(node)) {
          // A test run's own keys, and the password of the job's own service container, open nothing outside the runner.
          if (inTest || serviceValues.has(String(variable.value ?? ""))) checkText(variable.node, variable.offset, "githubActions");
          else checkVariable(variable, "githubActions");
        }
      };
      const workflowInTest = setsTestEnvironment(getPath(root, "env"));
      checkEnv(getPath(root, "env"), workflowInTest);
      for (const job of jobs) {
        // `services:` containers (a throwaway database for the tests) are not checked.
        const jobInTest = workflowInTest || setsTestEnvironment(getPath(job, "env"));
        checkEnv(getPath(job, "env"), jobInTest);
        checkEnv(getPath(job, "container", "env"), jobInTest);
        checkEnv(getPath(job, "with"), jobInTest);
        for (const secret of envMapping(getPath(job, "secrets"))) {
          if (isLiteralCredential(secret.value)) report(secret.range, "githubActions", secret.name);
        }
        for (const entry of asSequence(getPath(job, "steps"))?.entries ?? []) {
          const stepInTest = jobInTest || setsTestEnvironment(getPath(entry, "env"));
          checkEnv(getPath(entry, "env"), stepInTest);
          checkEnv(getPath(entry, "with"), stepInTest);
          const run = asScalar(getPath(entry, "run"));
          if (run) checkText(run, 0, "githubActions");
        }
      }
    };

    /**
     * An application config file, known by its path, or (`byContent`) any other YAML whose
     * credential sits beside the settings of what it opens: a host, port, URL or user name.
     */
    const checkAppConfig = (root: AST.YAMLMapping, byContent = false, site: Site = "appConfig"): void => {
      for (const { scalar, path, tagged } of writtenScalars(root)) {
        if (tagged || (path.length > 1 && LOCAL_SECTION.test(path[0]!))) continue;
        const name = path.at(-1);
        const judged = !byContent || (besideConnectionSettings(scalar) && !path.some((key) => EXAMPLE_KEY.test(key)));
        if (name && judged && isCredentialName(name) && isLiteralCredential(scalar.value)) {
          report(scalar.range, site, name);
        } else checkText(scalar, 0, site);
      }
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        if (isTestFile(filename)) return; // test data runs nowhere near production
        if (isExampleFile(filename)) {
          // A template to copy and fill in: its values are there to be replaced, but a real key pasted in is still one.
          for (const document of program.body) for (const { scalar } of writtenScalars(document.content)) checkText(scalar, 0, "appConfig");
          return;
        }
        checkKubernetes(kubernetesObjects(program));
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (!root) continue;
          const kind = documentKind(document, filename);
          if (kind === "github-actions") checkWorkflow(root);
          else if (kind === "compose" && !isLocalDevelopmentFile(filename) && !isLocalComposeStack(root)) checkCompose(root);
          else if (kind === "app-config" && !isLocalDevelopmentFile(filename)) checkAppConfig(root, false, isHelmValuesFile(filename) ? "helmValues" : "appConfig");
          else if (kind === "unknown" && !isLocalDevelopmentFile(filename) && !isNotAppConfigFile(filename) && !isApiDescription(root)) checkAppConfig(root, true);
        }
      },
    };
  },
});
