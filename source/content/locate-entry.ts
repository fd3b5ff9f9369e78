import type {LayerEntry} from '../layers/layer-entry.js';
import type {FileVersion} from '../model/types.js';
import type {SparseRegions} from './expand-sparse.js';

/**
 * Where a file version's bytes are: the `ordinal`-th entry (0-based) named `path` in layer
 * `layer`'s tar, counting only entries the layer reader keeps (the order of
 * `LayerContents.entries`).
 */
export interface EntryLocation {
	layer: number;
	path: string;
	ordinal: number;
	/** The file's size (a sparse file's apparent size). */
	size: number;
	/** For a GNU sparse entry, where its stored bytes go; null for an ordinary file. */
	sparse: SparseRegions | null;
	/** Offset of the entry's first tar record in the uncompressed layer, as the first decode saw it; NaN when unknown. */
	start: number;
	/** The content hash the first decode computed (see contentHash): bytes read again are checked against it. */
	hash: string;
}

interface LayerIndex {
	/** Per path: the indices of its entries, in tar order. */
	byPath: Map<string, number[]>;
	/** Per content hash: the last regular-file entry with it. */
	byHash: Map<string, number>;
}

/**
 * Finds the tar entry holding a file version's bytes. The version's own path is tried
 * first (the last entry of that name wins, as in the model); when the entry was stored
 * under another name — through a symlinked parent (`bin/x` over `bin → usr/bin`), or as
 * the target of a hardlink — any regular-file entry of the layer with the same content
 * hash holds the same bytes. Indexes each layer once, on first use. Pure.
 */
export class EntryLocator {
	private readonly indexes = new Map<number, LayerIndex>();
	/** Per layer: lookups so far. The first few scan the entries (a millisecond on 100k) instead of indexing them all. */
	private readonly lookups = new Map<number, number>();

	constructor(private readonly layers: ReadonlyArray<{entries: LayerEntry[]; seek?: {starts: Float64Array}}>) {}

	/** `path` is the model's absolute path of the version; `version` a regular file's version. */
	locate(path: string, version: FileVersion): EntryLocation | null {
		if (version.type !== 'file' || version.hash === null) return null;
		const entries = this.layers[version.layer]?.entries;
		if (!entries) return null;
		const name = path.replace(/^\/+/, '');
		const lookups = (this.lookups.get(version.layer) ?? 0) + 1;
		this.lookups.set(version.layer, lookups);
		const at = lookups > SCANNED_LOOKUPS ? this.lookUp(version, entries, name) : scan(entries, version, name);
		if (at === undefined) return null;
		const entry = entries[at]!;
		let ordinal = 0;
		for (let i = 0; i < at; i++) if (entries[i]!.path === entry.path) ordinal++;
		// `sparse` is set by the layer reader on GNU sparse entries only.
		const sparse = (entry as {sparse?: SparseRegions}).sparse ?? null;
		const start = this.layers[version.layer]!.seek?.starts[at] ?? Number.NaN;
		return {layer: version.layer, path: entry.path, ordinal, size: entry.size, sparse, start, hash: entry.hash!};
	}

	private lookUp(version: FileVersion, entries: LayerEntry[], name: string): number | undefined {
		const index = this.index(version.layer, entries);
		const same = index.byPath.get(name);
		const last = same?.[same.length - 1];
		let at: number | undefined = last !== undefined && matches(entries[last]!, version) ? last : undefined;
		at ??= index.byHash.get(version.hash!);
		return at !== undefined && matches(entries[at]!, version) ? at : undefined;
	}

	private index(layer: number, entries: LayerEntry[]): LayerIndex {
		let index = this.indexes.get(layer);
		if (index) return index;
		index = {byPath: new Map(), byHash: new Map()};
		entries.forEach((entry, i) => {
			const list = index!.byPath.get(entry.path);
			if (list) list.push(i);
			else index!.byPath.set(entry.path, [i]);
			if (entry.kind === 'file' && entry.hash !== null) index!.byHash.set(entry.hash, i);
		});
		this.indexes.set(layer, index);
		return index;
	}
}

/** Lookups per layer answered by scanning before the layer is indexed. */
const SCANNED_LOOKUPS = 8;

/** The index lookUp would find, by a scan from the end: the last entry of the name, else the last with the content. */
function scan(entries: LayerEntry[], version: FileVersion, name: string): number | undefined {
	for (let i = entries.length - 1; i >= 0; i--) {
		if (entries[i]!.path !== name) continue;
		if (matches(entries[i]!, version)) return i;
		break;
	}
	for (let i = entries.length - 1; i >= 0; i--) {
		const entry = entries[i]!;
		if (entry.kind === 'file' && entry.hash === version.hash) return matches(entry, version) ? i : undefined;
	}
	return undefined;
}

function matches(entry: LayerEntry, version: FileVersion): boolean {
	return entry.kind === 'file' && entry.hash === version.hash && entry.size === version.size;
}
