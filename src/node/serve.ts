import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolationHeaders } from './isolation';
import { createStudioRelay, type Relay } from '../relay';

/** Content types of everything the studio build emits; anything else is served as bytes. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  /** Folder holding the built studio (vite build output). */
  readonly root: string;
  readonly port: number;
  /** Interface to listen on; loopback unless the user asks for more. */
  readonly host: string;
  /** Requests answered before the static files (the relay's token endpoint); true when it answered. */
  readonly intercept?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

/** Serve the built studio from one Node process: static files, no CDN, loopback by default. */
export function startServer(options: ServeOptions): Promise<Server> {
  const root = resolve(options.root);
  const server = createServer((request, response) => {
    if (!options.intercept?.(request, response)) serveStatic(root, request, response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolvePromise(server));
  });
}

function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes and the root fall back to the single page; missing assets are real 404s.
    if (extname(path) !== '') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    file = join(root, 'index.html');
  }
  const hashed = path.startsWith('/assets/');
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...isolationHeaders,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

function parseListen(argv: readonly string[]): string {
  const index = argv.indexOf('--listen');
  if (index < 0) return '127.0.0.1';
  const host = argv[index + 1];
  if (!host) throw new Error('--listen needs an address, for example --listen 0.0.0.0');
  return host;
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..', 'app');
  if (!existsSync(join(root, 'index.html'))) {
    process.stderr.write('The studio is not built: run `npm run build` (npm start does it for you).\n');
    process.exit(1);
  }
  const port = Number(process.env['PORT'] ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number, got ${process.env['PORT']}.\n`);
    process.exit(1);
  }
  const host = parseListen(process.argv.slice(2));
  // The relay for remote hosts (docs/remote.md): its WebSocket on this same server, its token for this page only.
  let relay: Relay;
  try {
    relay = createStudioRelay(process.argv.slice(2), host);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  try {
    relay.attach(await startServer({ root, port, host, intercept: relay.handleRequest }));
  } catch (error) {
    process.stderr.write(`Cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`Sibyl studio: http://${host}:${port}/\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
