import type {StoryStep} from '../details/file-story.js';

/** A piece of a story line: the path, a step (whole, never split), a separator, or "…" for steps left out. */
export interface StoryPiece {
	kind: 'path' | 'step' | 'separator' | 'gap';
	text: string;
	step?: StoryStep;
}

const SEPARATOR = ' · ';
const GAP = '…';

function cutEnd(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, Math.max(width - 1, 0))}…`;
}

function cutStart(text: string, width: number): string {
	return text.length <= width ? text : `…${text.slice(text.length - Math.max(width - 1, 0))}`;
}

/** The step the story is about: the viewed layer's, else the version in effect at it, else the first. */
export function anchorStep(steps: StoryStep[], layer: number): number {
	const current = steps.findIndex(step => step.current);
	if (current >= 0) return current;
	let anchor = 0;
	steps.forEach((step, i) => {
		if (step.layer <= layer) anchor = i;
	});
	return anchor;
}

/** Lays `units` out after the path, a unit never split over two lines; null when they take more than `rows` lines. */
function layOut(path: string, units: StoryPiece[], width: number, rows: number): StoryPiece[][] | null {
	const lines: StoryPiece[][] = [[{kind: 'path', text: path}]];
	let used = path.length;
	for (const unit of units) {
		const text = cutEnd(unit.text, width);
		const joined = used > 0 && lines.at(-1)!.at(-1)!.kind !== 'path';
		const needed = (joined ? SEPARATOR.length : 0) + text.length;
		if (used + needed <= width) {
			if (joined) lines.at(-1)!.push({kind: 'separator', text: SEPARATOR});
			lines.at(-1)!.push({...unit, text});
			used += needed;
			continue;
		}
		if (lines.length === rows) return null;
		lines.push([{...unit, text}]);
		used = text.length;
	}
	return lines;
}

function stepUnit(step: StoryStep): StoryPiece {
	return {kind: 'step', text: step.current ? `[${step.text}]` : step.text, step};
}

function unitsOf(steps: StoryStep[], low: number, high: number): StoryPiece[] {
	const units: StoryPiece[] = [];
	if (low > 0) units.push({kind: 'gap', text: GAP});
	for (let i = low; i <= high; i++) units.push(stepUnit(steps[i]!));
	if (high < steps.length - 1) units.push({kind: 'gap', text: GAP});
	return units;
}

/**
 * A path's story in `rows` lines of `width`: the step about the viewed layer always shows,
 * then as many of its neighbours as fit (the rest as "…"); a step is never split over two
 * lines, so a size never reads "6.8" / "MB". A long path keeps its end (the name).
 */
export function storyLines(path: string, steps: StoryStep[], layer: number, width: number, rows: number): StoryPiece[][] {
	const w = Math.max(width, 1);
	const r = Math.max(rows, 1);
	if (steps.length === 0) return [[{kind: 'path', text: cutStart(path, w)}]];
	const anchor = anchorStep(steps, layer);
	const first = unitsOf(steps, anchor, anchor);
	const alone = stepUnit(steps[anchor]!);
	// With one line the path leaves room for the anchor step and its "…" marks, or else for the step alone;
	// narrower than the step and a "…: ", the step shows without the path.
	const firstRoom = first.reduce((sum, unit) => sum + unit.text.length, 0) + SEPARATOR.length * (first.length - 1);
	const pathRoom = r > 1 ? w : Math.max(w - firstRoom, Math.min(6, w - alone.text.length), 3);
	const shownPath = r === 1 && w - alone.text.length < 3 ? '' : `${cutStart(path, pathRoom - 2)}: `;
	let low = anchor;
	let high = anchor;
	let best = layOut(shownPath, first, w, r) ??
		layOut(shownPath, [alone], w, r) ?? [[{kind: 'path', text: shownPath}, {...alone, text: cutEnd(alone.text, Math.max(w - shownPath.length, 1))}]];
	// Widen around the anchor, later steps first, while the story fits.
	for (let grew = true; grew; ) {
		grew = false;
		for (const [l, h] of [
			[low, high + 1],
			[low - 1, high],
		] as const) {
			if (l < 0 || h >= steps.length) continue;
			const lines = layOut(shownPath, unitsOf(steps, l, h), w, r);
			if (!lines) continue;
			[low, high, best, grew] = [l, h, lines, true];
		}
	}
	return best;
}
