/**
 * The `count` first items of `items` in the order of `compare` (negative: a before b),
 * in that order. One pass with a bounded heap whose root is the worst item kept, so
 * picking 1000 among 300k paths costs 300k comparisons with the root, not a sort of all.
 */
export function topK<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
	const limit = Math.max(Math.floor(count), 0);
	if (limit === 0) return [];
	const heap: T[] = [];
	// The heap keeps the worst item at its root: "above" means ranked after.
	const above = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
	const swap = (i: number, j: number) => {
		const t = heap[i]!;
		heap[i] = heap[j]!;
		heap[j] = t;
	};
	for (const item of items) {
		if (heap.length < limit) {
			heap.push(item);
			for (let i = heap.length - 1; i > 0; ) {
				const parent = (i - 1) >> 1;
				if (!above(i, parent)) break;
				swap(i, parent);
				i = parent;
			}
			continue;
		}
		if (compare(item, heap[0]!) >= 0) continue;
		heap[0] = item;
		for (let i = 0; ; ) {
			const left = 2 * i + 1;
			const right = left + 1;
			let worst = i;
			if (left < heap.length && above(left, worst)) worst = left;
			if (right < heap.length && above(right, worst)) worst = right;
			if (worst === i) break;
			swap(i, worst);
			i = worst;
		}
	}
	return heap.sort(compare);
}
