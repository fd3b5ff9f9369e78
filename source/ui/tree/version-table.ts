import type {ChangeKind, FileVersion} from '../../model/types.js';
import type {TreeIndex} from './tree-index.js';

/** Change kinds as numbers ordered by strength, as query.ts orders them (unchanged < modified < added < removed). */
export const Kind = {None: 0, Unchanged: 1, Modified: 2, Added: 3, Removed: 4} as const;

export const kindOf: Record<ChangeKind, number> = {unchanged: Kind.Unchanged, modified: Kind.Modified, added: Kind.Added, removed: Kind.Removed};

/**
 * Every node's versions and directory marks in flat typed arrays, in tree-index order,
 * so that a view of a layer is a loop over numbers (see layer-view.ts) instead of
 * calls that walk objects. Built once per image.
 */
export interface VersionTable {
	versions: FileVersion[];
	/** Versions of node i: [versionStart[i], versionStart[i + 1]). */
	versionStart: Int32Array;
	versionLayer: Int32Array;
	versionKind: Uint8Array;
	/** Size as seen in the filesystem, and 1 for directories. */
	versionSize: Float64Array;
	versionIsDir: Uint8Array;
	/** Marks of node i: [markStart[i], markStart[i + 1]). */
	markStart: Int32Array;
	markLayer: Int32Array;
	markKind: Uint8Array;
}

export function buildVersionTable(index: TreeIndex): VersionTable {
	let versionCount = 0;
	let markCount = 0;
	for (const node of index.nodes) {
		versionCount += node.versions.length;
		markCount += node.marks.length;
	}
	const versions: FileVersion[] = new Array(versionCount);
	const versionStart = new Int32Array(index.size + 1);
	const versionLayer = new Int32Array(versionCount);
	const versionKind = new Uint8Array(versionCount);
	const versionSize = new Float64Array(versionCount);
	const versionIsDir = new Uint8Array(versionCount);
	const markStart = new Int32Array(index.size + 1);
	const markLayer = new Int32Array(markCount);
	const markKind = new Uint8Array(markCount);
	let v = 0;
	let m = 0;
	for (let i = 0; i < index.size; i++) {
		const node = index.nodes[i]!;
		versionStart[i] = v;
		for (const version of node.versions) {
			versions[v] = version;
			versionLayer[v] = version.layer;
			versionKind[v] = kindOf[version.change];
			versionSize[v] = version.size;
			versionIsDir[v] = version.type === 'dir' ? 1 : 0;
			v++;
		}
		markStart[i] = m;
		for (const [layer, kind] of node.marks) {
			markLayer[m] = layer;
			markKind[m] = kindOf[kind];
			m++;
		}
	}
	versionStart[index.size] = v;
	markStart[index.size] = m;
	return {versions, versionStart, versionLayer, versionKind, versionSize, versionIsDir, markStart, markLayer, markKind};
}
