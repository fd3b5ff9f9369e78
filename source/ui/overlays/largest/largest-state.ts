import type {LargestOrder, StoredFile} from '../../../analysis/largest-files.js';

/** How many rows the list keeps: enough to scroll through, bounded whatever the image. */
export const LARGEST_COUNT = 1000;

/** The size thresholds `f` and `+`/`-` step through (SI, as every size peel shows). */
export const thresholds = [0, 100_000, 1_000_000, 10_000_000, 100_000_000] as const;

/** How the title names them. */
export const thresholdLabels = ['any size', '≥ 100 kB', '≥ 1 MB', '≥ 10 MB', '≥ 100 MB'] as const;

/** `w`: the largest stored file versions across every layer. */
export interface LargestOverlay {
	kind: 'largest';
	order: LargestOrder;
	/** Index into `thresholds`. */
	threshold: number;
	rows: StoredFile[];
	cursor: number;
	/** First row shown. */
	scroll: number;
}
