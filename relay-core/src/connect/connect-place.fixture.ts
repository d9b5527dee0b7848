import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/open-database.js';
import type { ToolPlace } from './coding-tool.js';

/** A temporary home folder for the tools, a data folder and a history database. */
export interface TestPlace {
  place: ToolPlace;
  home: string;
  dataHome: string;
  db: Database.Database;
  /** Copies a fixture (`__fixtures__/<name>`) to a path under the home folder; returns its path. */
  install(fixture: string, relativePath: string): string;
  close(): void;
}

export function createTestPlace(env: NodeJS.ProcessEnv = {}): TestPlace {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-connect-'));
  const home = join(root, 'home');
  const dataHome = join(root, 'data');
  mkdirSync(home);
  const db = openDatabase(join(dataHome, 'switchboard.db'));
  return {
    place: { home, env },
    home,
    dataHome,
    db,
    install(fixture, relativePath) {
      const path = join(home, relativePath);
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(new URL(`./__fixtures__/${fixture}`, import.meta.url), path);
      return path;
    },
    close() {
      db.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Where each tool's fixture goes in a home folder without overrides. */
export const toolFixtures: Record<string, Array<[fixture: string, path: string]>> = {
  'claude-code': [['claude-settings.json', '.claude/settings.json']],
  codex: [['codex-config.toml', '.codex/config.toml']],
  gemini: [
    ['gemini-settings.json', '.gemini/settings.json'],
    ['gemini.env', '.gemini/.env'],
  ],
  opencode: [['opencode.jsonc', '.config/opencode/opencode.jsonc']],
  continue: [['continue-config.yaml', '.continue/config.yaml']],
  aider: [['aider.conf.yml', '.aider.conf.yml']],
};
