import type { SettingsFormat } from './formats/settings-format.js';
import type { SettingPath } from './settings-path.js';

/** Where a tool looks for its settings: the user's home folder and environment (tests pass their own). */
export interface ToolPlace {
  home: string;
  env: NodeJS.ProcessEnv;
}

/** What a connected tool is pointed at. */
export interface RelayTarget {
  /** The relay's origin, without `/v1`: `http://127.0.0.1:4141`. */
  origin: string;
  /** The tool's own client key. */
  key: string;
  /** A model name that works on the relay's config. */
  model: string;
  /** For the tool's small, fast tasks (titles, summaries, commit messages); may equal `model`. */
  smallModel: string;
  /**
   * What the catalog says of `model`'s targets (the smallest of each), for tools that size their
   * context by the model's window: a name they do not know is otherwise taken for one with another
   * window, and its sessions compact too late (the upstream refuses) or too early.
   */
  limits?: ModelLimits;
}

/** A model's context window and output limit, in tokens, where the catalog knows them. */
export interface ModelLimits {
  contextWindow?: number;
  maxOutput?: number;
}

/** One value written into a settings file. */
export interface Setting {
  path: SettingPath;
  value: unknown;
  /**
   * Where in `value` the client key is (`[]`: the value is the key). Read back on a second connect,
   * to keep using that key.
   */
  clientKey?: SettingPath;
}

/** A settings file of a tool and what connecting writes into it. */
export interface ToolFile {
  path: string;
  format: SettingsFormat;
  /** The text a file that does not exist yet starts from. */
  initial: string;
  settings: Setting[];
}

/** A coding tool Switchboard can point at the relay by writing its own settings files. */
export interface CodingTool {
  /** Stable id, used on the command line and as the name of the tool's client key. */
  id: string;
  displayName: string;
  /** The files it changes and what it writes in each. */
  files(place: ToolPlace, target: RelayTarget): ToolFile[];
  /** What the user should know once it is connected: where the tool may read other settings first. */
  notes(place: ToolPlace): string[];
}
