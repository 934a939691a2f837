import { ParseError } from '../errors';
import { pythonFloat } from '../termination/numberText';

/**
 * mystic's LoggingMonitor text format (reference §5.1), written and read without I/O: the CLI owns the file.
 *
 *   # Tue Nov 24 20:21:58 2026
 *   # ___#___  __ChiSquare__  __params__
 *     (0,)     1.0   [0.0, 0.0]
 *     (1,)     0.9995000625003906   [0.00025000000000000006, 0.0]
 *   # STOP("VTR with {'tolerance': 0.1, 'target': 0.0}")
 *
 * Numbers print as Python's repr, and the three-space separators are kept, so mystic's `logfile_reader`
 * reads Sibyl's logs and `parseLog` reads mystic's.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Python's `time.ctime()` of a date, in local time: `Tue Nov  4 20:21:58 2026`. */
export function ctime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const day = String(date.getDate()).padStart(2, ' ');
  return `${WEEKDAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${day} ${time} ${date.getFullYear()}`;
}

/** The header a new log starts with: the date, an optional info line, and the column titles. */
export function formatLogHeader(date: Date, info?: string, label = 'ChiSquare'): string {
  const lines = [`# ${ctime(date)}`];
  if (info) lines.push(`# ${info}`);
  lines.push(`# ___#___  __${label}__  __params__`);
  return lines.map((line) => `${line}\n`).join('');
}

/** One monitored record: `  (step,)     cost   [x0, x1, …]`, or `  (step, id)     …` for an ensemble member. */
export function formatLogLine(step: number, cost: number, x: readonly number[], id?: number): string {
  const stepText = id === undefined ? `(${step},)` : `(${step}, ${id})`;
  return `  ${stepText}     ${pythonFloat(cost)}   [${x.map(pythonFloat).join(', ')}]\n`;
}

/** An information line, such as `# STOP("…")`, `# LOADED("…")` or `# DUMPED("…")`. */
export function formatLogInfo(message: string): string {
  return `# ${message}\n`;
}

/** The record of a termination, as mystic logs it into the step monitor. */
export function stopInfo(message: string): string {
  return `STOP("${message}")`;
}

export interface LogEntry {
  /** The monitor's call count (the generation for a generation monitor). */
  readonly step: number;
  /** Ensemble member id, when the step was written as `(step, id)`. */
  readonly id?: number;
  readonly cost: number;
  readonly x: number[];
  /** 1-based line in the log, for messages. */
  readonly line: number;
}

export interface ParsedLog {
  readonly entries: LogEntry[];
  /** Text of every `#` line after the column titles (STOP, LOADED, DUMPED, …), without the `# `. */
  readonly info: string[];
  /** The message of the last `STOP("…")` line, if the run ended. */
  readonly stop?: string;
}

const PY_NUMBER = String.raw`[+-]?(?:inf|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)`;
const ENTRY = new RegExp(String.raw`^\(\s*(\d+)\s*,\s*(?:(-?\d+)\s*)?\)\s+(${PY_NUMBER})\s+\[(.*)\]$`);
const NUMBER_ONLY = new RegExp(`^${PY_NUMBER}$`);
const STOP = /^STOP\("(.*)"\)$/;

/** A Python float literal (`1e-05`, `inf`, `-inf`, `nan`, `3`), or undefined if it is not one. */
function parsePythonNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_ONLY.test(t)) return undefined;
  const sign = t.startsWith('-') ? -1 : 1;
  const bare = t.replace(/^[+-]/, '');
  if (bare === 'inf') return sign * Infinity;
  if (bare === 'nan') return NaN;
  return Number(t);
}

/**
 * Read a LoggingMonitor log (mystic's `logfile_reader`): `#` lines are comments or information, blank lines
 * and a support file's `inf =`/`nan =` lines are skipped, every other line must be one record. A line that is
 * none of these is a ParseError naming the line.
 */
export function parseLog(text: string, fileName = 'log'): ParsedLog {
  const entries: LogEntry[] = [];
  const info: string[] = [];
  let stop: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const lineNumber = i + 1;
    if (line === '' || line.startsWith('inf =') || line.startsWith('nan =')) continue;
    if (line.startsWith('#')) {
      const message = line.replace(/^#\s?/, '');
      if (message.startsWith('___#___')) continue;
      info.push(message);
      const stopped = STOP.exec(message);
      if (stopped) stop = stopped[1];
      continue;
    }
    const fail = (why: string): never => {
      throw new ParseError(`${fileName}:${lineNumber}: ${why}.`, lineNumber, 1);
    };
    const match = ENTRY.exec(line);
    if (!match) fail(`not a log line ("(step,)   cost   [x0, x1, …]" expected, got "${shorten(line)}")`);
    const [, stepText, idText, costText, paramsText] = match as RegExpExecArray;
    const cost = parsePythonNumber(costText as string) as number;
    const x = (paramsText as string).trim() === '' ? [] : (paramsText as string).split(',').map((item) => {
      const value = parsePythonNumber(item);
      return value === undefined ? fail(`parameter "${shorten(item.trim())}" is not a number`) : value;
    });
    const first = entries[0];
    if (first && x.length !== first.x.length) fail(`has ${x.length} parameters where line ${first.line} has ${first.x.length}`);
    const id = idText !== undefined ? { id: Number(idText) } : {};
    entries.push({ step: Number(stepText), ...id, cost, x, line: lineNumber });
  }
  return { entries, info, ...(stop !== undefined ? { stop } : {}) };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The `count` best logged points, lowest cost first, each point once (a converged run logs the same best
 * many times). Records with a NaN or infinite cost are not candidates: they say nothing about where to restart.
 */
export function bestLoggedPoints(log: ParsedLog, count: number): { x: number[]; cost: number }[] {
  const candidates = log.entries.filter((e) => Number.isFinite(e.cost) && e.x.every(Number.isFinite));
  candidates.sort((a, b) => a.cost - b.cost);
  const chosen: { x: number[]; cost: number }[] = [];
  const seen = new Set<string>();
  for (const entry of candidates) {
    if (chosen.length >= count) break;
    const key = entry.x.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push({ x: [...entry.x], cost: entry.cost });
  }
  return chosen;
}
