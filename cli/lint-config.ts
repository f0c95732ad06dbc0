/**
 * The configuration the `shipshape` command lints with, passed to ESLint by path
 * (`overrideConfigFile`) so that ESLint's worker threads can load it too: no lookup of
 * the user's own config, the recommended configs for all three languages. (Not named
 * `eslint.config.*`: ESLint 10 would take it for the config of this folder.)
 */
import plugin from "../index.ts";

export default [...plugin.configs.recommended];
