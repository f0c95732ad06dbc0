import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import { afterAll } from "vitest";
import tseslint from "typescript-eslint";
import rule from "../../../rules/no-interpolated-log.ts";

// A project's own logger that drops its debug level unless NODE_ENV is development (uptime-kuma's
// src/util.ts): its debug lines are development-only. Files on disk, since the rule reads the logger's module.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-levels-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
function project(name: string, util: string): string {
  fs.mkdirSync(path.join(root, name, "src"), { recursive: true });
  fs.mkdirSync(path.join(root, name, "server"), { recursive: true });
  fs.writeFileSync(path.join(root, name, "package.json"), JSON.stringify({ name, dependencies: { express: "^5.0.0" } }));
  fs.writeFileSync(path.join(root, name, "src/util.ts"), util);
  return path.join(root, name, "server/monitor.js");
}
const logger = (guard: string) => `export const isDev = process.env.NODE_ENV === "development";
class Logger {
  log(module: string, level: string, ...msg: unknown[]) {
    ${guard}
    console.log(module, level, ...msg);
  }
  debug(module: string, ...msg: unknown[]) {
    this.log(module, "debug", ...msg);
  }
  info(module: string, ...msg: unknown[]) {
    this.log(module, "info", ...msg);
  }
}
export const log = new Logger();
`;
const DROPS_DEBUG = logger(`if (level === "debug" && !isDev) {\n      return;\n    }`);
const KEEPS_DEBUG = logger(`if (level === "debug" && process.env.QUIET) {\n      return;\n    }`);
const code = (level: string) =>
  `const { log } = require("../src/util");\napp.post("/check", (req, res) => {\n  log.${level}("monitor", \`[\${req.body.name}] checked\`);\n});\n`;
const message = "`[${req.body.name}] checked`";
const at = (text: string) => {
  const lines = text.slice(0, text.indexOf(message)).split("\n");
  return { messageId: "interpolated", line: lines.length, column: lines.at(-1)!.length + 1 };
};

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run("no-interpolated-log (levels the project's logger drops outside development)", rule as never, {
  valid: [{ code: code("debug"), filename: project("drops", DROPS_DEBUG) }],
  invalid: [
    // Other levels are written in production.
    { code: code("info"), filename: project("drops-info", DROPS_DEBUG), errors: [at(code("info"))] },
    // A guard on something other than development drops nothing in production by itself.
    { code: code("debug"), filename: project("keeps", KEEPS_DEBUG), errors: [at(code("debug"))] },
  ],
});
