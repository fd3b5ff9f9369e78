import {colourWord, sentenceText} from '../../../analysis/explain/index.js';
import type {ChangeKind} from '../../../model/types.js';
import {escapeText} from '../../../text/escape.js';
import {wrapText} from '../../format/wrap.js';
import type {ExplorerState} from '../../state/explorer-state.js';
import type {ExplainSection} from './explain-state.js';

/** One screen line of the explanation. */
export interface ExplainLine {
	text: string;
	heading: boolean;
	/** The change whose colour the line's first `lead` characters name ("Red:"). */
	colour: ChangeKind | null;
	lead: number;
}

/** A private-use character stands for the space inside "6.8 MB" and "12 %" while wrapping, so a figure never breaks from its unit. */
const KEEP = '\uE000';

function wrapKeepingFigures(text: string, width: number): string[] {
	return wrapText(text.replace(/(\d) (B|kB|MB|GB|TB|PB|EB|%)(?=$|[\s,.;:)—])/g, `$1${KEEP}$2`), width).map(line => line.replaceAll(KEEP, ' '));
}

/** Every line of the sections at `width`: each sentence wrapped, never cut; a blank line between sections. */
export function explainLines(sections: ExplainSection[], width: number): ExplainLine[] {
	const lines: ExplainLine[] = [];
	const plain = (text: string, heading = false): ExplainLine => ({text, heading, colour: null, lead: 0});
	sections.forEach((section, i) => {
		// A space: Ink gives an empty Text no height.
		if (i > 0) lines.push(plain(' '));
		if (section.title) lines.push(plain(section.title, true));
		const texts = section.sentences.map(s => sentenceText(s, escapeText));
		if (section.paragraph) {
			for (const line of wrapKeepingFigures(texts.join(' '), width)) lines.push(plain(line));
			return;
		}
		section.sentences.forEach((s, j) => {
			wrapKeepingFigures(texts[j]!, width).forEach((line, k) => {
				const lead = k === 0 && s.colour ? colourWord[s.colour].length + 1 : 0;
				lines.push({text: line, heading: false, colour: k === 0 ? s.colour : null, lead});
			});
		});
	});
	return lines;
}

/** Lines of text under the overlay's title (the body less its title; the key hints are below). */
export function explainRows(state: ExplorerState): number {
	return Math.max((state.viewport.viewerRows ?? 20) + 1, 1);
}

export function explainWidth(state: ExplorerState): number {
	return Math.max((state.viewport.columns ?? 80) - 1, 10);
}
