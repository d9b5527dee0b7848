import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CodingTool } from '../coding-tool.js';
import { jsoncFormat } from '../formats/jsonc-format.js';

const provider = ['provider', 'switchboard'];

/**
 * opencode: a `switchboard` provider (the AI SDK's OpenAI-compatible package) in the global config,
 * `$XDG_CONFIG_HOME/opencode/` (default `~/.config/opencode/`), made the default model. The file is
 * the one opencode itself would edit: the first of opencode.jsonc, opencode.json and config.json.
 */
export const opencode: CodingTool = {
  id: 'opencode',
  displayName: 'opencode',
  files(place, target) {
    const folder = join(place.env.XDG_CONFIG_HOME || join(place.home, '.config'), 'opencode');
    const names = ['opencode.jsonc', 'opencode.json', 'config.json'];
    const existing = names.map((name) => join(folder, name)).find((path) => existsSync(path));
    // without a limit opencode takes a custom model's context for 0, and never compacts
    const { contextWindow: context, maxOutput: output } = target.limits ?? {};
    const limit = context && output ? { limit: { context, output } } : {};
    const models = Object.fromEntries(
      [target.model, target.smallModel].map((model) => [
        model,
        { name: model, ...(model === target.model ? limit : {}) },
      ]),
    );
    return [
      {
        path: existing ?? join(folder, 'opencode.json'),
        format: jsoncFormat,
        initial: '{\n  "$schema": "https://opencode.ai/config.json"\n}\n',
        settings: [
          { path: [...provider, 'npm'], value: '@ai-sdk/openai-compatible' },
          { path: [...provider, 'name'], value: 'Switchboard' },
          { path: [...provider, 'options', 'baseURL'], value: `${target.origin}/v1` },
          { path: [...provider, 'options', 'apiKey'], value: target.key, clientKey: [] },
          { path: [...provider, 'models'], value: models },
          { path: ['model'], value: `switchboard/${target.model}` },
          { path: ['small_model'], value: `switchboard/${target.smallModel}` },
        ],
      },
    ];
  },
  notes(place) {
    const notes = ['Start opencode again to use it.'];
    if (place.env.OPENCODE_CONFIG)
      notes.push(
        `OPENCODE_CONFIG names ${place.env.OPENCODE_CONFIG}, read after this file: a model it sets wins.`,
      );
    return notes;
  },
};
