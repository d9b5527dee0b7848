import type { SettingPath } from '../settings-path.js';

/** How to read one file format and change a setting in it, keeping everything else as written. */
export interface SettingsFormat {
  /** For messages: `JSON`, `YAML`, `TOML`, `.env`. */
  name: string;
  /** The document's settings as plain data (blank text is an empty document); throws on invalid text. */
  parse(text: string): unknown;
  /**
   * `text` with `value` at `path` (undefined removes it). Comments, order, layout and every other
   * setting stay as the user wrote them, so that the change reads as one in a diff.
   */
  edit(text: string, path: SettingPath, value: unknown): string;
}
