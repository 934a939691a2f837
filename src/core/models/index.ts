/**
 * `sibyl/models`: mystic's built-in test functions and fitting models, with the metadata the studio's gallery
 * and the tests share. See docs/models.md for every formula, default dimension, bounds and minimum.
 */
export * from './functions';
export * from './polynomial';
export * from './fitting';
export * from './decay';
export * from './lorentzian';
export * from './circle';
export * from './info';
