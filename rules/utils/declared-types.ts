/**
 * What a value's declared TypeScript type says about it, read from the annotations themselves
 * when the run has no type information (the CLI's default): `event: IEvent` in a handler, where
 * `IEvent` is an interface of another module whose `type` field is `IEventType`, itself
 * `(typeof EVENT_TYPES)[number]` of a list of literals. Names are followed through the modules
 * of the project (imports, `export … from` re-exports), interfaces through what they extend
 * (`Omit<IBaseEvent, "ip">` included), aliases through what they name, a few steps deep.
 *
 * It answers two questions a log message's rule asks: whether a value is one of a few (a
 * boolean, an enum, a union of literals, an element of a constant list of literals), and
 * whether it is a plain object, which prints as `[object Object]` whatever it holds.
 */
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { moduleFilesFor, parsedModule, sourceText } from "./project-modules.ts";
import { topLevelDeclaration, unwrapExpression } from "./expressions.ts";

/** A type written in a module, with the module it must be read in. */
interface TypeSite {
  file: string;
  program: TSESTree.Program;
  type: TSESTree.TypeNode;
}

/** A declaration a name leads to, with its module. */
interface Declaration {
  file: string;
  program: TSESTree.Program;
  node: TSESTree.Node;
}

/** What one question may still follow (names, members, aliases, modules), and the modules it searched. */
interface Steps {
  left: number;
  visited: Set<string>;
}

/** How many names, members and aliases one question follows before giving up: enough for a union of some forty event types. */
const MAX_STEPS = 300;
/** Wrappers that keep the members of their first argument (or a part of them). */
const MEMBER_KEEPING = new Set(["Omit", "Pick", "Partial", "Required", "Readonly"]);

/** The type, enum, class or `const` a module declares at its top level under `name` (its functions are no types). */
function declarationIn(program: TSESTree.Program, name: string): TSESTree.Node | undefined {
  const node = topLevelDeclaration(program, name);
  if (node?.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
  if (node?.type === AST_NODE_TYPES.VariableDeclarator && (node.parent as TSESTree.VariableDeclaration).kind !== "const") return undefined;
  return node;
}


/** The class, type, enum or `const` that `name` means in the module `program` of `file`, in its own or another module of the project. */
export function declarationNamed(file: string, program: TSESTree.Program, name: string): Declaration | undefined {
  return resolveName(file, program, name, { left: MAX_STEPS, visited: new Set() });
}

/**
 * What `name` means in the module `program` of `file`: a declaration of its own, or what it
 * imports under that name, followed to the declaring module through re-exports.
 */
function resolveName(file: string, program: TSESTree.Program, name: string, steps: Steps): Declaration | undefined {
  if (--steps.left < 0) return undefined;
  const own = declarationIn(program, name);
  if (own) return { file, program, node: own };
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.local.name !== name) continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      return exportedFrom(file, statement.source.value, imported, steps);
    }
  }
  return undefined;
}

/** The declaration a module (named by `specifier` from `file`) exports as `name`, following `export * from` and `export { x as name } from`. */
function exportedFrom(file: string, specifier: string, name: string, steps: Steps): Declaration | undefined {
  for (const candidate of moduleFilesFor(file, specifier)) {
    // A module already searched for this name (barrels that pass each other on) has nothing new.
    const visit = `${candidate}\u0000${name}`;
    if (steps.visited.has(visit)) continue;
    steps.visited.add(visit);
    // Only a module that mentions the name, or passes on all of another's, can declare or export it: most are never parsed.
    const text = sourceText(candidate);
    if (!text || !(text.includes(name) || /\bexport\s*\*\s*from\b/u.test(text))) continue;
    const program = parsedModule(candidate);
    if (!program) continue;
    const own = declarationIn(program, name);
    if (own) return { file: candidate, program, node: own };
    for (const statement of program.body) {
      if (steps.left < 0) return undefined;
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null) {
        // Each module followed costs a step: a cycle of `export *` ends.
        steps.left--;
        const found = exportedFrom(candidate, statement.source.value, name, steps);
        if (found) return found;
      } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        for (const exported of statement.specifiers) {
          const exportedName = exported.exported.type === AST_NODE_TYPES.Identifier ? exported.exported.name : exported.exported.value;
          if (exportedName !== name) continue;
          const local = exported.local.type === AST_NODE_TYPES.Identifier ? exported.local.name : exported.local.value;
          return statement.source ? exportedFrom(candidate, statement.source.value, local, steps) : resolveName(candidate, program, local, steps);
        }
      } else if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        // Imported and exported again below under the same name: resolveName finds it.
        if (statement.specifiers.some((specifier) => specifier.local.name === name) && exportsLocal(program, name)) return resolveName(candidate, program, name, steps);
      }
    }
  }
  return undefined;
}

/** `export { name }` without a source: the module passes on a name it imported. */
function exportsLocal(program: TSESTree.Program, name: string): boolean {
  return program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
      !statement.source &&
      statement.specifiers.some((specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === name),
  );
}

