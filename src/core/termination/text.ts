import { ParseError } from '../errors';
import { conditionSpecs, settingProblem, type ConditionSpec } from './conditions';
import { shortNumber } from './numberText';
import { conditionNames, type ConditionArg, type Termination } from './types';

/**
 * The termination text language: mystic's names called like Python functions.
 *
 *   termination := name '(' [item {',' item} [',']] ')'
 *   item        := termination                    (inside And, Or, When, Not)
 *                | [keyword '='] value            (inside a condition; keywords after positionals)
 *   value       := number | inf | Infinity | None   (optionally signed, Python or JS float syntax)
 *
 * Keyword arguments are stored positionally, the skipped positions getting mystic's defaults, so the
 * printed form is always positional.
 */

const compoundNames = ['And', 'Or', 'When', 'Not'] as const;
type CompoundName = (typeof compoundNames)[number];

const specByName = new Map<string, ConditionSpec>();
for (const name of conditionNames) {
  const spec = conditionSpecs[name];
  specByName.set(name, spec);
  if (spec.abbreviation) specByName.set(spec.abbreviation, spec);
}
const knownNames = [...compoundNames, ...specByName.keys()];

function isCompound(name: string): name is CompoundName {
  return (compoundNames as readonly string[]).includes(name);
}

export function printTermination(termination: Termination): string {
  switch (termination.type) {
    case 'condition':
      return `${termination.name}(${termination.args.map((arg) => (arg === null ? 'None' : shortNumber(arg))).join(', ')})`;
    case 'And':
    case 'Or':
      return `${termination.type}(${termination.terms.map(printTermination).join(', ')})`;
    case 'When':
    case 'Not':
      return `${termination.type}(${printTermination(termination.term)})`;
  }
}

export function parseTermination(text: string): Termination {
  return new Parser(text).parseWhole();
}

