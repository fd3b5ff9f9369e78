import {findNode, latestVersion, versionAt} from '../model/query.js';
import type {PathNode} from '../model/types.js';
import {escapeText} from '../text/escape.js';
import type {Resolution} from './resolve-path.js';
import {MAX_SYMLINK_HOPS} from './resolve-path.js';

/**
 * What went wrong looking `requested` up at `layer`, in words the user can act on: which
 * component is missing and in which layers it does exist, which one is not a directory,
 * which link loops. Image strings are escaped. Pure.
 */
export function explainFailure(root: PathNode, requested: string, failure: Extract<Resolution, {ok: false}>, layer: number, layerCount: number): string {
	const at = escapeText(failure.at);
	const asked = escapeText(requested);
	const via = failure.at === requested ? '' : ` (looking up ${asked})`;
	switch (failure.problem) {
		case 'loop':
			return `${asked}: more than ${MAX_SYMLINK_HOPS} symlinks followed from ${at}: the image's links loop`;
		case 'not-dir':
			return `${at} is not a directory at layer ${layer}${via}`;
		case 'missing':
			return `${at} is not present at layer ${layer}${via}${presence(findNode(root, failure.at), layer, layerCount)}`;
	}
}

/** Where else the path exists: " (removed by layer 2; present at layers 0-1, 4; choose one with --layer)". */
function presence(node: PathNode | null, layer: number, layerCount: number): string {
	if (!node || node.versions.length === 0) return '';
	const ranges: string[] = [];
	let start = -1;
	for (let l = 0; l <= layerCount; l++) {
		const present = l < layerCount && versionAt(node, l) !== null;
		if (present && start < 0) start = l;
		if (!present && start >= 0) {
			ranges.push(start === l - 1 ? `${start}` : `${start}-${l - 1}`);
			start = -1;
		}
	}
	if (ranges.length === 0) return '';
	const removal = latestVersion(node, layer);
	const removed = removal?.change === 'removed' ? `removed by layer ${removal.layer}; ` : '';
	return ` (${removed}present at layer${ranges.length === 1 && !ranges[0]!.includes('-') ? '' : 's'} ${ranges.join(', ')}; choose one with --layer)`;
}
