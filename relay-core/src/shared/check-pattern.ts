/**
 * Characters a part of a pattern may consume: ASCII as a bitmap (letters folded, since config
 * patterns are matched case-insensitively), and whether anything beyond ASCII may match.
 */
class CharSet {
  readonly bits = new Uint32Array(4);
  other = false;

  static of(...codes: number[]): CharSet {
    const set = new CharSet();
    for (const code of codes) set.add(code);
    return set;
  }

  static range(from: number, to: number): CharSet {
    const set = new CharSet();
    for (let code = from; code <= Math.min(to, 127); code++) set.add(code);
    if (to > 127) set.other = true;
    return set;
  }

  static all(): CharSet {
    const set = CharSet.range(0, 127);
    set.other = true;
    return set;
  }

  add(code: number): void {
    if (code > 127) {
      this.other = true;
      return;
    }
    const folded = code >= 65 && code <= 90 ? code + 32 : code;
    this.bits[folded >> 5]! |= 1 << (folded & 31);
  }

  union(other: CharSet): CharSet {
    const set = new CharSet();
    for (let i = 0; i < 4; i++) set.bits[i] = this.bits[i]! | other.bits[i]!;
    set.other = this.other || other.other;
    return set;
  }

  complement(): CharSet {
    const set = new CharSet();
    for (let i = 0; i < 4; i++) set.bits[i] = ~this.bits[i]!;
    set.other = true;
    return set;
  }

  overlaps(other: CharSet): boolean {
    if (this.other && other.other) return true;
    for (let i = 0; i < 4; i++) if ((this.bits[i]! & other.bits[i]!) !== 0) return true;
    return false;
  }
}

const digits = CharSet.range(48, 57);
const word = CharSet.range(48, 57)
  .union(CharSet.range(65, 90))
  .union(CharSet.range(97, 122))
  .union(CharSet.of(95));
const space = CharSet.of(9, 10, 11, 12, 13, 32);
space.other = true;
const anyButNewline = CharSet.of(10, 13).complement();

type Node =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'empty' }
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'choice'; branches: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number; text: string }
  | { kind: 'group'; body: Node; lookaround: boolean }
  | { kind: 'backreference'; text: string };

/** A lenient recursive-descent reader of JavaScript pattern syntax (the pattern already compiled). */
class PatternReader {
  private at = 0;
  constructor(private readonly source: string) {}

