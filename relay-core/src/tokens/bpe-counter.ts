/** A BPE encoding's data: its pre-tokenizer pattern and ranked tokens (js-tiktoken's ranks files). */
export interface BpeRanks {
  pat_str: string;
  /** `! <first rank> <token> <token> …`: tokens as base64 of their bytes, in rank order. */
  bpe_ranks: string;
}

// js-tiktoken's BPE merge is worse than quadratic in a piece's length: one 16 kB run without a
// space (base64, a minified line, a repeated character) takes about 19 s. A piece is counted in
// runs of `maxRun` characters: ordinary words are shorter, so their counts do not change.
const maxRun = 24;
/** How many ranks go into the table between two turns of the event loop (a few milliseconds). */
const sliceTokens = 20_000;
/** Pieces whose counts are remembered; the memory is emptied when it is full. */
const maxRemembered = 50_000;

/**
 * Counts tokens as a BPE tokenizer (tiktoken) would split text, without keeping the tokens: each
 * piece of the pre-tokenizer's split is merged alone, as tiktoken merges it, and a piece's count
 * is remembered, so the pieces that recur in agent requests (code, JSON, prose) cost a lookup. The
 * ranks are keyed by their base64 text as the ranks file has it: building the table is a split and
 * a map, about half of what js-tiktoken's own constructor needs, and a third of its memory.
 */
export class BpeCounter {
  private readonly pattern: RegExp;
  private readonly remembered = new Map<string, number>();

  private constructor(
    encoding: BpeRanks,
    private readonly ranks: Map<string, number>,
  ) {
    this.pattern = new RegExp(encoding.pat_str, 'gu');
  }

  /**
   * Builds the rank table a slice at a time, giving way to the event loop between slices (`yieldTo`)
   * so that requests are not held up while it is built.
   */
  static async build(encoding: BpeRanks, yieldTo: () => Promise<void> = () => Promise.resolve()) {
    const [, first, ...tokens] = encoding.bpe_ranks.split(' ');
    const offset = Number.parseInt(first!, 10);
    const ranks = new Map<string, number>();
    for (let start = 0; start < tokens.length; start += sliceTokens) {
      const end = Math.min(tokens.length, start + sliceTokens);
      for (let index = start; index < end; index++) ranks.set(tokens[index]!, offset + index);
      await yieldTo();
    }
    return new BpeCounter(encoding, ranks);
  }

  /** Tokens in `text`; special tokens (`<|endoftext|>`) are counted as the text they are. */
  count(text: string): number {
    let tokens = 0;
    for (const match of text.matchAll(this.pattern)) tokens += this.countPiece(match[0]);
    return tokens;
  }

  private countPiece(piece: string): number {
    let count = this.remembered.get(piece);
    if (count !== undefined) return count;
    count = 0;
    for (let start = 0; start < piece.length; start += maxRun)
      count += this.merge(Buffer.from(piece.slice(start, start + maxRun), 'utf8'));
    if (this.remembered.size >= maxRemembered) this.remembered.clear();
    this.remembered.set(piece, count);
    return count;
  }

  private rank(bytes: Buffer, start: number, end: number): number | undefined {
    return this.ranks.get(bytes.toString('base64', start, end));
  }

  /** tiktoken's byte-pair merge of one piece: the lowest-ranked adjacent pair merges first. */
  private merge(bytes: Buffer): number {
    if (bytes.length <= 1 || this.rank(bytes, 0, bytes.length) !== undefined)
      return bytes.length === 0 ? 0 : 1;
    // boundaries[i] is where part i starts; the last entry is the end
    const boundaries = Array.from({ length: bytes.length + 1 }, (_, index) => index);
    for (;;) {
      let best: number | undefined;
      let at = -1;
      for (let i = 0; i < boundaries.length - 2; i++) {
        const rank = this.rank(bytes, boundaries[i]!, boundaries[i + 2]!);
        if (rank !== undefined && (best === undefined || rank < best)) {
          best = rank;
          at = i;
        }
      }
      if (at === -1) return boundaries.length - 1;
      boundaries.splice(at + 1, 1);
    }
  }
}
