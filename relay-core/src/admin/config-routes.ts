import { readFileSync } from 'node:fs';
import { isMap, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { AdminReply } from '../server/create-server.js';
import type { AdminRoute } from '../server/create-server.js';
import { RelayError } from '../canonical/errors.js';
import { ConfigError } from '../config/config-error.js';
import { encodeOpenAIError } from '../dialects/openai-chat/encode-openai-error.js';
import type { ConfigIssue } from '../config/config-error.js';
import { parseConfig } from '../config/load-config.js';
import { configSchema } from '../config/schema.js';
import { mergeIntoNode, mergeYamlList } from '../config/merge-yaml.js';
import { updateConfigFile, writeConfigText } from '../config/update-config.js';
import { providerPresets } from '../config/presets.js';
import type { AdminDeps } from './admin-deps.js';

/**
 * What a config edit answers: the new YAML, or (with HTTP 422) the problems that kept the file as
 * it was. `/admin/config/validate` answers either with 200: checking was what it was asked.
 */
export type ConfigEditResult = { ok: true; yaml: string } | { ok: false; issues: ConfigIssue[] };

function object(body: unknown, name: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new RelayError('BAD_REQUEST', `the body must be a JSON object with ${name}`);
  return body as Record<string, unknown>;
}

function text(value: unknown, param: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new RelayError('BAD_REQUEST', `${param} must be a non-empty string`, { param });
  return value.trim();
}

/**
 * A refused edit: HTTP 422 with the issues the UI's forms show, and the relay's usual error body
 * beside them for any other client of the admin API.
 */
export function refusedEdit(error: ConfigError): AdminReply {
  const relayError = new RelayError('CONFIG_INVALID', error.message, { status: 422 });
  return new AdminReply(422, { ok: false, issues: error.issues, ...encodeOpenAIError(relayError) });
}

/** A top-level sequence written in block style (the default file has `providers: []`). */
function blockSeq(document: Document, key: string) {
  if (!isSeq(document.get(key, true))) document.set(key, document.createNode([]));
  const seq = document.get(key, true);
  if (!isSeq(seq)) throw new RelayError('BAD_REQUEST', `${key} in config.yaml is not a list`);
  seq.flow = false;
  return seq;
}

/** The route strategies this build's config schema accepts (the form offers exactly these). */
export function routeStrategies(): string[] {
  return configSchema.shape.routes.unwrap().element.shape.strategy.unwrap().options;
}

/** The index of the list item whose `key` is `value`, or -1. */
function indexOf(document: Document, list: string, key: string, value: string): number {
  const seq = document.get(list, true);
  if (!isSeq(seq)) return -1;
  return seq.items.findIndex((item) => isMap(item) && item.get(key) === value);
}

/**
 * config.yaml as the UI edits it: read, validate, save routes, save the whole text, providers and
 * client limits. Every edit goes through the yaml Document API (comments stay), is validated
 * before it is written, and is applied to the running relay at once.
 */
export function createConfigRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const path = () => {
    if (!deps.configPath) throw new RelayError('NOT_FOUND', 'this relay has no config file to edit');
    return deps.configPath;
  };
  // a refused edit is an HTTP error (422), so a client that only reads the status sees it failed
  const edit = (change: () => void): ConfigEditResult | AdminReply => {
    try {
      change();
    } catch (error) {
      if (error instanceof ConfigError) return refusedEdit(error);
      throw error;
    }
    deps.reloadConfig?.();
    return { ok: true, yaml: readFileSync(path(), 'utf8') };
  };
  const update = (mutate: (document: Document) => void) => edit(() => updateConfigFile(path(), mutate));

  return {
    'GET /admin/config': () => {
      const yaml = readFileSync(path(), 'utf8');
      const config = parseConfig(yaml, path());
      return {
        path: path(),
        yaml,
        routes: config.routes,
        capture: config.history.capture,
        strategies: routeStrategies(),
        presets: Object.values(providerPresets).map((preset) => ({
          id: preset.id,
          displayName: preset.displayName,
          region: preset.region,
          baseUrl: preset.baseUrl,
          keyless: preset.keyless === true,
        })),
      };
    },
    'POST /admin/config/validate': (_url, body) => {
      const yaml = object(body, 'yaml').yaml;
      if (typeof yaml !== 'string')
        throw new RelayError('BAD_REQUEST', 'yaml must be a string', { param: 'yaml' });
      try {
        return { ok: true, routes: parseConfig(yaml, 'config.yaml').routes };
      } catch (error) {
        if (error instanceof ConfigError) return { ok: false, issues: error.issues };
        throw error;
      }
    },
    'POST /admin/config/yaml': (_url, body) => {
      const yaml = object(body, 'yaml').yaml;
      if (typeof yaml !== 'string')
        throw new RelayError('BAD_REQUEST', 'yaml must be a string', { param: 'yaml' });
      return edit(() => writeConfigText(path(), yaml));
    },
    'POST /admin/config/routes': (_url, body) => {
      const routes = object(body, 'routes').routes;
      if (!Array.isArray(routes))
        throw new RelayError('BAD_REQUEST', 'routes must be a list', { param: 'routes' });
      // routes edited in place: comments on routes and keys the user did not change stay
      return update((document) => mergeYamlList(document, 'routes', routes, 'name'));
    },
    'POST /admin/providers/add': (_url, body) => {
      const fields = object(body, 'id');
      const id = text(fields.id, 'id');
      // a provider of this run only (the demo's emulator) holds its id as firmly as config.yaml's
      const running = deps.runtime.providers.find((provider) => provider.id === id);
      return update((document) => {
        if (indexOf(document, 'providers', 'id', id) >= 0 || running)
          throw new ConfigError(path(), [
            {
              path: 'id',
              message:
                indexOf(document, 'providers', 'id', id) < 0 && running
                  ? `'${id}' is the id of ${running.preset.displayName ?? 'a provider'} in this run; choose another id`
                  : `a provider '${id}' already exists; choose another id`,
            },
          ]);
        const entry: Record<string, unknown> = { id };
        for (const key of ['preset', 'base_url', 'region'] as const) {
          if (typeof fields[key] === 'string' && fields[key].trim() !== '') entry[key] = fields[key].trim();
        }
        blockSeq(document, 'providers').items.push(document.createNode(entry));
      });
    },
    'POST /admin/providers/update': (_url, body) => {
      const fields = object(body, 'id');
      const id = text(fields.id, 'id');
      return update((document) => {
        const index = indexOf(document, 'providers', 'id', id);
        if (index < 0)
          throw new RelayError('NOT_FOUND', `no provider '${id}' in config.yaml`, { param: 'id' });
        for (const key of ['base_url', 'region'] as const) {
          if (!(key in fields)) continue;
          const value = typeof fields[key] === 'string' ? fields[key].trim() : '';
          if (value === '') document.deleteIn(['providers', index, key]);
          else document.setIn(['providers', index, key], value);
        }
      });
    },
    'POST /admin/providers/remove': (_url, body) => {
      const id = text(object(body, 'id').id, 'id');
      return update((document) => {
        const index = indexOf(document, 'providers', 'id', id);
        if (index < 0)
          throw new RelayError('NOT_FOUND', `no provider '${id}' in config.yaml`, { param: 'id' });
        document.deleteIn(['providers', index]);
      });
    },
    // the History page's capture settings: written under history.capture, checked by the schema
    'POST /admin/config/capture': (_url, body) => {
      const fields = object(body, 'enabled');
      const entry: Record<string, unknown> = {};
      for (const key of ['enabled', 'max_bytes', 'retention_days', 'redact'] as const)
        if (fields[key] !== undefined) entry[key] = fields[key];
      return update((document) => {
        if (!isMap(document.get('history', true))) document.set('history', document.createNode({}));
        const current = document.getIn(['history', 'capture'], true);
        document.setIn(
          ['history', 'capture'],
          isMap(current) ? mergeIntoNode(document, current, entry) : document.createNode(entry),
        );
      });
    },
    'POST /admin/clients/limits': (_url, body) => {
      const fields = object(body, 'name');
      const name = text(fields.name, 'name');
      const entry: Record<string, unknown> = { name };
      for (const key of ['requests_per_minute', 'spend_per_day_usd', 'spend_per_month_usd'] as const) {
        if (typeof fields[key] === 'number') entry[key] = fields[key];
      }
      if (Array.isArray(fields.models) && fields.models.length > 0) entry.models = fields.models;
      return update((document) => {
        const index = indexOf(document, 'clients', 'name', name);
        const seq = blockSeq(document, 'clients');
        const limited = Object.keys(entry).length > 1;
        // edited where it is (its comments stay), removed without limits, else added
        if (index >= 0 && limited) seq.items[index] = mergeIntoNode(document, seq.items[index], entry);
        else if (index >= 0) seq.items.splice(index, 1);
        else if (limited) seq.items.push(document.createNode(entry));
      });
    },
  };
}
