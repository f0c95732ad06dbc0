import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { createRule } from "./utils/create-rule.ts";
import { loggerCall, type LoggerLibrary } from "./utils/logger-calls.ts";
import { camelCase, nameWords } from "./utils/name-words.ts";
import { isDevelopmentOnly } from "./utils/development-only.ts";
import { isOneShotScript } from "./utils/one-shot-script.ts";
import { neverRuns, runsOncePerProcess } from "./utils/run-once.ts";
import { isDroppedOutsideDevelopment } from "./utils/development-levels.ts";
import { isNextAppCode, isServiceLibraryCode, isServicePackageCode, isToolCode, isBrowserModule } from "./utils/service-package.ts";
import { calleeName, enclosingFunction, memberName, staticString, unwrapExpression, valueName } from "./utils/expressions.ts";
import { fixedValueLookup, isConstantName, isFixedValue, type ValueLookup } from "./utils/fixed-values.ts";
import { secretNameKind } from "./utils/secret-formats.ts";
import { isInMigrationFolder } from "../sql-lint/embedded/migration-files.ts";
import { migrationVersionOf } from "../sql-lint/language/migration-version.ts";

type Options = [{ console?: boolean; loggerNames?: string[] }];
type MessageIds = "interpolated" | "useFields";

/** A message taken apart: literal text and the values interpolated into it. */
type Part = { text: string } | { expression: TSESTree.Expression };

interface Field {
  key: string;
  value: string;
  /** The key a second value with the same short key falls back to (`thisUserId`). */
  longKey: string;
  sideEffects: boolean;
}

const MARKER = "\u0000";
/** Words left dangling at the end once the values after them are gone: "logged in from ${ip}". Tested on the last characters only. */
const CONNECTOR_AT_END = /\s(?:from|by|for|to|with|at|of|on|in|as|via|is|was|were)$/iu;
const LONGEST_CONNECTOR = 4;
/** Properties too generic to name a field alone: `user.id` is `userId`, not `id`. */
const GENERIC_PROPERTIES = new Set(["id", "uuid", "name", "type", "key", "code", "value", "status", "kind", "url", "path", "count", "size", "length", "number", "slug", "state", "title"]);
/** Objects that only hold other values: `req.params.id` is `id`. */
const CONTAINERS = new Set(["params", "query", "body", "headers", "data", "payload", "dto", "input", "args", "options", "opts", "props", "config", "env", "ctx", "context", "req", "request", "res", "response", "event", "process", "this", "self", "result"]);
const ERROR_NAME = /^(?:e|err|error|ex|exception|\w*Error)$/u;
const RESERVED_KEYS: Partial<Record<LoggerLibrary, string[]>> = {
  pino: ["msg", "level", "time", "pid", "hostname"],
  bunyan: ["msg", "level", "time", "pid", "hostname", "name", "v", "src"],
  winston: ["message", "level"],
  nest: ["message"],
};

function isStringLiteral(node: TSESTree.Node): node is TSESTree.StringLiteral {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === "string";
}

/** `a + "b" + c` as its operands, left to right. */
function concatOperands(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === "+") return [...concatOperands(node.left), ...concatOperands(node.right)];
  return [node];
}

/** The message's parts, when it is built by interpolation; undefined for a constant message. */
function interpolatedParts(node: TSESTree.Node, lookup?: ValueLookup): { parts: Part[]; exact: boolean } | undefined {
  const isStaticValue = (child: TSESTree.Node) => isFixedValue(child, lookup);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    if (node.expressions.every(isStaticValue)) return undefined;
    return { parts: templateParts(node), exact: true };
  }
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== "+") return undefined;
  const operands = concatOperands(node);
  const isText = (operand: TSESTree.Node) => isStringLiteral(operand) || operand.type === AST_NODE_TYPES.TemplateLiteral;
  if (!operands.some(isText) || operands.every(isStaticValue)) return undefined;
  const parts: Part[] = [];
  for (const operand of operands) {
    if (isStringLiteral(operand)) parts.push({ text: operand.value });
    else if (operand.type === AST_NODE_TYPES.TemplateLiteral) parts.push(...templateParts(operand));
    else parts.push({ expression: operand as TSESTree.Expression });
  }
  // `a + b + " items"` adds a and b as numbers first; only a string at the start makes it pure concatenation.
  return { parts, exact: isText(operands[0]!) || isText(operands[1]!) };
}

