import type { AST } from "yaml-eslint-parser";
import {
  composeCommand,
  containerCommand,
  programName,
  scriptCommands,
  shellScript,
  splitWords,
  withoutAssignments,
  type CommandWord,
} from "../commands.ts";
import { createYamlRule } from "../create-yaml-rule.ts";
import { isDevelopmentProfileService, isLocalComposeStack } from "../local-stack.ts";
import { documentKind, isLocalDevelopmentFile, isTestFile, projectPath } from "../document-kind.ts";
import { containerList, kubernetesKind, kubernetesObjects, LONG_RUNNING_KINDS, podSpecOf } from "../kubernetes.ts";
import { asMapping, getPath, pairsOf } from "../yaml-nodes.ts";

/** Init processes that forward signals: dumb-init to the whole process group, so to a shell's children too. */
const GROUP_SIGNALLING_INITS = new Set(["dumb-init"]);
/** Init processes that forward signals to their direct child only (a shell, if they start one). */
const CHILD_SIGNALLING_INITS = new Set(["tini", "tini-static", "catatonit", "docker-init"]);
/** Package-manager options that take a value (`npm --prefix app start`). */
const OPTIONS_WITH_VALUE = new Set(["--prefix", "-C", "--cwd", "--dir", "--workspace", "-w", "--filter", "-F"]);
const RUN_COMMANDS = new Set(["start", "run", "run-script"]);

/** `npm start`, `npm run serve`, `yarn start`, `pnpm --filter api start`: the package manager that would run the app. */
function packageManagerRun(words: string[]): string | null {
  const [program, ...rest] = withoutAssignments(words);
  const tool = programName(program);
  if (tool !== "npm" && tool !== "yarn" && tool !== "pnpm") return null;
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index]!;
    if (word.startsWith("-")) {
      if (OPTIONS_WITH_VALUE.has(word)) index++;
      continue;
    }
    if (tool === "yarn" && word === "workspace") {
      index++; // `yarn workspace api start`
      continue;
    }
    return RUN_COMMANDS.has(word) ? `${tool} ${word}` : null;
  }
  return null;
}

type Blocker = { messageId: "shellWithoutExec"; node: AST.YAMLScalar; shell: string } | { messageId: "packageManager"; node: AST.YAMLScalar; tool: string };

/** What keeps SIGTERM from the app in a container's command, if anything. */
function signalBlocker(command: CommandWord[]): Blocker | null {
  let words = command;
  const init = programName(words[0]?.text);
  if (GROUP_SIGNALLING_INITS.has(init)) return null;
  if (CHILD_SIGNALLING_INITS.has(init)) {
    words = words.slice(1);
    while (words[0]?.text.startsWith("-")) {
      const option = words[0].text;
      words = words.slice(1);
      if (option === "--") break;
    }
  }
  const script = shellScript(words);
  if (!script) {
    const tool = packageManagerRun(words.map((word) => word.text));
    return tool && words[0] ? { messageId: "packageManager", node: words[0].node, tool } : null;
  }
  const commands = scriptCommands(script.text);
  const last = withoutAssignments(splitWords(commands.at(-1) ?? ""));
  if (last[0] === "exec") {
    const tool = packageManagerRun(last.slice(1).filter((word) => !word.startsWith("-")));
    return tool ? { messageId: "packageManager", node: script.node, tool } : null;
  }
  // A lone command is exec'd by the shell itself (bash, dash, busybox ash).
  if (commands.length <= 1) {
    const tool = packageManagerRun(last);
    return tool ? { messageId: "packageManager", node: script.node, tool } : null;
  }
  // A script that traps signals handles them; one that ends in a loop is the program itself, with no app to exec.
  if (/(?:^|[\s;])trap\s/u.test(script.text) || last[0] === "done") return null;
  return { messageId: "shellWithoutExec", node: script.node, shell: programName(words[0]?.text) };
}

export default createYamlRule<[], "shellWithoutExec" | "packageManager">({
  name: "no-signal-blocking-command",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow container commands that keep SIGTERM from the app: a `sh -c` script that does not `exec` the app, or `npm start`/`yarn start` as the main process",
      recommended: "error",
    },
    schema: [],
    messages: {
      shellWithoutExec:
        "`{{shell}} -c` stays the container's main process and runs the app as its child: SIGTERM goes to the shell, which does not pass it on, so the app is killed mid-request when the grace period ends. " +
        "Start the app with `exec` as the script's last command (`… && exec node server.js`), or run it without a shell.",
      packageManager:
        "`{{tool}}` becomes the container's main process between the runtime and the app, and yarn 1 and several npm releases do not pass SIGTERM on, so the app is killed mid-request when the grace period ends. " +
        "Run the app's own command (`node dist/server.js`) instead.",
    },
  },
  create(context) {
    const check = (command: CommandWord[]): void => {
      const blocker = signalBlocker(command);
      if (!blocker) return;
      const data = blocker.messageId === "shellWithoutExec" ? { shell: blocker.shell } : { tool: blocker.tool };
      context.report({ node: blocker.node, messageId: blocker.messageId, data });
    };

    return {
      Program(program) {
        const filename = projectPath(context);
        if (isTestFile(filename)) return; // test data runs nowhere near production
        for (const object of kubernetesObjects(program)) {
          const kind = kubernetesKind(object);
          const podSpec = podSpecOf(object);
          if (!podSpec || !kind || !LONG_RUNNING_KINDS.has(kind)) continue;
          for (const container of containerList(podSpec, "containers")) check(containerCommand(container));
        }
        if (isLocalDevelopmentFile(filename)) return;
        for (const document of program.body) {
          const root = asMapping(document.content);
          if (!root || documentKind(document, filename) !== "compose" || isLocalComposeStack(root)) continue;
          for (const { value } of pairsOf(getPath(root, "services"))) {
            const service = asMapping(value);
            if (service && !isDevelopmentProfileService(service)) check(composeCommand(service));
          }
        }
      },
    };
  },
});
