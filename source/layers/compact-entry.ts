import {changeKinds, type ChangeKind} from '../model/change-kinds.js';
import type {FileType, FileVersion} from '../model/types.js';
import type {LayerEntry, SparseMap} from './layer-entry.js';

export const ENTRY_KINDS: Array<LayerEntry['kind']> = ['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'whiteout', 'opaque', 'meta'];

/** Set in CompactEntry's bits when its text is the hash. */
const HASH_BIT = 1 << 24;

/**
 * The owners (uid, gid) entries have, by number: an image has a handful, so an entry keeps
 * the owner's number instead of the ids. Shared by every image of the process, and
 * bounded: entries with an owner beyond the table keep their ids themselves (WideOwnerEntry).
 */
const OWNER_BITS = 7;
const MAX_OWNERS = (1 << OWNER_BITS) - 1;
const ownerUids: number[] = [];
const ownerGids: number[] = [];
const ownerNumbers = new Map<number, number>();
/** The last owner asked for: consecutive entries nearly always share it. */
let lastUid = 0;
let lastGid = 0;
let lastOwner = -1;

/** The owner's number, -1 when the table is full or the ids are too big to key it. */
function ownerNumber(uid: number, gid: number): number {
	if (uid === lastUid && gid === lastGid && lastOwner >= 0) return lastOwner;
	if (!(Number.isInteger(uid) && Number.isInteger(gid) && uid >= 0 && gid >= 0 && uid < 2 ** 21 && gid < 2 ** 32)) return -1;
	const key = uid * 2 ** 32 + gid;
	let owner = ownerNumbers.get(key);
	if (owner === undefined) {
		if (ownerUids.length >= MAX_OWNERS) return -1;
		owner = ownerUids.length;
		ownerUids.push(uid);
		ownerGids.push(gid);
		ownerNumbers.set(key, owner);
	}
	lastUid = uid;
	lastGid = gid;
	lastOwner = owner;
	return owner;
}

/** The highest layer an entry can be claimed as a version of (its version shares a small integer with the owner). */
const MAX_CLAIMED_LAYER = 2 ** 21;

/** A claimed entry's layer << 2 | change, from its meta field. */
const versionOf = (meta: number) => (meta >>> OWNER_BITS) - 1;
// Functions, not private methods: those would cost every entry a field of its own (the class brand).
const withVersion = (meta: number, version: number) => (meta & MAX_OWNERS) | ((version + 1) << OWNER_BITS);

/**
 * A LayerEntry in five fields instead of nine: kind, typeFlag and mode share one small
 * integer; the owner's number and the version (below) share another; the hash (files)
 * and the link target (links) share a field, an entry having at most one of them. The
 * main thread keeps one of these per tar entry of every layer (hundreds of thousands),
 * so the fields saved are tens of MB.
 */
class CompactEntry implements LayerEntry {
	declare sparse?: SparseMap;
	/**
	 * The owner's number (low OWNER_BITS bits) and above it, once a model took the entry
	 * as its own version of the path (see entryAsVersion), 1 + (layer << 2 | index of the
	 * change in changeKinds); 0 before. Private, so that the entry compares and copies as
	 * the plain entry it is.
	 */
	#meta: number;

	constructor(
		readonly path: string,
		/** The hash, or else the link target (HASH_BIT says which). */
		private readonly text: string | null,
		readonly size: number,
		/** kind code | typeFlag << 4 | mode << 12 | HASH_BIT */
		private readonly bits: number,
		owner: number,
	) {
		this.#meta = owner;
	}

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
		return ownerUids[this.#meta & MAX_OWNERS]!;
	}

	get gid(): number {
		return ownerGids[this.#meta & MAX_OWNERS]!;
	}

	/** The entry as a model's version of its path (null when some model took it already, or the layer is beyond what fits). */
	claim(layer: number): FileVersion | null {
		if (this.#meta >>> OWNER_BITS !== 0 || !(layer >= 0 && layer < MAX_CLAIMED_LAYER)) return null;
		this.#meta = withVersion(this.#meta, layer << 2);
		return this as unknown as FileVersion;
	}

	// FileVersion, for an entry a model claimed (it then is that version: one object per
	// path instead of two, on images of hundreds of thousands of paths).
	get layer(): number {
		return versionOf(this.#meta) >>> 2;
	}

	get change(): ChangeKind {
		return changeKinds[versionOf(this.#meta) & 3]!;
	}

	set change(change: ChangeKind) {
		this.#meta = withVersion(this.#meta, (versionOf(this.#meta) & ~3) | changeKinds.indexOf(change));
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

/** The rare entry whose owner is not in the table (ids too big, or too many owners). */
class WideOwnerEntry extends CompactEntry {
	constructor(path: string, text: string | null, size: number, bits: number, readonly wideUid: number, readonly wideGid: number) {
		super(path, text, size, bits, MAX_OWNERS);
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
	const owner = ownerNumber(uid, gid);
	return owner >= 0 ? new CompactEntry(path, text, size, bits, owner) : new WideOwnerEntry(path, text, size, bits, uid, gid);
}
