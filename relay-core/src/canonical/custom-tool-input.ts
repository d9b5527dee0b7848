/**
 * A custom tool (OpenAI's free-form tools, such as Codex's apply_patch) takes text, not JSON. The
 * canonical form offers it as a function with one string parameter, `input`, and a call to it
 * carries `{"input": text}` as its arguments, whoever made the call: providers with custom tools
 * wrap their calls' text, and clients with custom tools are given it unwrapped.
 */

/** A custom tool's parameters as a function's, its grammar (when it has one) described in them. */
export function customToolParameters(grammar?: {
  syntax?: unknown;
  definition?: unknown;
}): Record<string, unknown> {
  const definition = typeof grammar?.definition === 'string' ? grammar.definition : undefined;
  const syntax = typeof grammar?.syntax === 'string' ? grammar.syntax : 'lark';
  return {
    type: 'object',
    properties: {
      input: {
        type: 'string',
        description: definition
          ? `The tool's input, as free text that follows this ${syntax} grammar:\n${definition}`
          : "The tool's input, as free text.",
      },
    },
    required: ['input'],
    additionalProperties: false,
  };
}

/** The arguments of a call to a custom tool, from its text. */
export function wrapCustomInput(text: string): string {
  return JSON.stringify({ input: text });
}

/** A call's arguments as they open, before the first piece of text (see `wrapCustomInputPiece`). */
export const customInputOpening = '{"input":"';
/** ...and as they close. */
export const customInputClosing = '"}';

/**
 * A piece of a streamed custom call's text as it goes inside the arguments: JSON escapes one
 * character at a time, so pieces escaped apart join into the whole text escaped.
 */
export function wrapCustomInputPiece(piece: string): string {
  return JSON.stringify(piece).slice(1, -1);
}

/** A custom tool call's text, from its arguments (the arguments themselves when they are not ours). */
export function unwrapCustomInput(args: string): string {
  try {
    const parsed = JSON.parse(args) as unknown;
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      typeof (parsed as { input?: unknown }).input === 'string'
    )
      return (parsed as { input: string }).input;
  } catch {
    // a model that wrote something else: its text is still the input
  }
  return args;
}
