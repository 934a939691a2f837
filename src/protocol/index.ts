/** Wire types shared by the page (src/remote), the relay (src/relay) and remote workers; no dependencies. */
export * from './chunks';
export * from './errors';
export * from './frames';
export * from './messages';
export * from './values';
export * from './endpoints';
