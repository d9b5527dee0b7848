import type { CanonicalRequest } from '../canonical/types.js';
import { classifyComplexity } from './classify-complexity.js';
import { classifyPurposes } from './classify-purpose.js';
import { identifyAgent } from './identify-agent.js';
import type { AgentId, Purpose } from '../config/route-condition-names.js';
import type { ClientSignals } from './identify-agent.js';
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
  /** The coding tool that sent the request (routing/identify-agent.ts). */
  agent?: AgentId[];
  /** What the call is for (routing/classify-purpose.ts): any of these. */
  purpose?: Purpose[];
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
  /** The coding tool that sent it, when one is recognised, and what said so. */
  agent?: { id: AgentId; source: string };
  /** What the call is for (its role first), each with what said so. */
  purposes: Array<{ purpose: Purpose; why: string }>;
}

/** Claude Code's billing line opens its system prompt; it says whether the call is a sub-agent's. */
const billingLine = 'x-anthropic-billing-header:';

export function describeRequest(
  request: CanonicalRequest,
  client?: string,
  maxSimpleTokens?: number,
  /** The user-agent and marking headers the server read (routing/identify-agent.ts). */
  signals?: ClientSignals,
): RequestFeatures {
  let characters = 0;
  let images = false;
  let lastUser: CanonicalRequest['messages'][number] | undefined;
  let systemMark: string | undefined;
  for (const message of request.messages) {
    // a user message's text parts, joined, must be non-empty to count as its last text
    let texts = 0;
    let textCharacters = 0;
    for (const part of message.content) {
      if (part.type === 'text') {
        characters += part.text.length;
        texts += 1;
        textCharacters += part.text.length;
        if (message.role === 'system' && part.text.startsWith(billingLine)) systemMark ??= part.text;
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
    { lastUser, maxSimpleTokens, signals, systemMark },
  );
}

interface LazyInputs {
  lastUser: CanonicalRequest['messages'][number] | undefined;
  maxSimpleTokens: number | undefined;
  signals: ClientSignals | undefined;
  /** Claude Code's billing line, when the system prompt opens with one. */
  systemMark: string | undefined;
}

type Plain = Pick<
  RequestFeatures,
  'inputTokens' | 'tools' | 'images' | 'jsonSchema' | 'reasoning' | 'client'
>;

/**
 * A request's features; the last user text, the classifier's verdict, the agent and the purposes
 * are worked out on first use (only the conditions that read them, `auto` and explain ask).
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
  #agent: RequestFeatures['agent'] | null = null;
  #purposes: RequestFeatures['purposes'] | undefined;

  constructor(
    plain: Plain,
    private readonly lazy: LazyInputs,
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
      for (const part of this.lazy.lastUser?.content ?? []) if (part.type === 'text') texts.push(part.text);
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

  get agent(): RequestFeatures['agent'] {
    if (this.#agent === null) {
      const found = identifyAgent(this.lazy.signals, this.client);
      this.#agent = found && { id: found.agent, source: found.source };
    }
    return this.#agent;
  }

  get purposes(): RequestFeatures['purposes'] {
    return (this.#purposes ??= classifyPurposes({
      agent: this.agent?.id,
      signals: this.lazy.signals,
      tools: this.tools,
      reasoning: this.reasoning,
      inputTokens: this.inputTokens,
      systemMark: this.lazy.systemMark,
    }));
  }

  #classify() {
    return (this.#verdict ??= classifyComplexity(this, this.lazy.maxSimpleTokens));
  }
}

type Check<K extends keyof RouteConditions> = (
  expected: NonNullable<RouteConditions[K]>,
  features: RequestFeatures,
) => boolean;

/** Each condition's test, cheapest first: a route is skipped at the first that fails. */
const checks: { [K in keyof RouteConditions]-?: Check<K> } = {
  max_input_tokens: (max, features) => features.inputTokens <= max,
  min_input_tokens: (min, features) => features.inputTokens >= min,
  tools: (wanted, features) => features.tools === wanted,
  images: (wanted, features) => features.images === wanted,
  json_schema: (wanted, features) => features.jsonSchema === wanted,
  reasoning: (wanted, features) => features.reasoning === wanted,
  clients: (names, features) => features.client !== undefined && names.includes(features.client),
  agent: (agents, features) => features.agent !== undefined && agents.includes(features.agent.id),
  purpose: (wanted, features) => features.purposes.some((found) => wanted.includes(found.purpose)),
  complexity: (wanted, features) => features.complexity === wanted,
  keywords: (words, features) => {
    const text = features.lastUserText.toLowerCase();
    return words.some((keyword) => text.includes(keyword.toLowerCase()));
  },
  // within a time budget: a pattern too slow for the text does not match (shared/match-pattern.ts)
  regex: (pattern, features) => findPattern([pattern], features.lastUserText).matched !== undefined,
};

const conditionNames = Object.keys(checks) as Array<keyof RouteConditions>;

function holds(name: keyof RouteConditions, expected: unknown, features: RequestFeatures): boolean {
  return (checks[name] as (expected: unknown, features: RequestFeatures) => boolean)(expected, features);
}

/** Whether every condition holds for the request. */
export function matchesConditions(when: RouteConditions | undefined, features: RequestFeatures): boolean {
  if (!when) return true;
  for (const name of conditionNames) {
    const expected = when[name];
    if (expected !== undefined && !holds(name, expected, features)) return false;
  }
  return true;
}

/** What each condition read of the request, as explain shows it. */
function observed(name: keyof RouteConditions, features: RequestFeatures): string {
  switch (name) {
    case 'max_input_tokens':
    case 'min_input_tokens':
      return `about ${features.inputTokens} input tokens`;
    case 'tools':
    case 'images':
    case 'reasoning':
      return String(features[name]);
    case 'json_schema':
      return String(features.jsonSchema);
    case 'clients':
      return features.client ?? 'no client key name';
    case 'agent':
      return features.agent ? `${features.agent.id} (${features.agent.source})` : 'no agent recognised';
    case 'purpose':
      return features.purposes.map(({ purpose, why }) => `${purpose} (${why})`).join(', ');
    case 'complexity':
      return [features.complexity, ...features.complexityReasons].join('; ');
    case 'keywords':
    case 'regex':
      return `last user text '${features.lastUserText.slice(0, 80)}'`;
  }
}

/** One condition of a route, whether it held for a request, and what it read. */
export interface ConditionVerdict {
  condition: keyof RouteConditions;
  expected: unknown;
  holds: boolean;
  observed: string;
}

/** Every condition of a route with its verdict for the request (the explain API). */
export function explainConditions(
  when: RouteConditions | undefined,
  features: RequestFeatures,
): ConditionVerdict[] {
  return conditionNames
    .filter((name) => when?.[name] !== undefined)
    .map((name) => ({
      condition: name,
      expected: when![name],
      holds: holds(name, when![name], features),
      observed: observed(name, features),
    }));
}
