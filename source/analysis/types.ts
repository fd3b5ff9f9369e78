/** dive's figures, computed exactly as dive does (quirks included) so .dive-ci thresholds carry over. */
export interface DiveFigures {
	efficiency: number;
	/** Σ cumulative size of every path seen at least twice (the surviving copy included). */
	wastedBytes: number;
	/** Σ layer sizes. */
	sizeBytes: number;
	/** Σ layer sizes of layers 1..n (the base layer excluded). */
	userSizeBytes: number;
	/** wastedBytes / userSizeBytes; NaN or Infinity when userSizeBytes is 0, as in dive. */
	userWastedPercent: number;
	/** Paths seen in two or more layers, largest cumulative size first. */
	inefficientFiles: Array<{path: string; count: number; cumulativeSize: number}>;
}

export type WasteReason = 'overwritten' | 'removed' | 'rewritten-unchanged' | 'metadata-only';

/** Bytes stored in a layer that the final filesystem cannot see. */
export interface ReclaimableItem {
	/** Absolute path ("/var/cache/big.bin"). */
	path: string;
	/** Layer that stored the invisible bytes. */
	layer: number;
	/** Layer that hid them (overwrote, removed or rewrote). */
	hiddenBy: number;
	bytes: number;
	reason: WasteReason;
}

export interface ReclaimableFigures {
	totalBytes: number;
	perLayer: number[];
	/** Largest first. */
	items: ReclaimableItem[];
}

export interface ImageAnalysis {
	dive: DiveFigures;
	reclaimable: ReclaimableFigures;
}
