import { containerCommand, type CommandWord } from "../commands.ts";
import { createYamlRule, locOfRange } from "../create-yaml-rule.ts";
import { isTestFile, projectPath } from "../document-kind.ts";
import { containersOf, kubernetesObjects, maxReplicas, workloadsOf } from "../kubernetes.ts";

/**
 * The rest of one shell command (up to `;`, `&`, `|` or a newline), but not past the next `stop`.
 * Scanning to the end of the command from every mention of a tool would take time quadratic in
 * the length of a command that repeats the tool's name (cubic for `migrate -path` repeated).
 */
const restOfCommandBefore = (stop: string) => String.raw`(?:(?!${stop})[^;&|\n])*`;

/** Commands of the common migration tools that apply pending migrations. */
const MIGRATION_COMMAND = new RegExp(
  [
    String.raw`\bprisma\s+(?:migrate\s+deploy|migrate\s+dev|db\s+push)\b`,
    String.raw`\bknex\s+migrate:(?:latest|up)\b`,
    String.raw`\bsequelize(?:-cli)?\s+db:migrate\b`,
    String.raw`\btypeorm(?:-ts-node-\w+)?\s+migration:run\b`,
    String.raw`\bmikro-orm\s+migration:up\b`,
    String.raw`\bdrizzle-kit\s+(?:migrate|push)\b`,
    String.raw`\bnode-pg-migrate\s+up\b`,
    String.raw`\bdb-migrate\s+up\b`,
    String.raw`\b(?:npm\s+run|yarn(?:\s+run)?|pnpm(?:\s+run)?)\s+(?:db:)?migrat(?:e|ion)[\w:-]*`,
    String.raw`\b(?:rails|rake)\s+db:(?:migrate|prepare|setup)\b`,
    String.raw`\balembic\s+upgrade\b`,
    String.raw`\bflask\s+db\s+upgrade\b`,
    String.raw`\bmanage\.py\s+migrate\b`,
    String.raw`\bdjango-admin\s+migrate\b`,
    String.raw`\bflyway\b${restOfCommandBefore(String.raw`\bflyway\b`)}\bmigrate\b`,
    String.raw`\bliquibase\b${restOfCommandBefore(String.raw`\bliquibase\b`)}\bupdate\b`,
    String.raw`\bgoose\b${restOfCommandBefore(String.raw`\bgoose\b`)}\sup\b`,
    String.raw`\bmigrate\b${restOfCommandBefore(String.raw`\bmigrate\b`)}\s-(?:path|source)\b${restOfCommandBefore(String.raw`\s-(?:path|source)\b`)}\sup\b`,
    String.raw`\bdbmate\b${restOfCommandBefore(String.raw`\bdbmate\b`)}\s(?:up|migrate)\b`,
    String.raw`\batlas\s+migrate\s+apply\b`,
    String.raw`\bdiesel\s+migration\s+run\b`,
    String.raw`\bsqlx\s+migrate\s+run\b`,
    String.raw`\bartisan\s+migrate\b`,
    String.raw`\bmix\s+ecto\.migrate\b`,
  ].join("|"),
  "u",
);

/** Workloads whose pods run side by side: each one starting runs the migration again. */
const REPLICATED_KINDS = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "DaemonSet"]);

/** Where a migration command is in a container's command line: from the word it starts in to the word it ends in. */
function migrationIn(words: CommandWord[]): { text: string; range: [number, number] } | null {
  let joined = "";
  const starts: number[] = [];
  for (const word of words) {
    starts.push(joined.length);
    joined += `${word.text} `;
  }
  const match = MIGRATION_COMMAND.exec(joined);
  if (!match) return null;
  const wordAt = (offset: number): CommandWord => words[starts.findLastIndex((start) => start <= offset)]!;
  const first = wordAt(match.index);
  const last = wordAt(match.index + match[0].length - 1);
  return { text: match[0].replace(/\s+/gu, " ").trim(), range: [first.node.range[0], last.node.range[1]] };
}

export default createYamlRule<[], "migrationAtStartup">({
  name: "no-migration-at-startup",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow database migrations run by the containers of a replicated workload as they start",
      recommended: "warn",
    },
    schema: [],
    messages: {
      migrationAtStartup:
        "`{{command}}` runs in {{pods}} of this {{kind}} as they start, so every rollout and scale-up runs the migration concurrently, while pods of the previous version still serve traffic. " +
        "Run it once per release, as a Job or a pre-deploy hook (Helm or Argo CD), before the rollout.",
    },
  },
  create(context) {
    return {
      Program(program) {
        if (isTestFile(projectPath(context))) return; // test data runs nowhere near production
        const objects = kubernetesObjects(program);
        for (const { object, kind, podSpec } of workloadsOf(objects, REPLICATED_KINDS)) {
          const migrations = containersOf(podSpec).flatMap((container) => migrationIn(containerCommand(container)) ?? []);
          // Most workloads run no migration: then how many replicas they have (the sibling manifests' autoscalers) is not read.
          if (migrations.length === 0) continue;
          const replicas = kind === "DaemonSet" ? Infinity : maxReplicas(context.physicalFilename, object, objects);
          if (replicas <= 1) continue;
          const pods = kind === "DaemonSet" ? "the pod on every node" : `each of the ${replicas} pods`;
          for (const migration of migrations) {
            context.report({
              loc: locOfRange(context.sourceCode, migration.range),
              messageId: "migrationAtStartup",
              data: { command: migration.text, pods, kind },
            });
          }
        }
      },
    };
  },
});
