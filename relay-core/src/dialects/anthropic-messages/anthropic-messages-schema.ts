import { z } from 'zod';
import { isPlainObject } from '../../shared/is-plain-object.js';

// Tolerant by design: Claude Code and the SDKs add block types, tool types and fields every month.
// The schemas check only what the relay converts; unknown fields are valid and left out of the
// parsed result (zod's default), since an Anthropic upstream is sent the client's own body
// (canonical/client-body.ts). A block, tool or thinking of a type these do not know is kept as the
// client wrote it (parse-anthropic-request.ts decides what another upstream does with it).

/** A JSON object, taken as it is (a tool's input schema): checked, not copied key by key. */
export const jsonObject = z.custom<Record<string, unknown>>(isPlainObject, {
  message: 'Input should be a valid dictionary',
});

/**
 * The `type` of a block, tool or source, read before the schema of that type validates the rest
 * (the object itself is not copied: its other fields are read from it as the client wrote them).
 */
export const typeOf = z.object({ type: z.string() });

const items = z.array(z.unknown());

/** `cache_control` in any shape Anthropic may add (the canonical form keeps the ephemeral kind). */
const cacheControl = z.looseObject({ type: z.string(), ttl: z.string().optional() }).nullable().optional();

export const blockSchemas = {
  text: z.object({ text: z.string(), cache_control: cacheControl }),
  image: z.object({ source: jsonObject, cache_control: cacheControl }),
  document: z.object({
    source: jsonObject,
    title: z.string().nullable().optional(),
    context: z.string().nullable().optional(),
    cache_control: cacheControl,
  }),
  search_result: z.object({
    source: z.string(),
    title: z.string(),
    content: z.array(z.object({ type: z.literal('text'), text: z.string() })),
    cache_control: cacheControl,
  }),
  tool_use: z.object({ id: z.string().min(1), name: z.string().min(1), input: z.unknown() }),
  tool_result: z.object({
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), items]).optional(),
    is_error: z.boolean().optional(),
  }),
  thinking: z.object({ thinking: z.string(), signature: z.string().optional() }),
  redacted_thinking: z.object({ data: z.string() }),
  tool_reference: z.object({ tool_name: z.string() }),
};

export const imageSources = {
  base64: z.object({ media_type: z.string().min(1), data: z.string().min(1) }),
  url: z.object({ url: z.string().min(1) }),
};

export const documentSources = {
  text: z.object({ data: z.string() }),
  content: z.object({ content: z.union([z.string(), items]) }),
};

/** A tool the client runs, defined by its schema (Anthropic's `custom` tool, `type` optional). */
export const customTool = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: jsonObject,
  strict: z.boolean().optional(),
  cache_control: cacheControl,
});

/**
 * The top level of Anthropic's Messages request, as far as the relay converts it. Ranges follow
 * Anthropic's API: temperature 0–1, max_tokens required (not for count_tokens), a thinking budget
 * of at least 1024.
 */
export const messagesRequestSchema = z.object({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(z.object({ role: z.string(), content: z.union([z.string(), items]) })).min(1),
  system: z.union([z.string(), items]).optional(),
  tools: z.array(jsonObject).optional(),
  tool_choice: z
    .object({
      type: z.string(),
      name: z.string().min(1).optional(),
      disable_parallel_tool_use: z.boolean().optional(),
    })
    .optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  thinking: z.looseObject({ type: z.string() }).optional(),
  metadata: z.object({ user_id: z.string().nullable().optional() }).optional(),
});

/** The same for `/v1/messages/count_tokens`, which takes no max_tokens. */
export const countTokensRequestSchema = messagesRequestSchema.extend({
  max_tokens: z.number().int().positive().optional(),
});

export const enabledThinking = z.object({ budget_tokens: z.number().int().min(1024) });

export type MessagesRequestWire = z.infer<typeof countTokensRequestSchema>;
