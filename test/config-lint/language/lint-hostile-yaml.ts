/**
 * Lints one generated hostile YAML file with the recommended config and prints the messages as
 * JSON. Run in a child process by yaml-language.test.ts: if the guard against deep nesting ever
 * fails, the YAML parser may take this whole process down, and the test must survive that.
 */
import { ESLint } from "eslint";
import plugin from "../../../index.ts";

const LEVELS = 100_000;
const inputs: Record<string, () => string> = {
  "flow-sequences": () => `a: ${"[".repeat(LEVELS)}${"]".repeat(LEVELS)}\n`,
  "flow-mappings": () => `${"{a: ".repeat(LEVELS)}1${"}".repeat(LEVELS)}\n`,
  "unclosed-flow": () => `key: value\nlist: ${"[".repeat(LEVELS)}`,
  "block-sequences": () => `${"- ".repeat(LEVELS)}x\n`,
};

const kind = process.argv[2] ?? "";
const input = inputs[kind];
if (!input) throw new Error(`unknown input ${kind}`);
const eslint = new ESLint({ cwd: import.meta.dirname, overrideConfigFile: true, overrideConfig: plugin.configs["recommended-yaml"] });
const [result] = await eslint.lintText(input(), { filePath: "deploy/hostile.yaml" });
process.stdout.write(JSON.stringify(result!.messages));
