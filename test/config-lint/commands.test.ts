import { describe, expect, it } from "vitest";
import { scriptCommands, splitWords } from "../../config-lint/commands.ts";

describe("scriptCommands", () => {
  it("splits a script at ; && || | & and line ends outside quotes, without comments", () => {
    expect(scriptCommands("cd /app && npm ci; node server.js # start\n")).toEqual(["cd /app", "npm ci", "node server.js"]);
    expect(scriptCommands("echo 'a;b' && exec node x 2>&1")).toEqual(["echo 'a;b'", "exec node x 2>&1"]);
    expect(scriptCommands("nginx &\nnode app.js &> log\nwait")).toEqual(["nginx", "node app.js &> log", "wait"]);
    expect(scriptCommands("node \\\n  server.js")).toEqual(["node    server.js"]);
  });
});

describe("splitWords", () => {
  it("splits like a shell: quotes grouped and removed, no expansion", () => {
    expect(splitWords(`sh -c "npm start" 'a b' c\\ d`)).toEqual(["sh", "-c", "npm start", "a b", "c d"]);
    expect(splitWords(`  exec  "" x `)).toEqual(["exec", "", "x"]);
  });
});
