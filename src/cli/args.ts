import { parseArgs } from 'node:util';
import { OptionError, SibylError, type Bounds, type Dispatch } from '../core';

/** A command line that cannot be understood (unknown option, missing value): exit code 2. */
export class UsageError extends SibylError {
  override name = 'UsageError';
}

/** What `sibyl solve` was asked to do, with every flag checked for form (not yet against the problem). */
export interface SolveArgs {
  readonly problem?: string;
  readonly solver?: string;
  readonly npop?: number;
  readonly seed?: number;
  /** Solver options by option name, as typed: --strategy, --cross, --scale and every --option name=value. */
  readonly options: Readonly<Record<string, string>>;
  readonly termination?: string;
  readonly maxGenerations?: number;
  readonly maxEvaluations?: number;
  /** One [lo, hi] pair per dimension, or a single pair meaning every dimension. */
  readonly bounds?: Bounds;
  readonly x0?: number[];
  /** Hard constraints in the constraint language (lines separated by newlines or ';'); replace the module's. */
  readonly constraints?: string;
  /** Penalties in the constraint language; replace the module's. */
  readonly penalties?: string;
  /** Bounds applied together with the constraints: clipped (--tight) or redrawn inside the box (--resample). */
  readonly tight?: 'clip' | 'resample';
  readonly save?: string;
  readonly saveEvery?: number;
  readonly resume?: string;
  readonly log?: string;
  readonly restartFromLog?: string;
  /** Worker threads that evaluate batches (de2, ensembles); 0 evaluates in the solver's own thread. */
  readonly workers: number;
  /** Where batches go with workers: measured (auto), always the workers (pool), or this thread (inline). */
  readonly dispatch: Dispatch;
  /** Remote hosts (user@host:port, comma-separated) whose workers evaluate batches over SSH. */
  readonly hosts?: string;
  /** Private key for the hosts; default the SSH agent or the usual ~/.ssh keys. */
  readonly identity?: string;
  /** known_hosts file the hosts' keys are checked against; default ~/.ssh/known_hosts. */
  readonly knownHosts?: string;
  /** With hosts: worker threads on this machine too (0 for the hosts only). */
  readonly localWorkers?: number;
  /** Print a progress line every this many generations; 0 for none. */
  readonly verbose: number;
  readonly json: boolean;
  readonly debug: boolean;
  readonly force: boolean;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'solve'; readonly args: SolveArgs };

