import {describe, expect, test} from 'vitest';
import type {StoryStep} from '../../source/ui/details/file-story.js';
import {storyLines} from '../../source/ui/tree/story-lines.js';

/** Twelve layers writing a file, each step's text with a size in it. */
function steps(current: number): StoryStep[] {
	return Array.from({length: 12}, (_, layer) => ({
		layer,
		text: `L${layer} ${layer === 0 ? 'added' : 'modified'} ${layer + 1}.8 MB`,
		change: layer === 0 ? 'added' : 'modified',
		current: layer === current,
	}));
}

const texts = (lines: ReturnType<typeof storyLines>) => lines.map(line => line.map(piece => piece.text).join(''));

describe('storyLines', () => {
	test('every width and height: the selected layer\'s step shows whole, no step is split, nothing is wider than the line', () => {
		const path = '/usr/lib/x86_64-linux-gnu/libsomething-long.so.6';
		for (const current of [0, 5, 11]) {
			for (let width = 24; width <= 120; width += 7) {
				for (let rows = 1; rows <= 3; rows++) {
					const lines = storyLines(path, steps(current), current, width, rows);
					const where = `current ${current}, ${width}×${rows}`;
					expect(lines.length, where).toBeLessThanOrEqual(rows);
					for (const line of texts(lines)) expect(line.length, where).toBeLessThanOrEqual(width);
					const shown = lines.flat().filter(piece => piece.kind === 'step');
					expect(shown.map(piece => piece.text), where).toContain(`[L${current} ${current === 0 ? 'added' : 'modified'} ${current + 1}.8 MB]`);
					// Each step shown is whole: its text is one of the steps' texts.
					for (const piece of shown) expect(piece.text.replace(/^\[|\]$/g, ''), where).toBe(piece.step!.text);
					// Steps shown are in order; those left out are marked (where the line has room for the marks).
					const layers = shown.map(piece => piece.step!.layer);
					expect(layers, where).toEqual([...layers].sort((a, b) => a - b));
					if (layers[0]! > 0 && width >= 40) expect(lines.flat()[1]?.kind === 'gap' || lines[1]?.[0]?.kind === 'gap', where).toBe(true);
				}
			}
		}
	});

	test('a story that fits is shown whole, in one line with the path', () => {
		const lines = storyLines('/etc/passwd', steps(1).slice(0, 2), 1, 80, 2);
		expect(texts(lines)).toEqual(['/etc/passwd: L0 added 1.8 MB · [L1 modified 2.8 MB]']);
	});

	test('a path longer than the line keeps its end; a layer that did not touch the path anchors on the version in effect', () => {
		const long = `/${'deep/'.repeat(40)}name.txt`;
		const story = steps(-1).filter(step => step.layer % 4 === 0);
		const lines = storyLines(long, story, 6, 40, 1);
		const text = texts(lines)[0]!;
		expect(text.length).toBeLessThanOrEqual(40);
		expect(text).toMatch(/^…\S*name\.txt: /);
		expect(text).toContain('L4 modified 5.8 MB');
	});
});
