import path from "node:path";
import { AST_NODE_TYPES } from "@typescript-eslint/types";
import type { TSESTree } from "@typescript-eslint/utils";
import { clusterBranchOf, isClusterFork, modulesUsedIn } from "./utils/cluster-primary.ts";
import { createRule } from "./utils/create-rule.ts";
import { typeInformation } from "./utils/declaring-module.ts";
import { propertyName, resolveImport } from "./utils/imports.ts";
import { importersOf } from "./utils/project-modules.ts";
import { serverObjectOf } from "./utils/server-objects.ts";
import { isCommandPackageCode } from "./utils/service-package.ts";
import {
  connectionsCutAtOnce,
  exitsBeforeCleanup,
  fileHandlesSigterm,
  programFilesHandlingSigterm,
  relativeImportsHandleSigterm,
  fileOrItsImportsHandleSigterm,
  undrainedSigtermHandling,
  exitsWithoutClosingServer,
  shutdownHandlingOf,
} from "./utils/shutdown-handling.ts";

type Options = [{ shutdownModules?: string[] }];
type MessageIds = "noSigtermHandler" | "exitWithoutDraining" | "exitWithoutClosingServer" | "handlerLeavesServer" | "cutsConnections" | "primaryWithoutSigterm";

const TEST_CALLBACKS = new Set(["describe", "it", "test", "before", "beforeAll", "beforeEach", "after", "afterAll", "afterEach"]);
/**
 * Inside a test callback: a harness, not the service starting. (A `require.main === module` or
 * `!module.parent` guard is not one: it starts the server when the file is run, as production runs it.)
 */
function isHarness(node: TSESTree.Node): boolean {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.arguments.includes(child as TSESTree.CallExpressionArgument) &&
      current.callee.type === AST_NODE_TYPES.Identifier &&
      TEST_CALLBACKS.has(current.callee.name)
    ) {
      return true;
    }
  }
  return false;
}

function matchesPackage(specifier: string, entry: string): boolean {
  return specifier === entry || specifier.startsWith(`${entry}/`);
}

