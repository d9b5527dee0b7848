import { describe, expect, it } from 'vitest';
import { isPlaceholderKey, readCredential } from './import-plan.js';

describe('readCredential', () => {
  it('keeps references as variable names, in each tool’s spelling', () => {
    expect(readCredential('os.environ/AZURE_API_KEY_EU')).toEqual({ kind: 'env', name: 'AZURE_API_KEY_EU' });
    expect(readCredential('$OPENAI_API_KEY')).toEqual({ kind: 'env', name: 'OPENAI_API_KEY' });
    expect(readCredential('${GEMINI_API_KEY}')).toEqual({ kind: 'env', name: 'GEMINI_API_KEY' });
  });

  it('tells documentation placeholders from keys, random keys with x runs included', () => {
    for (const placeholder of [
      'sk-xxx',
      '<my-openai-key>',
      'none',
      'sk-',
      '',
      'your-api-key',
      'sk-ant-xxxx-yyyy',
    ])
      expect(isPlaceholderKey(placeholder), placeholder).toBe(true);
    for (const key of ['sk-uj6F', 'sk-proj-Zq8vW3xxxR1tY6uI0oP4aS7', 'gsk_a1B2c3D4e5F6g7H8'])
      expect(readCredential(key), key).toEqual({ kind: 'literal', key });
  });
});