function referencedName(type: TSESTree.TSTypeReference | TSESTree.TSInterfaceHeritage): string | undefined {
  const name = type.type === AST_NODE_TYPES.TSTypeReference ? type.typeName : type.expression;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : undefined;
}

/** A literal, or an identifier of a `const` of the same module initialised with one (`'feature-created' as const`). */
function isLiteralElement(element: TSESTree.Node | null, program: TSESTree.Program): boolean {
  if (!element) return false;
  const value = unwrapExpression(element);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const declaration = declarationIn(program, value.name);
  return declaration?.type === AST_NODE_TYPES.VariableDeclarator && declaration.init !== null && unwrapExpression(declaration.init).type === AST_NODE_TYPES.Literal;
}

/** The `const` a `typeof NAME` names, when it is a list (or an object) of literals: `(typeof EVENTS)[number]`, `keyof typeof LEVELS`. */
function constantOfLiterals(site: TypeSite, query: TSESTree.TypeNode, shape: "list" | "object", steps: Steps): boolean {
  if (query.type !== AST_NODE_TYPES.TSTypeQuery || query.exprName.type !== AST_NODE_TYPES.Identifier) return false;
  const declaration = resolveName(site.file, site.program, query.exprName.name, steps);
  if (declaration?.node.type !== AST_NODE_TYPES.VariableDeclarator || !declaration.node.init) return false;
  const init = unwrapExpression(declaration.node.init);
  if (shape === "object") return init.type === AST_NODE_TYPES.ObjectExpression;
  return init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length > 0 && init.elements.every((element) => isLiteralElement(element, declaration.program));
}

function isFewValued(site: TypeSite, steps: Steps): boolean {
  // Literals and keywords cost nothing: only what follows a name (a reference, a `typeof` query) spends the budget.
  if (steps.left < 0) return false;
  const { type } = site;
  switch (type.type) {
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every((part) => isFewValued({ ...site, type: part }, steps));
    case AST_NODE_TYPES.TSIndexedAccessType:
      // `(typeof EVENTS)[number]`: an element of a constant list of literals.
      return type.indexType.type === AST_NODE_TYPES.TSNumberKeyword && constantOfLiterals(site, type.objectType, "list", steps);
    case AST_NODE_TYPES.TSTypeOperator:
      // `keyof typeof LEVELS`: a key of a constant object.
      return type.operator === "keyof" && type.typeAnnotation !== undefined && constantOfLiterals(site, type.typeAnnotation, "object", steps);
    case AST_NODE_TYPES.TSTypeReference: {
      const name = referencedName(type);
      const declaration = name === undefined ? undefined : resolveName(site.file, site.program, name, steps);
      if (declaration?.node.type === AST_NODE_TYPES.TSEnumDeclaration) return true;
      if (declaration?.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
        return isFewValued({ file: declaration.file, program: declaration.program, type: declaration.node.typeAnnotation }, steps);
      }
      return false;
    }
    default:
      return false;
  }
}

/**
 * The types `property` has in an object type, one per branch of a union (`{ name: "a" } | { name: "b" }`,
 * where `undefined` and `null` branches give no value to read); undefined when a branch does not
 * declare it.
 */
function memberTypes(declared: TypeSite, property: string, steps: Steps): TypeSite[] | undefined {
  const site = unaliased(declared, steps);
  if (site.type.type === AST_NODE_TYPES.TSIntersectionType) {
    // `BaseEvent<T> & ({ name: "a" } | { name: "b" })`: the first part that declares it.
    for (const part of site.type.types) {
      const found = memberTypes({ ...site, type: part }, property, steps);
      if (found) return found;
    }
    return undefined;
  }
  if (site.type.type !== AST_NODE_TYPES.TSUnionType) {
    const found = memberType(site, property, steps);
    return found && [found];
  }
  const sites: TypeSite[] = [];
  for (const part of site.type.types) {
    if (part.type === AST_NODE_TYPES.TSUndefinedKeyword || part.type === AST_NODE_TYPES.TSNullKeyword) continue;
    const found = memberTypes({ ...site, type: part }, property, steps);
    if (!found) return undefined;
    sites.push(...found);
  }
  return sites.length > 0 ? sites : undefined;
}

