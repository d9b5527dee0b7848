import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatToolName, toolNamed } from './flat-tool-name.js';

/** What OpenAI, Anthropic, Bedrock and Gemini all accept as a tool name. */
const everywhere = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

describe("a namespace member's flat name", () => {
  it("is Codex's own when it can be", () => {
    expect(flatToolName('multi_agent_v1', 'spawn_agent', new Set())).toBe('multi_agent_v1__spawn_agent');
    expect(flatToolName('mcp__calendar__', '__create_event', new Set())).toBe('mcp__calendar__create_event');
  });

  it('is valid on every provider and taken by no other tool, whatever the names', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.array(fc.string({ maxLength: 70 })),
        (namespace, name, others) => {
          const taken = new Set([...others, `${namespace}__${name}`]);
          const flat = flatToolName(namespace, name, taken);
          expect(flat).toMatch(everywhere);
          expect(taken.has(flat)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is how a call to the member is named back', () => {
    const tools = [
      { name: 'ns__f_1a2b', parameters: {}, namespace: { name: 'ns', member: 'f' } },
      { name: 'f', parameters: {} },
    ];
    expect(toolNamed(tools, 'f', 'ns')).toBe('ns__f_1a2b');
    expect(toolNamed(tools, 'f')).toBe('f');
    expect(toolNamed(tools, 'g', 'other')).toBe('other__g');
  });
});
