import type {ImageAnalysis} from '../analysis/types.js';
import type {LoadOptions} from '../load/load-image.js';
import type {ImageHandle} from '../sources/image-handle.js';
import type {AnalysisCache} from './analysis-cache.js';
import {imageFingerprint} from './image-fingerprint.js';
import type {ImageRecord} from './image-record.js';

/**
 * The image's record for a load that shows the image (the explorer): dive's figures come
 * from it when there is one (not from a tree built again), and it is left once the load
 * is done (its analysis, no report: --ci answers from it, --json still writes its report).
 * The fingerprint (~25 ms: every module of the build is stat'ed) is taken only when asked.
 */
export function explorerRecord(cache: AnalysisCache, handle: ImageHandle): {knownDive: NonNullable<LoadOptions['knownDive']>; remember: (analysis: ImageAnalysis) => void} {
	let fingerprint: string | undefined;
	const fingerprintOf = () => (fingerprint ??= imageFingerprint(handle));
	return {
		knownDive: {
			exists: () => cache.hasImage(fingerprintOf()),
			read: () => cache.readImage<ImageRecord>(fingerprintOf(), handle.reference)?.analysis.dive ?? null,
		},
		remember: analysis => {
			const known = fingerprintOf();
			// After the explorer's final frame: encoding the record takes a moment.
			if (!cache.hasImage(known)) setImmediate(() => cache.writeImage(known, handle.reference, {analysis, reportBytes: null} satisfies ImageRecord));
		},
	};
}
