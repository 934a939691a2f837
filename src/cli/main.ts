import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ObjectiveError, SibylError } from '../core';
import { UsageError, parseCommandLine, usage } from './args';
import { exitCodes, type CliIO } from './io';
import { solveCommand } from './solve';

export { exitCodes, type CliIO, type TextSink } from './io';

/**
 * The `sibyl` command, in-process: `argv` is what follows the program name. Everything the user can get
 * wrong ends as one sentence on stderr and a non-zero exit code; `--debug` adds the stack trace.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        io.stdout.write(usage);
        return exitCodes.ok;
      case 'version':
        io.stdout.write(`sibyl ${packageVersion()}\n`);
        return exitCodes.ok;
      case 'solve':
        return await solveCommand(command.args, io);
    }
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof SibylError) {
    io.stderr.write(`sibyl: ${error.message}\n`);
    const stack = error instanceof ObjectiveError && error.causeStack ? error.causeStack : error.stack;
    if (debug) io.stderr.write(`${stack}\n`);
    return error instanceof UsageError ? exitCodes.usage : exitCodes.error;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`sibyl: internal error: ${message}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return exitCodes.internal;
}

/** The version in package.json, found by walking up from this file (src/cli in tests, dist/node when built). */
function packageVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const text = readFileSync(join(folder, 'package.json'), 'utf8');
      const pkg = JSON.parse(text) as { name?: string; version?: string };
      if (pkg.name === 'sibyl' && pkg.version) return pkg.version;
    } catch {
      // not here: keep walking up
    }
    const parent = dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}
