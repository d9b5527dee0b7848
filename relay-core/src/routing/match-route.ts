import type { CanonicalRequest } from '../canonical/types.js';
import { classifyComplexity } from './classify-complexity.js';
import { findPattern } from '../shared/match-pattern.js';

/** A route's match conditions (config.yaml `when`). */
export interface RouteConditions {
  max_input_tokens?: number;
  min_input_tokens?: number;
  tools?: boolean;
  images?: boolean;
  json_schema?: boolean;
  reasoning?: boolean;
  keywords?: string[];
  regex?: string;
  clients?: string[];
  /** The built-in classifier's verdict (the `auto` route's tiers). */
  complexity?: 'simple' | 'complex';
}

/** What the conditions look at, worked out once per request. */
export interface RequestFeatures {
  /** A quick estimate (4 characters a token): routing must not wait on a tokenizer. */
  inputTokens: number;
  tools: boolean;
  images: boolean;
  jsonSchema: boolean;
  reasoning: boolean;
  lastUserText: string;
  client?: string;
  complexity: 'simple' | 'complex';
  /** Why the classifier called it complex (empty when simple). */
  complexityReasons: string[];
}

export function describeRequest(
  request: CanonicalRequest,
  client?: string,
  maxSimpleTokens?: number,
): RequestFeatures {
  let characters = 0;
  let images = false;
  let lastUser: CanonicalRequest['messages'][number] | undefined;
  for (const message of request.messages) {
    // a user message's text parts, joined, must be non-empty to count as its last text
    let texts = 0;
    let textCharacters = 0;
    for (const part of message.content) {
      if (part.type === 'text') {
        characters += part.text.length;
        texts += 1;
        textCharacters += part.text.length;
      } else if (part.type === 'reasoning') {
        characters += part.text.length;
      } else if (part.type === 'tool_call') {
        characters += part.arguments.length;
      } else if (part.type === 'tool_result') {
        for (const inner of part.content) if (inner.type === 'text') characters += inner.text.length;
      } else if (part.type === 'image') {
        images = true;
      }
    }
    if (message.role === 'user' && (texts > 1 || textCharacters > 0)) lastUser = message;
  }
  return new Features(
    {
      inputTokens: Math.ceil(characters / 4),
      tools: (request.tools?.length ?? 0) > 0,
      images,
      jsonSchema: request.responseFormat?.type === 'json_schema',
      reasoning: request.reasoning !== undefined,
      client,
    },
    lastUser,
    maxSimpleTokens,
  );
}

/**
 * A request's features; the last user text and the classifier's verdict are worked out on first
 * use (only keyword and regex conditions, `auto`, a `complexity` condition and explain ask).
 */
class Features implements RequestFeatures {
  inputTokens: number;
  tools: boolean;
  images: boolean;
  jsonSchema: boolean;
  reasoning: boolean;
  client?: string;
  #lastUserText: string | undefined;
  #verdict: ReturnType<typeof classifyComplexity> | undefined;

  constructor(
    plain: Omit<RequestFeatures, 'complexity' | 'complexityReasons' | 'lastUserText'>,
    private readonly lastUser: CanonicalRequest['messages'][number] | undefined,
    private readonly maxSimpleTokens: number | undefined,
  ) {
    this.inputTokens = plain.inputTokens;
    this.tools = plain.tools;
    this.images = plain.images;
    this.jsonSchema = plain.jsonSchema;
    this.reasoning = plain.reasoning;
    if (plain.client !== undefined) this.client = plain.client;
  }

  get lastUserText(): string {
    if (this.#lastUserText === undefined) {
      const texts: string[] = [];
      for (const part of this.lastUser?.content ?? []) if (part.type === 'text') texts.push(part.text);
      this.#lastUserText = texts.join('\n');
    }
    return this.#lastUserText;
  }

  get complexity(): 'simple' | 'complex' {
    return this.#classify().complexity;
  }

  get complexityReasons(): string[] {
    return this.#classify().reasons;
  }

  #classify() {
    return (this.#verdict ??= classifyComplexity(this, this.maxSimpleTokens));
  }
}

/** Whether every condition holds for the request. */
export function matchesConditions(when: RouteConditions | undefined, features: RequestFeatures): boolean {
  if (!when) return true;
  if (when.max_input_tokens !== undefined && features.inputTokens > when.max_input_tokens) return false;
  if (when.min_input_tokens !== undefined && features.inputTokens < when.min_input_tokens) return false;
  if (when.tools !== undefined && features.tools !== when.tools) return false;
  if (when.images !== undefined && features.images !== when.images) return false;
  if (when.json_schema !== undefined && features.jsonSchema !== when.json_schema) return false;
  if (when.reasoning !== undefined && features.reasoning !== when.reasoning) return false;
  if (when.complexity !== undefined && features.complexity !== when.complexity) return false;
  if (when.clients && (!features.client || !when.clients.includes(features.client))) return false;
  if (when.keywords) {
    const text = features.lastUserText.toLowerCase();
    if (!when.keywords.some((keyword) => text.includes(keyword.toLowerCase()))) return false;
  }
  // within a time budget: a pattern too slow for the text does not match (shared/match-pattern.ts)
  if (when.regex && findPattern([when.regex], features.lastUserText).matched === undefined) return false;
  return true;
}
