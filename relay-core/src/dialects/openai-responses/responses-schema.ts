import { z } from 'zod';

const object = z.record(z.string(), z.unknown());

/**
 * The top-level fields of a Responses `CreateResponse` body the relay reads. Input items, tools and
 * the text format are checked one by one (read-responses-items.ts, read-responses-tools.ts), so an
 * item or tool of a type newer than the relay is kept rather than refused; every field not named
 * here is kept as the client sent it (`responsesFields`).
 */
export const responsesRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(object)]),
    instructions: z.string().nullable().optional(),
    tools: z.array(object).nullable().optional(),
    tool_choice: z.union([z.string(), object]).nullable().optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    max_output_tokens: z.number().int().positive().nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    // an effort newer than the relay's list is kept for a Responses upstream
    reasoning: z.object({ effort: z.string().nullable().optional() }).loose().nullable().optional(),
    text: z.object({ format: object.nullable().optional() }).loose().nullable().optional(),
    stream: z.boolean().nullable().optional(),
    store: z.boolean().nullable().optional(),
    background: z.boolean().nullable().optional(),
    previous_response_id: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
    user: z.string().nullable().optional(),
    /** Extra output to include; the relay acts on `message.output_text.logprobs`. */
    include: z.array(z.string()).nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  })
  .loose();

export type ResponsesRequestWire = z.infer<typeof responsesRequestSchema>;

/** Fields the relay builds a Responses upstream's body from itself, never kept as sent. */
export const rebuiltFields = [
  'model',
  'input',
  'instructions',
  'tools',
  'stream',
  'store',
  'previous_response_id',
] as const;

export const textFormats = {
  text: z.object({ type: z.literal('text') }).loose(),
  json_object: z.object({ type: z.literal('json_object') }).loose(),
  json_schema: z
    .object({
      type: z.literal('json_schema'),
      name: z.string().min(1),
      schema: object,
      strict: z.boolean().nullable().optional(),
      description: z.string().nullable().optional(),
    })
    .loose(),
};

const text = z.string();

/** Input items of the types the relay models; any other type is kept as it came. */
export const itemSchemas = {
  message: z
    .object({
      role: z.string(),
      content: z.union([text, z.array(object)]),
    })
    .loose(),
  function_call: z
    .object({
      call_id: z.string().min(1),
      name: z.string().min(1),
      arguments: text,
      namespace: z.string().nullable().optional(),
    })
    .loose(),
  function_call_output: z
    .object({ call_id: z.string().min(1), output: z.union([text, z.array(object)]) })
    .loose(),
  custom_tool_call: z
    .object({
      call_id: z.string().min(1),
      name: z.string().min(1),
      input: text,
      namespace: z.string().nullable().optional(),
    })
    .loose(),
  custom_tool_call_output: z
    .object({ call_id: z.string().min(1), output: z.union([text, z.array(object)]) })
    .loose(),
  reasoning: z
    .object({
      summary: z.array(z.object({ text }).loose()).nullable().optional(),
      encrypted_content: z.string().nullable().optional(),
    })
    .loose(),
  local_shell_call: z.object({ call_id: z.string().nullable().optional(), action: object }).loose(),
  local_shell_call_output: z
    .object({ call_id: z.string().nullable().optional(), output: z.union([text, z.array(object)]) })
    .loose(),
};

/** A message's content parts the relay models. */
export const contentSchemas = {
  text: z.object({ text }).loose(),
  refusal: z.object({ refusal: text }).loose(),
  input_image: z
    .object({
      image_url: z.string().min(1).nullable().optional(),
      detail: z.enum(['auto', 'low', 'high']).nullable().optional(),
    })
    .loose(),
};

/** Tools of the types the relay models. */
export const toolSchemas = {
  function: z
    .object({
      name: z.string().min(1),
      description: z.string().nullable().optional(),
      parameters: object.nullable().optional(),
      strict: z.boolean().nullable().optional(),
    })
    .loose(),
  custom: z
    .object({
      name: z.string().min(1),
      description: z.string().nullable().optional(),
      format: object.nullable().optional(),
    })
    .loose(),
  namespace: z
    .object({
      name: z.string().min(1),
      description: z.string().nullable().optional(),
      tools: z.array(object),
    })
    .loose(),
};