function templateParts(node: TSESTree.TemplateLiteral): Part[] {
  const parts: Part[] = [];
  node.quasis.forEach((quasi, i) => {
    parts.push({ text: quasi.value.cooked ?? quasi.value.raw });
    const expression = node.expressions[i];
    if (!expression) return;
    if (isStringLiteral(expression) || (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === "number")) {
      parts.push({ text: String(expression.value) });
    } else {
      parts.push({ expression });
    }
  });
  return parts;
}

/** Where the run of characters matching `char` that ends at `end` starts; reads only that run. */
function runStart(text: string, end: number, char: RegExp): number {
  let start = end;
  while (start > 0 && char.test(text[start - 1]!)) start--;
  return start;
}

/** The text without a connector word at its end and the spaces before it: "logged in from" → "logged in". */
function withoutConnectorAtEnd(text: string): string {
  const connector = CONNECTOR_AT_END.exec(text.slice(-(LONGEST_CONNECTOR + 1)));
  return connector ? text.slice(0, runStart(text, text.length - connector[0].length + 1, /\s/u)) : text;
}

/**
 * The constant message left once the values are taken out, and whether it reads as a sentence without them.
 * (`(?<!\s)` and the like in the patterns: a match may only start where a run of such characters
 * starts; trying again from every character of a long run would take quadratic time.)
 */
function constantMessage(parts: Part[]): { text: string; certain: boolean } | undefined {
  const M = MARKER;
  let text = parts.map((part) => ("text" in part ? part.text : M)).join("");
  const rules: [RegExp, string][] = [
    // Quotes and brackets around a value go with it: `file "${path}"`, `(${id})`, `#${n}`.
    [new RegExp(`["'\`(\\[]${M}["'\`)\\]]`, "gu"), M],
    // So does a unit: `${ms}ms`, `${ttl} ms`, `${size}MB`, `${pct}%`.
    [new RegExp(`#?${M}(?:\\s?(?:ms|sec|secs|seconds|minutes|hours|bytes|KB|MB|GB)\\b|[A-Za-z]{1,2}(?![A-Za-z])|%)?`, "gu"), M],
    // Values joined by a separator are one value: `${done}/${total}`, `${host}:${port}`.
    [new RegExp(`${M}(?:[/:x-]${M})+`, "gu"), M],
    // A parenthetical around a value is about the value: "Retrying ${job} (attempt ${n})".
    [new RegExp(`(?<!\\s)\\s*[(\\[][^()\\[\\]${M}]*${M}[^()\\[\\]]*[)\\]]`, "gu"), M],
    // Labels name the value: "key=${k}", ". Reason: ${e}", at the start "Id: ${id}".
    // (The lookahead first: the lookbehind scans back over spaces, which only a label may pay for.)
    [new RegExp(`(?=[A-Za-z_])(?<=^|[.,;]\\s*|${M}\\s*)[A-Za-z_][\\w-]*\\s?[:=]\\s*${M}`, "gu"), M],
    [new RegExp(`\\b[A-Za-z_]\\w*=${M}`, "gu"), M],
    // A connector before a value that ends a clause goes with it: "received from ${ip}. Retrying".
    [new RegExp(`(?<!\\s)\\s+(?:from|by|for|to|with|at|of|on|in|as|via)\\s+${M}(?=\\s*[.,;:!?])`, "giu"), M],
  ];
  for (const [pattern, replacement] of rules) text = text.replace(pattern, replacement);
  // Values at the end take their connector along: "logged in from ${ip}" → "logged in". Only the
  // end is read, so a message of thousands of values is not searched again for each of them.
  for (;;) {
    const trimmed = text.slice(0, runStart(text, text.length, /[\s.,;!/]/u));
    if (!trimmed.endsWith(M)) break;
    text = withoutConnectorAtEnd(trimmed.slice(0, runStart(trimmed, trimmed.length - M.length, /[\s.,;:=]/u)));
  }
  text = text
    .split(M)
    .join(" ")
    .replace(/\s+/gu, " ")
    .replace(/(?<!\s)\s+([,.;:!?])/gu, "$1")
    .replace(/^[\s,.;:=/-]+|(?<![\s,;:=/-])[\s,;:=/-]+$/gu, "");
  if (!/[A-Za-z]/u.test(text)) return undefined;
  // Leftovers of a value that was in the middle of a phrase: "URL: for", "in on port", " / ".
  const dangling = /[:=]\s*(?:$|[.,;]|(?:for|to|from|in|on|and|with|by|of|at)\b)|\s[/:=-]\s|\b(?:from|by|for|to|with|at|of|on|in|as|via)\s+(?:from|by|for|to|with|at|of|on|in|as|and|via)\b|[.,;]\s*[.,;]/iu;
  return { text, certain: !dangling.test(text) };
}

