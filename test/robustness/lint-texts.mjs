// Lints the texts given as JSON on standard input (`[{ filePath, text }]`) with the built plugin
// and its recommended config, and prints their messages as JSON. Run in a child process by
// hostile-inputs.test.ts: should an input exhaust the stack or the heap despite the guards, it
// takes this process down, not the test runner.
import { ESLint } from "eslint";
import plugin from "../../dist/index.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: plugin.configs.recommended, ignore: false });
const results = [];
for (const { filePath, text } of inputs) {
  const [result] = await eslint.lintText(text, { filePath });
  results.push({
    filePath,
    messages: result.messages.map(({ ruleId, fatal, line, column, message }) => ({ ruleId, fatal, line, column, message })),
  });
}
process.stdout.write(JSON.stringify(results));
