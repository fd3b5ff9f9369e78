import type {LayerEntry} from '../../../source/layers/layer-entry.js';
import type {AnalyzedImage} from '../../../source/load/analyzed-image.js';
import {imageFromEntries} from './model-image.js';

function entry(path: string, kind: 'file' | 'dir', size: number, hash: string | null): LayerEntry {
	return {path, kind, typeFlag: kind === 'dir' ? 53 : 48, size, mode: kind === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, linkTarget: null, hash};
}

/**
 * A big image for latency checks: `paths` paths spread over `layers` layers, in
 * package-like directories of 20 files (base layer ~60%, then additions, rewrites and
 * removals in every later layer).
 */
export function syntheticImage(paths: number, layers = 10): AnalyzedImage {
	const perDir = 20;
	const all: LayerEntry[][] = Array.from({length: layers}, () => []);
	let made = 0;
	let dirs = 0;
	const base = Math.floor(paths * 0.6);
	const addDir = (layer: number, count: number) => {
		const d = dirs++;
		const top = `usr/share/p${d % 97}`;
		const path = `${top}/pkg${d}`;
		all[layer]!.push(entry(path, 'dir', 0, null));
		made++;
		for (let f = 0; f < count && made < paths; f++) {
			all[layer]!.push(entry(`${path}/file${f}.dat`, 'file', 100 + ((d * 31 + f * 7) % 5000), `h${d}-${f}`));
			made++;
		}
	};
	while (made < base) addDir(0, perDir);
	for (let layer = 1; made < paths; layer = layer === layers - 1 ? 1 : layer + 1) {
		addDir(layer, perDir);
		// Rewrite and remove a few base files in every later layer.
		const d = (made * 13) % Math.max(dirs, 1);
		all[layer]!.push(entry(`usr/share/p${d % 97}/pkg${d}/file1.dat`, 'file', 4000, `rewritten-${layer}-${d}`));
		all[layer]!.push(entry(`usr/share/p${d % 97}/pkg${d}/.wh.file2.dat`, 'file', 0, null));
	}
	return imageFromEntries(all);
}
