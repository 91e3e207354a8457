import { spawnSync } from 'node:child_process';
import { cpuMs, processTree, type Server } from './server-process';

// One run of wrk (Debian's) against a server the benchmarks started, with the server's CPU per request read
// from /proc around it: the independent load generator of bench/ab.ts and bench/domains-shape.ts.

export type WrkRun = { rps: number; p50: number; p90: number; p99: number; requests: number; cpuMsPerRequest: number };

function millis(value: string, unit: string): number {
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
}

/** `connections` for `seconds`, signed in with `cookie`. A non-2xx answer or a socket error throws (`label` says whose). */
export function runWrk({ server, cookie, url, seconds, connections, label }: { server: Server; cookie: string; url: string; seconds: number; connections: number; label: string }): WrkRun {
  const pids = processTree(server.pid);
  const before = cpuMs(pids);
  const result = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-H', `Cookie: ${cookie}`, url], { encoding: 'utf8' });
  const cpu = cpuMs(pids) - before;
  const out = result.stdout;
  if (result.status !== 0 || /Non-2xx/.test(out) || /Socket errors/.test(out)) throw new Error(`wrk on ${label} ${url}:\n${out}${result.stderr}`);
  // --latency prints the 50th, 75th, 90th and 99th percentiles (no 95th).
  const percentile = (p: string) => {
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)[ \\t]*$`, 'm').exec(out);
    return match ? millis(match[1]!, match[2]!) : NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50: percentile('50'), p90: percentile('90'), p99: percentile('99'), requests, cpuMsPerRequest: cpu / requests };
}
