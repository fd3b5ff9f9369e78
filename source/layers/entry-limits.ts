import {shownName} from './tar-shim.js';

/**
 * What one tar entry may be. Past these, an image cannot be a filesystem any engine unpacks,
 * and everything built per path (the tree, dive's tree, the JSON rows of every ancestor)
 * would grow with what the image says instead of with what it holds.
 *
 * - 4096 bytes for a path or link target: Linux's PATH_MAX (a path the kernel takes, NUL
 *   included; a symlink's target is at most 4095). Engines extract by full path, so a longer
 *   name fails there too.
 * - 1024 components: a 4096-byte path can have up to 2048 ("a/a/a/…"); real images stay
 *   far below 100 (deep node_modules trees reach a few dozen). Halving the worst case keeps
 *   the sum of an entry's ancestor paths, which views and reports hold, under 4 MB.
 */
export const MAX_PATH_BYTES = 4096;
export const MAX_PATH_DEPTH = 1024;

/** Why `value` (a path or link target as read: raw latin1 bytes, or UTF-8 text from PAX) is too long, or null. */
export function tooLong(entryName: string, value: string, fromPax: boolean, what: 'path' | 'link target'): string | null {
	if (value.length <= MAX_PATH_BYTES / 4) return null;
	// Raw names hold one byte per character; PAX text is UTF-8 (at most 1 MiB: see tar-shim.ts).
	const bytes = fromPax ? Buffer.byteLength(value) : value.length;
	if (bytes <= MAX_PATH_BYTES) return null;
	return `entry "${shownName(entryName)}" has a ${what} of ${bytes} bytes; peel reads at most ${MAX_PATH_BYTES} (Linux's PATH_MAX)`;
}

/** Why a normalized path has too many components, or null. Counts without splitting. */
export function pathTooDeep(path: string): string | null {
	let depth = 1;
	for (let i = path.indexOf('/'); i >= 0 && depth <= MAX_PATH_DEPTH; i = path.indexOf('/', i + 1)) depth++;
	if (depth <= MAX_PATH_DEPTH) return null;
	return `entry "${shownName(path)}" is more than ${MAX_PATH_DEPTH} directories deep; peel reads at most ${MAX_PATH_DEPTH}`;
}
