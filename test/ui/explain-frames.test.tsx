import path from 'node:path';
import chalk, {Chalk} from 'chalk';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {explainPath, sentenceText} from '../../source/analysis/explain/index.js';
import {escapeText} from '../../source/text/escape.js';
import {helpRows} from '../../source/ui/keymap/help-lines.js';
import {keymap} from '../../source/ui/keymap/keymap.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {createTheme} from '../../source/ui/theme.js';
import {changeCode} from '../../source/ui/tree/change-code.js';
import {indexOfPath} from '../../source/ui/tree/tree-index.js';
import {fx, writeExplainArchive} from '../analysis/explain-fixture.js';
import {tempDir} from '../helpers/temp-dir.js';
import {columnsOf, frameLines, plain} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

const dir = tempDir('peel-explain-frames-');
let data: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

beforeAll(async () => {
	const file = path.join(dir, 'explain.tar');
	await writeExplainArchive(file);
	data = buildExplorerData(await loadArchive(file));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

function show(columns: number, rows: number, options: {color?: boolean} = {}) {
	const t = renderAtSize(data, columns, rows, options);
	open.push(t);
	return t;
}

function expectFits(frame: string, columns: number, rows: number) {
	const lines = frameLines(frame);
	expect(lines.length).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
}

/** Every line of the frame but its title and the key hints: the body's text. */
const bodyText = (frame: string) => frameLines(frame).slice(1, -1);
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** ↓ in the Layers pane until `layer` is selected (whatever order the pane lists layers in). */
async function selectLayer(t: ReturnType<typeof renderAtSize>, layer: number) {
	await t.settle();
	for (let i = 0; i < 10 && !plain(t.frame()).includes(`Layer ${layer} details`); i++) await t.press(keys.down);
	expect(plain(t.frame())).toContain(`Layer ${layer} details`);
}

/** `layer` selected, then / finds `name` and Enter keeps the cursor there (the tree has the focus). */
async function selectAt(t: ReturnType<typeof renderAtSize>, layer: number, name: string) {
	await selectLayer(t, layer);
	await t.press('/', ...name.split(''), keys.enter);
}

describe('help at 80×24', () => {
	test('scrolls with ↓ PgDn End Home, says where it is, and End shows its last line; nothing is cut', async () => {
		const t = show(80, 24);
		await t.settle();
		await t.press('?');
		const rows = helpRows(80);
		const shown = 24 - 3;
		let frame = plain(t.frame());
		expectFits(frame, 80, 24);
		expect(frameLines(frame)[0]).toContain(`lines 1–${shown} of ${rows.length}`);
		const seen: string[] = [...bodyText(frame)];
		// PgDn through the whole help: every page is new lines, the title follows.
		let pages = 0;
		while (!frameLines(frame)[0]!.includes(`of ${rows.length} `) || !frameLines(frame)[0]!.includes(`–${rows.length} of`)) {
			await t.press(keys.pageDown);
			frame = plain(t.frame());
			expectFits(frame, 80, 24);
			seen.push(...bodyText(frame));
			if (++pages > 20) throw new Error('PgDn never reached the end');
		}
		expect(pages).toBeGreaterThan(1);
		// Every binding's description and every legend line are there whole, wrapped but never cut.
		const all = words(seen.join(' '));
		for (const binding of keymap.filter(b => ['global', 'layers', 'tree', 'viewer', 'explain'].some(s => b.scopes.includes(s as never)))) expect(all).toContain(words(binding.description));
		expect(all).toContain("wasted (dive): every copy of a path stored in more than one layer, the one you see included");
		expect(all).toContain('reclaimable (peel): only the stored bytes the final image cannot see');
		expect(all).toContain('Layers are numbered from 0, the base');
		// Home, then End: the last line.
		await t.press(keys.home);
		expect(frameLines(plain(t.frame()))[0]).toContain(`lines 1–${shown} of`);
		await t.press(keys.end);
		frame = plain(t.frame());
		expect(frameLines(frame)[0]).toContain(`lines ${rows.length - shown + 1}–${rows.length} of ${rows.length}`);
		expect(bodyText(frame).at(-1)).toBe(`${rows.at(-1)!.keys}${rows.at(-1)!.text}`);
		// ↓ at the end stays, ↑ moves one line.
		await t.press(keys.down);
		expect(frameLines(plain(t.frame()))[0]).toContain(`–${rows.length} of`);
		await t.press(keys.up);
		expect(frameLines(plain(t.frame()))[0]).toContain(`lines ${rows.length - shown}–${rows.length - 1} of`);
		// Closing and opening again starts at the top.
		await t.press(keys.escape, '?');
		expect(frameLines(plain(t.frame()))[0]).toContain(`lines 1–${shown} of`);
	});

	test('the legend names the colours the theme gives each change', () => {
		const theme = createTheme(true);
		const legend = helpRows(200).map(row => row.text);
		for (const [kind, marker] of [['added', 'A'], ['modified', 'M'], ['removed', 'R'], ['unchanged', 'U']] as const) {
			expect(legend.some(line => line.startsWith(`${marker} ${theme.change[changeCode(kind)]} — `))).toBe(true);
		}
	});
});

describe('explain (e)', () => {
	test('on a red row: removed, by which layer and through which whiteout, in the tree\'s red; Esc goes back', async () => {
		const before = chalk.level;
		chalk.level = 3;
		try {
			const t = show(80, 24, {color: true});
			await selectAt(t, 2, 'lists$');
			expect(plain(t.frame())).toMatch(/›R .*lists/);
			await t.press('e');
			const frame = plain(t.frame());
			expectFits(frame, 80, 24);
			expect(frameLines(frame)[0]).toContain('Explain /var/lib/apt/lists at layer 2');
			expect(words(bodyText(frame).join(' '))).toContain(`Red: removed by layer 2 (\`${fx.shown[2]}\`) through a whiteout \`.wh.lists\` in /var/lib/apt.`);
			const red = new Chalk({level: 3}).red('x');
			expect(t.frame()).toContain(`${red.slice(0, red.indexOf('x'))}Red:`);
			await t.press(keys.escape);
			expect(plain(t.frame())).toContain('Current Layer Contents');
		} finally {
			chalk.level = before;
		}
	});

	test('from the Layers pane: the layer, then the image in one paragraph; long sentences wrap, never cut, and scroll', async () => {
		const t = show(80, 16);
		await selectLayer(t, 4);
		await t.press('e');
		let frame = plain(t.frame());
		expectFits(frame, 80, 16);
		expect(frameLines(frame)[0]).toContain('Explain layer 4 and the image');
		const seen = [...bodyText(frame)];
		for (let i = 0; i < 10; i++) {
			await t.press(keys.pageDown);
			frame = plain(t.frame());
			expectFits(frame, 80, 16);
			seen.push(...bodyText(frame));
		}
		const all = words(seen.join(' '));
		// The layer's long command quoted whole (it fits the quote's limit) inside a wrapped sentence.
		expect(all).toContain(`Layer 4 (\`${fx.shown[4]}\`) is `);
		expect(all).toContain('How the layers stack');
		expect(all).toContain('This image is a stack of 5 layers');
		expect(all).toContain('scores its efficiency at');
	});

	test('the reducer: scroll stays within the text at the width, Esc/q/e close, nothing selected is a notice', () => {
		const viewport = {layerRows: 5, treeRows: 10, viewerRows: 5, columns: 40};
		let state: ExplorerState = createExplorerState(data, viewport);
		const key = (name: string, text = '') => (state = explorerReducer(state, {type: 'key', names: [name], text}));
		key('e', 'e');
		expect(state.overlay?.kind).toBe('explain');
		const overlay = () => state.overlay as Extract<ExplorerState['overlay'], {kind: 'explain'}>;
		key('end');
		const endAt = overlay().scroll;
		expect(endAt).toBeGreaterThan(0);
		key('down');
		expect(overlay().scroll).toBe(endAt);
		key('pageup');
		expect(overlay().scroll).toBe(endAt - 5);
		key('home');
		expect(overlay().scroll).toBe(0);
		key('q', 'q');
		expect(state.overlay).toBeNull();
		// The tree: the cursor's path, at the selected layer, in the view shown.
		state = {...state, focus: 'tree', cursor: state.flat.rows.indexOf(indexOfPath(data.index, '/etc/passwd'))};
		key('e', 'e');
		const expected = explainPath(data.image.model, data.image.analysis, data.image.history, '/etc/passwd', 0, 'layer').map(s => sentenceText(s, escapeText));
		expect(overlay().sections[0]!.sentences.map(s => sentenceText(s, escapeText))).toEqual(expected);
		expect(expected[0]).toBe(`Green: added by layer 0 (\`${fx.shown[0]}\`), ${fx.passwd.before.length} B.`);
		key('escape');
		expect(state.overlay).toBeNull();
	});
});

describe('explain lines', () => {
	test('a figure never wraps away from its unit, at any width', async () => {
		const {explainLines} = await import('../../source/ui/overlays/explain/explain-lines.js');
		const text = 'Layer 2 (`rm -rf /var/lib/apt/lists && rm /var/cache/a…`) is 0 B, 0 % of the image\'s 461 kB; it hid 384 kB.';
		for (let width = 12; width <= 100; width++) {
			const lines = explainLines([{title: null, sentences: [{colour: null, parts: [text]}], paragraph: false}], width).map(line => line.text);
			// Nothing lost (long words are cut hard, so compare without the spaces).
			expect(lines.join('').replace(/ /g, ''), `at ${width}`).toBe(text.replace(/ /g, ''));
			for (let i = 1; i < lines.length; i++) expect(`${lines[i - 1]}|${lines[i]}`, `at ${width}`).not.toMatch(/\d\|(B|kB|%)/);
		}
	});
});
