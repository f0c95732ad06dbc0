// Lints inputs for the robustness harness in a worker thread, so that a hang can be cut off
// by terminating the worker. Uses the built plugin (dist/), as users run it.
import { parentPort } from "node:worker_threads";
import { ESLint } from "eslint";
import plugin from "../../dist/index.js";

/** One ESLint per folder the inputs are linted in (by default the current one). */
const engines = new Map();

function eslintIn(cwd) {
  let eslint = engines.get(cwd);
  if (!eslint) {
    eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: plugin.configs.recommended,
      // Inputs are virtual files: never look for .gitignore or config files next to them.
      ignore: false,
    });
    engines.set(cwd, eslint);
  }
  return eslint;
}

parentPort.on("message", async ({ id, text, filePath, cwd = process.cwd() }) => {
  try {
    const [result] = await eslintIn(cwd).lintText(text, { filePath });
    parentPort.postMessage({
      id,
      messages: result.messages.map(({ ruleId, fatal, line, column, endLine, endColumn, message }) => ({ ruleId, fatal, line, column, endLine, endColumn, message })),
    });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
