import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** `ps`'s `[[dd-]hh:]mm:ss` as milliseconds. */
function parseCpuTime(text: string): number {
  const [days, clock] = text.includes('-') ? text.split('-') : ['0', text];
  const seconds = clock!.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  return (Number(days) * 86_400 + seconds) * 1000;
}

/** utime + stime of a /proc stat line, in ms. */
function statCpuMs(stat: string): number {
  // the fields after the command name, which may hold spaces, in parentheses: utime, stime are 14, 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}

/**
 * The CPU time each thread of a process has used so far, in ms, by thread id; the event loop's
 * under `loop` (Linux only).
 */
export function readThreadCpuMs(pid: number): Map<string, number> {
  const threads = new Map<string, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(
        task === String(pid) ? 'loop' : task,
        statCpuMs(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')),
      );
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return threads;
}

/**
 * The CPU time a process has used so far, user and system, over all its threads, in ms: what a
 * busy machine's other processes do not inflate, as they do wall times. Linux reads /proc (10 ms
 * ticks); elsewhere `ps` (whole seconds). With `mainThread`, only the thread that runs the event
 * loop (Linux only; elsewhere NaN).
 */
export function readCpuMs(pid: number, mainThread = false): number {
  try {
    return statCpuMs(
      readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8'),
    );
  } catch {
    if (mainThread) return NaN;
    return parseCpuTime(execFileSync('ps', ['-o', 'time=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  }
}
