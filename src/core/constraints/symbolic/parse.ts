import { OptionError, ParseError } from '../../errors';
import { constants, functionAliases, functions, type BinaryOp, type Comparator, type Node, type Relation } from './ast';

/** How names in the text are read. */
export interface VariableOptions {
  /**
   * Variable names: a base such as 'x' (x0, x1, … — the default) or an explicit list (['A', 'B', 'C']), whose
   * order gives the indices.
   */
  readonly variables?: string | readonly string[];
  /** The problem's dimension. A variable index at or above it is an error. */
  readonly nvars?: number;
  /** Extra named constants, e.g. { g: 9.81 }. */
  readonly constants?: Readonly<Record<string, number>>;
}

/** Resolves names and prints variables, from VariableOptions. */
export class Scope {
  readonly base: string | undefined;
  readonly names: readonly string[] | undefined;
  readonly nvars: number | undefined;
  readonly constants: Readonly<Record<string, number>>;

  constructor(options: VariableOptions = {}) {
    const variables = options.variables ?? 'x';
    if (typeof variables === 'string') {
      if (!/^[A-Za-z_][A-Za-z_]*$/.test(variables)) {
        throw new OptionError('variables', `a variable base must be letters, got '${variables}'.`);
      }
      this.base = variables;
    } else {
      const bad = variables.find((v) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v));
      if (bad !== undefined) throw new OptionError('variables', `'${bad}' is not a valid variable name.`);
      this.names = variables;
    }
    if (options.nvars !== undefined && !(Number.isInteger(options.nvars) && options.nvars >= 0)) {
      throw new OptionError('nvars', `nvars must be a non-negative integer, got ${options.nvars}.`);
    }
    this.nvars = options.nvars ?? this.names?.length;
    this.constants = options.constants ?? {};
  }

  name(index: number): string {
    return this.names ? this.names[index]! : `${this.base}${index}`;
  }

  /** The variable index a name denotes, or undefined if it is not a variable name. */
  variableIndex(name: string): number | undefined {
    if (this.names) {
      const i = this.names.indexOf(name);
      return i < 0 ? undefined : i;
    }
    const match = new RegExp(`^${this.base}(\\d+)$`).exec(name);
    return match ? Number(match[1]) : undefined;
  }

  describe(): string {
    if (this.names) return this.names.join(', ');
    return this.nvars === undefined ? `${this.base}0, ${this.base}1, …` : `${this.base}0…${this.base}${Math.max(0, this.nvars - 1)}`;
  }
}

type TokenKind = 'num' | 'name' | 'op' | 'cmp' | 'end';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based column. */
  readonly column: number;
}

const COMPARATORS: Readonly<Record<string, Comparator>> = { '=': '=', '==': '=', '!=': '!=', '<=': '<=', '>=': '>=', '<': '<', '>': '>' };
const NUMBER = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function fail(line: number, column: number, message: string): never {
  throw new ParseError(`Line ${line}, column ${column}: ${message}`, line, column);
}

function tokenize(text: string, line: number, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const column = offset + i + 1;
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    const name = NAME.exec(rest);
    const two = rest.slice(0, 2);
    if (number) tokens.push({ kind: 'num', text: number[0], column });
    else if (name) tokens.push({ kind: 'name', text: name[0], column });
    else if (two === '**' ) tokens.push({ kind: 'op', text: two, column });
    else if (two in COMPARATORS) tokens.push({ kind: 'cmp', text: two, column });
    else if ('+-*/^()[],'.includes(rest[0]!)) tokens.push({ kind: 'op', text: rest[0]!, column });
    else if (rest[0]! in COMPARATORS) tokens.push({ kind: 'cmp', text: rest[0]!, column });
    else fail(line, column, `unexpected character '${rest[0]}'.`);
    i += tokens[tokens.length - 1]!.text.length;
  }
  tokens.push({ kind: 'end', text: '', column: offset + text.length + 1 });
  return tokens;
}

function shown(token: Token): string {
  return token.kind === 'end' ? 'the end of the line' : `'${token.text}'`;
}

