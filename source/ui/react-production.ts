/**
 * Imported before anything that loads React: without NODE_ENV React runs its development
 * build, several times slower, and React 19.2's development build records component props
 * for performance tracks — with a 300k-path model in props that exhausts the heap.
 * An explicit NODE_ENV (tests set "test") is left alone.
 */
process.env['NODE_ENV'] ??= 'production';

export {};
