import { z } from 'zod';

const inputText = z.object({ type: z.enum(['input_text', 'output_text']), text: z.string() }).loose();
/** An earlier answer's refusal, as it comes back in an assistant message. */
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() }).loose();
const inputImage = z
  .object({
    type: z.literal('input_image'),
    image_url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  })
  .loose();
const messageItem = z
  .object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(z.union([inputText, inputImage, refusal]))]),
  })
  .loose();
const functionCall = z
  .object({
    type: z.literal('function_call'),
    call_id: z.string().min(1),
    name: z.string().min(1),
    arguments: z.string(),
  })
  .loose();
const functionOutput = z
  .object({
    type: z.literal('function_call_output'),
    call_id: z.string().min(1),
    output: z.union([z.string(), z.array(inputText)]),
  })
  .loose();
const reasoning = z
  .object({
    type: z.literal('reasoning'),
    summary: z.array(z.object({ text: z.string() }).loose()).optional(),
    encrypted_content: z.string().nullable().optional(),
  })
  .loose();

export const responsesItem = z.union([functionCall, functionOutput, reasoning, messageItem]);

/** The part of the Responses API `CreateResponse` body the relay understands (what Codex CLI sends). */
export const responsesRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(responsesItem)]),
    instructions: z.string().nullable().optional(),
    tools: z
      .array(
        z
          .object({
            type: z.literal('function', { error: 'only function tools are supported by the relay' }),
            name: z.string().min(1),
            description: z.string().nullable().optional(),
            parameters: z.record(z.string(), z.unknown()).nullable().optional(),
            strict: z.boolean().nullable().optional(),
          })
          .loose(),
      )
      .optional(),
    tool_choice: z
      .union([
        z.enum(['auto', 'none', 'required']),
        z.object({ type: z.literal('function'), name: z.string().min(1) }).loose(),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    max_output_tokens: z.number().int().positive().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    reasoning: z
      .object({ effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullable().optional() })
      .loose()
      .nullable()
      .optional(),
    text: z
      .object({
        format: z
          .discriminatedUnion('type', [
            z.object({ type: z.literal('text') }).loose(),
            z.object({ type: z.literal('json_object') }).loose(),
            z
              .object({
                type: z.literal('json_schema'),
                name: z.string().min(1),
                schema: z.record(z.string(), z.unknown()),
                strict: z.boolean().nullable().optional(),
              })
              .loose(),
          ])
          .optional(),
      })
      .loose()
      .optional(),
    stream: z.boolean().nullable().optional(),
    store: z.boolean().nullable().optional(),
    previous_response_id: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
    user: z.string().optional(),
    /** Extra output to include; the relay acts on `message.output_text.logprobs`. */
    include: z.array(z.string()).nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  })
  .loose();

export type ResponsesRequestWire = z.infer<typeof responsesRequestSchema>;
export type ResponsesItemWire = z.infer<typeof responsesItem>;
