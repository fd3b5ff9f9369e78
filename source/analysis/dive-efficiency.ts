import type {LayerEntry} from '../layers/layer-entry.js';
import {DiveStack, type StackNode} from './dive-stack.js';
import {diveChildFirstOrder, DiveTree, relativeDivePath, rememberDiveFileOrder, WHITEOUT, type DiveNode} from './dive-tree.js';
import type {DiveFigures} from './types.js';

/** dive's per-path figures (count, cumulative size, smallest size), in flat arrays by slot. */
class PathFigures {
	/** The path of each slot: its stack node, or the path itself when it has an empty component. */
	readonly paths: Array<StackNode | string> = [];
	count = new Int32Array(1024);
	cumulative = new Float64Array(1024);
	min = new Float64Array(1024);

	add(path: StackNode | string): number {
		const slot = this.paths.length;
		if (slot === this.count.length) this.grow();
		this.paths.push(path);
		this.min[slot] = -1;
		return slot;
	}

	pathOf(slot: number): string {
		const path = this.paths[slot]!;
		return typeof path === 'string' ? path : DiveStack.pathOf(path);
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

/**
 * dive's efficiency, wasted bytes and user-wasted percent, to the last digit
 * (dive: filetree/efficiency.go, image/analysis.go), on dive's own per-layer trees.
 * Layers are added in order, as they become available.
 */
export class DiveFigureBuilder {
	/** dive's stack of the layers below the next one (its whiteout lookups), holding the figures' paths. */
	private stack: DiveStack | null = new DiveStack();
	private figures: PathFigures | null = new PathFigures();
	/** Figures of paths with an empty component ("a/" from a whiteout named ".wh."), by path. */
	private readonly oddPaths = new Map<string, number>();
	private readonly inefficient: number[] = [];
	private readonly layerSizes: number[] = [];
	/** The child-first order of the last layer added: stacked before the next layer is walked. */
	private previous: DiveNode[] | null = null;

	addLayer(entries: LayerEntry[]): void {
		for (const _ of this.addLayerInSteps(entries));
	}

	/**
	 * addLayer, pausing after every few thousand nodes (so a caller can do other work in
	 * between). `tree` is the layer's dive tree when already built (as its entries arrived).
	 */
	*addLayerInSteps(entries: LayerEntry[], tree?: DiveTree, step = 4096): Generator<void> {
		const stack = this.stack!;
		const figures = this.figures!;
		const index = this.layerSizes.length;
		this.layerSizes.push(entries.reduce((sum, e) => sum + e.size, 0));
		let done = 0;
		if (!tree) {
			tree = new DiveTree();
			for (const entry of entries) {
				if (++done % step === 0) yield;
				tree.add(entry.path, entry);
			}
		}
		const order = diveChildFirstOrder(tree.root);
		rememberDiveFileOrder(entries, order);
		yield;
		// dive stacks layers 0..index-1 on a copy of layer 0 (so layer 0 twice) for its whiteout lookups.
		for (const node of index === 0 ? order : this.previous!) {
			if (++done % step === 0) yield;
			if (index === 0 || !node.name.startsWith(WHITEOUT)) {
				stack.add(this.stackNode(node), node.info);
			} else {
				const target = this.lookUp(node);
				if (target && target.parent) stack.remove(target);
			}
		}
		this.previous = order;

		for (const node of order) {
			if (++done % step === 0) yield;
			if (node.children && node.children.size > 0) continue; // leaves only
			const slot = this.slotOf(node);
			let size = 0;
			if (node.name.startsWith(WHITEOUT)) {
				const previous = this.lookUp(node);
				// dive stops the layer's walk here, leaving this path with min -1.
				if (!previous) break;
				if (previous.info?.kind === 'dir') size = stack.subtreeSize(previous);
			} else {
				size = node.info?.size ?? 0;
			}
			figures.cumulative[slot]! += size;
			if (figures.min[slot]! < 0 || size < figures.min[slot]!) figures.min[slot] = size;
			if (++figures.count[slot]! === 2) this.inefficient.push(slot);
		}
	}

	/** The stack's node at a layer node's path (as written), made absent if new. */
	private stackNode(node: DiveNode): StackNode {
		if (node.stack) return node.stack;
		const stack = this.stack!;
		const chain: DiveNode[] = [];
		let n: DiveNode = node;
		while (!n.stack && n.parent) {
			chain.push(n);
			n = n.parent;
		}
		let at = n.stack ?? stack.root;
		for (let i = chain.length - 1; i >= 0; i--) {
			at = stack.child(at, chain[i]!.name);
			chain[i]!.stack = at;
		}
		return at;
	}

	/** dive's GetNode of a whiteout's path in the stack: the present node, or null. */
	private lookUp(whiteout: DiveNode): StackNode | null {
		const parent = whiteout.parent!.parent ? this.stackNode(whiteout.parent!) : this.stack!.root;
		const name = whiteout.name.slice(WHITEOUT.length);
		// "dir/" finds dir itself: dive's GetNode skips empty names.
		const node = name === '' ? parent : parent.children?.get(name);
		return node?.present ? node : null;
	}

	/** The figures' slot of a leaf's dive path (whiteouts count under the path they remove). */
	private slotOf(leaf: DiveNode): number {
		const figures = this.figures!;
		let node: StackNode;
		if (leaf.name.startsWith(WHITEOUT)) {
			const name = leaf.name.slice(WHITEOUT.length);
			if (name === '') {
				const path = relativeDivePath(leaf);
				let slot = this.oddPaths.get(path);
				if (slot === undefined) this.oddPaths.set(path, (slot = figures.add(path)));
				return slot;
			}
			node = this.stack!.child(leaf.parent!.parent ? this.stackNode(leaf.parent!) : this.stack!.root, name);
		} else {
			node = this.stackNode(leaf);
		}
		if (node.slot < 0) node.slot = figures.add(node);
		return node.slot;
	}

	/** The figures; the builder lets go of its trees (they are big). */
	finish(): DiveFigures {
		const figures = this.figures!;
		this.figures = null;
		this.stack = null;
		this.previous = null;
		let minimum = 0;
		let discovered = 0;
		// Integer sums: exact in any order.
		for (let slot = 0; slot < figures.paths.length; slot++) {
			minimum += figures.min[slot]!;
			discovered += figures.cumulative[slot]!;
		}
		const efficiency = discovered === 0 ? 1 : minimum / discovered;
		const wastedBytes = this.inefficient.reduce((sum, slot) => sum + figures.cumulative[slot]!, 0);
		const sizeBytes = this.layerSizes.reduce((a, b) => a + b, 0);
		const userSizeBytes = sizeBytes - (this.layerSizes[0] ?? 0);
		const files = this.inefficient.map(slot => ({path: '/' + figures.pathOf(slot), count: figures.count[slot]!, cumulativeSize: figures.cumulative[slot]!}));
		files.sort((a, b) => b.cumulativeSize - a.cumulativeSize || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		return {efficiency, wastedBytes, sizeBytes, userSizeBytes, userWastedPercent: wastedBytes / userSizeBytes, inefficientFiles: files};
	}
}

export function diveFigures(layers: LayerEntry[][]): DiveFigures {
	const builder = new DiveFigureBuilder();
	for (const entries of layers) builder.addLayer(entries);
	return builder.finish();
}