/** The members of an object type: an interface's own and those it extends, a type literal's, an intersection's parts. */
function memberType(site: TypeSite, property: string, steps: Steps): TypeSite | undefined {
  if (--steps.left < 0) return undefined;
  const { type } = site;
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return memberOf(site, type.members, property);
  if (type.type === AST_NODE_TYPES.TSIntersectionType) {
    for (const part of type.types) {
      const found = memberType({ ...site, type: part }, property, steps);
      if (found) return found;
    }
    return undefined;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = referencedName(type);
  if (name === undefined) return undefined;
  if (MEMBER_KEEPING.has(name)) {
    const [inner] = type.typeArguments?.params ?? [];
    return inner ? memberType({ ...site, type: inner }, property, steps) : undefined;
  }
  const declaration = resolveName(site.file, site.program, name, steps);
  if (!declaration) return undefined;
  const { node } = declaration;
  if (node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return memberType({ file: declaration.file, program: declaration.program, type: node.typeAnnotation }, property, steps);
  if (node.type !== AST_NODE_TYPES.TSInterfaceDeclaration) return undefined;
  const own = memberOf({ file: declaration.file, program: declaration.program, type }, node.body.body, property);
  if (own) return own;
  for (const heritage of node.extends) {
    const base = referencedName(heritage);
    if (base === undefined) continue;
    const wrapped: TSESTree.TSTypeReference = {
      type: AST_NODE_TYPES.TSTypeReference,
      typeName: heritage.expression as TSESTree.Identifier,
      typeArguments: heritage.typeArguments,
    } as TSESTree.TSTypeReference;
    const found = memberType({ file: declaration.file, program: declaration.program, type: wrapped }, property, steps);
    if (found) return found;
  }
  return undefined;
}

function memberOf(site: TypeSite, members: readonly TSESTree.TypeElement[], property: string): TypeSite | undefined {
  for (const member of members) {
    if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) continue;
    const key = member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
    if (key === property && member.typeAnnotation) return { ...site, type: member.typeAnnotation.typeAnnotation };
  }
  return undefined;
}

/** Whether a type is a plain object's: an interface or a type literal without its own `toString`. */
function isPlainObject(site: TypeSite, steps: Steps): boolean {
  if (--steps.left < 0) return false;
  const { type } = site;
  const hasToString = (members: readonly TSESTree.TypeElement[]) =>
    members.some((member) => (member.type === AST_NODE_TYPES.TSPropertySignature || member.type === AST_NODE_TYPES.TSMethodSignature) && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === "toString");
  if (type.type === AST_NODE_TYPES.TSTypeLiteral) return type.members.length > 0 && !hasToString(type.members);
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = referencedName(type);
  if (name === undefined) return false;
  if (MEMBER_KEEPING.has(name)) {
    const [inner] = type.typeArguments?.params ?? [];
    return inner !== undefined && isPlainObject({ ...site, type: inner }, steps);
  }
  const declaration = resolveName(site.file, site.program, name, steps);
  if (declaration?.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) return !hasToString(declaration.node.body.body);
  if (declaration?.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
    return isPlainObject({ file: declaration.file, program: declaration.program, type: declaration.node.typeAnnotation }, steps);
  }
  return false;
}

/**
 * The declared type of `annotated` followed through the properties read from it:
 * `event.data.type` with `event: IEvent` is the type of `data.type` in IEvent's declaration.
 */
function typeAlong(file: string, program: TSESTree.Program, annotation: TSESTree.TypeNode, properties: readonly string[], steps: Steps): TypeSite[] | undefined {
  let sites: TypeSite[] = [{ file, program, type: annotation }];
  for (const property of properties) {
    const next: TypeSite[] = [];
    for (const site of sites) {
      const found = memberTypes(site, property, steps);
      if (!found) return undefined;
      next.push(...found);
    }
    sites = next;
  }
  return sites;
}

/** A reference to a type alias of a union or intersection, replaced by it, so each part's members are read (`type Event = A | B`). */
function unaliased(site: TypeSite, steps: Steps): TypeSite {
  if (site.type.type !== AST_NODE_TYPES.TSTypeReference) return site;
  const name = referencedName(site.type);
  // Its own record of modules searched: resolving the name again below must not find them visited.
  const probe: Steps = { left: steps.left, visited: new Set() };
  const declaration = name === undefined ? undefined : resolveName(site.file, site.program, name, probe);
  steps.left = probe.left;
  if (declaration?.node.type !== AST_NODE_TYPES.TSTypeAliasDeclaration) return site;
  const type = declaration.node.typeAnnotation;
  return type.type === AST_NODE_TYPES.TSUnionType || type.type === AST_NODE_TYPES.TSIntersectionType ? { file: declaration.file, program: declaration.program, type } : site;
}

/** Whether the type `annotation` (written in `program`, the module `file`), read through `properties`, allows only a few values. */
export function isFewValuedDeclaredType(file: string, program: TSESTree.Program, annotation: TSESTree.TypeNode, properties: readonly string[] = []): boolean {
  const steps: Steps = { left: MAX_STEPS, visited: new Set() };
  const sites = typeAlong(file, program, annotation, properties, steps);
  return sites !== undefined && sites.every((site) => isFewValued(site, steps));
}

/** Whether the type `annotation`, read through `properties`, is a plain object's: the value prints as `[object Object]`. */
export function isPlainObjectDeclaredType(file: string, program: TSESTree.Program, annotation: TSESTree.TypeNode, properties: readonly string[] = []): boolean {
  const steps: Steps = { left: MAX_STEPS, visited: new Set() };
  const sites = typeAlong(file, program, annotation, properties, steps);
  return sites !== undefined && sites.every((site) => isPlainObject(site, steps));
}
