import {changeKindFacts, type ChangeKind} from '../../model/change-kinds.js';

/** Change kinds as small numbers (the model's codes), so per-view passes can keep them in typed arrays. */
export const ChangeCode = {
	/** Present and not touched by the layer(s) in view. */
	Untouched: 0,
	Added: changeKindFacts.added.code as 1,
	Modified: changeKindFacts.modified.code as 2,
	Removed: changeKindFacts.removed.code as 3,
	/** Stored again with identical bytes and metadata. */
	Unchanged: changeKindFacts.unchanged.code as 4,
	/** Not present in the view at all. */
	Absent: 255,
} as const;

export type ChangeCode = (typeof ChangeCode)[keyof typeof ChangeCode];

export function changeCode(kind: ChangeKind | null): ChangeCode {
	return kind ? (changeKindFacts[kind].code as ChangeCode) : ChangeCode.Untouched;
}
