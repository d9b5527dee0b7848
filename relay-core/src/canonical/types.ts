/**
 * The canonical shape: one internal request / response / stream-event model that every inbound
 * dialect converts to and every provider adapter converts from. N dialects × M providers cost
 * N + M converters because nothing translates dialect-to-provider directly.
 *
 * Token conventions (OpenAI's, because they add up): `inputTokens` counts every prompt token,
 * including cache reads and cache writes; `outputTokens` counts every generated token, including
 * reasoning. The cache, reasoning and modality counts are parts of them, each present only when
 * known (`Usage`).
 */

/** Who wrote a message. System and developer prompts both map to `system`. */
export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** Anthropic-style prompt-cache breakpoint; other providers ignore it. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/**
 * An OpenAI Responses item (input or output) as the client or a Responses upstream wrote it. Kept
 * beside the part read from it so a Responses upstream or client gets it back as it was: its ids,
 * encrypted reasoning, namespace, annotations and fields added after the relay was written.
 */
export type ResponsesItem = Record<string, unknown>;

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
  /** An answer's refusal (OpenAI's `refusal`); dialects without one show it as text. */
  refusal?: boolean;
  /** In an answer from a Responses upstream: the `message` item this text came in. */
  responsesItem?: ResponsesItem;
}

export type ImageSource = { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  /** OpenAI's detail hint. */
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

/**
 * Model reasoning ("thinking"). `signature` (Anthropic), a tool call's `providerData` (Gemini's
 * thoughtSignature) or `responsesItem` (OpenAI's encrypted reasoning) must be sent back unchanged
 * on the next turn to the same provider. A redacted block carries only opaque `data`.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redacted?: boolean;
  data?: string;
  /**
   * The provider whose signature (or redacted data) this is, when it is valid only there (Claude on
   * Bedrock). Absent for the Anthropic Messages API's own signatures, which any Anthropic upstream
   * takes, and for reasoning without one.
   */
  provider?: string;
  /** The Responses `reasoning` item it was read from (its `encrypted_content`). */
  responsesItem?: ResponsesItem;
}

/** A call the model asks the client to run. `arguments` is the exact JSON text the model wrote. */
export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  arguments: string;
  /** Opaque per-call data a provider needs back (Gemini's thoughtSignature). */
  providerData?: Record<string, unknown>;
  /** The Responses `function_call` / `custom_tool_call` item it was read from. */
  responsesItem?: ResponsesItem;
}

/** The client's answer to a tool call. */
export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
  /** The Responses `function_call_output` / `custom_tool_call_output` item it was read from. */
  responsesItem?: ResponsesItem;
}

/**
 * Something a client or upstream said in an OpenAI dialect that the canonical form does not model,
 * kept as it came: a Responses item (`web_search_call`, `compaction`, a type newer than the relay)
 * or a message's content part (`input_audio`, `input_file`). A provider of that dialect is sent it
 * as it is, one of the other OpenAI dialect gets it where the shapes match, and every other leaves
 * it out, or refuses the request when it is `essential`.
 */
export interface NativePart {
  type: 'native';
  dialect: 'openai-chat' | 'openai-responses';
  /** A whole Responses item, rather than a content part of a message. */
  item?: boolean;
  value: Record<string, unknown>;
  /**
   * Set when leaving it out would change the answer (a user's file, a compacted history only
   * OpenAI can read): a provider that cannot read it refuses the request, naming where the client
   * put it and what it was (`input[3].type`, `compaction`).
   */
  essential?: { param: string; value: string };
}

export type ContentPart = TextPart | ImagePart | ReasoningPart | ToolCallPart | ToolResultPart | NativePart;

export interface CanonicalMessage {
  role: Role;
  content: ContentPart[];
  /** OpenAI's optional participant name. */
  name?: string;
  /** The Responses `message` item it was read from (its text and image parts stand for it). */
  responsesItem?: ResponsesItem;
  /**
   * The Chat Completions message it was read from: an OpenAI-compatible upstream is sent the
   * fields the relay does not model as they came.
   */
  chatMessage?: Record<string, unknown>;
}

/**
 * A tool the model may call. `parameters` is a JSON Schema object. A plain function unless `kind`
 * says otherwise: a `custom` tool takes free text, and every provider without custom tools is
 * offered a function whose one string parameter, `input`, holds it (calls carry
 * `{"input": text}` as their arguments); a `hosted` tool runs at the provider (web search, file
 * search, MCP, …) or is of a type the relay does not model, and a provider that cannot run it
 * leaves it out (providers/shared/offered-tools.ts).
 */
export interface CanonicalTool {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: CacheControl;
  kind?: 'custom' | 'hosted';
  /**
   * A member of a Responses `namespace` tool: its namespace and its own name (`member`). `name`
   * is then the flat name every provider accepts (Codex's `namespace__member`), and calls to it
   * are answered to a Responses client in the namespaced form.
   */
  namespace?: { name: string; description?: string; member: string };
  /** The tool as a Responses client sent it (a namespace's member, for a member). */
  responsesTool?: Record<string, unknown>;
  /** The tool as a Chat Completions client sent it, when it is not a function. */
  chatTool?: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      strict?: boolean;
      description?: string;
    };

