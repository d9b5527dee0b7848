import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRelay } from '../helpers/demo-relay.js';
import type { DemoRelay } from '../helpers/demo-relay.js';

// The README's "Try it offline" section, run as a new user would: its curl commands, exactly as
// written there, against `npm run relay -- --demo`. Only the key it printed and its port differ.
const run = promisify(execFile);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The curl commands of the README's demo section, each as one shell command. */
function demoCommands(): string[] {
  const section = /^## Try it offline\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.replace(/\\\n/g, ' ').split(/\n(?=\S)/))
    .map((command) => command.trim())
    .filter((command) => command.startsWith('curl '));
}

let relay: DemoRelay;

beforeAll(async () => {
  relay = await startDemoRelay();
}, 120_000);

afterAll(async () => {
  await relay?.close();
});

/** What a command's request asks for, read from its JSON body. */
function asked(command: string): { stream: boolean; tools: boolean } {
  const body = JSON.parse(/-d '([^']*)'/.exec(command)![1]!) as { stream?: boolean; tools?: unknown[] };
  return { stream: body.stream === true, tools: (body.tools?.length ?? 0) > 0 };
}

/** Runs one README command in a shell, with the printed key and the relay's port in place. */
async function runCommand(command: string): Promise<string> {
  const local = command.replaceAll('sb-…', relay.clientKey).replaceAll('http://127.0.0.1:4141', relay.url);
  const { stdout } = await run('bash', ['-c', local], { timeout: 30_000 });
  return stdout;
}

describe('the README demo section', () => {
  const commands = demoCommands();

  it('shows a request with and without tools, streamed and not', () => {
    expect(commands.map(asked)).toEqual(
      expect.arrayContaining([
        { stream: false, tools: false },
        { stream: true, tools: false },
        { stream: false, tools: true },
        { stream: true, tools: true },
      ]),
    );
  });

  it.each(commands.map((command) => ({ command, ...asked(command) })))(
    'stream $stream, tools $tools: answers',
    async ({ command, stream, tools }) => {
      const output = await runCommand(command);
      if (!stream) {
        const answer = JSON.parse(output) as {
          choices: Array<{ message: { content: string | null; tool_calls?: unknown[] } }>;
        };
        expect(answer.choices, output).toHaveLength(1);
        const message = answer.choices[0]!.message;
        if (tools) expect(message.tool_calls?.length).toBeGreaterThan(0);
        else expect(message.content?.length).toBeGreaterThan(20);
        return;
      }
      const events = output
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length));
      expect(events.at(-1), output).toBe('[DONE]');
      const deltas = events.slice(0, -1).map(
        (event) =>
          (
            JSON.parse(event) as {
              choices: Array<{ delta?: { content?: string; tool_calls?: unknown[] } }>;
            }
          ).choices[0]?.delta ?? {},
      );
      if (tools) expect(deltas.some((delta) => (delta.tool_calls?.length ?? 0) > 0)).toBe(true);
      else expect(deltas.map((delta) => delta.content ?? '').join('').length).toBeGreaterThan(20);
    },
  );
});
