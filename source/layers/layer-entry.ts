import type {SeekIndex} from './seek-index.js';
import type {SparseMap} from './sparse-entry.js';

export type {SparseMap};

/** File types peel shows; 'hardlink' keeps its identity so it can be counted once. */
export type FileType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/**
 * One tar entry of a layer, normalized. Whiteouts keep their tar name (`dir/.wh.x`,
 * `dir/.wh..wh..opq`) so that both the OCI model and dive's quirky tree can be built from it.
 */
export interface LayerEntry {
	/** Normalized tar name: no leading `/` or `./`, no trailing `/`, no `.`/`..` components. */
	path: string;
	/** 'whiteout' for `.wh.NAME`, 'opaque' for `.wh..wh..opq`, 'meta' for other `.wh..wh.*` (AUFS). */
	kind: FileType | 'whiteout' | 'opaque' | 'meta';
	/** The tar typeflag as a character code (48 = '0'), as dive exports it. */
	typeFlag: number;
	/** Size from the tar header (content bytes for regular files, 0 otherwise); a sparse file's apparent size. */
	size: number;
	/** Permission and special bits (07777). */
	mode: number;
	uid: number;
	gid: number;
	/** Symlink: target as written. Hardlink: normalized path of the target. */
	linkTarget: string | null;
	/** Content hash of a regular file (see contentHash), null for everything else. */
	hash: string | null;
	/** Only on GNU sparse files (so that other entries carry no extra slot): where the stored bytes go. */
	sparse?: SparseMap;
}

export type Compression = 'gzip' | 'zstd' | 'none';

/** Everything learned from reading one layer blob from start to end. */
export interface LayerContents {
	entries: LayerEntry[];
	/** sha256 of the uncompressed tar, computed while reading. */
	diffId: string;
	/** sha256 of the blob as stored, computed while reading. */
	digest: string;
	compression: Compression;
	compressedSize: number;
	uncompressedSize: number;
	/** Non-fatal findings: skipped entry types, duplicate paths, eStargz, … */
	warnings: string[];
	/** Where entries start, for reading one again without the whole layer (absent where not recorded). */
	seek?: SeekIndex;
}
