import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from "@typescript-eslint/utils";
import type * as ts from "typescript";
import { normalizeModuleName } from "./imports.ts";

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The parser services with a TypeScript program, when the user's config provides type information. */
export function typeInformation(context: Context): ParserServicesWithTypeInformation | undefined {
  const services = context.sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  return services?.program && services.esTreeNodeToTSNodeMap ? (services as ParserServicesWithTypeInformation) : undefined;
}

/**
 * The npm package a file belongs to, from its path: `…/node_modules/pg/lib/index.d.ts` → `pg`,
 * `…/node_modules/@types/express-serve-static-core/index.d.ts` → `express-serve-static-core`,
 * `…/node_modules/@types/babel__core/index.d.ts` → `@babel/core`.
 */
export function packageOfPath(fileName: string): string | undefined {
  const normalized = fileName.replaceAll("\\", "/");
  const at = normalized.lastIndexOf("/node_modules/");
  if (at === -1) return undefined;
  const [first, second] = normalized.slice(at + "/node_modules/".length).split("/");
  // TypeScript's own lib files declare the language's built-ins (`Array`, `Map`), not a package's API.
  if (!first || (first === "typescript" && second === "lib")) return undefined;
  if (first === "@types" && second) return second.includes("__") ? `@${second.replace("__", "/")}` : second;
  return first.startsWith("@") && second ? `${first}/${second}` : first;
}

/**
 * The module that declares a symbol: `"http".Server` (an ambient `declare module "http"` in
 * @types/node) → `http`; a declaration file inside node_modules → its package.
 */
function moduleOfSymbol(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  if (!symbol) return undefined;
  const qualified = checker.getFullyQualifiedName(symbol);
  const quoted = /^"([^"]+)"/u.exec(qualified)?.[1];
  if (quoted && !quoted.includes("/node_modules/") && !quoted.startsWith("/") && !/^[A-Za-z]:/u.test(quoted)) {
    return normalizeModuleName(quoted);
  }
  for (const declaration of symbol.declarations ?? []) {
    const found = packageOfPath(declaration.getSourceFile().fileName);
    if (found) return found;
  }
  return undefined;
}

export interface DeclaredType {
  /** The package or Node.js module that declares the type (`express-serve-static-core`, `http`, `fastify`). */
  module: string;
  /** The type's own name (`Request`, `IncomingMessage`, `FastifyInstance`). */
  name: string;
}

/**
 * With type information, where the type of an expression or parameter is declared:
 * `req` in `app.get("/", (req) => …)` → `{ module: "express-serve-static-core", name: "Request" }`.
 * Without type information, or for unions, anonymous and local types: undefined.
 */
export function declaredTypeOf(context: Context, node: TSESTree.Node): DeclaredType | undefined {
  const services = typeInformation(context);
  if (!services) return undefined;
  const checker = services.program.getTypeChecker();
  let type: ts.Type;
  try {
    type = services.getTypeAtLocation(node);
  } catch {
    return undefined;
  }
  // `Request | undefined` under strictNullChecks: look through the optionality only.
  if (type.isUnion()) {
    const defined = type.types.filter((part) => part.getSymbol() || part.aliasSymbol);
    if (defined.length !== 1) return undefined;
    type = defined[0]!;
  }
  // A local alias (`type Req = express.Request`) is declared here; what it names is declared in the package.
  for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
    const module = moduleOfSymbol(checker, symbol);
    if (module && symbol) return { module, name: symbol.getName() };
  }
  return undefined;
}
