import type {
  CacheControl,
  ContentPart,
  ImagePart,
  TextPart,
  UnmodeledContent,
} from '../../canonical/types.js';
import { blockSchemas, documentSources, imageSources, typeOf } from './anthropic-messages-schema.js';
import { anthropicPath, parseAnthropicWire, unknownTag } from './anthropic-wording.js';
import { readThinkingSignature } from '../../canonical/reasoning-signature.js';

type Path = readonly PropertyKey[];
type Fields = Record<string, unknown>;

/** The block types converted for an upstream of another dialect (what a refusal says it expected). */
const converted = [
  'document',
  'image',
  'redacted_thinking',
  'search_result',
  'text',
  'thinking',
  'tool_reference',
  'tool_result',
  'tool_use',
];

/**
 * Blocks that record what Anthropic's own server tools did (a web search and its results, code
 * run in Anthropic's container, a connector's calls): another provider cannot run them again and
 * the answer that followed them says what they found, so they are left out there.
 */
function isServerBookkeeping(type: string): boolean {
  return (
    type === 'server_tool_use' ||
    type === 'container_upload' ||
    type.startsWith('mcp_tool_') ||
    (type.endsWith('_tool_result') && type !== 'tool_result')
  );
}

/** A block's or tool's `cache_control`, when it is the ephemeral kind the canonical form models. */
export function cache(value: { cache_control?: { type: string; ttl?: string } | null }): {
  cacheControl?: CacheControl;
} {
  const control = value.cache_control;
  if (control?.type !== 'ephemeral') return {};
  const { ttl } = control;
  return { cacheControl: ttl === '5m' || ttl === '1h' ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } };
}

/** Converts an Anthropic client's blocks to canonical parts, noting what it does not model. */
export class AnthropicBlockReader {
  readonly unmodeled: UnmodeledContent[] = [];

  blocks(blocks: readonly unknown[], path: Path): ContentPart[] {
    return blocks.flatMap((block, index) => this.block(block, [...path, index]));
  }

  block(block: unknown, path: Path): ContentPart[] {
    const { type } = parseAnthropicWire(typeOf, block, path);
    const at = [...path, type];
    switch (type) {
      case 'text': {
        const wire = parseAnthropicWire(blockSchemas.text, block, at);
        return [{ type: 'text', text: wire.text, ...cache(wire) }];
      }
      case 'image':
        return this.image(parseAnthropicWire(blockSchemas.image, block, at), at);
      case 'document':
        return this.document(parseAnthropicWire(blockSchemas.document, block, at), at);
      case 'search_result': {
        const wire = parseAnthropicWire(blockSchemas.search_result, block, at);
        const content = wire.content.map((inner) => inner.text).join('\n');
        return [{ type: 'text', text: `${wire.title}\n${wire.source}\n\n${content}`, ...cache(wire) }];
      }
      case 'tool_reference': {
        // a deferred tool the client's tool search loaded: elsewhere every tool is sent anyway
        const wire = parseAnthropicWire(blockSchemas.tool_reference, block, at);
        return [{ type: 'text', text: `Tool loaded: ${wire.tool_name}` }];
      }
      case 'tool_use': {
        const wire = parseAnthropicWire(blockSchemas.tool_use, block, at);
        return [
          { type: 'tool_call', id: wire.id, name: wire.name, arguments: JSON.stringify(wire.input ?? {}) },
        ];
      }
      case 'tool_result':
        return [this.toolResult(parseAnthropicWire(blockSchemas.tool_result, block, at), at)];
      case 'thinking': {
        const wire = parseAnthropicWire(blockSchemas.thinking, block, at);
        return [{ type: 'reasoning', text: wire.thinking, ...readThinkingSignature(wire.signature) }];
      }
      case 'redacted_thinking': {
        const wire = parseAnthropicWire(blockSchemas.redacted_thinking, block, at);
        const { signature, provider } = readThinkingSignature(wire.data);
        return [
          { type: 'reasoning', text: '', redacted: true, data: signature, ...(provider ? { provider } : {}) },
        ];
      }
      default:
        this.note(path, block, isServerBookkeeping(type) ? undefined : unknownTag(type, converted));
        return [];
    }
  }

  /** Records a piece of the body the canonical form does not model. */
  note(path: Path, value: unknown, refusal?: string): void {
    const param = anthropicPath(...path);
    this.unmodeled.push({ param, value, ...(refusal ? { refusal: `${param}: ${refusal}` } : {}) });
  }

  private image(wire: { source: Fields; cache_control?: { type: string } | null }, path: Path): ImagePart[] {
    const { type } = parseAnthropicWire(typeOf, wire.source, [...path, 'source']);
    const at = [...path, 'source', type];
    if (type === 'base64') {
      const source = parseAnthropicWire(imageSources.base64, wire.source, at);
      return [
        {
          type: 'image',
          source: { kind: 'base64', mediaType: source.media_type, data: source.data },
          ...cache(wire),
        },
      ];
    }
    if (type === 'url') {
      const source = parseAnthropicWire(imageSources.url, wire.source, at);
      return [{ type: 'image', source: { kind: 'url', url: source.url }, ...cache(wire) }];
    }
    // a Files API id (`file`) or a source added later: only Anthropic can resolve it
    this.note([...path, 'source'], wire, unknownTag(type, Object.keys(imageSources)));
    return [];
  }

  /** A plain-text document is its text (titled); a PDF or a file only Anthropic can read. */
  private document(
    wire: { source: Fields; title?: string | null; context?: string | null },
    path: Path,
  ): ContentPart[] {
    const { type } = parseAnthropicWire(typeOf, wire.source, [...path, 'source']);
    const at = [...path, 'source', type];
    const heading = [wire.title, wire.context].filter(Boolean).join('\n');
    const titled = (text: string): TextPart => ({
      type: 'text',
      text: heading ? `${heading}\n\n${text}` : text,
    });
    if (type === 'text') return [titled(parseAnthropicWire(documentSources.text, wire.source, at).data)];
    if (type === 'content') {
      const { content } = parseAnthropicWire(documentSources.content, wire.source, at);
      if (typeof content === 'string') return [titled(content)];
      const parts = this.blocks(content, [...at, 'content']);
      return heading ? [{ type: 'text', text: heading }, ...parts] : parts;
    }
    this.note([...path, 'source'], wire, unknownTag(type, Object.keys(documentSources)));
    return [];
  }

  private toolResult(
    wire: { tool_use_id: string; content?: string | unknown[]; is_error?: boolean },
    path: Path,
  ): ContentPart {
    const content: Array<TextPart | ImagePart> =
      typeof wire.content === 'string' || wire.content === undefined
        ? [{ type: 'text', text: wire.content ?? '' }]
        : this.blocks(wire.content, [...path, 'content']).flatMap((part) => {
            if (part.type === 'text' || part.type === 'image') return [part];
            // a tool result holds what a tool returned, never a call or reasoning
            this.note([...path, 'content'], part, unknownTag(part.type, ['text', 'image', 'document']));
            return [];
          });
    return {
      type: 'tool_result',
      toolCallId: wire.tool_use_id,
      content,
      ...(wire.is_error ? { isError: true } : {}),
    };
  }
}
