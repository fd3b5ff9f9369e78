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

	constructor(private readonly layers: ReadonlyArray<{entries: LayerEntry[]}>) {}

	/** `path` is the model's absolute path of the version; `version` a regular file's version. */
	locate(path: string, version: FileVersion): EntryLocation | null {
		if (version.type !== 'file' || version.hash === null) return null;
		const entries = this.layers[version.layer]?.entries;
		if (!entries) return null;
		const index = this.index(version.layer, entries);
		const name = path.replace(/^\/+/, '');
		const same = index.byPath.get(name);
		const last = same?.[same.length - 1];
		let at: number | undefined = last !== undefined && matches(entries[last]!, version) ? last : undefined;
		at ??= index.byHash.get(version.hash);
		if (at === undefined || !matches(entries[at]!, version)) return null;
		const entry = entries[at]!;
		const ordinal = index.byPath.get(entry.path)!.indexOf(at);
		// `sparse` is set by the layer reader on GNU sparse entries only.
		const sparse = (entry as {sparse?: SparseRegions}).sparse ?? null;
		return {layer: version.layer, path: entry.path, ordinal, size: entry.size, sparse};
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

function matches(entry: LayerEntry, version: FileVersion): boolean {
	return entry.kind === 'file' && entry.hash === version.hash && entry.size === version.size;
}
