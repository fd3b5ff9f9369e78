import {changeKindFacts} from '../../model/change-kinds.js';
import type {FileVersion, PathNode} from '../../model/types.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText} from '../../text/escape.js';

/** One step of a path's story: what one layer did to it. */
export interface StoryStep {
	layer: number;
	text: string;
	change: FileVersion['change'];
	/** The layer currently viewed. */
	current: boolean;
}

function describe(version: FileVersion): string {
	switch (version.change) {
		case 'removed':
			return version.reason === 'whiteout' || !version.reason ? 'removed' : `removed (${version.reason})`;
		case 'unchanged':
			return version.type === 'dir' ? 'listed again' : `${changeKindFacts.unchanged.label} ${formatBytes(version.stored)}`;
		default: {
			const kind = version.type === 'dir' ? 'dir' : version.type === 'symlink' ? `→ ${escapeText(version.linkTarget ?? '')}` : formatBytes(version.size);
			return `${version.change} ${kind}${version.implicit ? ' (implied)' : ''}`;
		}
	}
}

/** Which layers touched a path and how: dive users' long-standing wish (file history). */
export function fileStory(node: PathNode, currentLayer: number): StoryStep[] {
	return node.versions.map(version => ({
		layer: version.layer,
		text: `L${version.layer} ${describe(version)}`,
		change: version.change,
		current: version.layer === currentLayer,
	}));
}
