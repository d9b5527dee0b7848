import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCommand, ServeUsageError } from './serve-command.js';

const folder = mkdtempSync(join(tmpdir(), 'switchboard-serve-args-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  mkdirSync(join(folder, name), { recursive: true });
  const path = join(folder, name, 'config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('serve refuses to start', () => {
  it.each([
    ['without --config', () => ({}), /serve needs --config <file>/],
    [
      'with a missing file',
      () => ({ config: join(folder, 'nowhere', 'config.yaml') }),
      /no config file at .*nowhere.config\.yaml/,
    ],
    ['with a folder', () => ({ config: folder }), /is a folder/],
    [
      'with an invalid value, naming the file and the key',
      () => ({ config: writeConfig('bad-port', 'server:\n  port: eighty\n') }),
      /not valid:\n.*bad-port.config\.yaml: server\.port: /,
    ],
    [
      'on a network address without expose_lan',
      () => ({ config: writeConfig('lan', 'server:\n  host: 0.0.0.0\n') }),
      /server\.host: '0\.0\.0\.0' is reachable from the network; set server\.expose_lan: true/,
    ],
    [
      'with YAML that does not parse, naming the line',
      () => ({ config: writeConfig('broken', 'server: [\n') }),
      /not valid:\n.*config\.yaml: line \d+, column \d+/,
    ],
  ])('%s', async (_name, flags, message) => {
    const started = serveCommand(flags());
    await expect(started).rejects.toBeInstanceOf(ServeUsageError);
    await expect(started).rejects.toThrow(message);
  });
});
