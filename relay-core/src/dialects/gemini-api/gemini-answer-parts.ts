import type { ReasoningPart, ToolCallPart } from '../../canonical/types.js';
import type { GeminiPartWire } from '../../shared/gemini/gemini-response-wire.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { carryReasoning, needsCarrying } from './carry-reasoning.js';

/** A call's arguments as Gemini's `args` object; broken JSON is still shown, not lost. */
function parseArgs(text: string): Record<string, unknown> {
  try {
    const args: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return isPlainObject(args) ? args : { value: args };
  } catch {
    return { _raw: text };
  }
}

/**
 * Reasoning that another provider needs back, held until the next part of the answer carries it
 * in its `thoughtSignature` (carry-reasoning.ts). Shared by the whole and the streamed encoder.
 */
export class ReasoningCarrier {
  private pending: ReasoningPart[] = [];

  /** A reasoning part has ended. */
  add(part: ReasoningPart): void {
    if (needsCarrying(part)) this.pending.push(part);
  }

  /** The `thoughtSignature` field for the next part (empty when nothing waits). */
  take(): { thoughtSignature?: string } {
    if (this.pending.length === 0) return {};
    const thoughtSignature = carryReasoning(this.pending);
    this.pending = [];
    return { thoughtSignature };
  }

  /** What is left at the end of the answer, on an empty text part (as Gemini ends its own streams). */
  rest(): GeminiPartWire[] {
    const carried = this.take();
    return carried.thoughtSignature ? [{ text: '', ...carried }] : [];
  }
}

/**
 * A function call as Gemini writes one: whole, with its id, and with the thought signature that
 * goes with it (one the relay carries, else Gemini's own).
 */
export function functionCallPart(call: ToolCallPart, carried: { thoughtSignature?: string }): GeminiPartWire {
  const own = call.providerData?.thoughtSignature;
  const signature = carried.thoughtSignature ?? (typeof own === 'string' ? own : undefined);
  return {
    functionCall: { id: call.id, name: call.name, args: parseArgs(call.arguments) },
    ...(signature ? { thoughtSignature: signature } : {}),
  };
}