function hasSideEffects(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return true;
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return false;
    case AST_NODE_TYPES.MemberExpression:
      return hasSideEffects(node.object) || (node.computed && hasSideEffects(node.property));
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
      return hasSideEffects(node.expression);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return hasSideEffects(node.left) || hasSideEffects(node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return hasSideEffects(node.test) || hasSideEffects(node.consequent) || hasSideEffects(node.alternate);
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === "delete" || hasSideEffects(node.argument);
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.some(hasSideEffects);
    default:
      return true;
  }
}

/** The names along a property chain: `this.user.profile.id` → ["this", "user", "profile", "id"]. */
function chainNames(node: TSESTree.Node): string[] | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return [inner.name];
  if (inner.type === AST_NODE_TYPES.ThisExpression) return ["this"];
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(inner);
  const base = chainNames(inner.object);
  return name === undefined || base === undefined || /^\d/u.test(name) ? undefined : [...base, name];
}

/** The field an interpolated value becomes: `user.id` → userId, `ip` → ip, `err.message` → err (the error itself). */
function fieldFor(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): Field | undefined {
  let target: TSESTree.Node = unwrapExpression(expression);
  // `String(x)`, `JSON.stringify(x)`, `x.toString()`, `x.toISOString()`: the value itself.
  if (target.type === AST_NODE_TYPES.CallExpression && target.arguments.length >= 1 && target.callee.type === AST_NODE_TYPES.Identifier && target.callee.name === "String") {
    target = target.arguments[0]!;
  }
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator === "??") target = target.left;
  const value = sourceCode.getText(expression);
  const sideEffects = hasSideEffects(expression);
  if (target.type === AST_NODE_TYPES.CallExpression) return callField(target, value, sideEffects);
  const names = chainNames(target);
  if (!names) return undefined;
  const last = names[names.length - 1]!;
  const owner = names[names.length - 2];
  if (owner !== undefined && (last === "message" || last === "stack") && ERROR_NAME.test(owner)) {
    const errorText = sourceCode.getText(unwrapExpression(target).type === AST_NODE_TYPES.MemberExpression ? (unwrapExpression(target) as TSESTree.MemberExpression).object : target);
    return { key: "err", value: errorText, longKey: camelCase([...names.slice(0, -1).flatMap(nameWords), "err"]), sideEffects };
  }
  if (names.length === 1) {
    if (last === "this") return undefined;
    return { key: ERROR_NAME.test(last) ? "err" : last, value, longKey: last, sideEffects };
  }
  const meaningful = names.filter((name, i) => i === names.length - 1 || !CONTAINERS.has(name));
  const lastWords = nameWords(last);
  let key: string;
  if (GENERIC_PROPERTIES.has(lastWords.join("")) && meaningful.length >= 2) {
    const ownerName = meaningful[meaningful.length - 2]!;
    key = camelCase([...nameWords(ownerName), ...lastWords]);
  } else {
    key = camelCase(lastWords);
  }
  const longKey = camelCase(names.flatMap(nameWords));
  return { key, value, longKey, sideEffects };
}

