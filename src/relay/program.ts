import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SibylError } from '../core';

/**
 * How the worker program reaches a remote host: the relay runs `node -e BOOTSTRAP` over an SSH exec channel
 * and writes the program to its stdin, length-prefixed, followed by the frames of the worker link. The
 * bootstrap reads the program, evaluates it, and hands it the rest of stdin. So a host needs nothing but
 * Node, keeps no files, and opens no port.
 *
 * The bootstrap is a constant and goes inside single quotes, so it holds no single quote, backslash, `!`
 * or `$`: it means the same to sh, bash, zsh, fish and csh. The only other part of the command is the Node
 * binary, which hostSpec.nodeBinary restricts to plain path characters.
 */
export const BOOTSTRAP =
  'const s=process.stdin;let b=Buffer.alloc(0);const f=(c)=>{b=Buffer.concat([b,c]);if(b.length<4)return;' +
  'const n=b.readUInt32BE(0);if(b.length<4+n)return;s.removeListener("data",f);s.pause();' +
  'const p=b.subarray(4,4+n).toString();globalThis.sibylBoot={program:p,rest:b.subarray(4+n)};' +
  'require("vm").runInThisContext(p,{filename:"sibyl-remote-worker.js"})(require)};s.on("data",f)';

/** The command an exec channel runs; `node` has been checked by nodeBinary. */
export function remoteCommand(node: string): string {
  if (/[^A-Za-z0-9_./+~-]/.test(node) || node.startsWith('-')) throw new SibylError(`Refusing to run the Node binary '${node}' on a host.`);
  const binary = node.startsWith('~/') ? `"$HOME"/'${node.slice(2)}'` : `'${node}'`;
  return `exec ${binary} -e '${BOOTSTRAP}'`;
}

/** The bundle (an immediately invoked script for Node) as the function the bootstrap calls with `require`. */
export function wrapProgram(bundle: string): Uint8Array {
  return Buffer.from(`(function(require){${bundle}\n})`);
}

let cached: Uint8Array | undefined;

/**
 * The remote worker program built beside the running bundle (dist/node/remote-worker.js, from
 * src/relay/remoteWorker.ts by scripts/build-node.mjs), ready to stream.
 */
export function builtProgram(): Uint8Array {
  if (cached) return cached;
  const file = fileURLToPath(new URL('./remote-worker.js', import.meta.url));
  if (!existsSync(file)) throw new SibylError(`The remote worker program is not built (${file} is missing): run \`npm run build\`.`);
  cached = wrapProgram(readFileSync(file, 'utf8'));
  return cached;
}
