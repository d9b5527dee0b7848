import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodingTool, ToolPlace } from '../coding-tool.js';
import { tomlFormat } from '../formats/toml-format.js';

const folderOf = (place: ToolPlace) => place.env.CODEX_HOME || join(place.home, '.codex');
const provider = ['model_providers', 'switchboard'];

/**
 * Codex CLI: `$CODEX_HOME/config.toml` (default `~/.codex`): a `switchboard` model provider on the
 * Responses API, made the default with the model. The key is the provider's
 * `experimental_bearer_token`, so no environment variable has to be exported in every shell.
 */
export const codexCli: CodingTool = {
  id: 'codex',
  displayName: 'Codex CLI',
  files(place, target) {
    return [
      {
        path: join(folderOf(place), 'config.toml'),
        format: tomlFormat,
        initial: '',
        settings: [
          { path: ['model_provider'], value: 'switchboard' },
          { path: ['model'], value: target.model },
          // a model Codex has no metadata for gets a fallback window: told the real one, it compacts in time
          ...(target.limits?.contextWindow
            ? [{ path: ['model_context_window'], value: target.limits.contextWindow }]
            : []),
          { path: [...provider, 'name'], value: 'Switchboard' },
          { path: [...provider, 'base_url'], value: `${target.origin}/v1` },
          { path: [...provider, 'wire_api'], value: 'responses' },
          { path: [...provider, 'experimental_bearer_token'], value: target.key, clientKey: [] },
        ],
      },
    ];
  },
  notes(place) {
    const path = join(folderOf(place), 'config.toml');
    const notes = ['Start a new Codex session to use it.'];
    try {
      const profile = existsSync(path) ? tomlFormat.parse(readFileSync(path, 'utf8')) : undefined;
      const name = (profile as { profile?: unknown } | undefined)?.profile;
      if (typeof name === 'string')
        notes.push(
          `config.toml selects profile '${name}': a model or model_provider it sets wins over these.`,
        );
    } catch {
      // an unreadable file was refused before this note is asked for
    }
    return notes;
  },
};
