/**
 * How a layer changed a path — the one definition every view derives from (tree marks and
 * colours, one-letter markers, the story, the JSON change counts, the text summary).
 * 'unchanged' means the layer stored the path again with identical content and metadata:
 * invisible in the result, pure waste ("rewritten unchanged").
 */
export const changeKinds = ['added', 'modified', 'removed', 'unchanged'] as const;

export type ChangeKind = (typeof changeKinds)[number];

export interface ChangeKindFacts {
	/** A small number for typed arrays (0 and 255 are left to views: untouched, absent). */
	code: number;
	/** One letter that says the kind without colour. */
	marker: string;
	/** The kind in words, for legends and stories. */
	label: string;
	/** Which kind wins when several fold into one mark (a directory's strongest change). */
	strength: number;
}

export const changeKindFacts: Readonly<Record<ChangeKind, ChangeKindFacts>> = {
	added: {code: 1, marker: 'A', label: 'added', strength: 3},
	modified: {code: 2, marker: 'M', label: 'modified', strength: 2},
	removed: {code: 3, marker: 'R', label: 'removed', strength: 4},
	unchanged: {code: 4, marker: 'U', label: 'rewritten unchanged', strength: 1},
};

/** The stronger of two changes (null = none). */
export function strongerChange(a: ChangeKind | null, b: ChangeKind | null): ChangeKind | null {
	if (!a) return b;
	if (!b) return a;
	return changeKindFacts[b].strength > changeKindFacts[a].strength ? b : a;
}

/** `{added: n, modified: n, removed: n, unchanged: n}` in the kinds' order. */
export function countsByKind<T>(value: (kind: ChangeKind) => T): Record<ChangeKind, T> {
	return Object.fromEntries(changeKinds.map(kind => [kind, value(kind)])) as Record<ChangeKind, T>;
}
