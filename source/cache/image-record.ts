import type {ImageAnalysis} from '../analysis/types.js';

/** What the cache keeps per image: enough for `--ci` (the analysis) and whether a `--json` report is stored beside it. */
export interface ImageRecord {
	analysis: ImageAnalysis;
	/** The report's size, when one was written (in its own file: see AnalysisCache.reportFile). */
	reportBytes: number | null;
}
