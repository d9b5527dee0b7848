import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** `ps`'s `[[dd-]hh:]mm:ss` as milliseconds. */
function parseCpuTime(text: string): number {
  const [days, clock] = text.includes('-') ? text.split('-') : ['0', text];
  const seconds = clock!.split(':').reduce((sum, part) => sum * 60 + Number(part), 0);
  return (Number(days) * 86_400 + seconds) * 1000;
}

/**
 * The CPU time a process has used so far, user and system, over all its threads, in ms: what a
 * busy machine's other processes do not inflate, as they do wall times. Linux reads /proc (10 ms
 * ticks); elsewhere `ps` (whole seconds). With `mainThread`, only the thread that runs the event
 * loop (Linux only; elsewhere NaN).
 */
export function readCpuMs(pid: number, mainThread = false): number {
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // the fields after the command name, which may hold spaces, in parentheses: utime, stime are 14, 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    if (mainThread) return NaN;
    return parseCpuTime(execFileSync('ps', ['-o', 'time=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  }
}
