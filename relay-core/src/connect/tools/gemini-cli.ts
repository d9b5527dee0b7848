import { join } from 'node:path';
import type { CodingTool } from '../coding-tool.js';
import { dotenvFormat } from '../formats/dotenv-format.js';
import { jsoncFormat } from '../formats/jsonc-format.js';

/**
 * Gemini CLI: API-key sign-in and the model in `~/.gemini/settings.json` (the folder moves with
 * GEMINI_CLI_HOME), the key and the relay's address in `~/.gemini/.env`: the CLI takes its base
 * URL only from the environment (GOOGLE_GEMINI_BASE_URL).
 */
export const geminiCli: CodingTool = {
  id: 'gemini',
  displayName: 'Gemini CLI',
  files(place, target) {
    const folder = join(place.env.GEMINI_CLI_HOME || place.home, '.gemini');
    return [
      {
        path: join(folder, 'settings.json'),
        format: jsoncFormat,
        initial: '{}\n',
        settings: [
          { path: ['security', 'auth', 'selectedType'], value: 'gemini-api-key' },
          { path: ['model', 'name'], value: target.model },
        ],
      },
      {
        path: join(folder, '.env'),
        format: dotenvFormat,
        initial: '',
        settings: [
          { path: ['GEMINI_API_KEY'], value: target.key, clientKey: [] },
          { path: ['GOOGLE_GEMINI_BASE_URL'], value: target.origin },
        ],
      },
    ];
  },
  notes: () => [
    'Gemini CLI reads only the first .env it finds from the working folder up: a project’s own .env, or a folder you have not trusted, hides ~/.gemini/.env. Variables exported in your shell win over it.',
  ],
};