const flags = {
  solver: { type: 'string' },
  npop: { type: 'string' },
  strategy: { type: 'string' },
  cross: { type: 'string' },
  scale: { type: 'string' },
  option: { type: 'string', multiple: true },
  seed: { type: 'string' },
  termination: { type: 'string' },
  'max-generations': { type: 'string' },
  'max-evaluations': { type: 'string' },
  bounds: { type: 'string' },
  x0: { type: 'string' },
  constraints: { type: 'string' },
  penalties: { type: 'string' },
  tight: { type: 'boolean' },
  resample: { type: 'boolean' },
  save: { type: 'string' },
  'save-every': { type: 'string' },
  resume: { type: 'string' },
  log: { type: 'string' },
  'restart-from-log': { type: 'string' },
  workers: { type: 'string' },
  dispatch: { type: 'string' },
  hosts: { type: 'string' },
  identity: { type: 'string' },
  'known-hosts': { type: 'string' },
  'local-workers': { type: 'string' },
  verbose: { type: 'string' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Flags that set a solver option of the same name (DE's strategy, cross and scale). */
const optionFlags = ['strategy', 'cross', 'scale'] as const;

export const usage = `Usage: sibyl solve PROBLEM [options]
       sibyl solve --resume STATE.json [PROBLEM] [options]
       sibyl --version | --help

Minimize the objective of PROBLEM, a TypeScript or JavaScript problem module (docs/cli.md).

Solver:
  --solver ID              de (default), de2, nm, powell, buckshot, lattice, sparsity
  --npop N                 population size (DE: at least max(dim, 4))
  --strategy NAME          DE strategy: Best1Bin (default), Best1Exp, Rand1Bin, Rand1Exp, RandToBest1Bin,
                           RandToBest1Exp, Best2Bin, Best2Exp, Rand2Bin, Rand2Exp
  --cross CR               DE crossover probability (0.9)
  --scale F                DE scaling factor (0.8)
  --option NAME=VALUE      any other solver option, e.g. radius=0.1, adaptive=true (repeatable)
  --seed N                 random seed (default: a fresh one, printed with the result)
Stopping:
  --termination TEXT       e.g. "Or(VTR(0.01), ChangeOverGeneration(1e-6, 30))" (default: the solver's)
  --max-generations N      generation limit (with --resume: N more generations)
  --max-evaluations N      evaluation limit (with --resume: N more evaluations)
Problem:
  --bounds "lo:hi,..."     strict ranges, one pair per dimension or one pair for all
  --x0 "a,b,..."           initial point
  --constraints TEXT       hard constraints, one relation a line or separated by ';', e.g.
                           "x0 + x1 <= 5; x2 = x0*x1" (docs/constraints.md); replace the module's
  --penalties TEXT         soft constraints (penalties) in the same language; replace the module's
  --tight                  apply the bounds together with the constraints, clipping into the box
  --resample               as --tight, but draw a coordinate outside its range again inside it
State and logs:
  --save FILE              write the final state (atomically) to FILE
  --save-every N           also write it every N generations
  --resume FILE            continue a saved run; options given here override the saved ones
  --force                  with --resume: accept a PROBLEM whose source differs from the saved one
  --log FILE               append mystic's LoggingMonitor log of every generation to FILE
  --restart-from-log FILE  start from the best point(s) of a log
Parallel evaluation:
  --workers N              evaluate batches in N worker threads (de2 and the ensembles); 0 = in this
                           thread (default)
  --dispatch WHERE         with --workers: auto (default: workers or this thread, whichever measures
                           faster), pool (always the workers) or inline (always this thread)
Remote hosts (docs/remote.md):
  --hosts LIST             evaluate batches on these hosts too: user@host:port,... (over SSH; each host
                           needs only Node)
  --identity FILE          private key for the hosts (default: ssh-agent or ~/.ssh/id_*)
  --known-hosts FILE       host keys to check against (default ~/.ssh/known_hosts)
  --local-workers N        with --hosts: worker threads here too (default --workers, or the cores;
                           0 = the hosts only)
Output:
  --verbose N              print "Generation G has ChiSquare: y" every N generations
  --json                   print exactly one JSON object with the result on stdout
  --debug                  print stack traces with errors
`;

/**
 * Values may start with '-' (`--bounds -2:2`, `--x0 -1,0`), which node:util's parser would read as an
 * option: join each value flag with its value first, unless the next word is itself a long option.
 */
function joinValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    const name = word.startsWith('--') ? word.slice(2) : undefined;
    const next = argv[i + 1];
    const takesValue = name !== undefined && name in flags && flags[name as keyof typeof flags].type === 'string';
    if (takesValue && next !== undefined && !next.startsWith('--')) {
      joined.push(`${word}=${next}`);
      i++;
    } else joined.push(word);
  }
  return joined;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: joinValues(argv), options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const name = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
    switch ((error as { code?: string }).code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`Unknown option '${name}' (see sibyl --help).`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(
          message.includes('does not take') ? `Option '${name}' takes no value.` : `Option '${name}' needs a value.`,
        );
      default:
        throw new UsageError(message.split('\n')[0] as string);
    }
  }
}

