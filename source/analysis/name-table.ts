import {Int32Column} from './chunked-column.js';

/**
 * Random per process: the names come from the image, and names made to collide would
 * turn every look-up into a walk of the whole table.
 */
const SEED = crypto.getRandomValues(new Int32Array(1))[0]!;

/**
 * The hash of a name, the characters [start, end) of `text`, under a parent node: one
 * number from both, so that equal names under different parents spread apart.
 */
export function nameHash(parent: number, text: string, start: number, end: number): number {
	let hash = Math.imul(parent + 1, 0x9e3779b1) ^ SEED;
	for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	// Mixed once more: FNV's low bits, which pick the slot, are weak on short names.
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x2c1b3c6d);
	return hash ^ (hash >>> 12);
}

/**
 * Node numbers by hash, open addressing with linear probing: 4–8 bytes a node instead
 * of a Map entry and a key string. The table only finds candidates; the caller checks
 * each one's parent and name. Node numbers are added in order (0, 1, 2, …).
 */
export class NameTable {
	private table = new Int32Array(1 << 12).fill(-1);
	private mask = (1 << 12) - 1;
	private readonly hashes = new Int32Column();
	private count = 0;

	hashOf(id: number): number {
		return this.hashes.get(id);
	}

	add(id: number, hash: number): void {
		this.hashes.ensure(id + 1);
		this.hashes.set(id, hash);
		this.count++;
		// At most half full: probes stay short.
		if (this.count * 2 > this.table.length) this.grow();
		else this.put(id, hash);
	}

	/** Where the probe for `hash` starts. */
	first(hash: number): number {
		return hash & this.mask;
	}

	next(at: number): number {
		return (at + 1) & this.mask;
	}

	/** The node number at a probe position, -1 for an empty one (the end of the probe). */
	at(at: number): number {
		return this.table[at]!;
	}

	private put(id: number, hash: number): void {
		let at = hash & this.mask;
		while (this.table[at] !== -1) at = (at + 1) & this.mask;
		this.table[at] = id;
	}

	private grow(): void {
		this.table = new Int32Array(this.table.length * 2).fill(-1);
		this.mask = this.table.length - 1;
		for (let id = 0; id < this.count; id++) this.put(id, this.hashes.get(id));
	}
}
