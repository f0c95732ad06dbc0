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

// NestJS: the application's `logger` option says which levels its Logger writes (ghostfolio's main.ts keeps
// error, log and warn in production). Files on disk, since the rule reads the project's main.ts.
function nestProject(name: string, main: string): string {
  fs.mkdirSync(path.join(root, name, "src/users"), { recursive: true });
  fs.writeFileSync(path.join(root, name, "package.json"), JSON.stringify({ name, dependencies: { "@nestjs/core": "^11.0.0" } }));
  fs.writeFileSync(path.join(root, name, "src/main.ts"), main);
  return path.join(root, name, "src/users/users.service.ts");
}
const nestMain = (options: string, before = "") => `import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module";
import { environment } from "./environment";
async function bootstrap() {
${before}  const app = await NestFactory.create(AppModule${options});
  await app.listen(3000);
}
bootstrap();
`;
const PRODUCTION_LEVELS = `, {\n    logger: levelsFromSettings ?? (environment.production ? ["error", "log", "warn"] : ["debug", "error", "log", "verbose", "warn"]),\n  }`;
const nestService = (level: string) => `import { Injectable, Logger } from "@nestjs/common";
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  find(id: string) {
    this.logger.${level}(\`Looked up user \${id}\`);
  }
}
`;
const nestMessage = "`Looked up user ${id}`";
const nestAt = (text: string) => {
  const lines = text.slice(0, text.indexOf(nestMessage)).split("\n");
  return { messageId: "interpolated", line: lines.length, column: lines.at(-1)!.length + 1 };
};
const nestFixed = (level: string) => nestService(level).replace(nestMessage, '{ message: "Looked up user", id }');
// An application built only to read settings, then closed, does not log the service's lines.
const CONFIG_APP = `  const configApp = await NestFactory.create(AppModule);\n  const levelsFromSettings = configApp.get(ConfigService).get("LOG_LEVELS");\n  await configApp.close();\n`;

new RuleTester({ languageOptions: { parser: tseslint.parser } }).run("no-interpolated-log (levels a Nest application drops in production)", rule as never, {
  valid: [
    { code: nestService("debug"), filename: nestProject("nest-drops", nestMain(PRODUCTION_LEVELS)) },
    { code: nestService("verbose"), filename: nestProject("nest-drops-verbose", nestMain(PRODUCTION_LEVELS)) },
    { code: nestService("debug"), filename: nestProject("nest-config-app", nestMain(PRODUCTION_LEVELS, CONFIG_APP)) },
    // The development branch first: `isDevelopment ? [every level] : [production levels]`.
    {
      code: nestService("debug"),
      filename: nestProject("nest-dev-first", nestMain(`, { logger: isDevelopment ? ["debug", "log", "warn", "error"] : ["log", "warn", "error"] }`)),
    },
  ],
  invalid: [
    // Levels production keeps.
    { code: nestService("log"), filename: nestProject("nest-drops-log", nestMain(PRODUCTION_LEVELS)), errors: [nestAt(nestService("log"))], output: nestFixed("log") },
    // Nest keeps every level when the option is absent.
    { code: nestService("debug"), filename: nestProject("nest-default", nestMain("")), errors: [nestAt(nestService("debug"))], output: nestFixed("debug") },
    // Production keeps debug here.
    {
      code: nestService("debug"),
      filename: nestProject("nest-keeps", nestMain(`, { logger: environment.production ? ["debug", "log", "warn"] : ["debug", "verbose", "log"] }`)),
      errors: [nestAt(nestService("debug"))], output: nestFixed("debug"),
    },
    // Levels picked by something other than the environment: nothing is known about production.
    { code: nestService("debug"), filename: nestProject("nest-flag", nestMain(`, { logger: quiet ? ["log"] : ["debug", "log"] }`)), errors: [nestAt(nestService("debug"))], output: nestFixed("debug") },
    // A second application, still running, created without the option: it writes debug lines.
    {
      code: nestService("debug"),
      filename: nestProject("nest-two-apps", nestMain(PRODUCTION_LEVELS, `  const worker = await NestFactory.createApplicationContext(WorkerModule);\n  worker.get(Queue).start();\n`)),
      errors: [nestAt(nestService("debug"))], output: nestFixed("debug"),
    },
  ],
});
