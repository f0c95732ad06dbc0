/**
 * Modules of this package loaded on their first use, synchronously. The plugin (index.ts)
 * hands ESLint rules, languages and a processor whose code loads when ESLint first asks for
 * them, so a run over three SQL files never loads the JS/TS and YAML rules and their parsers.
 * Node (^20.19) `require`s an ES module synchronously when its graph has no top-level `await`,
 * which none of this package's modules has.
 *
 * Test runners that run this package's TypeScript sources through their own loader (vitest)
 * cannot `require` those sources: they import the modules first and hand them over with
 * `preloadModule` (test/setup.ts).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const preloaded = new Map<string, unknown>();

/** Gives the loader a module already imported, by its file. */
export function preloadModule(file: string, module: unknown): void {
  preloaded.set(file, module);
}

/**
 * A function returning the module `specifier` names (relative to `base`, the importer's
 * `import.meta.url`, without its extension, which is the importer's own: `.js` when built,
 * `.ts` in the sources), loaded on the first call.
 */
export function onFirstUse<Module>(specifier: string, base: string): () => Module {
  let module: Module | undefined;
  return () => {
    if (module === undefined) {
      const file = fileURLToPath(new URL(`${specifier}${path.extname(fileURLToPath(base))}`, base));
      module = (preloaded.get(file) ?? require(file)) as Module;
    }
    return module;
  };
}
