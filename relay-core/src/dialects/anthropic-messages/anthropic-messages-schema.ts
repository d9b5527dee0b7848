import { z } from 'zod';

const cacheControl = z.object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() }).loose();
const text = z
  .object({ type: z.literal('text'), text: z.string(), cache_control: cacheControl.nullable().optional() })
  .loose();
const image = z
  .object({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }).loose(),
      z.object({ type: z.literal('url'), url: z.string().min(1) }).loose(),
    ]),
    cache_control: cacheControl.nullable().optional(),
  })
  .loose();
const toolUse = z
  .object({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string().min(1), input: z.unknown() })
  .loose();
const toolResult = z
  .object({
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(z.union([text, image]))]).optional(),
    is_error: z.boolean().optional(),
  })
  .loose();
const thinking = z
  .object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() })
  .loose();
const redacted = z.object({ type: z.literal('redacted_thinking'), data: z.string() }).loose();
const block = z.discriminatedUnion('type', [text, image, toolUse, toolResult, thinking, redacted]);

const tool = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()),
    cache_control: cacheControl.nullable().optional(),
  })
  .loose();

/**
 * The part of Anthropic's Messages request the relay understands (what Claude Code sends).
 * Ranges follow Anthropic's API: temperature 0–1, max_tokens required.
 */
export const messagesRequestSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().positive(),
    messages: z
      .array(
        z
          .object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(block)]) })
          .loose(),
      )
      .min(1),
    system: z.union([z.string(), z.array(text)]).optional(),
    tools: z.array(tool).optional(),
    tool_choice: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }).loose(),
        z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }).loose(),
        z.object({ type: z.literal('none') }).loose(),
        z
          .object({
            type: z.literal('tool'),
            name: z.string().min(1),
            disable_parallel_tool_use: z.boolean().optional(),
          })
          .loose(),
      ])
      .optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    stop_sequences: z.array(z.string()).optional(),
    stream: z.boolean().optional(),
    thinking: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024) }).loose(),
        z.object({ type: z.literal('disabled') }).loose(),
        z.object({ type: z.literal('adaptive') }).loose(),
      ])
      .optional(),
    metadata: z.object({ user_id: z.string().nullable().optional() }).loose().optional(),
  })
  .loose();

export type MessagesRequestWire = z.infer<typeof messagesRequestSchema>;
