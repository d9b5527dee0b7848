import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

/**
 * electron-builder's own JSON schema for its configuration, from the installed app-builder-lib
 * (a dependency of electron-builder), the same file electron-builder validates against.
 */
function findBuilderSchema(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('app-builder-lib/scheme.json');
  } catch {
    // an `exports` map may hide the file from resolve; it still lies in the package folder
    const beside = join(root, 'node_modules', 'app-builder-lib', 'scheme.json');
    return existsSync(beside) ? beside : undefined;
  }
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's configuration schema", () => {
    const schemaPath = findBuilderSchema();
    expect(
      schemaPath,
      'electron-builder is not installed, so its schema (app-builder-lib/scheme.json) is missing: ' +
        'add it with `npm install --save-dev electron-builder` (it also runs `npm run dist`)',
    ).toBeDefined();
    const schema = JSON.parse(readFileSync(schemaPath!, 'utf8')) as object;
    // the schema carries electron-builder's own annotations (e.g. `typeof`), which strict mode rejects
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // and the check has teeth: a misspelled fuse or option is refused
    const fuses = config.electronFuses as object;
    expect(validate({ ...config, electronFuses: { ...fuses, runAsnode: false } })).toBe(false);
    expect(validate({ ...config, asarUnpak: config.asarUnpack })).toBe(false);
  });

  it('flips the hardening fuses: no run-as-node, NODE_OPTIONS or inspect; only an intact app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('builds a dmg and zip, an NSIS installer, an AppImage and a deb, with the icon from resources/', () => {
    const targets = (os: string) => (config[os] as { target: string[] }).target;
    expect(targets('mac')).toEqual(['dmg', 'zip']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(config.appId).toBe('dev.switchboard.app');
    for (const os of ['mac', 'win', 'linux']) {
      const icon = (config[os] as { icon: string }).icon;
      expect(icon.startsWith('resources/')).toBe(true);
      const png = readFileSync(join(root, icon));
      // macOS needs at least 512×512; the PNG header holds width and height at bytes 16 and 20
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    }
  });

  it('rebuilds the native modules for Electron and keeps them out of the asar', () => {
    expect(config.npmRebuild).toBe(true);
    const unpacked = config.asarUnpack as string[];
    for (const native of ['better-sqlite3', 'keytar', 'sqlite-vec']) {
      expect(unpacked.some((pattern) => pattern.includes(`node_modules/${native}`))).toBe(true);
    }
  });

  it('packages what the bundler writes, and `npm run dist` runs both', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'resources/**', 'package.json']));
    // Electron's npm package (an optionalDependency) is not shipped inside the app it runs
    expect(config.files).toContain('!**/node_modules/electron/**');
    expect(packageJson.scripts.dist).toBe('node scripts/dist.mjs');
    const dist = readFileSync(join(root, 'scripts', 'dist.mjs'), 'utf8');
    expect(dist).toContain("'--build-only'");
    expect(dist).toContain('electron-builder');
  });
});
