import type tar from 'tar-stream';
import {decodeEntryName} from '../layers/decode-name.js';
import {normalizeEntryPath} from '../layers/normalize-path.js';

/** tar-stream's type names of the entries the layer reader keeps (it skips every other type). */
const KEPT_TYPES = new Set(['file', 'link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo', 'contiguous-file']);

/**
 * The normalized path the layer reader (decode-layer.ts) gives a tar header, or null for an
 * entry it does not keep (unknown types, the root itself, names that climb out of the root).
 * It must name entries exactly as the reader does, or the ordinals in LayerContents.entries
 * would not match the tar.
 */
export function keptEntryPath(header: tar.Header): string | null {
	if (!header.type || !KEPT_TYPES.has(header.type)) return null;
	const pax = (header as {pax?: Record<string, string> | null}).pax;
	const path = normalizeEntryPath(decodeEntryName(header.name, Boolean(pax?.['path'])));
	return path ? path : null;
}
