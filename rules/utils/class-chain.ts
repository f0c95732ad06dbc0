/**
 * The classes a class extends, read from the syntax trees of the project's modules (no scopes,
 * no types): `class Rulesets extends Diffable` with `const Diffable = require("./diffable")`
 * leads to the class `./diffable` exports, and from there to what that one extends.
 */
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { descendants } from "../../sql-lint/embedded/migration-code.ts";
import { calleeName, staticString, unwrapExpression } from "./expressions.ts";
import { parsedModule, relativeModuleFile } from "./project-modules.ts";

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A class with the module it is declared in. */
export interface ClassSite {
  node: ClassNode;
  file: string;
  program: TSESTree.Program;
}

/** The classes a module declares, at any depth. */
function classesIn(program: TSESTree.Program): ClassNode[] {
  const classes: ClassNode[] = [];
  for (const node of descendants(program)) if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) classes.push(node);
  return classes;
}

/** The module a top-level binding of `program` is required or imported from. */
function specifierOf(program: TSESTree.Program, name: string): string | undefined {
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.specifiers.some((specifier) => specifier.local.name === name)) return statement.source.value;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
      const init = unwrapExpression(declarator.init);
      if (init.type === AST_NODE_TYPES.CallExpression && calleeName(init) === "require") return staticString(init.arguments[0]);
    }
  }
  return undefined;
}

/** The class a module exports: its only class (`module.exports = class ErrorStash { … }`). */
function exportedClass(program: TSESTree.Program): ClassNode | undefined {
  const classes = classesIn(program);
  return classes.length === 1 ? classes[0] : undefined;
}

/**
 * The class `node` extends: one of its own module, or the class of the relative module it is
 * imported or required from. Undefined when it extends nothing, or what it extends cannot be read
 * (a package's class, an expression).
 */
export function superclassOf(node: ClassNode, file: string, program: TSESTree.Program): ClassSite | undefined {
  const base = node.superClass;
  if (base?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = classesIn(program).find((candidate) => candidate.id?.name === base.name);
  if (local) return { node: local, file, program };
  const specifier = specifierOf(program, base.name);
  const other = specifier === undefined ? undefined : relativeModuleFile(file, specifier);
  const otherProgram = other === undefined ? undefined : parsedModule(other);
  const otherClass = otherProgram && exportedClass(otherProgram);
  return other && otherProgram && otherClass ? { node: otherClass, file: other, program: otherProgram } : undefined;
}
