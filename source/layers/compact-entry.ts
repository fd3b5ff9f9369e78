import {changeKinds, type ChangeKind} from '../model/change-kinds.js';
import type {FileType, FileVersion} from '../model/types.js';
import type {LayerEntry, SparseMap} from './layer-entry.js';

export const ENTRY_KINDS: Array<LayerEntry['kind']> = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'whiteout', 'opaque', 'meta'];

/** uid and gid both fit one small integer when uid < 2^15 and gid < 2^16 (nearly always). */
const GID_BITS = 65536;
const MAX_PACKED_UID = 32768;
/** Set in CompactEntry's bits when its text is the hash. */
const HASH_BIT = 1 << 24;

/**
 * A LayerEntry in five fields instead of nine: kind, typeFlag and mode share one small
 * integer, and so do uid and gid; the hash (files) and the link target (links) share a
 * field, an entry having at most one of them. The main thread keeps one of these per tar
 * entry of every layer (hundreds of thousands), so the fields saved are tens of MB.
 */
class CompactEntry implements LayerEntry {
	declare sparse?: SparseMap;
	/**
	 * Once a model took the entry as its own version of the path (see entryAsVersion):
	 * layer << 2 | index of the change in changeKinds; -1 before. Private, so that the
	 * entry compares and copies as the plain entry it is.
	 */
	#version = -1;

	constructor(
		readonly path: string,
		/** The hash, or else the link target (HASH_BIT says which). */
		private readonly text: string | null,
		readonly size: number,
		/** kind code | typeFlag << 4 | mode << 12 | HASH_BIT */
		private readonly bits: number,
		/** uid * 2^16 + gid (see WideOwnerEntry for ids that do not fit). */
		protected readonly owner: number,
	) {}

	get hash(): string | null {
		return (this.bits & HASH_BIT) !== 0 ? this.text : null;
	}

	get linkTarget(): string | null {
		return (this.bits & HASH_BIT) !== 0 ? null : this.text;
	}

	get kind(): LayerEntry['kind'] {
		return ENTRY_KINDS[this.bits & 15]!;
	}

	get typeFlag(): number {
		return (this.bits >>> 4) & 255;
	}

	get mode(): number {
		return (this.bits >>> 12) & 0o7777;
	}

	get uid(): number {
		return Math.floor(this.owner / GID_BITS);
	}

	get gid(): number {
		return this.owner % GID_BITS;
	}

	/** The entry as a model's version of its path (null when some model took it already). */
	claim(layer: number): FileVersion | null {
		if (this.#version !== -1) return null;
		this.#version = layer << 2;
		return this as unknown as FileVersion;
	}

	// FileVersion, for an entry a model claimed (it then is that version: one object per
	// path instead of two, on images of hundreds of thousands of paths).
	get layer(): number {
		return this.#version >>> 2;
	}

	get change(): ChangeKind {
		return changeKinds[this.#version & 3]!;
	}

	set change(change: ChangeKind) {
		this.#version = (this.#version & ~3) | changeKinds.indexOf(change);
	}

	get type(): FileType {
		return this.kind as FileType;
	}

	get stored(): number {
		return this.sparse ? storedOfSparse(this.sparse.regions) : this.size;
	}

	get reason(): null {
		return null;
	}

	get implicit(): boolean {
		return false;
	}

	get linkedVersion(): null {
		return null;
	}
}

/** A sparse file stores only its data regions ([offset, length, …]), not its apparent size. */
export function storedOfSparse(regions: number[]): number {
	let bytes = 0;
	for (let i = 1; i < regions.length; i += 2) bytes += regions[i]!;
	return bytes;
}

/**
 * The entry itself as the version a model makes of it, when that version would read
 * every field from it unchanged: a compact entry no model has taken yet (two images
 * compared share their common layers' entries), not a hardlink (whose version shares its
 * target's inode) and not a non-file with a size (a version's size counts files only).
 * Null otherwise: the model then makes a version object of its own.
 */
export function entryAsVersion(entry: LayerEntry, layer: number): FileVersion | null {
	if (!(entry instanceof CompactEntry) || entry.kind === 'hardlink' || (entry.kind !== 'file' && entry.size !== 0)) return null;
	return entry.claim(layer);
}

/** The rare entry whose uid or gid is too big to share a small integer. */
class WideOwnerEntry extends CompactEntry {
	constructor(path: string, text: string | null, size: number, bits: number, readonly wideUid: number, readonly wideGid: number) {
		super(path, text, size, bits, 0);
	}

	override get uid(): number {
		return this.wideUid;
	}

	override get gid(): number {
		return this.wideGid;
	}
}

/**
 * A compact LayerEntry. `kindCode` indexes ENTRY_KINDS; typeFlag is a byte and mode is at
 * most 07777 (the reader masks it), so they fit beside it.
 */
export function compactEntry(path: string, kindCode: number, typeFlag: number, size: number, mode: number, uid: number, gid: number, linkTarget: string | null, hash: string | null): LayerEntry {
	if (!(kindCode >= 0 && kindCode < ENTRY_KINDS.length && typeFlag >= 0 && typeFlag <= 255 && mode >= 0 && mode <= 0o7777) || (hash !== null && linkTarget !== null)) {
		// Not what the reader makes: kept as it is, in a plain object.
		return {path, kind: ENTRY_KINDS[kindCode]!, typeFlag, size, mode, uid, gid, linkTarget, hash};
	}
	const bits = kindCode | (typeFlag << 4) | (mode << 12) | (hash !== null ? HASH_BIT : 0);
	const text = hash ?? linkTarget;
	if (uid >= 0 && uid < MAX_PACKED_UID && gid >= 0 && gid < GID_BITS && Number.isInteger(uid) && Number.isInteger(gid)) {
		return new CompactEntry(path, text, size, bits, uid * GID_BITS + gid);
	}
	return new WideOwnerEntry(path, text, size, bits, uid, gid);
}
