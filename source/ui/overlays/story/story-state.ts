import type {StoryRow} from './story-rows.js';

/** `t`: every layer that touched one path, a version per row. */
export interface StoryOverlay {
	kind: 'story';
	path: string;
	rows: StoryRow[];
	cursor: number;
	/** First row shown. */
	scroll: number;
	/** Row marked with `m` (the other side of `d`'s diff); null when none. */
	mark: number | null;
}
