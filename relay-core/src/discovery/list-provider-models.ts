import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { ResolvedProvider } from '../providers/types.js';

/** One model a provider's own list names. */
export interface ListedModel {
  id: string;
  mode: 'chat' | 'embedding';
  /** The context window the list gives (LM Studio's `max_context_length`), when it gives one. */
  contextWindow?: number;
}

/** Where a model list lives and how to read it. */
interface ModelList {
  path: string;
  /** true: the path is at the server's root, not under the base URL's version (`/v1`). */
  atRoot?: boolean;
  auth?(key: string): Record<string, string>;
  headers?: Record<string, string>;
  field: 'data' | 'models';
  id: 'id' | 'name';
  /** Gemini names its models `models/gemini-…`. */
  prefix?: string;
}

const openAIList: ModelList = {
  path: '/models',
  auth: (key) => ({ authorization: `Bearer ${key}` }),
  field: 'data',
  id: 'id',
};

/** How each API family lists its models. */
const familyLists: Partial<Record<ResolvedProvider['preset']['adapter'], ModelList>> = {
  'openai-compatible': openAIList,
  anthropic: {
    path: '/models?limit=1000',
    headers: { 'anthropic-version': '2023-06-01' },
    auth: (key) => ({ 'x-api-key': key }),
    field: 'data',
    id: 'id',
  },
  gemini: {
    prefix: 'models/',
    path: '/models?pageSize=1000',
    auth: (key) => ({ 'x-goog-api-key': key }),
    field: 'models',
    id: 'name',
  },
};

/**
 * Local servers' own lists, tried before their OpenAI-compatible one: Ollama's `/api/tags` names
 * every pulled model (its `/v1/models` came later), LM Studio's `/api/v0/models` says which are
 * embedding models and their context window (older versions answer 404, then `/v1/models` serves).
 */
const nativeLists: Record<string, ModelList> = {
  ollama: { path: '/api/tags', atRoot: true, field: 'models', id: 'name' },
  lmstudio: { path: '/api/v0/models', atRoot: true, field: 'data', id: 'id' },
};

/** Ids in a provider's list that are not chat or embedding models (audio, images, moderation). */
const notText =
  /whisper|tts|dall-e|davinci-00|babbage|moderation|realtime|transcribe|audio|image|sora|veo|imagen/i;

/** A list that answered with something other than a model list; `status` 404 means "no such list". */
export class ModelListError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** How to ask: the connection pool, how long to wait, and a signal that stops the asking. */
export interface ListOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  signal?: AbortSignal;
}

function urlOf(provider: ResolvedProvider, list: ModelList): string {
  const base = provider.baseUrl.replace(/\/+$/, '');
  return `${list.atRoot ? base.replace(/\/v\d[\w.]*$/, '') : base}${list.path}`;
}

async function readList(
  provider: ResolvedProvider,
  list: ModelList,
  apiKey: string | undefined,
  options: ListOptions,
): Promise<ListedModel[]> {
  const reply = await request(urlOf(provider, list), {
    headers: { ...provider.headers, ...list.headers, ...(apiKey && list.auth ? list.auth(apiKey) : {}) },
    dispatcher: options.dispatcher,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: options.signal
      ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
      : AbortSignal.timeout(options.timeoutMs),
  });
  const text = await reply.body.text();
  if (reply.statusCode !== 200)
    throw new ModelListError(`${provider.id} answered ${reply.statusCode}`, reply.statusCode);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ModelListError(`${provider.id} did not answer JSON`);
  }
  const items = (body as Record<string, unknown> | null)?.[list.field];
  if (!Array.isArray(items))
    throw new ModelListError(`${provider.id}: its model list has no '${list.field}'`);
  return (items as Array<Record<string, unknown> | null>).flatMap((item) => {
    const raw = item?.[list.id];
    if (typeof raw !== 'string' || raw === '') return [];
    const id = list.prefix && raw.startsWith(list.prefix) ? raw.slice(list.prefix.length) : raw;
    if (notText.test(id)) return [];
    const type = typeof item?.type === 'string' ? item.type : '';
    const embedding = /embed/i.test(type) || /embed/i.test(id);
    const context = item?.max_context_length;
    return [
      {
        id,
        mode: embedding ? 'embedding' : 'chat',
        ...(typeof context === 'number' && context > 0 ? { contextWindow: context } : {}),
      } satisfies ListedModel,
    ];
  });
}

/**
 * The chat and embedding models a provider lists, by its own list or its API family's; undefined
 * when the family has no list the relay reads (Bedrock, Azure deployments). Throws when the server
 * does not answer within `timeoutMs` or answers with something other than a list.
 */
export async function listProviderModels(
  provider: ResolvedProvider,
  apiKey: string | undefined,
  options: ListOptions,
): Promise<ListedModel[] | undefined> {
  const native = nativeLists[provider.preset.id];
  const family = familyLists[provider.preset.adapter];
  if (native) {
    try {
      return await readList(provider, native, apiKey, options);
    } catch (error) {
      if (!(error instanceof ModelListError && error.status === 404) || !family) throw error;
    }
  }
  return family ? readList(provider, family, apiKey, options) : undefined;
}
