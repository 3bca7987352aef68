/** What the benchmarks measure a command with: wall time and peak RSS from GNU time, and medians. */
import { spawnSync } from 'node:child_process';

export interface Measure {
  seconds: number;
  /** User + system CPU seconds: less swayed than wall time when other work shares the cores. */
  cpuSeconds: number;
  maxRssMb: number;
  exit: number;
  stdout: string;
  stderr: string;
}

/** One run under `/usr/bin/time`: wall and CPU seconds, and the largest resident set of the process, in MB. */
export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measure {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env });
  const lines = r.stderr.trim().split('\n');
  const last = lines.at(-1)!.split(' ');
  return { seconds: Number(last[0]), cpuSeconds: Number(last[2]) + Number(last[3]), maxRssMb: Number(last[1]) / 1024, exit: r.status ?? -1, stdout: r.stdout, stderr: lines.slice(0, -1).join('\n') };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
