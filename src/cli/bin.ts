import { exitCodes } from './io';
import { main } from './main';

// Process glue only: the first Ctrl-C (or SIGTERM) asks the run to stop after the current generation,
// save and report; a second one quits at once.
const controller = new AbortController();
const stop = () => {
  if (controller.signal.aborted) process.exit(exitCodes.interrupted);
  process.stderr.write('\nStopping after this generation (press Ctrl-C again to quit at once).\n');
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
  ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  signal: controller.signal,
});
process.off('SIGINT', stop);
process.off('SIGTERM', stop);
// exitCode, not exit(): let piped stdout flush first.
process.exitCode = code;
