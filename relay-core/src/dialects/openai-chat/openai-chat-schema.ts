import { z } from 'zod';

const text = z.object({ type: z.literal('text'), text: z.string() }).loose();
const image = z
  .object({
    type: z.literal('image_url'),
    image_url: z.union([
      z.string(),
      z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }).loose(),
    ]),
  })
  .loose();
const otherPart = z.object({ type: z.string() }).loose();
const contentParts = z.array(z.union([text, image, otherPart]));
const content = z.union([z.string(), contentParts]);

const toolCall = z.union([
  z
    .object({
      id: z.string(),
      type: z.literal('function').optional(),
      function: z.object({ name: z.string().min(1), arguments: z.string() }).loose(),
    })
    .loose(),
  z
    .object({
      id: z.string(),
      type: z.literal('custom'),
      custom: z.object({ name: z.string().min(1), input: z.string() }).loose(),
    })
    .loose(),
]);

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }).loose(),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: content.nullable().optional(),
      name: z.string().optional(),
      tool_calls: z.array(toolCall).optional(),
      refusal: z.string().nullable().optional(),
      reasoning_content: z.string().nullable().optional(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string().min(1) }).loose(),
]);

const toolName = z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, _ or -');

/** Tools of the types the relay models; any other type is kept as it came (a hosted tool). */
export const chatToolSchemas = {
  function: z
    .object({
      type: z.literal('function'),
      function: z
        .object({
          name: toolName,
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        })
        .loose(),
    })
    .loose(),
  custom: z
    .object({
      type: z.literal('custom'),
      custom: z
        .object({
          name: toolName,
          description: z.string().optional(),
          format: z.record(z.string(), z.unknown()).optional(),
        })
        .loose(),
    })
    .loose(),
};

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().min(1),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        })
        .loose(),
    })
    .loose(),
]);

/**
 * The subset of OpenAI's `CreateChatCompletionRequest` the relay understands. Unknown fields are
 * kept (`.loose()`) and passed through to OpenAI-compatible upstreams. Ranges follow the spec so
 * an out-of-range value gets a 400 naming the parameter instead of a silent clamp.
 */
export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    // each tool and a tool_choice object are read by their type (parse-openai-chat-request.ts)
    tools: z.array(z.object({ type: z.string() }).loose()).optional(),
    tool_choice: z
      .union([z.enum(['none', 'auto', 'required']), z.object({ type: z.string() }).loose()])
      .optional(),
    parallel_tool_calls: z.boolean().optional(),
    max_tokens: z.number().int().positive().nullable().optional(),
    max_completion_tokens: z.number().int().positive().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    n: z.number().int().min(1).max(1, 'the relay supports n=1 only').nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)])
      .nullable()
      .optional(),
    seed: z.number().int().nullable().optional(),
    response_format: responseFormat.optional(),
    reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullable().optional(),
    user: z.string().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
  })
  .loose();

export type ChatCompletionRequestWire = z.infer<typeof chatCompletionRequestSchema>;