/**
 * How hard a model should think, lowest to highest. `none` turns thinking off where a model can;
 * `max` is Anthropic's level above `xhigh`. Each request is fitted to the levels its target takes
 * (pipeline/fit-request-levels.ts).
 */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** Every effort the canonical form carries (a client's word for one above `max` is carried as `max`). */
export const reasoningEfforts: readonly string[] = [
  'none',
  'minimal',
  'low',
  'medium',
  'high',
  'xhigh',
  'max',
];

/**
 * Efforts some OpenAI models take above `max` (Codex lists them): the canonical form carries them
 * as `max`, and a Responses upstream is sent the client's own word.
 */
export const effortsAboveMax: readonly string[] = ['ultra'];

export interface ReasoningRequest {
  effort?: ReasoningEffort;
  /** Explicit thinking budget (Anthropic, Gemini). */
  budgetTokens?: number;
  /**
   * The client asked in a form the relay does not model (a thinking type newer than it): an
   * upstream of the client's own dialect is sent that form as written, any other this effort.
   */
  unmodeledForm?: true;
}

/** The dialect a client spoke; errors and output are encoded back in it. */
export type Dialect = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini-api' | 'embeddings';

/**
 * What a Gemini client's request says that the canonical form does not model. A Gemini upstream
 * is sent all of it (in the client's own body, or merged into a converted one); any other upstream
 * refuses the request for the first thing in `refused` and leaves the rest out (DESIGN.md §3).
 */
export interface GeminiUnmodeled {
  /**
   * Top-level fields (`cachedContent`, `safetySettings`, …), and under `generationConfig` and
   * `toolConfig` their fields the canonical form does not carry, as the client sent them.
   */
  fields: Record<string, unknown>;
  /** Tools other than function declarations (`googleSearch`, `codeExecution`, …), as sent. */
  tools: Array<Record<string, unknown>>;
  /** Parts the canonical messages cannot hold (a PDF's `inlineData`, a Files API URI), by place. */
  parts: Array<{ param: string; part: Record<string, unknown> }>;
  /** What of the above changes the answer, so that no other upstream may serve the request. */
  refused: Array<{ param: string; reason: string }>;
}

export interface CanonicalRequest {
  /** The model (or route) name exactly as the client asked for it. */
  model: string;
  messages: CanonicalMessage[];
  tools?: CanonicalTool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  /** Sample from the K most likely tokens only (Gemini's `topK`, Anthropic's `top_k`). */
  topK?: number;
  stop?: string[];
  seed?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningRequest;
  stream: boolean;
  /** Client asked for usage at the end of a stream (`stream_options.include_usage`). */
  includeUsage: boolean;
  /** End-user id for abuse tracking (OpenAI `user`). */
  user?: string;
  metadata?: Record<string, string>;
  /**
   * An OpenAI Responses client's top-level fields as it sent them, but its input and tools: a
   * Responses upstream is sent those the canonical form does not model (`include`,
   * `prompt_cache_key`, `truncation`, unknown ones) and the client's own `reasoning`, `text` and
   * `tool_choice`, with what the canonical fields say in them.
   */
  responsesFields?: Record<string, unknown>;
  /**
   * Fields the dialect does not model that are passed to OpenAI-compatible upstreams unchanged
   * (e.g. `frequency_penalty`, `logit_bias`, OpenRouter `provider` preferences).
   */
  passthrough?: Record<string, unknown>;
  /**
   * Top-level fields of an Anthropic client's body that the canonical form does not model
   * (`service_tier`, `context_management`, `top_k`, …). They reach only an Anthropic upstream, in
   * the client's own body (canonical/client-body.ts); here so that they are part of the exact
   * cache key.
   */
  unmodeled?: Record<string, unknown>;
  /** What a Gemini client's request says that the canonical form does not model. */
  geminiUnmodeled?: GeminiUnmodeled;
  /**
   * Content of an Anthropic client's body the canonical form does not model (a server tool, a PDF
   * document, a block type added after the relay was written), by where it is in that body. It
   * reaches an Anthropic upstream in the client's own body; another upstream leaves out what only
   * tunes Anthropic's service and refuses the request over the rest (`refusal`, worded as Anthropic
   * words that case). Here so that it is part of the exact cache key.
   */
  unmodeledContent?: UnmodeledContent[];
  /**
   * Set once the request's messages are let go (nothing will send it again,
   * pipeline/lighten-request.ts): what a usage estimate reads of them.
   */
  inputSample?: InputSample;
}

/** One piece of a client's body the canonical form does not model (`CanonicalRequest.unmodeledContent`). */
export interface UnmodeledContent {
  /** Where it is, as the client's API names it (`messages.3.content.0`, `tools.2`). */
  param: string;
  /** The piece as the client wrote it. */
  value: unknown;
  /** Why an upstream of another dialect refuses it; absent when it may be left out there. */
  refusal?: string;
}

/** What a usage estimate reads of a request's input (tokens/estimate-tokens.ts `sampleInput`). */
export interface InputSample {
  /** The whole input text when it is short, else evenly spaced windows of it. */
  windows: string[];
  /** The whole input text's length. */
  length: number;
  messages: number;
}

/** One canonical set of finish reasons. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/**
 * The token counts an answer can carry. `inputTokens` and `outputTokens` are the totals; every other
 * count is a part of one of them.
 */
export const usageCounts = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'reasoningTokens',
  'inputAudioTokens',
  'inputImageTokens',
  'outputAudioTokens',
  'outputImageTokens',
] as const;

