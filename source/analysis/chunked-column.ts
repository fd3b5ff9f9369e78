/**
 * Columns that grow by whole chunks instead of by copying: a column of hundreds of
 * thousands of values never exists twice while it grows, and leaves no old copies for the
 * collector (a typed array's memory is outside the heap, freed only when a collection
 * happens to find its wrapper dead: on the bench images tens of MB at the peak).
 */
const CHUNK_BITS = 15;
/** Values per chunk (a chunk of 4-byte values is 128 KB). */
export const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

// One class per element type, not one generic class: each access then sees one kind of array.
export class Int32Column {
	private readonly chunks: Int32Array[] = [];

	constructor(private readonly fill = 0) {}

	/** Makes room for ids below `length`. */
	ensure(length: number): void {
		while (this.chunks.length * CHUNK < length) this.chunks.push(new Int32Array(CHUNK).fill(this.fill));
	}

	get(id: number): number {
		return this.chunks[id >>> CHUNK_BITS]![id & MASK]!;
	}

	set(id: number, value: number): void {
		this.chunks[id >>> CHUNK_BITS]![id & MASK] = value;
	}
}

export class Uint8Column {
	private readonly chunks: Uint8Array[] = [];

	constructor(private readonly fill = 0) {}

	/** Makes room for ids below `length`. */
	ensure(length: number): void {
		while (this.chunks.length * CHUNK < length) this.chunks.push(new Uint8Array(CHUNK).fill(this.fill));
	}

	get(id: number): number {
		return this.chunks[id >>> CHUNK_BITS]![id & MASK]!;
	}

	set(id: number, value: number): void {
		this.chunks[id >>> CHUNK_BITS]![id & MASK] = value;
	}
}

export class Float64Column {
	private readonly chunks: Float64Array[] = [];

	constructor(private readonly fill = 0) {}

	/** Makes room for ids below `length`. */
	ensure(length: number): void {
		while (this.chunks.length * CHUNK < length) this.chunks.push(new Float64Array(CHUNK).fill(this.fill));
	}

	get(id: number): number {
		return this.chunks[id >>> CHUNK_BITS]![id & MASK]!;
	}

	set(id: number, value: number): void {
		this.chunks[id >>> CHUNK_BITS]![id & MASK] = value;
	}
}

/** The same for references (strings, entries): arrays of a fixed length, never copied. */
export class ValueColumn<T> {
	private readonly chunks: T[][] = [];

	constructor(private readonly empty: T) {}

	ensure(length: number): void {
		while (this.chunks.length * CHUNK < length) this.chunks.push(new Array<T>(CHUNK).fill(this.empty));
	}

	get(id: number): T {
		return this.chunks[id >>> CHUNK_BITS]![id & MASK]!;
	}

	set(id: number, value: T): void {
		this.chunks[id >>> CHUNK_BITS]![id & MASK] = value;
	}
}
