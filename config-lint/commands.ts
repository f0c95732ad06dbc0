import type { AST } from "yaml-eslint-parser";
import { asScalar, asSequence, getPair, getPath, scalarText } from "./yaml-nodes.ts";

/** One word of a command line and the scalar it is written in (a whole string for `command: npm start`). */
export interface CommandWord {
  text: string;
  node: AST.YAMLScalar;
}

type YamlValue = AST.YAMLContent | AST.YAMLWithMeta | null | undefined;

/**
 * The words of a command written as a list (`["sh", "-c", "…"]`) or, as Compose allows, as one
 * string split the way a shell would (Compose splits it without running a shell).
 */
export function commandWords(node: YamlValue): CommandWord[] {
  const sequence = asSequence(node);
  if (sequence) {
    const words: CommandWord[] = [];
    for (const entry of sequence.entries) {
      const scalar = asScalar(entry);
      if (!scalar) return words;
      words.push({ text: scalarText(scalar) ?? "", node: scalar });
    }
    return words;
  }
  const scalar = asScalar(node);
  const text = scalarText(scalar);
  if (!scalar || !text) return [];
  return splitWords(text).map((word) => ({ text: word, node: scalar }));
}

/**
 * The command a Kubernetes container starts with, as written: `command` followed by `args`.
 * Without `command`, the image's entrypoint runs `args`; they are returned alone, since images
 * built for it (the official language images) run them as the command.
 */
export function containerCommand(container: AST.YAMLMapping): CommandWord[] {
  return [...commandWords(getPair(container, "command")?.value), ...commandWords(getPair(container, "args")?.value)];
}

/** The command a Compose service starts with: `entrypoint` followed by `command`, or `command` alone. */
export function composeCommand(service: AST.YAMLMapping): CommandWord[] {
  return [...commandWords(getPair(service, "entrypoint")?.value), ...commandWords(getPair(service, "command")?.value)];
}

/**
 * The command of a Compose service's healthcheck: `test: ["CMD", "pg_isready"]` runs its words,
 * `["CMD-SHELL", "…"]` and a plain string run in a shell, `["NONE"]` runs nothing.
 */
export function healthcheckCommand(service: AST.YAMLMapping): CommandWord[] {
  const test = getPath(service, "healthcheck", "test");
  const scalar = asScalar(test);
  if (scalar) return typeof scalar.value === "string" ? [{ text: scalar.value, node: scalar }] : [];
  const [first, ...rest] = commandWords(test);
  if (first?.text === "CMD") return rest;
  if (first?.text === "CMD-SHELL") return rest.slice(0, 1);
  return [];
}

/** Database clients and the flag that gives them a password on the command line (`-p` only attached: alone it prompts). */
const CLIENT_PASSWORD_FLAGS: Record<string, { flag: string; attached: boolean; separate: boolean }> = {
  mysql: { flag: "-p", attached: true, separate: false },
  mysqladmin: { flag: "-p", attached: true, separate: false },
  mysqldump: { flag: "-p", attached: true, separate: false },
  mysqlcheck: { flag: "-p", attached: true, separate: false },
  mariadb: { flag: "-p", attached: true, separate: false },
  "mariadb-admin": { flag: "-p", attached: true, separate: false },
  "mariadb-dump": { flag: "-p", attached: true, separate: false },
  sqlcmd: { flag: "-P", attached: true, separate: true },
  bcp: { flag: "-P", attached: true, separate: true },
  "redis-cli": { flag: "-a", attached: false, separate: true },
  mongo: { flag: "-p", attached: false, separate: true },
  mongosh: { flag: "-p", attached: false, separate: true },
  mongodump: { flag: "-p", attached: false, separate: true },
};

export interface ClientPassword {
  /** The word the password is written in (a whole script for `sh -c "…"`). */
  word: CommandWord;
  /** The client and its flag, for the message: `sqlcmd -P`. */
  flag: string;
  value: string;
}

/**
 * Passwords given to database clients on their command line, in a command's words or in the
 * script it runs (`sh -c "…"`, a healthcheck's `CMD-SHELL` string): `mysqladmin ping -psecret`,
 * `sqlcmd -U sa -P secret`, `redis-cli -a secret`, `mongosh -p secret`.
 */
