import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const rectangle = {
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
};

/**
 * The desktop app's own settings (`desktop.json` in Electron's userData folder), apart from the
 * relay's config.yaml: they concern this machine's window, not the relay. (Launch at login lives
 * in the OS itself: launch-at-login.ts.)
 */
export const desktopSettingsSchema = z.object({
  /** Last size and position of the window, in screen coordinates, and whether it was maximized. */
  window: z.object({ ...rectangle, maximized: z.boolean() }).optional(),
  /** The answer to "import the provider keys found in environment variables?" (asked once). */
  envKeyImport: z.enum(['imported', 'declined']).optional(),
});

export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export interface SettingsFile {
  read(): DesktopSettings;
  /** Merges `change` into the file; written whole through a rename, so a crash leaves old or new. */
  update(change: Partial<DesktopSettings>): DesktopSettings;
}

/** Opens the settings file; a missing, unreadable or invalid file reads as defaults. */
export function openSettingsFile(path: string, log: (line: string) => void = console.error): SettingsFile {
  const read = (): DesktopSettings => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return {};
    }
    try {
      return desktopSettingsSchema.parse(JSON.parse(text));
    } catch (error) {
      log(
        `switchboard: ignoring ${path}, which is not valid (${error instanceof Error ? error.message : error})`,
      );
      return {};
    }
  };
  let current = read();
  return {
    read: () => current,
    update(change) {
      current = desktopSettingsSchema.parse({ ...current, ...change });
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(current, null, 2)}\n`);
      renameSync(temporary, path);
      return current;
    },
  };
}
