import {createHash} from 'node:crypto';

/**
 * A seeded pseudo-random source (sfc32 seeded from sha256 of the text seed): the same seed and
 * index always give the same mutant, so a failure is reproduced from two numbers.
 */
export class Prng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: string) {
		const h = createHash('sha256').update(seed).digest();
		this.a = h.readUInt32LE(0);
		this.b = h.readUInt32LE(4);
		this.c = h.readUInt32LE(8);
		this.d = h.readUInt32LE(12);
		for (let i = 0; i < 12; i++) this.next();
	}

	/** A uniform 32-bit unsigned integer. */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return n <= 0 ? 0 : Math.floor((this.next() / 2 ** 32) * n);
	}

	/** true with probability p. */
	chance(p: number): boolean {
		return this.next() / 2 ** 32 < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from nothing');
		return items[this.int(items.length)]!;
	}

	/** Picks by weight: [[weight, value], …]. */
	weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
		const total = items.reduce((sum, [w]) => sum + w, 0);
		let roll = this.int(total);
		for (const [w, value] of items) {
			if (roll < w) return value;
			roll -= w;
		}
		return items.at(-1)![1];
	}

	bytes(length: number): Buffer {
		const out = Buffer.alloc(length);
		for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
		return out;
	}
}