export type UsageCount = (typeof usageCounts)[number];

/**
 * The token counts of one answer. The totals are always there, reported by the provider or, when it
 * reported none, counted by the relay. Every other count is there only when the provider reported
 * it (or the relay counted it): an absent count is unknown, never zero, and no dialect writes it.
 */
export interface Usage {
  /** Every prompt token, cache reads and writes included. */
  inputTokens: number;
  /** Every generated token, reasoning included. */
  outputTokens: number;
  /** Of the input, read from a prompt cache. */
  cacheReadTokens?: number;
  /** Of the input, written to a prompt cache. */
  cacheWriteTokens?: number;
  /**
   * Of the cache writes, those kept for an hour (Anthropic's `ephemeral_1h`, Bedrock's `ttl: 1h`);
   * the rest are kept for the provider's default time. Present only where the provider says.
   */
  cacheWrite1hTokens?: number;
  /** Of the output, spent on reasoning (OpenAI's reasoning, Anthropic's thinking, Gemini's thoughts). */
  reasoningTokens?: number;
  /** Of the input, audio. */
  inputAudioTokens?: number;
  /** Of the input, images. */
  inputImageTokens?: number;
  /** Of the output, audio. */
  outputAudioTokens?: number;
  /** Of the output, images. */
  outputImageTokens?: number;
  /**
   * The counts the relay counted itself because the provider did not report them (a stream cut
   * short, a provider that reports no usage); every other count present was reported.
   */
  estimated?: UsageCount[];
  /** Web searches the provider ran for the request (billed per search), when it says so. */
  webSearches?: number;
}

/**
 * One output token's log probability and its most likely alternatives, as OpenAI reports them
 * (`logprobs: true`, `top_logprobs: n`); only OpenAI-family upstreams send them.
 */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] | null }>;
}

/** A complete (non-streaming) answer. `content` holds only assistant output parts. */
export interface CanonicalResponse {
  id: string;
  /** The model the upstream says answered (often a dated snapshot). */
  model: string;
  created: number;
  content: Array<TextPart | ReasoningPart | ToolCallPart | NativePart>;
  finishReason: FinishReason;
  /** The provider's own finish reason, kept for diagnostics. */
  rawFinishReason?: string;
  usage?: Usage;
  /** The answer text's token log probabilities, when the client asked for them. */
  logprobs?: TokenLogprob[];
}

/**
 * What a streamed content part is when it opens. `responsesItem`: the item a Responses upstream
 * opened it with (its id). A native part arrives whole: it opens and ends, with nothing between.
 */
export type PartStart =
  | { type: 'text'; refusal?: boolean; responsesItem?: ResponsesItem }
  | {
      type: 'reasoning';
      redacted?: boolean;
      data?: string;
      /** As `ReasoningPart.provider`: set when its signature is valid only at this provider. */
      provider?: string;
      responsesItem?: ResponsesItem;
    }
  | {
      type: 'tool_call';
      id: string;
      name: string;
      providerData?: Record<string, unknown>;
      responsesItem?: ResponsesItem;
    }
  | Omit<NativePart, 'essential'>;

/**
 * Canonical stream events. Parts are numbered in the order they open; every part that opens is
 * closed by `part_end` before `finish`. `usage` is a cumulative snapshot: the latest one wins.
 */
export type StreamEvent =
  | {
      type: 'message_start';
      id: string;
      model: string;
      created: number;
      /** Usage the upstream reported as the answer began (Anthropic's input and cache figures). */
      usage?: Usage;
    }
  | { type: 'part_start'; index: number; part: PartStart }
  | { type: 'text_delta'; index: number; text: string; logprobs?: TokenLogprob[] }
  | { type: 'reasoning_delta'; index: number; text: string }
  | { type: 'signature_delta'; index: number; signature: string }
  | { type: 'tool_arguments_delta'; index: number; arguments: string }
  /** `responsesItem`: the whole item a Responses upstream made of the part, once done. */
  | { type: 'part_end'; index: number; responsesItem?: ResponsesItem }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason; raw?: string };
