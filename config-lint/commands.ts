import type { AST } from "yaml-eslint-parser";
import { asScalar, asSequence, getPair, scalarText } from "./yaml-nodes.ts";

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