  read(): Node {
    return this.choice();
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.at + offset];
  }

  private choice(): Node {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.at += 1;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'choice', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const start = this.at;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return { kind: 'sequence', items };
  }

  private quantified(atom: Node, start: number): Node {
    let min: number;
    let max: number;
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') {
      this.at += 1;
      [min, max] = next === '*' ? [0, Infinity] : next === '+' ? [1, Infinity] : [0, 1];
    } else if (next === '{') {
      const bounds = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!bounds) return atom;
      this.at += bounds[0].length;
      min = Number(bounds[1]);
      max = bounds[2] === undefined ? min : bounds[3] === '' ? Infinity : Number(bounds[3]);
    } else return atom;
    if (this.peek() === '?') this.at += 1;
    return { kind: 'repeat', body: atom, min, max, text: this.source.slice(start, this.at) };
  }

  private atom(): Node {
    const character = this.source[this.at++]!;
    switch (character) {
      case '(':
        return this.group();
      case '[':
        return { kind: 'chars', set: this.charClass() };
      case '\\':
        return this.escape();
      case '.':
        return { kind: 'chars', set: anyButNewline };
      case '^':
      case '$':
        return { kind: 'empty' };
      default:
        return { kind: 'chars', set: CharSet.of(character.codePointAt(0)!) };
    }
  }

  private group(): Node {
    let lookaround = false;
    if (this.peek() === '?') {
      const marker = this.source.slice(this.at, this.at + 3);
      if (marker.startsWith('?:')) this.at += 2;
      else if (marker.startsWith('?=') || marker.startsWith('?!'))
        [this.at, lookaround] = [this.at + 2, true];
      else if (marker === '?<=' || marker === '?<!') [this.at, lookaround] = [this.at + 3, true];
      else if (marker.startsWith('?<')) this.at = this.source.indexOf('>', this.at) + 1;
    }
    const body = this.choice();
    if (this.peek() === ')') this.at += 1;
    return { kind: 'group', body, lookaround };
  }

  /** One escaped character or class, as a set; backreferences and assertions have their own nodes. */
  private escape(): Node {
    const start = this.at - 1;
    const character = this.source[this.at++] ?? '\\';
    if (character === 'k' && this.peek() === '<') this.at = this.source.indexOf('>', this.at) + 1;
    else if (/[1-9]/.test(character)) while (/\d/.test(this.peek() ?? '')) this.at += 1;
    else if (character === 'b' || character === 'B') return { kind: 'empty' };
    else return { kind: 'chars', set: this.escapedSet(character) };
    return { kind: 'backreference', text: this.source.slice(start, this.at) };
  }

  private escapedSet(character: string): CharSet {
    switch (character) {
      case 'd':
        return digits;
      case 'D':
        return digits.complement();
      case 'w':
        return word;
      case 'W':
        return word.complement();
      case 's':
        return space;
      case 'S':
        return space.complement();
      case 'p':
      case 'P':
        if (this.peek() === '{') this.at = this.source.indexOf('}', this.at) + 1;
        return CharSet.all();
      case 't':
        return CharSet.of(9);
      case 'n':
        return CharSet.of(10);
      case 'r':
        return CharSet.of(13);
      case 'v':
        return CharSet.of(11);
      case 'f':
        return CharSet.of(12);
      case '0':
        return CharSet.of(0);
      case 'c':
        this.at += 1;
        return CharSet.range(0, 31);
      case 'x': {
        const hex = this.source.slice(this.at, this.at + 2);
        this.at += 2;
        return CharSet.of(parseInt(hex, 16) || 0);
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.source.slice(this.at));
        const hex = braced ? braced[1]! : this.source.slice(this.at, this.at + 4);
        this.at += braced ? braced[0].length : 4;
        return CharSet.of(parseInt(hex, 16) || 0);
      }
      default:
        return CharSet.of(character.codePointAt(0)!);
    }
  }

  private charClass(): CharSet {
    const negated = this.peek() === '^';
    if (negated) this.at += 1;
    let set = new CharSet();
    let first = true;
    while (this.at < this.source.length && (this.peek() !== ']' || first)) {
      first = false;
      const from = this.classChar();
      if (
        this.peek() === '-' &&
        this.peek(1) !== ']' &&
        this.peek(1) !== undefined &&
        !(from instanceof CharSet)
      ) {
        this.at += 1;
        const to = this.classChar();
        set = set.union(to instanceof CharSet ? to.union(CharSet.of(from)) : CharSet.range(from, to));
      } else set = set.union(from instanceof CharSet ? from : CharSet.of(from));
    }
    this.at += 1;
    return negated ? set.complement() : set;
  }

  /** A class member: one code point, or a set for `\d`, `\w` and the like. */
  private classChar(): number | CharSet {
    const character = this.source[this.at++]!;
    if (character !== '\\') return character.codePointAt(0)!;
    if (this.peek() === 'b') {
      this.at += 1;
      return 8;
    }
    return this.escapedSet(this.source[this.at++] ?? '\\');
  }
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'empty':
    case 'backreference':
      return true;
    case 'sequence':
      return node.items.every(nullable);
    case 'choice':
      return node.branches.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
    case 'group':
      return node.lookaround || nullable(node.body);
  }
}

/**
 * The characters a match of `node` can consume (`firstOnly`: those it can begin with, which in a
 * sequence stop at the first item that cannot match empty).
 */
function charsOf(node: Node, firstOnly: boolean): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'empty':
      return new CharSet();
    case 'backreference':
      return CharSet.all();
    case 'sequence': {
      let set = new CharSet();
      for (const item of node.items) {
        set = set.union(charsOf(item, firstOnly));
        if (firstOnly && !nullable(item)) break;
      }
      return set;
    }
    case 'choice':
      return node.branches.reduce((set, branch) => set.union(charsOf(branch, firstOnly)), new CharSet());
    case 'repeat':
      return charsOf(node.body, firstOnly);
    case 'group':
      return node.lookaround ? new CharSet() : charsOf(node.body, firstOnly);
  }
}

