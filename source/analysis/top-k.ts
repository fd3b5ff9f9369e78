/**
 * Keeps the `limit` first items offered, in the order of `compare` (negative: a before b).
 * A bounded heap whose root is the worst item kept, so picking 1000 among 300k paths
 * costs 300k comparisons with the root, not a sort of all.
 */
export class BoundedHeap<T> {
	private readonly heap: T[] = [];
	readonly limit: number;

	constructor(
		limit: number,
		private readonly compare: (a: T, b: T) => number,
	) {
		this.limit = Math.max(Math.floor(limit), 0);
	}

	/** The worst item kept once the heap is full (an item not ranked before it cannot get in); else undefined. */
	worst(): T | undefined {
		return this.heap.length === this.limit ? this.heap[0] : undefined;
	}

	offer(item: T): void {
		const heap = this.heap;
		if (this.limit === 0) return;
		if (heap.length < this.limit) {
			heap.push(item);
			for (let i = heap.length - 1; i > 0; ) {
				const parent = (i - 1) >> 1;
				if (!this.after(i, parent)) break;
				this.swap(i, parent);
				i = parent;
			}
			return;
		}
		if (this.compare(item, heap[0]!) >= 0) return;
		heap[0] = item;
		for (let i = 0; ; ) {
			const left = 2 * i + 1;
			const right = left + 1;
			let worst = i;
			if (left < heap.length && this.after(left, worst)) worst = left;
			if (right < heap.length && this.after(right, worst)) worst = right;
			if (worst === i) break;
			this.swap(i, worst);
			i = worst;
		}
	}

	/** The items kept, best first. */
	sorted(): T[] {
		return [...this.heap].sort(this.compare);
	}

	/** Item i ranks after item j: the heap keeps those nearer the root. */
	private after(i: number, j: number): boolean {
		return this.compare(this.heap[i]!, this.heap[j]!) > 0;
	}

	private swap(i: number, j: number): void {
		const t = this.heap[i]!;
		this.heap[i] = this.heap[j]!;
		this.heap[j] = t;
	}
}

/** The `count` first items of `items` in the order of `compare`, in that order: one pass. */
export function topK<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
	const heap = new BoundedHeap(count, compare);
	for (const item of items) heap.offer(item);
	return heap.sorted();
}
