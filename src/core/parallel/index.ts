/** Pools: pathos's maps over serial, worker and remote launchers (see pool.ts for the contract, docs/pools.md). */
export type { Args, AbortSignalLike, AsyncResult, Input, Inputs, MapOptions, ModuleTask, Pool, Task, TaskFn } from './pool';
export { SerialPool } from './serialPool';
export { AdaptivePool, type AdaptivePoolOptions, type Dispatch } from './adaptivePool';
export { BasePool, type ChunkJob } from './basePool';
export type { Chunk } from './inputs';
export { Cancellation } from './cancellation';
export { PoolClosedError, ResultTimeoutError, TaskError, TaskTimeoutError, UnshippableTaskError, WorkerCrashError } from './errors';
export { attachModule, checkShippable, compileDescriptor, describeTask, moduleTask, type TaskDescriptor } from './task';
export { RemotePool, type HostGroup, type HostLink, type HostOutcome, type HostRun, type HostState, type HostStats, type RemotePoolOptions } from './remotePool';
