import { z } from 'zod';
import { isPlainObject } from '../../shared/is-plain-object.js';

// Unknown fields are valid and left out of the parsed result (zod's default): the canonical request
// takes only what it models, and an Anthropic upstream is sent the client's own body
// (canonical/client-body.ts). Copying them as well doubled the validation's cost on long requests.

/** A JSON object, taken as it is (a tool's input schema): checked, not copied key by key. */
const jsonObject = z.custom<Record<string, unknown>>(isPlainObject, { message: 'expected an object' });

const cacheControl = z.object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });
const text = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl.nullable().optional(),
});
const image = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
    z.object({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
  cache_control: cacheControl.nullable().optional(),
});
const toolUse = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
});
const toolResult = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.union([text, image]))]).optional(),
  is_error: z.boolean().optional(),
});
const thinking = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});
const redacted = z.object({ type: z.literal('redacted_thinking'), data: z.string() });
const block = z.discriminatedUnion('type', [text, image, toolUse, toolResult, thinking, redacted]);

const tool = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: jsonObject,
  cache_control: cacheControl.nullable().optional(),
});

/**
 * The part of Anthropic's Messages request the relay understands (what Claude Code sends).
 * Ranges follow Anthropic's API: temperature 0–1, max_tokens required.
 */
export const messagesRequestSchema = z.object({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(block)]) }))
    .min(1),
  system: z.union([z.string(), z.array(text)]).optional(),
  tools: z.array(tool).optional(),
  tool_choice: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
      z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
      z.object({ type: z.literal('none') }),
      z.object({
        type: z.literal('tool'),
        name: z.string().min(1),
        disable_parallel_tool_use: z.boolean().optional(),
      }),
    ])
    .optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  thinking: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024) }),
      z.object({ type: z.literal('disabled') }),
      z.object({ type: z.literal('adaptive') }),
    ])
    .optional(),
  metadata: z.object({ user_id: z.string().nullable().optional() }).optional(),
});

export type MessagesRequestWire = z.infer<typeof messagesRequestSchema>;
