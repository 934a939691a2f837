/** Exit codes (docs/cli.md): 0 done, 1 bad input or a failing objective, 2 bad command line, 70 a bug, 130 Ctrl-C. */
export const exitCodes = { ok: 0, error: 1, usage: 2, internal: 70, interrupted: 130 } as const;

/** Anything text can be written to: process.stdout, process.stderr, or a string collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** The process around the command, passed in so tests run the CLI in-process. */
export interface CliIO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Folder relative paths are resolved against. */
  readonly cwd: string;
  /** Whether stderr is a terminal: then a progress bar is drawn on it. */
  readonly isTTY: boolean;
  /** Terminal width for the progress bar (80 when unknown). */
  readonly columns?: number;
  /** Aborted on Ctrl-C: the run stops after the current generation, saves, reports, and exits with 130. */
  readonly signal?: AbortSignal;
  /** The worker_threads entry --workers starts; default the bundled pool-worker.js beside the CLI bundle. */
  readonly workerEntry?: string | URL;
  /** The worker program --hosts streams to each host; default the bundled remote-worker.js beside the CLI bundle. */
  readonly remoteProgram?: () => Uint8Array;
}
