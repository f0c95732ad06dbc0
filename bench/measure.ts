/**
 * Runs commands side by side and summarises them: alternating runs (so drift in the machine's
 * load hits every command alike), wall time and peak memory from GNU time, medians and ranges.
 */
import { spawnSync } from "node:child_process";

export interface Command {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Exit codes that mean the command ran fine (linters exit 1 when they find problems). */
  okCodes?: number[];
}

export interface Measurement {
  name: string;
  seconds: number[];
  peakKb: number[];
}

function runOnce(command: Command): { seconds: number; peakKb: number } {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", command.command, ...command.args], {
    cwd: command.cwd,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ok = command.okCodes ?? [0, 1];
  const lastLine = result.stderr.trim().split("\n").at(-1) ?? "";
  const match = /^(?:Command exited with non-zero status \d+\n)?([\d.]+) (\d+)$/u.exec(lastLine);
  if (!ok.includes(result.status ?? -1) || !match) {
    throw new Error(`${command.name} failed (exit ${result.status}): ${result.stderr.slice(-500)}`);
  }
  return { seconds: Number(match[1]), peakKb: Number(match[2]) };
}

/** Runs each command `runs` times, alternating between them, after one warm-up run each. */
export function measure(commands: Command[], runs = 5): Measurement[] {
  for (const command of commands) runOnce(command);
  const results = commands.map((command) => ({ name: command.name, seconds: [] as number[], peakKb: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    commands.forEach((command, i) => {
      const { seconds, peakKb } = runOnce(command);
      results[i]!.seconds.push(seconds);
      results[i]!.peakKb.push(peakKb);
    });
  }
  return results;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A markdown table of the measurements, with each command's median time as a ratio to the first's. */
export function table(measurements: Measurement[]): string {
  const base = median(measurements[0]!.seconds);
  const rows = measurements.map((m) => {
    const seconds = median(m.seconds);
    return `| ${m.name} | ${seconds.toFixed(2)} s | ${Math.min(...m.seconds).toFixed(2)}–${Math.max(...m.seconds).toFixed(2)} s | ${(seconds / base).toFixed(2)}× | ${Math.round(median(m.peakKb) / 1024)} MiB |`;
  });
  return ["| Command | Median wall | Min–max | vs first | Peak memory |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
