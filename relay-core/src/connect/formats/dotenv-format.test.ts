import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dotenvFormat } from './dotenv-format.js';

const text = readFileSync(new URL('../__fixtures__/gemini.env', import.meta.url), 'utf8');

describe('.env settings', () => {
  it('reads values as dotenv does: quotes removed, export allowed, the last line of a key wins', () => {
    expect(dotenvFormat.parse(`${text}GOOGLE_CLOUD_PROJECT='other' \nA=b # note\n`)).toEqual({
      GOOGLE_CLOUD_PROJECT: 'other',
      DEBUG_LEVEL: '2',
      GEMINI_API_KEY: 'AIza-users-own-key',
      A: 'b',
    });
  });

  it("changes only the key's own line, and removes only the line it added", () => {
    let result = dotenvFormat.edit(text, ['GEMINI_API_KEY'], 'sb-key');
    result = dotenvFormat.edit(result, ['GOOGLE_GEMINI_BASE_URL'], 'http://127.0.0.1:4141');
    expect(result).toBe(
      '# shared by my scripts\nGOOGLE_CLOUD_PROJECT=my-project\nexport DEBUG_LEVEL=2\nGEMINI_API_KEY=sb-key\nGOOGLE_GEMINI_BASE_URL=http://127.0.0.1:4141\n',
    );
    result = dotenvFormat.edit(result, ['GOOGLE_GEMINI_BASE_URL'], undefined);
    expect(result).toBe(text.replace('"AIza-users-own-key"', 'sb-key'));
  });

  it('quotes a value with spaces and adds the missing final newline first', () => {
    expect(dotenvFormat.edit('A=1', ['B'], 'two words')).toBe('A=1\nB="two words"\n');
  });
});
