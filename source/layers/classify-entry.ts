import type {FileType, LayerEntry} from './layer-entry.js';

const WHITEOUT = '.wh.';
const META = '.wh..wh.';
const OPAQUE = '.wh..wh..opq';

/** tar typeflags (as characters) → peel's file types; null = not a file (skip). */
export function fileTypeOf(typeflag: string): FileType | null {
	switch (typeflag) {
		case '0':
		case '\0':
		case '7': // contiguous file: a regular file for every practical purpose
			return 'file';
		case '1':
			return 'hardlink';
		case '2':
			return 'symlink';
		case '3':
			return 'char';
		case '4':
			return 'block';
		case '5':
			return 'dir';
		case '6':
			return 'fifo';
		default:
			return null;
	}
}

/** The kind of a normalized entry path: whiteout markers are recognised by their base name. */
export function classifyName(path: string, type: FileType): LayerEntry['kind'] {
	// Read in place: no base-name string per entry (this runs for every entry of every layer).
	const base = path.lastIndexOf('/') + 1;
	if (!path.startsWith(WHITEOUT, base)) return type;
	if (path.length - base === OPAQUE.length && path.startsWith(OPAQUE, base)) return 'opaque';
	if (path.startsWith(META, base)) return 'meta';
	return 'whiteout';
}

/** Whether a path lies inside AUFS's hidden link directory (hardlink targets live there). */
export function isAufsMetaPath(path: string): boolean {
	return path.startsWith(META);
}
