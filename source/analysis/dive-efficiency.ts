import type {LayerEntry} from '../layers/layer-entry.js';
import type {DiveFigures} from './types.js';
import {copyDiveTree, diveChildFirstOrder, DiveTree, diveStackInSteps, isDiveWhiteout, relativeDivePath, rememberDiveFileOrder, type DiveNode} from './dive-tree.js';

/** Per dive path (without its leading slash): count, cumulative size and smallest size, in flat arrays. */
class PathFigures {
	readonly slots = new Map<string, number>();
	readonly paths: string[] = [];
	count = new Int32Array(1024);
	cumulative = new Float64Array(1024);
	min = new Float64Array(1024);

	slot(path: string): number {
		let slot = this.slots.get(path);
		if (slot === undefined) {
			slot = this.paths.length;
			if (slot === this.count.length) this.grow();
			this.paths.push(path);
			this.min[slot] = -1;
			this.slots.set(path, slot);
		}
		return slot;
	}

	private grow(): void {
		const length = Math.ceil(this.count.length * 1.5);
		const widen = <T extends Int32Array | Float64Array>(a: T, b: T) => {
			b.set(a);
			return b;
		};
		this.count = widen(this.count, new Int32Array(length));
		this.cumulative = widen(this.cumulative, new Float64Array(length));
		this.min = widen(this.min, new Float64Array(length));
	}
}

function subtreeSize(node: DiveNode): number {
	let size = 0;
	const stack = [node];
	while (stack.length > 0) {
		const n = stack.pop()!;
		size += n.info?.size ?? 0;
		if (n.children) for (const child of n.children.values()) stack.push(child);
	}
	return size;
}

/**
 * dive's efficiency, wasted bytes and user-wasted percent, to the last digit
 * (dive: filetree/efficiency.go, image/analysis.go), on dive's own per-layer trees.
 * Layers are added in order, as they become available.
 */
export class DiveFigureBuilder {
	private figures: PathFigures | null = new PathFigures();
	private readonly inefficient: number[] = [];
	private readonly layerSizes: number[] = [];
	/** dive's stack of the layers below the next one, for its whiteout lookups. */
	private stacked: DiveTree | null = null;
	private previous: {root: DiveNode; order: DiveNode[]} | null = null;

	addLayer(entries: LayerEntry[]): void {
		for (const _ of this.addLayerInSteps(entries));
	}

	/** addLayer, pausing after every few thousand nodes (so a caller can do other work in between). */
	*addLayerInSteps(entries: LayerEntry[], step = 4096): Generator<void> {
		const index = this.layerSizes.length;
		this.layerSizes.push(entries.reduce((sum, e) => sum + e.size, 0));
		const tree = new DiveTree();
		let done = 0;
		for (const entry of entries) {
			if (++done % step === 0) yield;
			tree.add(entry.path, entry);
		}
		const root = tree.root;
		const order = diveChildFirstOrder(root);
		rememberDiveFileOrder(entries, order);
		yield;
		// dive stacks layers 0..index-1 on a copy of layer 0 for every whiteout it meets.
		if (index === 0) this.stacked = new DiveTree(copyDiveTree(root));
		else yield* diveStackInSteps(this.stacked!, this.previous!.order, step);
		this.previous = {root, order};

		const figures = this.figures!;
		const inefficient = this.inefficient;
		for (const node of order) {
			if (++done % step === 0) yield;
			if (node.children && node.children.size > 0) continue; // leaves only
			const path = relativeDivePath(node);
			const slot = figures.slot(path);
			let size = 0;
			if (isDiveWhiteout(node)) {
				const previous = this.stacked!.get(path);
				// dive stops the layer's walk here, leaving this path with min -1.
				if (!previous) break;
				if (previous.info?.kind === 'dir') size = subtreeSize(previous);
			} else {
				size = node.info?.size ?? 0;
			}
			figures.cumulative[slot]! += size;
			if (figures.min[slot]! < 0 || size < figures.min[slot]!) figures.min[slot] = size;
			if (++figures.count[slot]! === 2) inefficient.push(slot);
		}
	}

	/** The figures; the builder lets go of its trees (they are big). */
	finish(): DiveFigures {
		const figures = this.figures!;
		this.figures = null;
		this.stacked = null;
		this.previous = null;
		let minimum = 0;
		let discovered = 0;
		for (let slot = 0; slot < figures.paths.length; slot++) {
			minimum += figures.min[slot]!;
			discovered += figures.cumulative[slot]!;
		}
		const efficiency = discovered === 0 ? 1 : minimum / discovered;
		const wastedBytes = this.inefficient.reduce((sum, slot) => sum + figures.cumulative[slot]!, 0);
		const sizeBytes = this.layerSizes.reduce((a, b) => a + b, 0);
		const userSizeBytes = sizeBytes - (this.layerSizes[0] ?? 0);
		const paths = figures.paths;
		const sorted = [...this.inefficient].sort((a, b) => figures.cumulative[b]! - figures.cumulative[a]! || (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : 0));
		return {
			efficiency,
			wastedBytes,
			sizeBytes,
			userSizeBytes,
			userWastedPercent: wastedBytes / userSizeBytes,
			inefficientFiles: sorted.map(slot => ({path: '/' + paths[slot]!, count: figures.count[slot]!, cumulativeSize: figures.cumulative[slot]!})),
		};
	}
}

export function diveFigures(layers: LayerEntry[][]): DiveFigures {
	const builder = new DiveFigureBuilder();
	for (const entries of layers) builder.addLayer(entries);
	return builder.finish();
}