export default createRule<Options, MessageIds>({
  name: "require-graceful-shutdown",
  meta: {
    type: "problem",
    docs: {
      description: "Require servers to handle SIGTERM by closing the server and its connections before exiting",
      recommended: "error",
      productionOnly: true,
    },
    schema: [
      {
        type: "object",
        properties: {
          shutdownModules: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Where shutdown is handled when it is not in the file that calls listen: files (paths relative to the working directory, which must handle SIGTERM themselves) or packages (a file that imports one is handled)",
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      noSigtermHandler:
        "This server starts listening but nothing handles SIGTERM, so every deploy or scale-down kills the process mid-request and in-flight requests fail. " +
        "On SIGTERM, stop accepting connections (`server.close()`), let open requests finish, close pools, then exit, with a forced-exit timer as a backstop.",
      exitWithoutDraining:
        "This SIGTERM handler exits before closing the server or its connections, so requests in flight are cut off. " +
        "Close the server and pools first and exit when they are done, with `setTimeout(() => process.exit(1), 10_000).unref()` as a backstop.",
      primaryWithoutSigterm:
        "This cluster primary forks workers but nothing in it handles SIGTERM, and the orchestrator signals the primary: it dies at once, the workers lose their channel to it and exit mid-request, whatever shutdown handling they have. " +
        "On SIGTERM in the primary, stop forking replacements, call `cluster.disconnect()` so each worker stops accepting and finishes its requests, and exit once they are gone.",
      exitWithoutClosingServer:
        "This SIGTERM handler closes `{{closed}}` and exits, but never closes the HTTP server this file starts, so requests in flight are cut off. " +
        "Close the server first (`server.close()`) and let open requests finish, then close `{{closed}}` and the rest, and exit when they are done, with a forced-exit timer as a backstop.",
      handlerLeavesServer:
        "SIGTERM is handled in `{{file}}`, but that handler closes `{{closed}}` and exits without closing this server, so requests in flight are cut off. " +
        "Close this server first (`server.close()`) and let open requests finish, then the rest, and exit when they are done.",
      cutsConnections:
        "This SIGTERM handler cuts every open connection at once, requests in flight included, so each deploy fails the requests it catches mid-way. " +
        "Call `server.close()` and `server.closeIdleConnections()` so busy connections finish their request, and destroy what is left only from a backstop timer.",
    },
  },
  defaultOptions: [{}],
  create(context, [options]) {
    // A command-line program's server (a local development server, say) ends with the command that started it.
    if (isCommandPackageCode(context.physicalFilename)) return {};
    const listens: TSESTree.Node[] = [];
    const forks: TSESTree.CallExpression[] = [];

    const isHandledElsewhere = (imports: string[]): boolean => {
      for (const entry of options.shutdownModules ?? []) {
        const isFile = entry.startsWith(".") || entry.startsWith("/") || /\.[cm]?[jt]sx?$/u.test(entry);
        if (isFile ? fileHandlesSigterm(path.resolve(context.cwd, entry)) : imports.some((specifier) => matchesPackage(specifier, entry))) {
          return true;
        }
      }
      // Modules this file imports, read from disk: `main.ts` that imports `./shutdown` or an app factory that handles it.
      if (relativeImportsHandleSigterm(context.filename, imports)) return true;
      // The entry point that imports this module (`index.ts` imports `./server` and `./exit`), found by the project's index.
      if ((importersOf(context.filename, []) ?? []).some((importer) => fileOrItsImportsHandleSigterm(importer))) return true;
      const program = typeInformation(context)?.program;
      if (!program) return false;
      const own = path.resolve(context.filename).replaceAll("\\", "/");
      return programFilesHandlingSigterm(program).some((file) => file !== own);
    };

    /**
     * A cluster primary that forks workers and handles no SIGTERM itself: no handler outside the
     * workers' branch, no shutdown helper, and no module the primary's branch uses handles it.
     */
    const reportPrimaryWithoutSigterm = (handling: ReturnType<typeof shutdownHandlingOf>): void => {
      if (handling.helper) return;
      const sigterm = handling.registrations.filter((registration) => registration.signals === "unknown" || registration.signals.has("SIGTERM"));
      if (sigterm.some((registration) => clusterBranchOf(context, registration.call)?.role !== "worker")) return;
      const reportedBranches = new Set<TSESTree.Node>();
      for (const fork of forks) {
        const around = clusterBranchOf(context, fork);
        if (around?.role === "worker") continue;
        const branch = around?.branch ?? context.sourceCode.ast;
        if (reportedBranches.has(branch)) continue;
        reportedBranches.add(branch);
        if (relativeImportsHandleSigterm(context.filename, modulesUsedIn(context, branch))) continue;
        context.report({ node: fork.callee, messageId: "primaryWithoutSigterm" });
      }
    };

    return {
      CallExpression(node) {
        const { callee } = node;
        if (isClusterFork(context, node) && !isHarness(node)) {
          forks.push(node);
          return;
        }
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          if (propertyName(callee.property, callee.computed) !== "listen") return;
          const owner = serverObjectOf(context, callee.object);
          if (!owner || owner.kind === "router" || isHarness(node) || listensOnEphemeralPort(node)) return;
          listens.push(callee.property);
          return;
        }
        // `serve({ fetch: app.fetch, port })` from @hono/node-server
        const reference = resolveImport(context, callee);
        if (reference?.module === "@hono/node-server" && reference.path.join(".") === "serve" && !isHarness(node)) listens.push(callee);
      },
      "Program:exit"(program) {
        // Without a server here, only a SIGTERM handler can be reported, and one names the signal
        // as a string in this file (signal lists are read from literals of this file only).
        // Most files have neither: they are not walked.
        if (listens.length === 0 && forks.length === 0 && !context.sourceCode.text.includes("SIGTERM")) return;
        const handling = shutdownHandlingOf(context, program);
        reportPrimaryWithoutSigterm(handling);
        const reported = new Set<TSESTree.Node>();
        for (const registration of handling.registrations) {
          if (registration.signals === "unknown" || !registration.signals.has("SIGTERM")) continue;
          for (const exit of exitsBeforeCleanup(context, registration)) {
            if (reported.has(exit)) continue;
            reported.add(exit);
            context.report({ node: exit, messageId: "exitWithoutDraining" });
          }
          // A server in this file, and a handler that closes only other things before it exits.
          if (listens.length > 0) {
            for (const { exit, closed } of exitsWithoutClosingServer(context, registration)) {
              if (reported.has(exit)) continue;
              reported.add(exit);
              context.report({ node: exit, messageId: "exitWithoutClosingServer", data: { closed } });
            }
          }
          for (const cut of connectionsCutAtOnce(context, registration)) {
            if (reported.has(cut)) continue;
            reported.add(cut);
            context.report({ node: cut, messageId: "cutsConnections" });
          }
        }
        if (listens.length === 0 || handling.handlesSigterm) return;
        if (isHandledElsewhere(handling.imports)) {
          // Handled in a module this file imports, by a handler that closes other things and exits.
          const undrained = (options.shutdownModules ?? []).length === 0 ? undrainedSigtermHandling(context.filename, handling.imports) : undefined;
          if (undrained) for (const listen of listens) context.report({ node: listen, messageId: "handlerLeavesServer", data: undrained });
          return;
        }
        for (const listen of listens) context.report({ node: listen, messageId: "noSigtermHandler" });
      },
    };
  },
});

/**
 * `server.listen(0, "127.0.0.1", …)`, `listen({ port: 0 })`: a port the system picks, which only
 * the process that asked can learn. Nothing outside routes traffic to it (a helper proxy for a
 * child process, a callback receiver for a local tool), so there are no clients to drain.
 */
function listensOnEphemeralPort(call: TSESTree.CallExpression): boolean {
  const [first] = call.arguments;
  if (first?.type === AST_NODE_TYPES.Literal) return first.value === 0;
  return (
    first?.type === AST_NODE_TYPES.ObjectExpression &&
    first.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === "port" && property.value.type === AST_NODE_TYPES.Literal && property.value.value === 0)
  );
}
