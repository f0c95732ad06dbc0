// The project lints itself: typescript-eslint's recommended rules for its own code, and
// shipshape's recommended configs (from the build in dist/, which `npm test` makes first).
import tseslint from "typescript-eslint";
import shipshape from "./dist/index.js";

export default [
  { ignores: ["dist/", "fixtures/", "coverage/", ".scratch/", "bench/out/"] },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ["**/*.ts"] })),
  ...shipshape.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
];
