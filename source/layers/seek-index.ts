/**
 * A place in a gzip blob where inflating can start again without the bytes before it
 * (zlib's zran idea): a deflate block boundary, at a bit position of the blob, with the
 * 32 KiB of output before it that back-references may reach.
 */
export interface GzipCheckpoint {
	/** Bit position in the blob of the block's first bit (8 × byte + bit, bits counted from the low end). */
	bit: number;
	/** Offset in the uncompressed tar of the block's first byte of output. */
	out: number;
	/** The output right before `out` (at most 32 KiB): the dictionary to inflate from here with. */
	window: Uint8Array;
}

/**
 * What the first decode of a layer learned for reading single entries later: where each
 * kept entry starts in the uncompressed tar, and for a gzip blob where inflating can
 * resume. Small: 8 bytes per entry and at most MAX_CHECKPOINTS windows.
 */
export interface SeekIndex {
	/** Digest of the blob the checkpoints are positions in (an index of another blob is not used). */
	blobDigest: string;
	/** Per entry of LayerContents.entries: offset of its first tar record, NaN when unknown. */
	starts: Float64Array;
	/** In order of `out`; empty when the blob is not gzip (or no boundary was found). */
	checkpoints: GzipCheckpoint[];
}

/** A growing list of entry offsets, as a typed array (no number object per entry). */
export class EntryStarts {
	private array = new Float64Array(1024);
	length = 0;

	push(start: number | null): void {
		if (this.length === this.array.length) {
			const bigger = new Float64Array(this.array.length * 2);
			bigger.set(this.array);
			this.array = bigger;
		}
		this.array[this.length++] = start ?? Number.NaN;
	}

	take(): Float64Array {
		return this.array.slice(0, this.length);
	}
}

/** The checkpoint to resume from for a read at `offset`: the last one at or before it, or null (start of the blob). */
export function checkpointBefore(checkpoints: readonly GzipCheckpoint[], offset: number): GzipCheckpoint | null {
	let low = 0;
	let high = checkpoints.length - 1;
	let found: GzipCheckpoint | null = null;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (checkpoints[middle]!.out <= offset) {
			found = checkpoints[middle]!;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}