/** Recursive descent over one line, with Python's precedence: ** binds tighter than a unary minus on its left. */
class LineParser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly line: number,
    private readonly scope: Scope,
  ) {}

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private next(): Token {
    return this.tokens[this.position++]!;
  }

  private expectOp(text: string, context: string): void {
    const token = this.next();
    if (token.kind !== 'op' || token.text !== text) fail(this.line, token.column, `expected '${text}' ${context}, found ${shown(token)}.`);
  }

  private isOp(...texts: string[]): boolean {
    const token = this.peek();
    return token.kind === 'op' && texts.includes(token.text);
  }

  relation(source: string): Relation {
    const lhs = this.expression();
    const cmp = this.next();
    if (cmp.kind !== 'cmp') {
      if (cmp.kind === 'end') fail(this.line, cmp.column, 'a constraint needs a comparator (=, ==, !=, <=, >=, < or >).');
      fail(this.line, cmp.column, `unexpected ${shown(cmp)}; expected an operator or a comparator.`);
    }
    const rhs = this.expression();
    const end = this.next();
    if (end.kind === 'cmp') fail(this.line, end.column, `only one comparator per line; found a second one, ${shown(end)}.`);
    if (end.kind !== 'end') fail(this.line, end.column, `unexpected ${shown(end)}; expected an operator or the end of the line.`);
    return { lhs, cmp: COMPARATORS[cmp.text]!, rhs, line: this.line, source };
  }

  private expression(): Node {
    let node = this.term();
    while (this.isOp('+', '-')) {
      const op = this.next().text as BinaryOp;
      node = { kind: 'bin', op, left: node, right: this.term() };
    }
    return node;
  }

  private term(): Node {
    let node = this.unary();
    while (this.isOp('*', '/')) {
      const op = this.next().text as BinaryOp;
      node = { kind: 'bin', op, left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.next();
      return { kind: 'neg', arg: this.unary() };
    }
    if (this.isOp('+')) {
      this.next();
      return this.unary();
    }
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    if (this.isOp('**', '^')) {
      this.next();
      return { kind: 'bin', op: '^', left: base, right: this.unary() };
    }
    return base;
  }

  private primary(): Node {
    const token = this.next();
    if (token.kind === 'num') return { kind: 'num', value: Number(token.text) };
    if (token.kind === 'name') return this.named(token);
    if (token.kind === 'op' && token.text === '(') {
      const inner = this.expression();
      this.expectOp(')', 'to close the parenthesis');
      return inner;
    }
    if (token.kind === 'op' && token.text === '[') {
      fail(this.line, token.column, 'a list [...] may only be the argument of a list function such as mean, sum or spread.');
    }
    fail(this.line, token.column, `unexpected ${shown(token)}; expected a number, a variable, a function or '('.`);
  }

  private named(token: Token): Node {
    const index = this.scope.variableIndex(token.text);
    if (index !== undefined) {
      const nvars = this.scope.nvars;
      if (nvars !== undefined && index >= nvars) {
        fail(this.line, token.column, `${token.text} is out of range: the problem has ${nvars} variable${nvars === 1 ? '' : 's'} (${this.scope.describe()}).`);
      }
      return { kind: 'var', index };
    }
    const fname = functionAliases[token.text] ?? token.text;
    if (this.isOp('(')) {
      if (!(fname in functions)) fail(this.line, token.column, `unknown function '${token.text}'.`);
      return this.call(token, fname);
    }
    if (fname in functions) fail(this.line, token.column, `the function '${token.text}' needs arguments in parentheses.`);
    const value = this.scope.constants[token.text] ?? constants[token.text];
    if (value !== undefined) return { kind: 'num', value, name: token.text };
    fail(this.line, token.column, `unknown name '${token.text}'; variables are ${this.scope.describe()}.`);
  }

  private call(token: Token, name: string): Node {
    this.expectOp('(', `after ${token.text}`);
    const spec = functions[name]!;
    let args: Node[];
    if (this.isOp('[')) {
      const open = this.next();
      if (spec.arity !== 'list') fail(this.line, open.column, `${token.text} takes numbers, not a list.`);
      args = this.items(']');
      this.expectOp(')', `to close ${token.text}(`);
    } else {
      args = this.items(')');
    }
    const [min, max] = spec.arity === 'list' ? [1, Infinity] : typeof spec.arity === 'number' ? [spec.arity, spec.arity] : spec.arity;
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
      fail(this.line, token.column, `${token.text} takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${args.length}.`);
    }
    return { kind: 'call', name, args };
  }

  /** Comma-separated expressions up to and including the closing token. */
  private items(close: string): Node[] {
    const items: Node[] = [];
    if (this.isOp(close)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.expression());
      const token = this.next();
      if (token.kind === 'op' && token.text === close) return items;
      if (!(token.kind === 'op' && token.text === ',')) fail(this.line, token.column, `expected ',' or '${close}', found ${shown(token)}.`);
    }
  }
}

/**
 * Parse constraint text: one relation per line; blank lines and # comments are skipped. Throws a ParseError
 * giving the line, the column and the offending token.
 */
export function parseRelations(text: string, scope: Scope): Relation[] {
  const relations: Relation[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const content = hash >= 0 ? raw.slice(0, hash) : raw;
    if (!content.trim()) return;
    const parser = new LineParser(tokenize(content, i + 1, 0), i + 1, scope);
    relations.push(parser.relation(content.trim()));
  });
  return relations;
}
