import type {ViewMode} from '../../model/types.js';
import {ChangeCode} from './change-code.js';
import type {TreeIndex} from './tree-index.js';
import {Kind, type VersionTable} from './version-table.js';

/** Every node's state in one view (a layer, current or aggregated): the per-layer pass. */
export interface LayerView {
	layer: number;
	mode: ViewMode;
	/** Per node, the version to show (an index into the version table), -1 when absent. */
	version: Int32Array;
	change: Uint8Array;
}

const codeOfKind = Uint8Array.from([ChangeCode.Untouched, ChangeCode.Unchanged, ChangeCode.Modified, ChangeCode.Added, ChangeCode.Removed]);

/**
 * query.ts's viewState for every node at once, on the version table: the same rules
 * (changeInLayer for the layer view, aggregatedChange for the aggregated one; removed
 * paths shown with their last version), checked against query.ts in layer-view.test.ts.
 * One loop per mode keeps each loop simple for the JIT.
 */
export function computeLayerView(index: TreeIndex, table: VersionTable, layer: number, mode: ViewMode): LayerView {
	const version = new Int32Array(index.size).fill(-1);
	const change = new Uint8Array(index.size).fill(ChangeCode.Absent);
	change[0] = ChangeCode.Untouched;
	if (mode === 'layer') layerPass(index, table, layer, version, change);
	else aggregatedPass(index, table, layer, version, change);
	return {layer, mode, version, change};
}

/** changeInLayer: what `layer` itself did to each path. */
function layerPass(index: TreeIndex, table: VersionTable, layer: number, version: Int32Array, change: Uint8Array): void {
	const {versionStart, versionLayer, versionKind, markStart, markLayer, markKind} = table;
	const {end, size} = index;
	let i = 1;
	while (i < size) {
		const v1 = versionStart[i + 1]!;
		let latest = -1;
		let lastPresent = -1;
		let ownKind: number = Kind.None;
		for (let v = versionStart[i]!; v < v1; v++) {
			const l = versionLayer[v]!;
			if (l > layer) break;
			latest = v;
			const kind = versionKind[v]!;
			if (kind !== Kind.Removed) lastPresent = v;
			if (l === layer) ownKind = kind;
		}
		let below: number = Kind.None;
		const m1 = markStart[i + 1]!;
		for (let m = markStart[i]!; m < m1; m++) {
			const l = markLayer[m]!;
			if (l >= layer) {
				if (l === layer) below = markKind[m]!;
				break;
			}
		}
		let kind: number;
		if (ownKind === Kind.Added || ownKind === Kind.Removed) kind = ownKind;
		else if (below !== Kind.None && below !== Kind.Unchanged) kind = Kind.Modified;
		else kind = ownKind !== Kind.None ? ownKind : below;
		if (latest >= 0 && versionKind[latest] !== Kind.Removed) {
			version[i] = latest;
			change[i] = codeOfKind[kind]!;
			i++;
		} else if (kind === Kind.Removed && lastPresent >= 0) {
			version[i] = lastPresent;
			change[i] = ChangeCode.Removed;
			i++;
		} else {
			// Nothing below an absent directory can be present either.
			i = end[i]!;
		}
	}
}

/** aggregatedChange: the net change of each path from the base layer up to `layer`. */
function aggregatedPass(index: TreeIndex, table: VersionTable, layer: number, version: Int32Array, change: Uint8Array): void {
	const {versionStart, versionLayer, versionKind, markStart, markLayer, markKind} = table;
	const {end, size} = index;
	let i = 1;
	while (i < size) {
		const v1 = versionStart[i + 1]!;
		let latest = -1;
		let lastPresent = -1;
		let base = false;
		let net: number = Kind.None;
		for (let v = versionStart[i]!; v < v1; v++) {
			const l = versionLayer[v]!;
			if (l > layer) break;
			latest = v;
			const kind = versionKind[v]!;
			if (kind !== Kind.Removed) lastPresent = v;
			if (l === 0) base = kind !== Kind.Removed;
			else {
				const folded = kind === Kind.Unchanged ? Kind.Unchanged : Kind.Modified;
				if (folded > net) net = folded;
			}
		}
		const present = latest >= 0 && versionKind[latest] !== Kind.Removed;
		let kind: number;
		if (!present) kind = lastPresent >= 0 ? Kind.Removed : Kind.None;
		else if (!base) kind = Kind.Added;
		else {
			const m1 = markStart[i + 1]!;
			for (let m = markStart[i]!; m < m1; m++) {
				const l = markLayer[m]!;
				if (l > layer) break;
				if (l >= 1) {
					const folded = markKind[m] === Kind.Unchanged ? Kind.Unchanged : Kind.Modified;
					if (folded > net) net = folded;
				}
			}
			kind = net;
		}
		if (present) {
			version[i] = latest;
			change[i] = codeOfKind[kind]!;
			i++;
		} else if (kind === Kind.Removed) {
			version[i] = lastPresent;
			change[i] = ChangeCode.Removed;
			i++;
		} else {
			i = end[i]!;
		}
	}
}
