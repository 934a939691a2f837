/** Served by the Vite plugin in scripts/sibylTypes.ts: the library's declarations, generated at build time. */
declare module 'virtual:sibyl-types' {
  export const sibylLibs: readonly { readonly path: string; readonly content: string }[];
}