/** Read the command line (`process.argv.slice(2)`). */
export function parseCommandLine(argv: readonly string[]): Command {
  const { values, positionals } = parseFlags(argv);
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new UsageError('Give a command: sibyl solve PROBLEM [options] (see sibyl --help).');
  if (command !== 'solve') throw new UsageError(`Unknown command '${command}'; the command is solve (see sibyl --help).`);
  if (rest.length > 1) throw new UsageError(`solve takes one PROBLEM file, got ${rest.length}: ${rest.join(', ')}.`);

  const options: Record<string, string> = {};
  for (const name of optionFlags) {
    const value = values[name];
    if (value !== undefined) options[name] = value;
  }
  for (const pair of values.option ?? []) {
    const match = /^([A-Za-z][\w.-]*)=(.*)$/.exec(pair);
    if (!match) throw new OptionError('option', `--option must be NAME=VALUE, got "${pair}".`);
    const [, name, value] = match as unknown as [string, string, string];
    if (name in options) throw new OptionError(name, `The solver option '${name}' is given twice.`);
    options[name] = value;
  }

  const args: SolveArgs = {
    ...optional('problem', rest[0]),
    ...optional('solver', values.solver),
    ...optional('npop', integerFlag('npop', values.npop, 1)),
    ...optional('seed', integerFlag('seed', values.seed, Number.MIN_SAFE_INTEGER)),
    options,
    ...optional('termination', values.termination),
    ...optional('maxGenerations', integerFlag('max-generations', values['max-generations'], 0)),
    ...optional('maxEvaluations', integerFlag('max-evaluations', values['max-evaluations'], 0)),
    ...optional('bounds', values.bounds === undefined ? undefined : parseBounds(values.bounds)),
    ...optional('x0', values.x0 === undefined ? undefined : parseNumberList('x0', values.x0)),
    ...optional('constraints', ruleText(values.constraints)),
    ...optional('penalties', ruleText(values.penalties)),
    ...optional('tight', values.resample ? ('resample' as const) : values.tight ? ('clip' as const) : undefined),
    ...optional('save', values.save),
    ...optional('saveEvery', integerFlag('save-every', values['save-every'], 1)),
    ...optional('resume', values.resume),
    ...optional('log', values.log),
    ...optional('restartFromLog', values['restart-from-log']),
    ...parallelFlags(values.workers, values.dispatch),
    ...hostFlags(values.hosts, values.identity, values['known-hosts'], values['local-workers']),
    verbose: integerFlag('verbose', values.verbose, 0) ?? 0,
    json: values.json ?? false,
    debug: values.debug ?? false,
    force: values.force ?? false,
  };
  return { kind: 'solve', args };
}

const dispatches: readonly Dispatch[] = ['auto', 'pool', 'inline'];

/** --workers N (default 0) and --dispatch, which chooses between the workers and this thread, so needs some. */
function parallelFlags(workersText: string | undefined, dispatchText: string | undefined): { workers: number; dispatch: Dispatch } {
  const workers = integerFlag('workers', workersText, 0) ?? 0;
  if (dispatchText === undefined) return { workers, dispatch: 'auto' };
  const dispatch = dispatches.find((d) => d === dispatchText);
  if (!dispatch) throw new OptionError('dispatch', `--dispatch must be auto, pool or inline, got "${dispatchText}".`);
  if (workers === 0) throw new OptionError('dispatch', '--dispatch chooses between worker threads and this thread; give --workers N (N ≥ 1) with it.');
  return { workers, dispatch };
}

/** --hosts and the flags that only mean something with it. */
function hostFlags(hosts: string | undefined, identity: string | undefined, knownHosts: string | undefined, localWorkers: string | undefined) {
  if (hosts === undefined) {
    const stray = identity !== undefined ? 'identity' : knownHosts !== undefined ? 'known-hosts' : localWorkers !== undefined ? 'local-workers' : undefined;
    if (stray) throw new OptionError(stray, `--${stray} goes with --hosts user@host:port,….`);
    return {};
  }
  return {
    hosts,
    ...optional('identity', identity),
    ...optional('knownHosts', knownHosts),
    ...optional('localWorkers', integerFlag('local-workers', localWorkers, 0)),
  };
}

/** Constraint-language text from a flag: ';' separates lines too, since a newline is awkward in a shell. */
function ruleText(text: string | undefined): string | undefined {
  return text?.replace(/;/g, '\n');
}

/** `{ key: value }` when the value is given, `{}` otherwise (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function integerFlag(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    const kind = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : 'an integer';
    throw new OptionError(name, `--${name} must be ${kind}, got "${text}".`);
  }
  return value;
}

function parseNumber(flag: string, text: string, whole: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new OptionError(flag, `--${flag} must be finite numbers, got "${text.trim()}" in "${whole}".`);
  }
  return value;
}

function parseNumberList(flag: string, text: string): number[] {
  return text.split(',').map((item) => parseNumber(flag, item, text));
}

/** `lo:hi,lo:hi,…` (or one `lo:hi` for every dimension); lo > hi is an error naming the entry. */
export function parseBounds(text: string): Bounds {
  return text.split(',').map((pair, j) => {
    const parts = pair.split(':');
    if (parts.length !== 2) {
      throw new OptionError('bounds', `--bounds must be "lo:hi,lo:hi,…", got "${pair.trim()}" in "${text}".`);
    }
    const lo = parseNumber('bounds', parts[0] as string, text);
    const hi = parseNumber('bounds', parts[1] as string, text);
    if (lo > hi) throw new OptionError('bounds', `--bounds entry ${j + 1} has lo > hi (${lo} > ${hi}).`);
    return [lo, hi] as [number, number];
  });
}
