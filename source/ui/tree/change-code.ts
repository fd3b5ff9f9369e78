import type {ChangeKind} from '../../model/types.js';

/** Change kinds as small numbers, so per-view passes can keep them in typed arrays. */
export const ChangeCode = {
	/** Present and not touched by the layer(s) in view. */
	Untouched: 0,
	Added: 1,
	Modified: 2,
	Removed: 3,
	/** Stored again with identical bytes and metadata. */
	Unchanged: 4,
	/** Not present in the view at all. */
	Absent: 255,
} as const;

export type ChangeCode = (typeof ChangeCode)[keyof typeof ChangeCode];

export function changeCode(kind: ChangeKind | null): ChangeCode {
	switch (kind) {
		case 'added':
			return ChangeCode.Added;
		case 'modified':
			return ChangeCode.Modified;
		case 'removed':
			return ChangeCode.Removed;
		case 'unchanged':
			return ChangeCode.Unchanged;
		default:
			return ChangeCode.Untouched;
	}
}
