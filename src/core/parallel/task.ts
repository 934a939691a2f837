import { SibylError } from '../errors';
import { evaluateModule, loadModule, transpileModule } from '../problem/compile';
import { UnshippableTaskError } from './errors';
import { analyzeFunctionSource } from './freeVariables';
import type { ModuleTask, Task, TaskFn } from './pool';

/** What crosses to a worker: enough to compile the task there, and a hash to find it again. */
export type TaskDescriptor =
  | { readonly kind: 'module'; readonly hash: string; readonly source: string; readonly exportName: string }
  | { readonly kind: 'function'; readonly hash: string; readonly source: string; readonly name: string };

/** A module's export as a task; `exportName` is a dotted path such as `default.objective`. */
export function moduleTask(source: string, exportName = 'default'): ModuleTask {
  if (typeof source !== 'string') throw new SibylError('A module task needs the module source as text.');
  if (typeof exportName !== 'string' || exportName === '') throw new SibylError('A module task needs the name of an export.');
  return { kind: 'module', source, exportName };
}

export function isModuleTask(task: unknown): task is ModuleTask {
  return typeof task === 'object' && task !== null && (task as { kind?: unknown }).kind === 'module';
}

const homes = new WeakMap<object, ModuleTask>();

/**
 * Record where a function comes from, so pools that ship work can load it from its module instead of its
 * source, while pools in this thread still call the function itself. The run loop does this for a problem's
 * objective: `attachModule(problem.objective, moduleTask(source, 'default.objective'))`. Returns `fn`.
 */
export function attachModule<F extends TaskFn<never[]>>(fn: F, home: ModuleTask): F {
  if (!isModuleTask(home)) throw new SibylError('attachModule needs a module task (see moduleTask).');
  homes.set(fn, home);
  return fn;
}

/** The module a function was attached to, if any. */
export function moduleOf(fn: TaskFn<never[]>): ModuleTask | undefined {
  return homes.get(fn);
}

/**
 * How a task travels to a worker. Module tasks are checked for syntax here, functions for being
 * self-contained, so a task that cannot run is refused at submission and not inside a worker.
 */
export function describeTask(task: Task<never[]>): TaskDescriptor {
  if (typeof task === 'function') {
    const home = moduleOf(task);
    return home ? describeModule(home) : describeFunction(task);
  }
  if (isModuleTask(task)) return describeModule(task);
  throw new SibylError('A task must be a function or a module task (see moduleTask).');
}

const checkedModules = new Map<string, TaskDescriptor>();

function describeModule(task: ModuleTask): TaskDescriptor {
  const hash = hashText(`module\0${task.exportName}\0${task.source}`);
  let descriptor = checkedModules.get(hash);
  if (!descriptor) {
    transpileModule(task.source, moduleFileName(task));
    descriptor = { kind: 'module', hash, source: task.source, exportName: task.exportName };
    remember(checkedModules, hash, descriptor);
  }
  return descriptor;
}

const describedFunctions = new WeakMap<object, TaskDescriptor>();
const checkedSources = new Map<string, TaskDescriptor | UnshippableTaskError>();

function describeFunction(fn: TaskFn<never[]>): TaskDescriptor {
  const known = describedFunctions.get(fn);
  if (known) return known;
  const source = Function.prototype.toString.call(fn);
  const name = fn.name || 'anonymous';
  const key = `${name}\0${source}`;
  let checked = checkedSources.get(key);
  if (!checked) {
    checked = checkFunctionSource(name, source);
    remember(checkedSources, key, checked);
  }
  if (checked instanceof UnshippableTaskError) throw checked;
  describedFunctions.set(fn, checked);
  return checked;
}

function checkFunctionSource(name: string, source: string): TaskDescriptor | UnshippableTaskError {
  const label = name === 'anonymous' ? 'An anonymous function' : `Function '${name}'`;
  if (/^class[\s{]/.test(source)) return new UnshippableTaskError(name, `${label} is a class, not a function, so it cannot be a task.`);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    return new UnshippableTaskError(name, `${label} is built in or bound, so its source cannot be shipped to a worker; wrap it in a self-contained function.`);
  }
  const analysis = analyzeFunctionSource(source);
  if (analysis.kind === 'method') {
    return new UnshippableTaskError(name, `${label} is a method, which cannot be shipped by its source; use a function or an arrow function.`);
  }
  if (analysis.kind === 'unparsable') {
    return new UnshippableTaskError(name, `${label} cannot be shipped to a worker: its source does not parse (${analysis.reason}).`);
  }
  const free = analysis.freeVariables;
  if (free.length > 0) {
    const names = free.map((v) => `'${v}'`).join(', ');
    return new UnshippableTaskError(
      name,
      `${label} cannot be shipped to a worker: it uses ${names} from outside its own source; make it self-contained or use a module task.`,
      free,
    );
  }
  return { kind: 'function', hash: hashText(`function\0${source}`), source, name };
}

/** Check that a function can run in a worker; throws UnshippableTaskError naming what it depends on. */
export function checkShippable(fn: TaskFn<never[]>): void {
  describeFunction(fn);
}

/** Keep caches of checked sources bounded: a long session may create many distinct lambdas. */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/**
 * Resolve a task in this thread: a function is itself; a module task is compiled here (once per source)
 * and its export looked up. Used by SerialPool and by workers.
 */
export function resolveTask(task: Task<never[]>): TaskFn<unknown[]> {
  if (typeof task === 'function') return task as TaskFn<unknown[]>;
  if (isModuleTask(task)) return exportedFunction(loadModule(task.source, moduleFileName(task)), task);
  throw new SibylError('A task must be a function or a module task (see moduleTask).');
}

/** Compile a descriptor received by a worker. */
export function compileDescriptor(descriptor: TaskDescriptor): TaskFn<unknown[]> {
  if (descriptor.kind === 'module') return resolveTask({ kind: 'module', source: descriptor.source, exportName: descriptor.exportName });
  const fileName = `${descriptor.name}.js`;
  // A shipped function came from an ES module or a strict caller; strict mode keeps its meaning.
  const exports = evaluateModule(`'use strict';\nexports.task = (${descriptor.source}\n);`, fileName);
  return exports['task'] as TaskFn<unknown[]>;
}

function exportedFunction(exports: Record<string, unknown>, task: ModuleTask): TaskFn<unknown[]> {
  let owner: unknown;
  let value: unknown = exports;
  for (const part of task.exportName.split('.')) {
    owner = value;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value !== 'function') {
    throw new SibylError(`${moduleFileName(task)} has no function export '${task.exportName}' (found ${value === undefined ? 'nothing' : typeof value}).`);
  }
  // An objective written as a method (`objective(x) { return this.scale * … }`) keeps its object.
  return (value as TaskFn<unknown[]>).bind(owner);
}

function moduleFileName(task: ModuleTask): string {
  return task.exportName.startsWith('default') ? 'problem.ts' : `task-${task.exportName}.ts`;
}

/** A 53-bit content hash (cyrb53), as hex: enough to tell tasks apart in a worker's cache. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
