import type {LayerEntry} from '../layers/layer-entry.js';
import {CHUNK, Float64Column, Int32Column, ValueColumn} from './chunked-column.js';
import {DiveTrie, rememberDiveFileOrder, ROOT, WHITEOUT} from './dive-tree.js';
import type {DiveFigures} from './types.js';

/** dive's per-path figures (count, cumulative size, smallest size), in chunked columns by slot. */
class PathFigures {
	/** The path of each slot: its node, or the path itself when it has an empty component. */
	private readonly paths = new ValueColumn<number | string>(0);
	readonly count = new Int32Column();
	readonly cumulative = new Float64Column();
	readonly min = new Float64Column();
	length = 0;

	add(path: number | string): number {
		const slot = this.length++;
		if (slot % CHUNK === 0) for (const column of [this.paths, this.count, this.cumulative, this.min]) column.ensure(slot + 1);
		this.paths.set(slot, path);
		this.min.set(slot, -1);
		return slot;
	}

	pathOf(slot: number, trie: DiveTrie): string {
		const path = this.paths.get(slot);
		return typeof path === 'string' ? path : trie.path(path);
	}
}

/**
 * dive's efficiency, wasted bytes and user-wasted percent, to the last digit
 * (dive: filetree/efficiency.go, image/analysis.go), on dive's own per-layer trees.
 * Layers are added in order, as they become available.
 */
export class DiveFigureBuilder {
	private trie: DiveTrie | null = new DiveTrie();
	private figures: PathFigures | null = new PathFigures();
	/** Figures of paths with an empty component ("a/" from a whiteout named ".wh."), by path. */
	private readonly oddPaths = new Map<string, number>();
	private readonly inefficient: number[] = [];
	private readonly layerSizes: number[] = [];
	/** The child-first order of the last layer added: stacked before the next layer's tree is built. */
	private previous: number[] | null = null;
	/** Layer 0's tree is being built as its entries arrive. */
	private streaming = false;

	/** Layer 0's entries, one by one as they are read (before addLayer of layer 0). */
	streamFirstLayer(entry: LayerEntry): void {
		const trie = this.trie!;
		if (!this.streaming) {
			if (this.layerSizes.length > 0) throw new Error('streamFirstLayer: layer 0 must come first');
			this.streaming = true;
			trie.startLayer(0);
		}
		trie.addToLayer(entry.path, entry);
	}

	addLayer(entries: LayerEntry[]): void {
		for (const _ of this.addLayerInSteps(entries));
	}

	/** addLayer, pausing after every few thousand nodes (so a caller can do other work in between). */
	*addLayerInSteps(entries: LayerEntry[], step = 4096): Generator<void> {
		const trie = this.trie!;
		const figures = this.figures!;
		const index = this.layerSizes.length;
		this.layerSizes.push(entries.reduce((sum, e) => sum + e.size, 0));
		let done = 0;
		// dive stacks layers 0..index-1 on a copy of layer 0 (so layer 0 twice) for its whiteout
		// lookups; the layer below must be stacked before this layer's tree replaces its own.
		if (index > 0) {
			for (const node of this.previous!) {
				if (++done % step === 0) yield;
				if (!trie.isWhiteout(node)) trie.stackAdd(node, trie.entry(node));
				else {
					const target = this.lookUp(node);
					if (target !== null && target !== ROOT) trie.stackRemove(target);
				}
			}
		}
		if (index > 0 || !this.streaming) {
			trie.startLayer(index);
			for (const entry of entries) {
				if (++done % step === 0) yield;
				trie.addToLayer(entry.path, entry);
			}
		}
		this.streaming = false;
		const order = trie.layerOrder();
		rememberDiveFileOrder(entries, trie, order);
		yield;
		if (index === 0) {
			for (const node of order) {
				if (++done % step === 0) yield;
				trie.stackAdd(node, trie.entry(node));
			}
		}
		this.previous = order;

		for (const node of order) {
			if (++done % step === 0) yield;
			if (trie.hasKids(node)) continue; // leaves only
			const slot = this.slotOf(node);
			let size = 0;
			if (trie.isWhiteout(node)) {
				const previous = this.lookUp(node);
				// dive stops the layer's walk here, leaving this path with min -1.
				if (previous === null) break;
				if (trie.info(previous)?.kind === 'dir') size = trie.stackSubtreeSize(previous);
			} else {
				size = trie.entry(node)?.size ?? 0;
			}
			figures.cumulative.set(slot, figures.cumulative.get(slot) + size);
			const min = figures.min.get(slot);
			if (min < 0 || size < min) figures.min.set(slot, size);
			const count = figures.count.get(slot) + 1;
			figures.count.set(slot, count);
			if (count === 2) this.inefficient.push(slot);
		}
	}

	/** dive's GetNode of a whiteout's path in the stack: the node if present, else null. */
	private lookUp(whiteout: number): number | null {
		const trie = this.trie!;
		const parent = trie.parentOf(whiteout);
		const name = trie.name(whiteout).slice(WHITEOUT.length);
		// "dir/" finds dir itself: dive's GetNode skips empty names.
		const node = name === '' ? parent : trie.findChild(parent, name);
		return node !== undefined && trie.isPresent(node) ? node : null;
	}

	/** The figures' slot of a leaf's dive path (whiteouts count under the path they remove). */
	private slotOf(leaf: number): number {
		const figures = this.figures!;
		const trie = this.trie!;
		let node = leaf;
		if (trie.isWhiteout(leaf)) {
			const name = trie.name(leaf).slice(WHITEOUT.length);
			const parent = trie.parentOf(leaf);
			if (name === '') {
				// dive's path of "dir/.wh.": "dir/" (and "" at the top).
				const parentPath = trie.path(parent);
				const path = parentPath ? `${parentPath}/` : '';
				let slot = this.oddPaths.get(path);
				if (slot === undefined) this.oddPaths.set(path, (slot = figures.add(path)));
				return slot;
			}
			node = trie.child(parent, name);
		}
		let slot = trie.slot(node);
		if (slot < 0) trie.setSlot(node, (slot = figures.add(node)));
		return slot;
	}

	/** The figures; the builder lets go of its trie (it is big). */
	finish(): DiveFigures {
		const figures = this.figures!;
		const trie = this.trie!;
		this.figures = null;
		this.trie = null;
		this.previous = null;
		let minimum = 0;
		let discovered = 0;
		// Integer sums: exact in any order.
		for (let slot = 0; slot < figures.length; slot++) {
			minimum += figures.min.get(slot);
			discovered += figures.cumulative.get(slot);
		}
		const efficiency = discovered === 0 ? 1 : minimum / discovered;
		const wastedBytes = this.inefficient.reduce((sum, slot) => sum + figures.cumulative.get(slot), 0);
		const sizeBytes = this.layerSizes.reduce((a, b) => a + b, 0);
		const userSizeBytes = sizeBytes - (this.layerSizes[0] ?? 0);
		const files = this.inefficient.map(slot => ({path: '/' + figures.pathOf(slot, trie), count: figures.count.get(slot), cumulativeSize: figures.cumulative.get(slot)}));
		files.sort((a, b) => b.cumulativeSize - a.cumulativeSize || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		return {efficiency, wastedBytes, sizeBytes, userSizeBytes, userWastedPercent: wastedBytes / userSizeBytes, inefficientFiles: files};
	}
}

export function diveFigures(layers: LayerEntry[][]): DiveFigures {
	const builder = new DiveFigureBuilder();
	for (const entries of layers) builder.addLayer(entries);
	return builder.finish();
}