const NUMBER = /[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const SIGNED_WORD = /[+-]?[A-Za-z_][A-Za-z0-9_]*/y;
const WHITESPACE = /\s*/y;
const INFINITY_WORDS = new Set(['inf', 'infinity']);

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseWhole(): Termination {
    this.skipSpace();
    if (this.position === this.text.length) {
      throw this.error('The termination is empty: expected a condition such as VTR(0.01)', 0);
    }
    const termination = this.parseTerm();
    this.skipSpace();
    if (this.position < this.text.length) {
      if (this.text[this.position] === ')') throw this.error(`Unbalanced ')'`);
      throw this.error(`Unexpected text '${this.preview()}' after the termination`);
    }
    return termination;
  }

  private parseTerm(): Termination {
    const start = this.position;
    const name = this.match(IDENTIFIER);
    if (name === undefined) {
      const found = this.atEnd() ? 'the end of the text' : `'${this.preview()}'`;
      throw this.error(`Expected a condition name such as VTR, found ${found}`);
    }
    const spec = specByName.get(name);
    if (!spec && !isCompound(name)) {
      const suggestion = closestName(name);
      throw this.error(`Unknown condition '${name}'`, start, suggestion && `did you mean ${suggestion}?`);
    }
    this.skipSpace();
    const open = this.position;
    if (this.text[open] !== '(') throw this.error(`Expected '(' after ${name}`);
    this.position++;
    return spec ? this.parseConditionArgs(spec, open) : this.parseCompoundArgs(name as CompoundName, start, open);
  }

  private parseCompoundArgs(name: CompoundName, start: number, open: number): Termination {
    const terms: Termination[] = [];
    this.parseList(open, name, () => {
      if (terms.length === 1 && (name === 'When' || name === 'Not')) {
        throw this.error(`${name} takes exactly one condition`);
      }
      terms.push(this.parseTerm());
    });
    const [first] = terms;
    if (!first) {
      const needs = name === 'When' || name === 'Not' ? 'exactly one condition' : 'at least one condition';
      throw this.error(`${name} takes ${needs}`, start);
    }
    if (name === 'When' || name === 'Not') return { type: name, term: first };
    return { type: name, terms };
  }

  private parseConditionArgs(spec: ConditionSpec, open: number): Termination {
    const args: (ConditionArg | undefined)[] = [];
    let keywordSeen = false;
    this.parseList(open, spec.name, () => {
      const itemStart = this.position;
      const keyword = this.keyword();
      let index = args.length;
      if (keyword !== undefined) {
        index = spec.parameters.findIndex((parameter) => parameter.name === keyword);
        if (index < 0) {
          const names = spec.parameters.map((parameter) => parameter.name);
          const valid = names.length ? `; its settings are ${names.join(', ')}` : '; it takes no settings';
          throw this.error(`${spec.name} has no setting '${keyword}'${valid}`, itemStart);
        }
        if (args[index] !== undefined) throw this.error(`${spec.name} got '${keyword}' twice`, itemStart);
        keywordSeen = true;
      } else if (keywordSeen) {
        throw this.error('A positional argument cannot follow a keyword argument', itemStart);
      }
      const valueStart = this.position;
      const value = this.parseValue();
      const problem = settingProblem(spec, index, value);
      if (problem) throw this.error(problem, valueStart);
      args[index] = value;
    });
    const defaultOf = (i: number): ConditionArg => spec.parameters[i]?.defaultValue ?? null;
    const filled = Array.from(args, (arg, i) => (arg === undefined ? defaultOf(i) : arg));
    return { type: 'condition', name: spec.name, args: filled };
  }

  /** The items between '(' and ')', comma separated, a trailing comma allowed as in Python. */
  private parseList(open: number, owner: string, parseItem: () => void): void {
    this.skipSpace();
    let first = true;
    for (;;) {
      if (this.text[this.position] === ')') break;
      if (!first) {
        if (this.text[this.position] !== ',') throw this.listError(open, owner);
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === ')') break;
      }
      if (this.atEnd()) throw this.listError(open, owner);
      parseItem();
      this.skipSpace();
      first = false;
    }
    this.position++;
  }

  private listError(open: number, owner: string): ParseError {
    if (this.atEnd()) return this.error(`Unclosed '(' of ${owner}`, open, `missing ')' at the end of the text`);
    return this.error(`Expected ',' or ')' in ${owner}(…), found '${this.preview()}'`);
  }

  /** A `name=` prefix, consumed; undefined (nothing consumed) when the item is a bare value. */
  private keyword(): string | undefined {
    const start = this.position;
    const name = this.match(IDENTIFIER);
    if (name !== undefined) {
      this.skipSpace();
      if (this.text[this.position] === '=' && this.text[this.position + 1] !== '=') {
        this.position++;
        this.skipSpace();
        return name;
      }
    }
    this.position = start;
    return undefined;
  }

  private parseValue(): ConditionArg {
    const start = this.position;
    const numeral = this.match(NUMBER);
    if (numeral !== undefined && !/^[A-Za-z_]/.test(this.text[this.position] ?? '')) {
      return Number(numeral.replace(/_/g, ''));
    }
    this.position = start;
    const word = this.match(SIGNED_WORD);
    if (word !== undefined) {
      const negative = word.startsWith('-');
      const bare = word.replace(/^[+-]/, '');
      if (INFINITY_WORDS.has(bare.toLowerCase())) return negative ? -Infinity : Infinity;
      if (bare.toLowerCase() === 'nan') return NaN;
      if (bare === 'None' && bare === word) return null;
    }
    this.position = start;
    const found = this.atEnd() ? 'the end of the text' : `'${this.preview()}'`;
    throw this.error(`Expected a number, inf or None, found ${found}`);
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found || found[0] === '') return undefined;
    this.position += found[0].length;
    return found[0];
  }

  private skipSpace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** The next few characters, for messages. */
  private preview(): string {
    const token = /^(?:[A-Za-z0-9_.+-]+|\S)/.exec(this.text.slice(this.position));
    return token ? token[0] : '';
  }

  private multiline(): boolean {
    return /[\n\r]/.test(this.text);
  }

  private locate(offset: number): { line: number; column: number } {
    const before = this.text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
  }

  /** "<message> at column C (<hint>)", with the line too when the text has several. */
  private error(message: string, offset = this.position, hint?: string): ParseError {
    const { line, column } = this.locate(offset);
    const where = this.multiline() ? `line ${line}, column ${column}` : `column ${column}`;
    const note = hint ?? (offset >= this.text.length && this.text.length > 0 ? 'end of text' : undefined);
    return new ParseError(`${message} at ${where}${note ? ` (${note})` : ''}`, line, column);
  }
}

/** The known name closest to a misspelt one, when it is close enough to be a plausible typo. */
function closestName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of knownNames) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** Edit distance counting an adjacent transposition as one edit (VRT → VTR). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => (rows[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) distance = Math.min(distance, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
