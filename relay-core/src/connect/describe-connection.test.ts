import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findTool } from './coding-tools.js';
import { createTestPlace } from './connect-place.fixture.js';
import type { TestPlace } from './connect-place.fixture.js';
import { connectTool } from './connect-tool.js';
import { describeConnection } from './describe-connection.js';
import { disconnectTool } from './disconnect-tool.js';

let test: TestPlace;
afterEach(() => test?.close());

describe('a tool’s connection state', () => {
  it('follows connect, an edit that undoes a relay setting, and disconnect', () => {
    test = createTestPlace();
    const tool = findTool('opencode');
    const request = { tool, place: test.place, dataHome: test.dataHome, db: test.db };
    const state = () => describeConnection(tool, test.place, test.dataHome);
    expect(state()).toMatchObject({ state: 'not-connected', files: ['~/.config/opencode/opencode.json'] });
    connectTool({ ...request, origin: 'http://127.0.0.1:4141', model: 'coding', smallModel: 'fast' });
    expect(state()).toMatchObject({
      state: 'connected',
      model: 'coding',
      smallModel: 'fast',
      keyName: 'opencode',
    });
    const path = join(test.home, '.config', 'opencode', 'opencode.json');
    // an unrelated edit keeps it connected; changing the relay's default model does not
    writeFileSync(path, readFileSync(path, 'utf8').replace('{', '{\n  "theme": "x",'));
    expect(state().state).toBe('connected');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"switchboard/coding"', '"anthropic/claude"'));
    expect(state().state).toBe('changed');
    disconnectTool(request);
    expect(state().state).toBe('not-connected');
  });
});
