/**
 * Share links: the problem source and every setting in the URL fragment, `#problem=<base64url of the
 * deflate-raw compressed JSON>`. The fragment never reaches a server, and a link reproduces the setup.
 */
import { z } from 'zod';

const SHARE_VERSION = 1;

/** Everything a link carries. Text fields are kept as typed, so a link restores the form exactly. */
export const sharedProblemSchema = z.object({
  v: z.literal(SHARE_VERSION),
  source: z.string(),
  solver: z.string(),
  options: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  termination: z.string(),
  seed: z.string(),
  npop: z.string(),
  workers: z.string(),
  bounds: z.string(),
  x0: z.string(),
  constraints: z.string(),
  penalties: z.string(),
  maxGenerations: z.string(),
  maxEvaluations: z.string(),
  watchdogSeconds: z.string(),
});
export type SharedProblem = z.infer<typeof sharedProblemSchema>;
export type SharedSettings = Omit<SharedProblem, 'v' | 'source'>;

export const SHARE_PREFIX = '#problem=';

async function pipeThrough(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The URL fragment (with its '#problem=') that carries a problem and its settings. */
export async function encodeShare(source: string, settings: SharedSettings): Promise<string> {
  const payload: SharedProblem = { v: SHARE_VERSION, source, ...settings };
  const bytes = await pipeThrough(new TextEncoder().encode(JSON.stringify(payload)), new CompressionStream('deflate-raw'));
  return SHARE_PREFIX + toBase64Url(bytes);
}

/** Reads a fragment made by encodeShare; a damaged or foreign one throws one sentence saying so. */
export async function decodeShare(fragment: string): Promise<SharedProblem> {
  const data = fragment.startsWith(SHARE_PREFIX) ? fragment.slice(SHARE_PREFIX.length) : fragment;
  let json: unknown;
  try {
    const bytes = await pipeThrough(fromBase64Url(decodeURIComponent(data)), new DecompressionStream('deflate-raw'));
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The shared link is damaged (it may have been cut short): the default problem is shown instead.');
  }
  const parsed = sharedProblemSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (field ${issue.path.join('.')})` : '';
    throw new Error(`The shared link was made by another version of Sibyl and cannot be read${where}: the default problem is shown instead.`);
  }
  return parsed.data;
}