export function clientPasswords(words: CommandWord[]): ClientPassword[] {
  const found: ClientPassword[] = [];
  const script = shellScript(words) ?? (words.length === 1 ? words[0]! : null);
  const commands: { words: string[]; word: (index: number) => CommandWord }[] = script
    ? scriptCommands(script.text).map((command) => ({ words: withoutAssignments(splitWords(command)), word: () => script }))
    : [{ words: words.map((word) => word.text), word: (index: number) => words[index]! }];
  for (const command of commands) {
    const program = programName(command.words[0]);
    const client = CLIENT_PASSWORD_FLAGS[program];
    if (!client) continue;
    for (let index = 1; index < command.words.length; index++) {
      const text = command.words[index]!;
      if (client.separate && text === client.flag && index + 1 < command.words.length) {
        found.push({ word: command.word(index + 1), flag: `${program} ${client.flag}`, value: command.words[index + 1]! });
      } else if (client.attached && text.startsWith(client.flag) && text.length > client.flag.length) {
        found.push({ word: command.word(index), flag: `${program} ${client.flag}`, value: text.slice(client.flag.length) });
      }
    }
  }
  return found;
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh"]);

/** The script of `sh -c "script"` (any shell, `-c` alone or in a cluster like `-ec`), or null. */
export function shellScript(words: CommandWord[]): CommandWord | null {
  if (!SHELLS.has(programName(words[0]?.text))) return null;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!.text;
    if (!word.startsWith("-")) return null;
    if (/^-[a-z]*c[a-z]*$/u.test(word)) return words[index + 1] ?? null;
  }
  return null;
}

/** `/usr/local/bin/npm` → `npm`. */
export function programName(path: string | undefined): string {
  return path?.split("/").at(-1) ?? "";
}

/**
 * The simple commands of a shell script, split at `;`, `&&`, `||`, `|`, `&` and line ends
 * outside quotes, comments dropped. Enough to find what a script runs and what runs last; not
 * a shell parser (no here-documents, no nested command substitution).
 */
export function scriptCommands(script: string): string[] {
  const commands: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let index = 0; index < script.length; index++) {
    const char = script[index]!;
    if (quote) {
      current += char;
      if (char === "\\" && quote === '"') current += script[++index] ?? "";
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (char === "\\") {
      const next = script[++index] ?? "";
      current += next === "\n" ? " " : char + next;
    } else if (char === "#" && /(?:^|\s)$/u.test(current)) {
      while (index + 1 < script.length && script[index + 1] !== "\n") index++;
    } else if (char === ";" || char === "\n" || char === "&" || char === "|") {
      if (char === "&" && (script[index - 1] === ">" || script[index + 1] === ">")) {
        current += char; // `2>&1` and `&> log` are redirections
        continue;
      }
      commands.push(current);
      current = "";
      if ((char === "&" || char === "|") && script[index + 1] === char) index++;
    } else {
      current += char;
    }
  }
  commands.push(current);
  return commands.map((command) => command.trim()).filter((command) => command.length > 0);
}

/** A command line split into words as a shell would (quotes removed, no expansion). */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  let current: string | null = null;
  let quote: string | null = null;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (quote !== null) {
      if (char === quote) quote = null;
      else if (char === "\\" && quote === '"' && index + 1 < command.length) current = `${current ?? ""}${command[++index]!}`;
      else current = `${current ?? ""}${char}`;
    } else if (char === "'" || char === '"') {
      quote = char;
      current ??= "";
    } else if (/\s/u.test(char)) {
      if (current !== null) words.push(current);
      current = null;
    } else if (char === "\\" && index + 1 < command.length) {
      current = (current ?? "") + command[++index];
    } else {
      current = (current ?? "") + char;
    }
  }
  if (current !== null) words.push(current);
  return words;
}

/** Words of a simple command without leading `VAR=value` assignments. */
export function withoutAssignments(words: string[]): string[] {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/u.test(words[index]!)) index++;
  return words.slice(index);
}