const firstChars = (node: Node) => charsOf(node, true);

/** The choice a repeat's body comes down to, through groups and one-item sequences. */
function choiceOf(node: Node): Extract<Node, { kind: 'choice' }> | undefined {
  if (node.kind === 'choice') return node;
  if (node.kind === 'group' && !node.lookaround) return choiceOf(node.body);
  if (node.kind === 'sequence' && node.items.length === 1) return choiceOf(node.items[0]!);
  return undefined;
}

/** A node as the items of a sequence, through plain groups and nested sequences. */
function itemsOf(node: Node): Node[] {
  if (node.kind === 'sequence') return node.items.flatMap(itemsOf);
  if (node.kind === 'group' && !node.lookaround) return itemsOf(node.body);
  return [node];
}

type Repeat = Extract<Node, { kind: 'repeat' }>;

const doubles = 'on text that almost matches, the time to fail doubles with each character';

/** Alternatives under a repeat that can begin with the same character. */
function overlappingChoice(repeat: Repeat): string | undefined {
  const choice = choiceOf(repeat.body);
  if (!choice) return undefined;
  const starts = choice.branches.map(firstChars);
  for (let i = 0; i < starts.length; i++)
    for (let j = i + 1; j < starts.length; j++)
      if (starts[i]!.overlaps(starts[j]!))
        return `alternatives that can begin with the same character under a repeat (${repeat.text}): ${doubles}`;
  return undefined;
}

/**
 * Inside a repeat's body, a repeat of its own is safe only when what must follow it in the same
 * pass is a character it cannot consume (`(\d+\.)+`): otherwise a run of text can be split between
 * passes in exponentially many ways (`(a+)+`, `(\w+\s?)*`).
 */
function dangerInLoop(loop: Repeat): string | undefined {
  const items = itemsOf(loop.body);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== 'repeat' || item.max <= 1 || item.min === item.max) {
      const found = findDanger(item, loop);
      if (found) return found;
      continue;
    }
    const rest: Node = { kind: 'sequence', items: items.slice(i + 1) };
    const follows = nullable(rest) ? firstChars(rest).union(firstChars(loop.body)) : firstChars(rest);
    if (charsOf(item.body, false).overlaps(follows))
      return `a repeat inside a repeat (${item.text} inside ${loop.text}): ${doubles}`;
    const found = overlappingChoice(item) ?? dangerInLoop(item);
    if (found) return found;
  }
  return undefined;
}

/** The first reason `node` can take exponential time; `loop` is the repeat it is inside, if any. */
function findDanger(node: Node, loop: Repeat | undefined): string | undefined {
  switch (node.kind) {
    case 'backreference':
      return `a backreference (${node.text}) can make matching try every way of splitting the text`;
    case 'sequence':
      for (const item of node.items) {
        const found = findDanger(item, loop);
        if (found) return found;
      }
      return undefined;
    case 'choice':
      for (const branch of node.branches) {
        const found = findDanger(branch, loop);
        if (found) return found;
      }
      return undefined;
    case 'group':
      return findDanger(node.body, loop);
    case 'repeat':
      if (node.max <= 1) return findDanger(node.body, loop);
      // a repeat reached here inside another was not one of its plain items: no telling what follows it
      if (loop && node.min !== node.max)
        return `a repeat inside a repeat (${node.text} inside ${loop.text}): ${doubles}`;
      return overlappingChoice(node) ?? dangerInLoop(node);
    default:
      return undefined;
  }
}

/**
 * Why a regular expression from config.yaml could freeze the relay, or undefined: nested repeats
 * (`(a+)+`), alternatives that overlap under a repeat (`(a|ab)*`) and backreferences, the shapes
 * whose failing match takes exponential time in a backtracking engine. Slower polynomial shapes
 * pass; evaluation runs within a time budget (match-pattern.ts) for them.
 */
export function catastrophicReason(pattern: string): string | undefined {
  return findDanger(new PatternReader(pattern).read(), undefined);
}
