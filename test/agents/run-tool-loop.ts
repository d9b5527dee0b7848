import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { agentProviderKey } from './agent-relay.js';
import type { AgentRelay } from './agent-relay.js';
import { runAgent } from './agent-clis.js';
import type { AgentName, AgentRun } from './agent-clis.js';
import type { UpstreamCall } from './scripted-upstream.js';

export interface ToolLoopCase {
  route: string;
  /** The agent's own tool that writes a file, as it offers it. */
  tool: string;
  /** Its arguments that write `content` to `path` (an absolute path in the agent's folder). */
  arguments(path: string, content: string): Record<string, unknown>;
  signedThinking?: boolean;
}

/**
 * The tool loops of one agent's file-writing tool: `tool` takes `args(path, content)`; each loop
 * goes through `route`, with `extra` (a signed thought) where asked.
 */
export function toolLoops(tool: string, args: ToolLoopCase['arguments']) {
  return (route: string, extra: Partial<ToolLoopCase> = {}): ToolLoopCase => ({
    route,
    tool,
    arguments: args,
    ...extra,
  });
}

export interface ToolLoopResult {
  run: AgentRun;
  /** The scripted upstream's calls during this run. */
  calls: UpstreamCall[];
}

let runs = 0;

/**
 * Runs an agent on a one-step task through a route: the upstream asks for a file through the
 * agent's own tool, the agent creates it and returns the result, and the upstream's final text
 * must reach the agent's output. Fails the test, with the agent's output, when any of that did
 * not happen.
 */
export async function runToolLoop(
  env: AgentRelay,
  agent: AgentName,
  loop: ToolLoopCase,
): Promise<ToolLoopResult> {
  runs += 1;
  const token = `proof-${process.pid}-${runs}-${Date.now().toString(36)}`;
  const workdir = mkdtempSync(join(tmpdir(), `switchboard-${agent}-work-`));
  const file = join(workdir, 'agent-proof.txt');
  const prompt = `Create the file agent-proof.txt containing ${token}`;
  const finalText = `All done: the file holds ${token}.`;
  const firstCall = env.upstream.calls.length;
  const startedAt = Date.now();
  env.upstream.script({
    marker: prompt,
    tool: loop.tool,
    arguments: loop.arguments(file, token),
    finalText,
    ...(loop.signedThinking ? { signedThinking: true } : {}),
  });
  const run = await runAgent(agent, {
    relay: { url: env.relay.url, home: env.home, db: env.relay.db },
    model: loop.route,
    prompt,
    workdir,
  });
  const calls = env.upstream.calls.slice(firstCall);
  const written = existsSync(file) ? readFileSync(file, 'utf8').trim() : '(no file)';
  rmSync(workdir, { recursive: true, force: true });
  const report = [
    `${agent} through ${loop.route}: exit ${String(run.code)}`,
    `upstream: ${calls.map((call) => `${call.dialect} ${call.model} ${call.answered}`).join(', ') || 'no calls'}`,
    `stdout: ${run.stdout.slice(-2000)}`,
    `stderr: ${run.stderr.slice(-3000)}`,
  ].join('\n');
  expect(written, report).toBe(token);
  expect(run.stdout, report).toContain(finalText);
  expect(
    calls.map((call) => call.answered),
    report,
  ).toEqual(expect.arrayContaining(['tool_call', 'final']));
  expect(run.code, report).toBe(0);
  for (const output of [run.stdout, run.stderr]) expect(output).not.toContain(agentProviderKey);
  // its requests came with the client key connect gave it, and each is in the history
  env.relay.flushHistory();
  const rows = env.relay.db
    .prepare('SELECT client, requested_model FROM requests WHERE created_at >= ?')
    .all(startedAt) as Array<{ client: string; requested_model: string }>;
  expect(rows.filter((row) => row.client === run.keyName).length).toBeGreaterThanOrEqual(calls.length);
  return { run, calls };
}
