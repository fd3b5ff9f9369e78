import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {columnsOf, frameLines, leftPart, treePart} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

/**
 * Eight layers, each writing /data/blob anew with a size of its own (layer 0 also adds /etc
 * with three empty files), an ENV step between layers 3 and 4. The sizes as SI units,
 * worked out by hand: what the Layers pane and the story line must print for them.
 */
const BLOB = [1200, 6800, 300, 45_000, 2100, 9900, 150, 12_000];
const LABEL = ['1.2 kB', '6.8 kB', '300 B', '45 kB', '2.1 kB', '9.9 kB', '150 B', '12 kB'];
/** Largest first. */
const BY_SIZE = [3, 7, 5, 1, 4, 0, 2, 6];

let data: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

beforeAll(async () => {
	const layers = BLOB.map((size, i) => ({
		entries: [
			...(i === 0 ? [{name: 'etc/', type: 'directory' as const}, {name: 'etc/a', content: ''}, {name: 'etc/b', content: ''}, {name: 'etc/c', content: ''}] : []),
			{name: 'data/', type: 'directory' as const},
			{name: 'data/blob', content: String(i).repeat(size)},
		],
		createdBy: `mkblob ${i}`,
	}));
	const history = BLOB.flatMap((_, i) => [{created_by: `mkblob ${i}`}, ...(i === 3 ? [{created_by: '/bin/sh -c #(nop)  ENV STAGE=4', empty_layer: true}] : [])]);
	const image = await buildImage({layers, history});
	const file = path.join(tempDir(), 'stack.tar');
	await writeOciArchive(file, [{image}]);
	data = buildExplorerData(await loadArchive(file));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

async function show(columns: number, rows: number) {
	const t = renderAtSize(data, columns, rows);
	open.push(t);
	await t.settle();
	return t;
}

const lines = (t: ReturnType<typeof renderAtSize>) => frameLines(t.frame());
const layersTitle = (t: ReturnType<typeof renderAtSize>) => leftPart(lines(t)[0]!);
const treeTitle = (t: ReturnType<typeof renderAtSize>) => treePart(lines(t)[0]!);
/** Layer rows of the Layers pane, as [number, the row's text]: the lines between its column header and the next title. */
function layerRows(t: ReturnType<typeof renderAtSize>): Array<[number, string]> {
	const left = lines(t).map(leftPart);
	const end = left.findIndex((line, i) => i > 0 && /^─ Layer \d+ details/.test(line));
	return left
		.slice(2, end)
		.map(line => [Number(/^[›\s][┃\s]\s*(\d+)\s/.exec(line)?.[1] ?? NaN), line] as [number, string])
		.filter(([layer]) => !Number.isNaN(layer));
}

describe.each([
	[80, 24],
	[160, 48],
])('at %i×%i', (columns, rows) => {
	test('the Layers pane shows number, size and command of each row, its position, and arrows while rows are hidden', async () => {
		const t = await show(columns, rows);
		const shown = layerRows(t);
		expect(shown.length).toBeGreaterThan(3);
		for (const [layer, line] of shown) {
			expect(line).toContain(LABEL[layer]!);
			expect(line).toContain(`mkblob ${layer}`);
		}
		expect(leftPart(lines(t)[1]!)).toMatch(/#\s+Size/);
		// 80×24 has 6 rows for 9 (8 layers and the ENV step): the rest is below.
		const hidden = columns === 80;
		expect(layersTitle(t)).toContain(hidden ? '1/8 ↓' : '1/8 ·');
		await t.press(keys.down, 'j');
		expect(layersTitle(t)).toContain('3/8');
		await t.press(keys.end);
		expect(layersTitle(t)).toContain(hidden ? '8/8 ↑' : '8/8 ·');
		expect(layerRows(t).map(([layer]) => layer)).toContain(7);
		for (const line of lines(t)) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
	});

	test('the tree shows the cursor\'s row of the rows it has (3/6)', async () => {
		const t = await show(columns, rows);
		// Layer 0: /data, /data/blob, /etc and its three files.
		expect(treeTitle(t)).toContain('1/6');
		await t.press(keys.tab, 'j', 'j');
		expect(treeTitle(t)).toContain('3/6');
		await t.press(keys.end);
		expect(treeTitle(t)).toContain('6/6');
	});

	test('s ranks the layers by size, numbers kept; moving selects the real layer; s again restores the order', async () => {
		const t = await show(columns, rows);
		await t.press('s');
		const ranked = layerRows(t).map(([layer]) => layer);
		expect(ranked).toEqual(BY_SIZE.slice(0, ranked.length));
		expect(lines(t).join('\n')).not.toContain('ENV STAGE');
		// Layer 0 is 6th of the ranking; the next one down is layer 2.
		expect(layersTitle(t)).toMatch(/6\/8 (↓ )?· by size/);
		await t.press('j');
		expect(layersTitle(t)).toContain('7/8');
		expect(lines(t).join('\n')).toContain('Layer 2 details');
		expect(treeTitle(t)).toContain('layer 2');
		await t.press('s');
		expect(layersTitle(t)).toContain('3/8');
		expect(layersTitle(t)).not.toContain('by size');
		expect(lines(t).join('\n')).toContain('Layer 2 details');
	});

	test('the story line keeps the selected layer\'s step and never splits a step (or its number) over two lines', async () => {
		const t = await show(columns, rows);
		await t.press(...Array<string>(6).fill('j'), keys.tab, 'j');
		const tree = lines(t).map(treePart);
		const at = tree.findIndex(line => line.startsWith('/data/blob: '));
		expect(at).toBeGreaterThan(0);
		const story = tree.slice(at, at + 2).map(line => line.trimEnd());
		expect(story.join('\n')).toContain(`[L6 modified ${LABEL[6]}]`);
		const steps = story
			.join(' · ')
			.slice('/data/blob: '.length)
			.split(' · ')
			.filter(part => part !== '');
		for (const step of steps) {
			if (step === '…') continue;
			const m = /^\[?L(\d) (added|modified) (.+?)\]?$/.exec(step);
			expect(m, step).not.toBeNull();
			expect(m![3]).toBe(LABEL[Number(m![1])]);
		}
		// At 80 columns not all eight fit: the ones left out are marked.
		if (columns === 80) expect(steps).toContain('…');
	});

	test('the Layer details name the sizes as the Layers pane does', async () => {
		const t = await show(columns, rows);
		const text = lines(t).map(leftPart).join('\n');
		expect(text).toMatch(/Size {4}1\.2 kB files, [\d.]+ kB tar/);
		expect(text).toMatch(/Stored {2}[\d.]+ (B|kB) gzip/);
		if (columns === 160) expect(leftPart(lines(t)[1]!)).toMatch(/#\s+Size\s+Stored\s+Share\s+Command/);
	});
});
