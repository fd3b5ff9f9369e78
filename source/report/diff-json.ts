import type {ImageComparison} from '../compare/types.js';

/**
 * `peel diff --json`: the comparison under `peelDiff` (schema version 1). Strings stay
 * raw (JSON escapes what it must); unknown values are null, never left out.
 */
export function buildDiffJson(comparison: ImageComparison): Record<string, unknown> {
	const {old, new: next, sharedLayers, layers, pullBytes, files, config} = comparison;
	return {
		peelDiff: {
			schemaVersion: 1,
			old,
			new: next,
			sharedLayers,
			layers,
			pullBytes,
			files,
			config,
		},
	};
}
