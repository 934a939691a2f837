import { parse } from 'sucrase/dist/parser/index.js';
import { IdentifierRole, isBlockScopedDeclaration, isFunctionScopedDeclaration, type Token } from 'sucrase/dist/parser/tokenizer/index.js';
import { TokenType } from 'sucrase/dist/parser/tokenizer/types.js';

/** What a function's source says about shipping it by source. */
export type SourceAnalysis =
  | { readonly kind: 'function'; readonly freeVariables: readonly string[] }
  | { readonly kind: 'method' }
  | { readonly kind: 'unparsable'; readonly reason: string };

/**
 * Names every runtime has (ECMAScript's globals plus the timers, console and friends common to browsers,
 * workers and Node). A shipped function may use these and nothing else from outside itself.
 */
export const portableGlobals: ReadonlySet<string> = new Set([
  'globalThis', 'undefined', 'NaN', 'Infinity', 'arguments',
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Promise',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Proxy', 'Reflect', 'JSON', 'Math',
  'Intl', 'Atomics', 'Iterator', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array',
  'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Error', 'AggregateError', 'EvalError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone',
  'performance', 'crypto', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa',
  'AbortController', 'AbortSignal', 'fetch',
]);

/** Tokens after which `name:` starts a labelled statement rather than an expression. */
const statementStarts = new Set<TokenType>([TokenType.braceL, TokenType.braceR, TokenType.semi, TokenType.parenR, TokenType._else, TokenType._do]);

/**
 * Find the names a function's source reads from outside itself, by a scope analysis over sucrase's parse:
 * each identifier read is matched against the declarations (parameters, var/let/const, functions,
 * classes, catch bindings) of the scopes around it. Names read only under `typeof` are allowed, as are
 * the portable globals. Method shorthand (`f(x) { … }`) is reported apart: its source alone is not a
 * function expression.
 */
export function analyzeFunctionSource(source: string): SourceAnalysis {
  const code = `(${source}\n);`;
  let file: ReturnType<typeof parse>;
  try {
    file = parse(code, false, false, false);
  } catch (error) {
    if (isMethodShorthand(source)) return { kind: 'method' };
    return { kind: 'unparsable', reason: error instanceof Error ? error.message : String(error) };
  }
  const { tokens, scopes } = file;
  const nameOf = (token: Token): string => code.slice(token.start, token.end);

  // Each declaration holds in a range of tokens: its block, or for var and functions its function.
  const declared = new Map<string, { start: number; end: number }[]>();
  const innermost = (index: number, functionScope: boolean): { start: number; end: number } => {
    let best = { start: 0, end: tokens.length };
    for (const scope of scopes) {
      if (functionScope && !scope.isFunctionScope) continue;
      if (scope.startTokenIndex <= index && index < scope.endTokenIndex && scope.endTokenIndex - scope.startTokenIndex <= best.end - best.start) {
        best = { start: scope.startTokenIndex, end: scope.endTokenIndex };
      }
    }
    return best;
  };
  tokens.forEach((token, index) => {
    if (token.type !== TokenType.name) return;
    const blockScoped = isBlockScopedDeclaration(token);
    if (!blockScoped && !isFunctionScopedDeclaration(token)) return;
    const name = nameOf(token);
    const ranges = declared.get(name) ?? [];
    ranges.push(innermost(index, !blockScoped));
    declared.set(name, ranges);
  });

  const free = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.type !== TokenType.name) return;
    if (token.identifierRole !== IdentifierRole.Access && token.identifierRole !== IdentifierRole.ObjectShorthand) return;
    const name = nameOf(token);
    if (portableGlobals.has(name)) return;
    const following = tokens[index + 1]?.type;
    // `async` before a parameter list, a parameter or `function` is a keyword, not a variable.
    if (name === 'async' && (following === TokenType.parenL || following === TokenType.name || following === TokenType._function)) return;
    const previous = tokens[index - 1];
    if (previous?.type === TokenType._typeof) return;
    if (following === TokenType.colon && previous && isStatementStart(tokens, index - 1)) return;
    const ranges = declared.get(name);
    if (ranges?.some((range) => range.start <= index && index < range.end)) return;
    free.add(name);
  });
  return { kind: 'function', freeVariables: [...free] };
}

/** Whether the token at `index` ends a statement or opens one, so a following `name:` is a label. */
function isStatementStart(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (statementStarts.has(token.type)) return true;
  // A label may follow another label (`a: b: for …`).
  return token.type === TokenType.colon && tokens[index - 1]?.type === TokenType.name && isStatementStart(tokens, index - 2);
}

function isMethodShorthand(source: string): boolean {
  try {
    parse(`({${source}\n});`, false, false, false);
    return true;
  } catch {
    return false;
  }
}
