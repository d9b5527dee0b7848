import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB (Linux: /proc; elsewhere: ps). */
export function readRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** Samples a process's RSS on an interval; `peak()` since the last `resetPeak()`. */
export function sampleRss(pid: number, intervalMs = 50) {
  let peak = 0;
  const samples: Array<{ at: number; mb: number }> = [];
  const started = Date.now();
  const take = () => {
    const mb = readRssMb(pid);
    peak = Math.max(peak, mb);
    samples.push({ at: Date.now() - started, mb });
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    peak: () => peak,
    resetPeak: () => {
      peak = readRssMb(pid);
    },
    samples,
    stop: () => clearInterval(timer),
  };
}
