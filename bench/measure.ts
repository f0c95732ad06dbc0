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
  /** Environment variables set for the command, beside this process's. */
  env?: Record<string, string>;
}

export interface Measurement {
  name: string;
  seconds: number[];
  peakKb: number[];
  /** User plus system CPU time: less disturbed than wall time by other processes on a busy machine. */
  cpuSeconds: number[];
}

function runOnce(command: Command): { seconds: number; peakKb: number; cpuSeconds: number } {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", command.command, ...command.args], {
    cwd: command.cwd,
    env: command.env ? { ...process.env, ...command.env } : process.env,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ok = command.okCodes ?? [0, 1];
  const lastLine = result.stderr.trim().split("\n").at(-1) ?? "";
  const match = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/u.exec(lastLine);
  if (!ok.includes(result.status ?? -1) || !match) {
    throw new Error(`${command.name} failed (exit ${result.status}): ${result.stderr.slice(-500)}`);
  }
  return { seconds: Number(match[1]), peakKb: Number(match[2]), cpuSeconds: Number(match[3]) + Number(match[4]) };
}

/**
 * Runs each command `runs` times, alternating between them, after one warm-up run each (left
 * out with `warmUp: false` where one run takes many seconds and the warm-up would only add time).
 */
export function measure(commands: Command[], runs = 5, { warmUp = true } = {}): Measurement[] {
  if (warmUp) for (const command of commands) runOnce(command);
  const results = commands.map((command) => ({ name: command.name, seconds: [] as number[], peakKb: [] as number[], cpuSeconds: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    commands.forEach((command, i) => {
      const { seconds, peakKb, cpuSeconds } = runOnce(command);
      results[i]!.seconds.push(seconds);
      results[i]!.peakKb.push(peakKb);
      results[i]!.cpuSeconds.push(cpuSeconds);
    });
  }
  return results;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** An extra column of a results table. */
export interface Column {
  header: string;
  cell: (measurement: Measurement, index: number) => string;
}

export const seconds = (m: Measurement): number => median(m.seconds);
export const cpuSeconds = (m: Measurement): number => median(m.cpuSeconds);
export const peakMiB = (m: Measurement): number => Math.round(median(m.peakKb) / 1024);

/**
 * A markdown table of the measurements, with each command's median time as a ratio to the
 * first's, and any extra columns.
 */
export function table(measurements: Measurement[], extra: Column[] = []): string {
  const base = seconds(measurements[0]!);
  const header = ["Command", "Median wall", "Min–max", "vs first", "Peak memory", ...extra.map((column) => column.header)];
  const rows = measurements.map((m, i) => [
    m.name,
    `${seconds(m).toFixed(2)} s`,
    `${Math.min(...m.seconds).toFixed(2)}–${Math.max(...m.seconds).toFixed(2)} s`,
    `${(seconds(m) / base).toFixed(2)}×`,
    `${peakMiB(m)} MiB`,
    ...extra.map((column) => column.cell(m, i)),
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** One size of one tool in a growth table; the first row of each tool is its baseline. */
export interface GrowthRow {
  tool: string;
  size: number;
  measurement: Measurement;
}

/**
 * How cost grows with input size: per row, the time per unit of input, its ratio to the tool's
 * smallest size, and the marginal time per unit from the size before (startup cancels out
 * there, so a cost that grows linearly shows as a constant).
 */
export function growthTable(rows: GrowthRow[], sizeHeader: string, unit: string): string {
  const perUnit = (s: number, size: number) => `${((s * 1000) / size).toFixed(2)} ms`;
  const lines = rows.map(({ tool, size, measurement: m }, i) => {
    const first = rows.find((row) => row.tool === tool)!;
    const previous = i > 0 && rows[i - 1]!.tool === tool ? rows[i - 1] : undefined;
    const marginal = previous ? perUnit(seconds(m) - seconds(previous.measurement), size - previous.size) : "–";
    const perUnitRatio = seconds(m) / size / (seconds(first.measurement) / first.size);
    return [
      tool,
      size.toLocaleString("en-US"),
      `${seconds(m).toFixed(2)} s`,
      `${Math.min(...m.seconds).toFixed(2)}–${Math.max(...m.seconds).toFixed(2)} s`,
      `${(size / first.size).toLocaleString("en-US", { maximumFractionDigits: 1 })}× / ${(seconds(m) / seconds(first.measurement)).toFixed(2)}×`,
      perUnit(seconds(m), size),
      `${perUnitRatio.toFixed(2)}×`,
      marginal,
      `${peakMiB(m)} MiB`,
    ];
  });
  const header = ["Tool", sizeHeader, "Median wall", "Min–max", "Input / time vs smallest", `Time per ${unit}`, `Per ${unit} vs smallest`, `Marginal per ${unit}`, "Peak memory"];
  return [header, header.map(() => "---"), ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
