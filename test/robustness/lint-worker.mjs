// Lints inputs for the robustness harness in a worker thread, so that a hang can be cut off
// by terminating the worker. Uses the built plugin (dist/), as users run it.
import { parentPort } from "node:worker_threads";
import { ESLint } from "eslint";
import plugin from "../../dist/index.js";

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: plugin.configs.recommended,
  // Inputs are virtual files: never look for .gitignore or config files next to them.
  ignore: false,
});

parentPort.on("message", async ({ id, text, filePath }) => {
  try {
    const [result] = await eslint.lintText(text, { filePath });
    parentPort.postMessage({
      id,
      messages: result.messages.map(({ ruleId, fatal, line, column, message }) => ({ ruleId, fatal, line, column, message })),
    });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
