// First: React must load in production mode (see react-production.ts); modules below may load it.
import '../../source/ui/react-production.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {deferFilterAbove} from '../../source/ui/state/filter-text.js';
import {HeadlessExplorer, keyGapMs, pause} from './tui-headless.js';

const down = '\u001B[B';
const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);

/** The tree pane's title: "─ Aggregated Layer Contents ──── 1/427113 · layers 0–7 · by size ─". */
function treeTitle(text: string): string {
	const line = text.split('\n').find(l => l.includes('Layer Contents'));
	if (!line) return '';
	return line.slice(line.indexOf('Layer Contents'));
}

/** Rows in the tree as its title counts them, or -1 when the frame has no tree. */
function treeRows(text: string): number {
	const match = /Layer Contents ─+ \d+\/(\d+) /.exec(treeTitle(text));
	return match ? Number(match[1]) : -1;
}

const bySize = (text: string) => treeTitle(text).includes('· by size');

export interface FilterSortFigures {
	/** Rows of the full tree: the aggregated view at the last layer. */
	rows: number;
	/** Final paths the pattern matches, counted here from the model's paths. */
	matching: number;
	/** Filter typed, Enter → the filtered tree's frame. */
	filterEnterMs: number[];
	/** Filter typed, no Enter → the filtered tree's frame after the last key (the explorer waits for typing to pause). */
	filterPauseMs: number[];
	/** Esc in the filter → the full tree's frame. */
	filterClearMs: number[];
	/** Ctrl+O → the tree by size, and back by name. */
	sortMs: number[];
}

/**
 * Filter and size sort on the whole image (the aggregated view at the last layer, where
 * the tree holds every path, removed ones too) in the headless explorer, each repeated `repeats`
 * times. Every wait is for the frame that shows the result (the tree's row count or its
 * "by size"), and one that never comes throws.
 */
export async function measureFilterAndSort(image: AnalyzedImage, pattern: string, repeats = 3): Promise<FilterSortFigures> {
	const explorer = new HeadlessExplorer(image, 160, 48);
	// Smaller trees filter as typed: no Enter or pause to measure.
	if (explorer.data.index.size <= deferFilterAbove) {
		explorer.unmount();
		throw new Error(`the filter bench needs a tree of over ${deferFilterAbove} paths (this one has ${explorer.data.index.size})`);
	}
	const regex = new RegExp(pattern);
	const matching = explorer.data.index.nodes.filter(node => node.path !== '/' && regex.test(node.path)).length;
	if (matching === 0) {
		explorer.unmount();
		throw new Error(`the filter pattern ${pattern} matches no path of the image`);
	}
	const figures: FilterSortFigures = {rows: 0, matching, filterEnterMs: [], filterPauseMs: [], filterClearMs: [], sortMs: []};
	try {
		await pause(200);
		const last = image.model.layerCount - 1;
		for (let i = 0; i < last; i++) await explorer.pressFor(down, text => treeTitle(text).includes(`layer ${i + 1}`), `layer ${i + 1} selected`);
		await explorer.pressFor(ctrl('a'), text => treeTitle(text).includes(`layers 0–${last}`), 'the aggregated view');
		await explorer.pressFor('\t', () => true, 'the tree focused');
		const full = treeRows(explorer.text());
		if (full <= 0) throw new Error(`no tree rows in the frame:\n${explorer.text()}`);
		figures.rows = full;
		const filtered = (text: string) => treeRows(text) >= 0 && treeRows(text) !== full && !text.includes('No path matches');
		const unfiltered = (text: string) => treeRows(text) === full;
		/**
		 * Ctrl+F, then the pattern in one read (as typed quickly or pasted: one frame, however
		 * long the pattern), waited for on screen ("Filter: pat▏"); returns when it was pressed.
		 */
		const typePattern = async (): Promise<number> => {
			await pause(keyGapMs);
			await explorer.pressFor(ctrl('f'), text => text.includes('Filter: ▏'), 'the filter line');
			await pause(keyGapMs);
			const pressed = performance.now();
			await explorer.pressFor(pattern, text => text.includes(`Filter: ${pattern}▏`), `"${pattern}" typed`);
			return pressed;
		};
		const clear = async () => {
			await pause(keyGapMs);
			await explorer.pressFor(ctrl('f'), () => true, 'the filter line');
			await pause(keyGapMs);
			figures.filterClearMs.push(await explorer.pressFor('\u001B', unfiltered, 'the full tree again'));
		};
		for (let r = 0; r < repeats; r++) {
			// Enter within the explorer's wait for typing to pause, so that Enter is what applies the filter.
			let enterMs: number | null = null;
			for (let attempt = 0; attempt < 3 && enterMs === null; attempt++) {
				await typePattern();
				if (unfiltered(explorer.text())) enterMs = await explorer.pressFor('\r', filtered, `the tree filtered by ${pattern}`);
				else {
					await explorer.pressFor('\r', () => true, 'the filter kept');
					await clear();
				}
			}
			if (enterMs === null) throw new Error('the filter was applied before Enter three times (the explorer stalled longer than its wait for typing to pause)');
			figures.filterEnterMs.push(enterMs);
			await clear();
			const lastKey = await typePattern();
			const ms = await explorer.waitFrame(filtered, 10_000);
			if (ms === null) throw new Error(`no frame with the tree filtered by ${pattern} once typing paused; the last frame shows:\n${explorer.text()}`);
			figures.filterPauseMs.push(performance.now() - lastKey);
			await pause(keyGapMs);
			await explorer.pressFor('\r', text => filtered(text), 'the filter kept');
			await clear();
		}
		for (let r = 0; r < repeats; r++) {
			await pause(keyGapMs);
			figures.sortMs.push(await explorer.pressFor(ctrl('o'), bySize, 'the tree sorted by size'));
			await pause(keyGapMs);
			figures.sortMs.push(await explorer.pressFor(ctrl('o'), text => treeRows(text) === full && !bySize(text), 'the tree sorted by name'));
		}
	} finally {
		explorer.unmount();
	}
	return figures;
}
