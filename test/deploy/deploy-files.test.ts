import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../relay-core/src/config/load-config.js';
import { relayNodeFlags } from '../../electron/main/relay-node-flags.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const dockerfile = read('deploy/Dockerfile');
const unit = read('deploy/switchboard-relay.service');

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Array<{ keyword: string; args: string }> {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of the last stage: what the image runs. */
function finalStage(text: string) {
  const all = instructions(text);
  const from = all.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return all.slice(from);
}

/** The value of `Key=` in the unit (the last one, as systemd reads it). */
function unitValue(key: string): string | undefined {
  return [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].at(-1)?.[1];
}

const serveArgs = ['serve', '--config', '/etc/switchboard/config.yaml', '--home', '/var/lib/switchboard'];

describe('deploy/Dockerfile', () => {
  it('has no problem dockerfile-utils finds, with every optional check an error', () => {
    const strict = ValidationSeverity.ERROR;
    const diagnostics = validate(dockerfile, {
      deprecatedMaintainer: strict,
      directiveCasing: strict,
      emptyContinuationLine: strict,
      instructionCasing: strict,
      instructionCmdMultiple: strict,
      instructionEntrypointMultiple: strict,
      instructionHealthcheckMultiple: strict,
      instructionJSONInSingleQuotes: strict,
      instructionWorkdirRelative: strict,
    });
    expect(diagnostics.map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds every stage from node:20-bookworm-slim, and builds with the script CI runs', () => {
    const stages = instructions(dockerfile).filter((instruction) => instruction.keyword === 'FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map((stage) => stage.args.split(/\s+AS\s+/i)[1]);
    for (const stage of stages) {
      const base = stage.args.split(/\s+/)[0]!;
      expect(base === 'node:20-bookworm-slim' || names.includes(base), stage.args).toBe(true);
    }
    const runs = instructions(dockerfile).filter((instruction) => instruction.keyword === 'RUN');
    expect(runs.map((run) => run.args)).toContain('scripts/build-server.sh');
    expect(read('.ci/run')).toMatch(/^\s*scripts\/build-server\.sh\s*$/m);
  });

  it('runs as a user other than root, with a HEALTHCHECK on /health and port 4141 exposed', () => {
    const stage = finalStage(dockerfile);
    const user = stage.filter((instruction) => instruction.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const health = stage.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(health).toMatch(/^(--\S+\s+)*CMD\s/);
    expect(health).toMatch(/http:\/\/127\.0\.0\.1:\$\{process\.env\.SWITCHBOARD_PORT \|\| 4141\}\/health/);
    expect(stage.find((instruction) => instruction.keyword === 'EXPOSE')?.args).toBe('4141');
  });

  it('runs the same command as npm run relay -- serve, with the relay node flags', () => {
    const cmd = finalStage(dockerfile).find((instruction) => instruction.keyword === 'CMD')?.args ?? '';
    expect(JSON.parse(cmd)).toEqual(['node', ...relayNodeFlags, 'dist/relay/cli.js', ...serveArgs]);
  });

  it('bakes no secret into the image through ENV or ARG', () => {
    const settings = instructions(dockerfile).filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG');
    // `NAME=value NAME2=value`, or the older `NAME value` with one name
    const names = settings.flatMap((setting) =>
      setting.args.includes('=')
        ? [...setting.args.matchAll(/(?:^|\s)([A-Za-z_]\w*)=/g)].map((match) => match[1]!)
        : [setting.args.split(/\s+/)[0]!],
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).not.toMatch(/KEY|TOKEN|SECRET|PASSWORD|PASSWD|_URL$|CREDENTIAL/i);
    // nor a credential in a URL anywhere in the file
    expect(dockerfile).not.toMatch(/[a-z]+:\/\/[^/\s:@]+:[^/\s@]+@/i);
  });
});

describe('deploy/switchboard-relay.service', () => {
  it('runs the serve command with the relay node flags, as its own user, restarted on failure', () => {
    expect(unitValue('ExecStart')).toBe(
      ['/usr/bin/node', ...relayNodeFlags, '/opt/switchboard/dist/relay/cli.js', ...serveArgs].join(' '),
    );
    expect(unitValue('User')).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(unitValue('User')).not.toBe('root');
    expect(unitValue('Restart')).toBe('on-failure');
    expect(unitValue('EnvironmentFile')).toBe('/etc/switchboard/switchboard.env');
  });

  it('is hardened, with the data folder the one place it may write', () => {
    expect(unitValue('NoNewPrivileges')).toBe('yes');
    expect(unitValue('ProtectSystem')).toBe('strict');
    expect(unitValue('ReadWritePaths')?.split(/\s+/)).toContain('/var/lib/switchboard');
    expect(unitValue('CapabilityBoundingSet')).toBe('');
  });

  it('documents every store and key variable it expects in the example environment file', () => {
    const example = read('deploy/switchboard.env.example');
    for (const name of ['SWITCHBOARD_DATABASE_URL', 'SWITCHBOARD_REDIS_URL', 'SWITCHBOARD_API_KEY'])
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

describe('the team server example config', () => {
  it('is a valid config that binds beyond loopback with expose_lan', () => {
    const config = parseConfig(read('deploy/config.example.yaml'), 'deploy/config.example.yaml');
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 4141, expose_lan: true });
  });
});

describe('the relay bundle the image runs', () => {
  it('imports at run time only packages the image installs (dependencies, not devDependencies)', async () => {
    const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    const installed = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    const result = await build({
      absWorkingDir: new URL('.', root).pathname,
      entryPoints: ['relay-core/src/cli.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imported = new Set(
      Object.values(result.metafile.inputs).flatMap((input) =>
        input.imports.filter((entry) => entry.external).map((entry) => entry.path),
      ),
    );
    const packageOf = (path: string) =>
      path
        .split('/')
        .slice(0, path.startsWith('@') ? 2 : 1)
        .join('/');
    const outside = [...imported]
      .filter((path) => !path.startsWith('node:') && !builtinModules.includes(path))
      .map(packageOf)
      .filter((name) => !installed.has(name));
    expect(imported.size).toBeGreaterThan(5);
    expect([...new Set(outside)]).toEqual([]);
  });
});
