import type tar from 'tar-stream';
import {decodeEntryName} from '../layers/decode-name.js';
import {normalizeEntryPath} from '../layers/normalize-path.js';
import {sparsePlan} from '../layers/sparse-entry.js';

/** tar-stream's type names of the entries the layer reader keeps (it skips every other type). */
const KEPT_TYPES = new Set(['file', 'link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo', 'contiguous-file']);

/**
 * The normalized path the layer reader (decode-layer.ts) gives a tar header, or null for an
 * entry it does not keep (unknown types, the root itself). It must name entries exactly as
 * the reader does — GNU sparse files by their real name — or the ordinals in
 * LayerContents.entries would not match the tar. Headers come from createExtract.
 */
export function keptEntryPath(header: tar.Header): string | null {
	const sparse = sparsePlan(header, header.name);
	if (!sparse && (!header.type || !KEPT_TYPES.has(header.type))) return null;
	const pax = (header as {pax?: Record<string, string> | null}).pax;
	const raw = sparse?.name ?? header.name;
	const path = normalizeEntryPath(decodeEntryName(raw, sparse?.name ? true : Boolean(pax?.['path'])));
	return path ? path : null;
}
