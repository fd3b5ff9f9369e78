/**
 * Where a GNU sparse file's stored bytes go (the layer reader's SparseMap): data regions
 * [offset, length, offset, length, …] of the expanded file, the rest holes; `mapBytes` of
 * stored data come before the first region (the 1.0 map and its padding).
 */
export interface SparseRegions {
	regions: number[];
	mapBytes: number;
}

const ZEROS = 1 << 16;
let zeros: Buffer | null = null;

function* holes(count: number): Generator<Buffer> {
	zeros ??= Buffer.alloc(ZEROS);
	for (let n = count; n > 0; n -= ZEROS) yield n >= ZEROS ? zeros : zeros.subarray(0, n);
}

/**
 * A sparse entry's stored data as the file's expanded bytes: holes read as zeros, handed
 * out in 64 kB pieces of one shared buffer, so memory stays constant whatever the
 * apparent size. The layer reader has already checked the map against the data.
 */
export async function* expandSparse(stored: AsyncIterable<Buffer>, map: SparseRegions, realSize: number): AsyncGenerator<Buffer> {
	let skip = map.mapBytes;
	let region = -2;
	let left = 0;
	let position = 0;
	for await (const chunk of stored) {
		let at = Math.min(skip, chunk.length);
		skip -= at;
		while (at < chunk.length) {
			while (left === 0) {
				region += 2;
				if (region >= map.regions.length) return; // more data than the map says: the reader refused such layers
				yield* holes(map.regions[region]! - position);
				position = map.regions[region]!;
				left = map.regions[region + 1]!;
			}
			const take = Math.min(left, chunk.length - at);
			yield chunk.subarray(at, at + take);
			left -= take;
			position += take;
			at += take;
		}
	}
	yield* holes(realSize - position);
}
