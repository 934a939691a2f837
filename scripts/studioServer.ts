import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './sshd';

/** A studio server started by a test or the benchmark (`node serve.js` with its flags), on loopback. */
export interface StudioServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start the built server `serveJs` (dist/node/serve.js) with `args` (e.g. --known-hosts FILE), on `port` or a
 * free one; resolves once it listens, rejects with its output if it exits first.
 */
export async function startStudioServer(serveJs: string, args: readonly string[] = [], port?: number): Promise<StudioServer> {
  port ??= await freePort();
  const child = spawn(process.execPath, [serveJs, ...args], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('http://')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The studio server exited (${code}): ${output.trim()}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