/** Conversions keep the value's name (`date.toISOString()` → date); getters give theirs (`order.getTotal()` → total). */
const CONVERSIONS = new Set(["toString", "toISOString", "toFixed", "toLocaleString", "toUpperCase", "toLowerCase", "trim", "join", "stringify"]);

function callField(call: TSESTree.CallExpression, value: string, sideEffects: boolean): Field | undefined {
  const callee = unwrapExpression(call.callee);
  const method = valueName(callee);
  if (method === undefined) return undefined;
  let words: readonly string[] | undefined;
  if (CONVERSIONS.has(method)) {
    const source = method === "stringify" ? call.arguments[0] : callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    const names = source ? chainNames(source) : undefined;
    words = names?.filter((name, i) => i === names.length - 1 || !CONTAINERS.has(name)).slice(-1).flatMap(nameWords);
  } else {
    words = nameWords(method);
    if (words[0] === "get" && words.length > 1) words = words.slice(1);
  }
  if (!words || words.length === 0) return undefined;
  const key = camelCase(words);
  return { key, value, longKey: `${key}Value`, sideEffects };
}

function fieldText(field: Field): string {
  return field.key === field.value ? field.key : `${field.key}: ${field.value}`;
}

export default createRule<Options, MessageIds>({
  name: "no-interpolated-log",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow log messages built by string interpolation; log constant messages with the values as fields",
      recommended: "warn",
      productionOnly: true,
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          console: {
            type: "boolean",
            description:
              "Check `console.log`, `console.error` and the like everywhere (true) or nowhere (false); unset, only in server code (files under `server/`, `backend/`, `api/`, `controllers/` and the like, and the files of a package that depends on a server framework or is a background worker, and the server-side modules of workspace libraries such a package depends on)",
          },
          loggerNames: { type: "array", items: { type: "string" }, description: "Extra variable or property names that hold a logger." },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      interpolated:
        "This log message is built from values, so every line is a different string: logs can't be grouped, searched or alerted on by field, and the values (emails, tokens) end up in plain text. " +
        "Keep the message constant and pass the values as fields.",
      useFields: "Move the interpolated values into log fields (check the field names).",
    },
  },
  defaultOptions: [{ loggerNames: [] }],
  create(context, [options]) {
    // A numbered migration (`migrations/1700000000000-Backfill.ts`, `migration/20241209104738_x/migration.ts`) runs
    // once per deploy: its progress lines are read by whoever deploys, not grouped by the service's log pipeline.
    if (isInMigrationFolder(context.filename) && migrationVersionOf(context.filename) !== undefined) return {};
    // A command-line program or a developer's script writes to the terminal of whoever runs it, not to a service's log.
    if (isToolCode(context.physicalFilename)) return {};
    // Nor does code that runs in a visitor's browser: its lines stay in the browser's console.
    if (isBrowserModule(context.physicalFilename, context.sourceCode.ast)) return {};
    const sourceCode = context.sourceCode;
    // Only a fix needs it, and counting quotes can take a walk through every token of the file.
    let quote: '"' | "'" | undefined;
    // Whether the console is the service's log, worked out at the first console call of the file.
    let consoleIsLog = options.console;
    const loggerOptions = {
      loggerNames: options.loggerNames,
      get console() {
        consoleIsLog ??=
          (isServerCode(context.filename) ||
            isServicePackageCode(context.filename) ||
            ((isNextAppCode(context.filename) || isServiceLibraryCode(context.filename)) && isServerOnlyModule(sourceCode.ast))) &&
          !isOneShotScript(sourceCode.ast, sourceCode.text);
        return consoleIsLog;
      },
    };

    const constantValue = fixedValueLookup(context);

    function stringLiteral(text: string): string {
      quote ??= preferredQuote(sourceCode);
      const json = JSON.stringify(text);
      return quote === '"' ? json : `'${json.slice(1, -1).replace(/\\"/gu, '"').replace(/'/gu, "\\'")}'`;
    }

    /** Collects the fields, renaming on collision; `certain` is false when a rename or a side effect needs a human look. */
    function buildFields(parts: Part[], taken: string[]): { fields: Field[]; certain: boolean } | undefined {
      const fields: Field[] = [];
      let certain = true;
      for (const part of parts) {
        if (!("expression" in part)) continue;
        const field = fieldFor(part.expression, sourceCode);
        if (!field) return undefined;
        // A side effect moves with its value; a named constant leaves the message: both deserve a look.
        if (field.sideEffects || isConstantName(part.expression)) certain = false;
        if (fields.some((existing) => existing.value === field.value && existing.key === field.key)) continue;
        if (taken.includes(field.key) || fields.some((existing) => existing.key === field.key)) {
          certain = false;
          const base = field.longKey === field.key ? `${field.key}Value` : field.longKey;
          field.key = base;
          for (let n = 2; taken.includes(field.key) || fields.some((existing) => existing.key === field.key); n++) field.key = `${base}${n}`;
        }
        fields.push(field);
      }
      return { fields, certain };
    }

    function objectKeys(object: TSESTree.ObjectExpression): string[] | undefined {
      const keys: string[] = [];
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
        if (property.key.type === AST_NODE_TYPES.Identifier) keys.push(property.key.name);
        else if (property.key.type === AST_NODE_TYPES.Literal) keys.push(String(property.key.value));
        else return undefined;
      }
      return keys;
    }

    /** Adds fields to an existing object literal argument. */
    function mergeInto(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, fields: Field[]): TSESLint.RuleFix {
      const text = fields.map(fieldText).join(", ");
      const last = object.properties[object.properties.length - 1];
      if (!last) return fixer.replaceText(object, `{ ${text} }`);
      const after = sourceCode.getTokenAfter(last);
      return after?.value === "," ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`);
    }

    /** The fix for the library's convention, or undefined when the call's shape leaves it uncertain. */
    function planFix(
      call: TSESTree.CallExpression,
      library: LoggerLibrary,
      index: number,
      parts: Part[],
    ): { fix: TSESLint.ReportFixFunction; certain: boolean } | undefined {
      const constant = constantMessage(parts);
      if (constant === undefined) return undefined;
      const plan = planFixFor(call, library, index, parts, constant.text);
      return plan && { fix: plan.fix, certain: plan.certain && constant.certain };
    }

    function planFixFor(
      call: TSESTree.CallExpression,
      library: LoggerLibrary,
      index: number,
      parts: Part[],
      message: string,
    ): { fix: TSESLint.ReportFixFunction; certain: boolean } | undefined {
      const args = call.arguments;
      const messageArg = args[index]!;
      const reserved = RESERVED_KEYS[library] ?? [];
      const literal = stringLiteral(message);

      if (library === "pino" || library === "bunyan") {
        if (index === 0 && args.length === 1) {
          const built = buildFields(parts, reserved);
          return built && { certain: built.certain, fix: (fixer) => fixer.replaceText(messageArg, `{ ${built.fields.map(fieldText).join(", ")} }, ${literal}`) };
        }
        const first = args[0];
        if (index !== 1 || args.length !== 2 || !first) return undefined;
        if (first.type === AST_NODE_TYPES.ObjectExpression) {
          const keys = objectKeys(first);
          const built = keys && buildFields(parts, [...reserved, ...keys]);
          return built && { certain: built.certain, fix: (fixer) => [mergeInto(fixer, first, built.fields), fixer.replaceText(messageArg, literal)] };
        }
        // logger.error(err, `failed ${id}`): pino logs an Error as { err }.
        if (first.type === AST_NODE_TYPES.Identifier && ERROR_NAME.test(first.name)) {
          // `${error.message}` next to `error` itself is already logged.
          const rest = parts.filter((part) => !("expression" in part && fieldFor(part.expression, sourceCode)?.key === "err" && fieldFor(part.expression, sourceCode)?.value === first.name));
          const built = buildFields(rest, [...reserved, "err"]);
          const errField = first.name === "err" ? "err" : `err: ${first.name}`;
          return built && {
            certain: built.certain,
            fix: (fixer) => [fixer.replaceText(first, `{ ${[errField, ...built.fields.map(fieldText)].join(", ")} }`), fixer.replaceText(messageArg, literal)],
          };
        }
        return undefined;
      }

      if (library === "winston") {
        const meta = args[index + 1];
        if (!meta) {
          const built = buildFields(parts, reserved);
          return built && { certain: built.certain, fix: (fixer) => fixer.replaceText(messageArg, `${literal}, { ${built.fields.map(fieldText).join(", ")} }`) };
        }
        if (meta.type === AST_NODE_TYPES.ObjectExpression && args.length === index + 2) {
          const keys = objectKeys(meta);
          const built = keys && buildFields(parts, [...reserved, ...keys]);
          return built && { certain: built.certain, fix: (fixer) => [fixer.replaceText(messageArg, literal), mergeInto(fixer, meta, built.fields)] };
        }
        return undefined;
      }

      if (library === "nest" && index === 0) {
        const built = buildFields(parts, reserved);
        return built && {
          certain: built.certain,
          fix: (fixer) => fixer.replaceText(messageArg, `{ message: ${literal}, ${built.fields.map(fieldText).join(", ")} }`),
        };
      }
      return undefined;
    }

    return {
      CallExpression(node) {
        const logger = loggerCall(context, node, loggerOptions);
        if (!logger) return;
        for (const index of logger.messageIndexes) {
          const arg = node.arguments[index];
          if (!arg) continue;
          const interpolated = interpolatedParts(arg, constantValue);
          if (!interpolated) continue;
          // Code that runs only outside production writes no production logs; a server's start-up line is written once,
          // but a password or token in it is in the logs in plain text all the same.
          const printsSecret = interpolated.parts.some((part) => "expression" in part && isSecretNamed(part.expression));
          if (
            isDevelopmentOnly(node, context) ||
            isDroppedOutsideDevelopment(context, node, logger.method, logger.library) ||
            isExhaustivenessCheck(node) ||
            (!printsSecret && (isServerStartCallback(node) || isStartupCode(node, context.filename, sourceCode.ast))) ||
            neverRuns(node, context.filename, sourceCode.ast)
          ) {
            return;
          }
          const plan = interpolated.exact ? planFix(node, logger.library, index, interpolated.parts) : undefined;
          context.report({
            node: arg,
            messageId: "interpolated",
            // A secret moved into a field is still logged: a person decides whether to drop it.
            ...(plan?.certain && !printsSecret ? { fix: plan.fix } : {}),
            ...(plan && (!plan.certain || printsSecret) ? { suggest: [{ messageId: "useFields" as const, fix: plan.fix }] } : {}),
          });
          return;
        }
      },
    };
  },
});

/** `password`, `config.adminPassword`, `apiToken`: a value named as a credential (see secretNameKind). */
function isSecretNamed(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  const name = valueName(value);
  return name !== undefined && secretNameKind(name) !== undefined;
}

/**
 * Whether the function around a call is what a server runs once it listens: the callback of
 * `server.listen(port, () => …)` or `server.on("listening", () => …)`. One line per process start
 * has nothing to group; a timer or handler set up inside it is a function of its own.
 */
function isServerStartCallback(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  const call = fn?.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const method = calleeName(call);
  if (method === "listen") return true;
  return (method === "on" || method === "once") && staticString(call.arguments[0]) === "listening";
}

/**
 * Whether the call is in a function that takes a parameter typed `never`: an exhaustiveness
 * check (`assertUnreachable(event: never)`) that type-checked code cannot call, the `default:` of
 * a switch over every case. It logs only when the types were wrong, not per request.
 */
function isExhaustivenessCheck(node: TSESTree.Node): boolean {
  // Outside any function (the module's top level) there is no parameter.
  const fn = enclosingFunction(node);
  return (
    fn !== undefined &&
    fn.params.some((parameter) => ("typeAnnotation" in parameter ? parameter.typeAnnotation?.typeAnnotation.type : undefined) === AST_NODE_TYPES.TSNeverKeyword)
  );
}

/** Files of start-up code: `startup.ts`, `bootstrap.js`. */
const STARTUP_FILE = /^(?:startup|bootstrap|boot)\.[cm]?[jt]sx?$/iu;

/**
 * Whether a log call is start-up (or shutdown) code, which writes its lines once per process: in
 * a file named for start-up, or code that runs once by its callers across the project
 * (rules/utils/run-once.ts): `Database.connect()` called only from `initDatabase()` at the top of
 * the entry point, a shutdown routine guarded to run once.
 */
function isStartupCode(node: TSESTree.Node, filename: string, program: TSESTree.Program): boolean {
  return STARTUP_FILE.test(filename.split(/[\\/]/u).pop() ?? "") || runsOncePerProcess(node, filename, program);
}

/** A folder of server code, where the console is the service's log: `server/`, `server-only/`, `hoppscotch-backend/`, `app/api/`, `controllers/`. */
const SERVER_FOLDER = /^(?:server|backend|api|controllers?)(?:-only)?$|[-_](?:server|backend)$/iu;

/** Folders of scripts run by hand and examples, whose console output is for the person running them: `server/scripts/`, `bin/`. */
const SCRIPT_FOLDER = /^(?:scripts?|bin|cli|tools|seeds?|seeders|examples?)$/iu;

/**
 * Modules only server code can import: a module in a Next.js app that imports one runs on the
 * server (a route handler's helper, a job, a server action), where the console is the service's log.
 */
const SERVER_ONLY_MODULES = /^(?:server-only|next\/server|next\/headers|@prisma\/client|@vercel\/(?:functions|edge-config|kv|postgres|blob)|@upstash\/(?:qstash|redis)|pg|mysql2|ioredis|redis|drizzle-orm(?:\/.*)?|stripe|@planetscale\/database|node:.+|fs|child_process)$|(?:^|\/)(?:prisma|db)$/u;

/** A module of a Next.js app that only runs on the server: `"use server"`, or importing server-only modules, and not `"use client"`. */
function isServerOnlyModule(program: TSESTree.Program): boolean {
  const directives = program.body.filter((statement): statement is TSESTree.ExpressionStatement => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined);
  if (directives.some((statement) => statement.directive === "use client")) return false;
  if (directives.some((statement) => statement.directive === "use server")) return true;
  return program.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== "type" && SERVER_ONLY_MODULES.test(statement.source.value));
}

function isServerCode(filename: string): boolean {
  const folders = filename.split(/[\\/]/u).slice(0, -1);
  return folders.some((folder) => SERVER_FOLDER.test(folder)) && !folders.some((folder) => SCRIPT_FOLDER.test(folder));
}

/** The quote the file's string literals use most, so fixes match the file. */
function preferredQuote(sourceCode: Readonly<TSESLint.SourceCode>): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const token of sourceCode.ast.tokens ?? []) {
    if (token.type !== "String") continue;
    if (token.value.startsWith("'")) single++;
    else if (token.value.startsWith('"')) double++;
    if (single + double >= 20) break;
  }
  return single > double ? "'" : '"';
}
