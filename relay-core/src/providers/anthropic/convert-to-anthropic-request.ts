import { RelayError } from '../../canonical/errors.js';
import { groupTurns } from '../shared/group-turns.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { rejectUnsupported } from '../shared/reject-unsupported.js';
import { fitThinking } from './fit-thinking.js';
import { isWebSearch, offeredTools } from '../shared/offered-tools.js';
import type { CanonicalRequest, ContentPart, ImagePart, TextPart } from '../../canonical/types.js';

type Block = Record<string, unknown>;

/** Anthropic requires max_tokens; this applies when the client did not say. */
export const defaultAnthropicMaxTokens = 8192;

function cache(part: { cacheControl?: TextPart['cacheControl'] }): Block {
  return part.cacheControl ? { cache_control: part.cacheControl } : {};
}

function imageBlock(part: ImagePart): Block {
  const source =
    part.source.kind === 'url'
      ? { type: 'url', url: part.source.url }
      : { type: 'base64', media_type: part.source.mediaType, data: part.source.data };
  return { type: 'image', source, ...cache(part) };
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RelayError('BAD_REQUEST', 'tool call arguments must be valid JSON to be sent to Anthropic', {
      param,
    });
  }
}

function convertPart(part: ContentPart, provider: string, param: string): Block[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ type: 'text', text: part.text, ...cache(part) }];
    case 'image':
      return [imageBlock(part)];
    case 'reasoning':
      // signatures are only valid at the provider that issued them; elsewhere thinking is dropped
      if (part.provider !== undefined && part.provider !== provider) return [];
      if (part.redacted) return part.data ? [{ type: 'redacted_thinking', data: part.data }] : [];
      return part.signature ? [{ type: 'thinking', thinking: part.text, signature: part.signature }] : [];
    case 'tool_call':
      return [
        { type: 'tool_use', id: part.id, name: part.name, input: parseArguments(part.arguments, param) },
      ];
    case 'native':
      // what only an OpenAI dialect reads (rejectUnsupported refused it when it was essential)
      return [];
    case 'tool_result':
      return [
        {
          type: 'tool_result',
          tool_use_id: part.toolCallId,
          content: part.content.map((inner) =>
            inner.type === 'text' ? { type: 'text', text: inner.text } : imageBlock(inner),
          ),
          ...(part.isError ? { is_error: true } : {}),
        },
      ];
  }
}

/**
 * Anthropic's web search server tool for an OpenAI `web_search` tool: its domain filter and the
 * user's approximate location carry over; Anthropic runs the searches and the answer's text (with
 * its citations) comes back as any answer does.
 */
function anthropicWebSearch(tool: Record<string, unknown> | undefined): Block {
  const filters = isPlainObject(tool?.filters) ? tool.filters : {};
  const location = isPlainObject(tool?.user_location) ? tool.user_location : undefined;
  const place = location
    ? Object.fromEntries(
        ['city', 'region', 'country', 'timezone'].flatMap((key) =>
          typeof location[key] === 'string' ? [[key, location[key]]] : [],
        ),
      )
    : {};
  return {
    type: 'web_search_20250305',
    name: 'web_search',
    ...(Array.isArray(filters.allowed_domains) ? { allowed_domains: filters.allowed_domains } : {}),
    ...(Object.keys(place).length > 0 ? { user_location: { type: 'approximate', ...place } } : {}),
  };
}

/**
 * Builds an Anthropic Messages body: system prompts lifted to `system`, tool results sent as user
 * turns, consecutive same-role turns merged (the API wants alternation), thinking blocks with
 * their signatures kept for the next turn.
 */
export function convertToAnthropicRequest(
  request: CanonicalRequest,
  model: string,
  provider: string,
): Record<string, unknown> {
  rejectUnsupported(request, 'Anthropic', { unmodeled: true });
  const { system, turns: messages } = groupTurns<Block>(
    request,
    (part, param) => convertPart(part, provider, param),
    (text) => ({ type: 'text', text }),
  );
  if (request.temperature !== undefined && request.temperature > 1) {
    throw new RelayError('BAD_REQUEST', 'Anthropic accepts temperature from 0 to 1', {
      param: 'temperature',
    });
  }
  if (request.responseFormat?.type === 'json_object') {
    throw new RelayError(
      'BAD_REQUEST',
      "response_format 'json_object' is not supported by Anthropic upstreams; send a json_schema",
      {
        param: 'response_format',
      },
    );
  }
  const body: Record<string, unknown> = {
    // an Anthropic client's fields the canonical form does not carry (converted when its tool ids
    // had to be restored): Anthropic is sent them as they came
    ...request.unmodeled,
    model,
    max_tokens: request.maxOutputTokens ?? defaultAnthropicMaxTokens,
    messages,
  };
  // structured output, unless the client asked for it in the beta's older field
  if (request.responseFormat?.type === 'json_schema' && !request.unmodeled?.output_format) {
    const config = body.output_config;
    body.output_config = {
      ...(isPlainObject(config) ? config : {}),
      format: { type: 'json_schema', schema: request.responseFormat.schema },
    };
  }
  if (system.length > 0) body.system = system;
  if (request.stream) body.stream = true;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  // an OpenAI client's web search runs as Anthropic's own, unless a function takes its name
  const searchFree = !request.tools?.some((tool) => tool.name === 'web_search' && tool.kind !== 'hosted');
  const tools = offeredTools(request, 'Anthropic', (tool) => searchFree && isWebSearch(tool));
  if (tools.length > 0) {
    body.tools = tools.map((tool) =>
      tool.kind === 'hosted'
        ? anthropicWebSearch(tool.responsesTool)
        : {
            name: tool.name,
            ...(tool.description === undefined ? {} : { description: tool.description }),
            input_schema: tool.parameters,
            ...cache(tool),
          },
    );
  }
  const choice = request.toolChoice;
  const disableParallel = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice !== undefined) {
    body.tool_choice =
      typeof choice === 'object'
        ? { type: 'tool', name: choice.name, ...disableParallel }
        : { type: choice === 'required' ? 'any' : choice, ...(choice === 'none' ? {} : disableParallel) };
  } else if (request.parallelToolCalls === false && request.tools?.length) {
    body.tool_choice = { type: 'auto', ...disableParallel };
  }
  // the reasoning was fitted to the model (pipeline/fit-request.ts): a budget for models before
  // adaptive thinking, an effort level (with adaptive thinking unless a budget is given) after
  const { budgetTokens: budget = 0, effort = 'none' } = request.reasoning ?? {};
  if (budget > 0) {
    body.thinking = { type: 'enabled', budget_tokens: budget };
    if ((body.max_tokens as number) <= budget) body.max_tokens = budget + defaultAnthropicMaxTokens;
  } else if (effort !== 'none') body.thinking = { type: 'adaptive' };
  if (effort !== 'none') {
    const config = body.output_config;
    body.output_config = { ...(isPlainObject(config) ? config : {}), effort };
  }
  // reasoning another provider wrote was left out above: a tool loop may have lost its thinking
  fitThinking(body);
  return body;
}
