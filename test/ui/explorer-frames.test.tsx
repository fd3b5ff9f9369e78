import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {DEMO_PATH} from '../../demo/make-demo.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {keymap} from '../../source/ui/keymap/keymap.js';
import {columnsOf, frameLines, leftPart, plain, treePart} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';
import {sampleImage} from './helpers/sample-image.js';

let demo: ExplorerData;
let sample: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

beforeAll(async () => {
	demo = buildExplorerData(await loadArchive(DEMO_PATH()));
	sample = buildExplorerData(sampleImage());
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

function show(data: ExplorerData, columns: number, rows: number) {
	const t = renderAtSize(data, columns, rows);
	open.push(t);
	return t;
}

/** No frame is taller than rows - 1 (Ink would clear the screen) or wider than the terminal. */
function expectFramesFit(frames: string[], columns: number, rows: number) {
	expect(frames.length).toBeGreaterThan(0);
	for (const frame of frames) {
		const lines = frameLines(frame);
		expect(lines.length).toBeLessThanOrEqual(rows - 1);
		for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
	}
}

const selectedTreeLine = (frame: string) => frameLines(frame).map(treePart).find(line => line.startsWith('›'));

describe.each([
	[80, 24],
	[160, 48],
])('at %i×%i', (columns, rows) => {
	test('all panes and the key hints are on screen, filling rows - 1 lines', async () => {
		const t = show(demo, columns, rows);
		await t.settle();
		const text = plain(t.frame());
		for (const title of ['Layers', 'Layer 0 details', 'Image details', 'Current Layer Contents']) expect(text).toContain(title);
		expect(text).toContain('Reclaimable');
		expect(text).toContain('Efficiency');
		const lines = frameLines(t.frame());
		expect(lines).toHaveLength(rows - 1);
		expect(lines.at(-1)).toMatch(/Quit/);
	});

	test('keys move the selection, switch views, filter and open help, every frame fitting the terminal', async () => {
		const t = show(demo, columns, rows);
		await t.settle();
		await t.press(keys.tab, keys.down, keys.down);
		expect(selectedTreeLine(t.frame())).toMatch(/group|hostname/);
		const before = selectedTreeLine(t.frame());
		await t.press('j');
		expect(selectedTreeLine(t.frame())).not.toBe(before);
		await t.press(keys.tab, keys.ctrl('a'));
		expect(plain(t.frame())).toContain('Aggregated Layer Contents');
		await t.press(keys.ctrl('l'));
		expect(plain(t.frame())).toContain('Current Layer Contents');
		await t.press(keys.end, keys.ctrl('f'), ...'apt');
		const filtered = frameLines(t.frame()).map(treePart);
		expect(filtered.some(line => line.includes('Filter: apt'))).toBe(true);
		const names = filtered.filter(line => /[├└]/.test(line));
		expect(names.length).toBeGreaterThan(0);
		expect(names.some(line => line.includes('passwd'))).toBe(false);
		await t.press(keys.escape, keys.escape);
		await t.press('?');
		expect(plain(t.frame())).toContain('Help');
		await t.press(keys.escape, keys.escape);
		expect(plain(t.frame())).toContain('Current Layer Contents');
		expectFramesFit(t.stdout.frames, columns, rows);
		expect(t.quits()).toBe(0);
		await t.press('q');
		expect(t.quits()).toBe(1);
	});
});

describe('layout', () => {
	test('narrow (80 columns): layer indexes, sizes and the start of each command (issue 11), no attributes in the tree', async () => {
		const t = show(sample, 80, 24);
		await t.settle();
		const lines = frameLines(t.frame());
		expect(lines.map(leftPart).join('\n')).toMatch(/ 1  536 B apt-get install tool/);
		expect(plain(t.frame())).not.toContain('Permission');
		expect(lines.map(leftPart).some(line => /^›\s*0\s+1\.1 kB/.test(line.trim()) || /› 0\s+1\.1 kB/.test(line))).toBe(true);
	});

	test('wide (160 columns): commands, attributes, uid:gid and metadata-only steps between layers', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		const text = plain(t.frame());
		expect(text).toContain('apt-get install tool');
		expect(text).toContain('Permission');
		expect(text).toMatch(/-rw-r--r--\s+0:0/);
		const left = frameLines(t.frame()).map(leftPart);
		const step = left.findIndex(line => line.includes('ENV A=1'));
		const layer1 = left.findIndex(line => line.includes('apt-get install tool'));
		const layer2 = left.findIndex(line => line.includes('rm /var/cache/x'));
		expect(layer1).toBeLessThan(step);
		expect(step).toBeLessThan(layer2);
	});

	test('Ctrl+B hides the attributes; symlinks read name → target; markers say the change kind', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		const tree = () => frameLines(t.frame()).map(treePart);
		expect(tree().some(line => line.includes('lib → usr/lib'))).toBe(true);
		expect(tree().every(line => !/^.R/.test(line))).toBe(true);
		await t.press(keys.end);
		// Layer 2: /var/cache/x removed (R), /usr/bin/sh rewritten unchanged (U).
		expect(tree().find(line => line.includes('── x'))).toMatch(/^ R/);
		expect(tree().find(line => line.includes('── sh'))).toMatch(/^ U/);
		await t.press(keys.tab, keys.ctrl('b'));
		expect(plain(t.frame())).not.toContain('Permission');
	});

	test('the selected file\'s story names every layer that touched it', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		await t.press(keys.down, keys.tab, keys.down, keys.down);
		expect(selectedTreeLine(t.frame())).toContain('passwd');
		const text = plain(t.frame());
		expect(text).toMatch(/\/etc\/passwd: L0 added 10 B · \[L1 modified 26 B\]/);
	});

	test('follows a resize, smaller and larger', async () => {
		const t = show(demo, 120, 40);
		await t.settle();
		t.stdout.resize(90, 30);
		await t.settle();
		let lines = frameLines(t.frame());
		expect(lines).toHaveLength(29);
		expect(Math.max(...lines.map(columnsOf))).toBeLessThanOrEqual(90);
		t.stdout.resize(200, 50);
		await t.settle();
		lines = frameLines(t.frame());
		expect(lines).toHaveLength(49);
		t.stdout.resize(30, 8);
		await t.settle();
		expect(plain(t.frame())).toContain('too small');
		t.stdout.resize(80, 24);
		await t.settle();
		expect(frameLines(t.frame())).toHaveLength(23);
	});

	test('draws the tree with dive\'s glyphs, in name order and in size order', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		// The Filetree column, as the header places it.
		const tree = () => {
			const lines = frameLines(t.frame()).map(treePart);
			const column = lines.find(line => line.includes('Filetree'))!.indexOf('Filetree');
			return lines.filter(line => /[├└]/.test(line)).map(line => line.slice(column).trimEnd());
		};
		expect(tree()).toEqual(['├── etc', '│   ├── hostname', '│   └── passwd', '├── lib → usr/lib', '└── usr', '    └── bin', '        ├── big', '        └── sh']);
		await t.press(keys.tab, keys.ctrl('o'));
		expect(tree()).toEqual(['├── usr', '│   └── bin', '│       ├── big', '│       └── sh', '├── etc', '│   ├── passwd', '│   └── hostname', '└── lib → usr/lib']);
		await t.press(keys.down, keys.down, keys.ctrlSpace);
		expect(tree()).toEqual(['├─⊕ usr', '├─⊕ etc', '└── lib → usr/lib']);
	});

	test('the help overlay lists every binding of the keymap', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		await t.press('?');
		// The help scrolls: read it page by page to its end.
		let text = plain(t.frame());
		for (let page = 0; page < 10; page++) {
			await t.press(keys.pageDown);
			text += plain(t.frame());
		}
		// peel diff's bindings (scopes diff*) have their own help.
		for (const binding of keymap.filter(b => !b.scopes.includes('help') && !b.scopes.every(s => s.startsWith('diff')))) expect(text).toContain(binding.description);
	});

	test('terminal bytes for Ctrl+Space, Ctrl+M under CSI u, Enter and Backspace reach the right commands', async () => {
		const t = show(sample, 160, 48);
		await t.settle();
		const names = () => frameLines(t.frame()).map(treePart).filter(line => /[├└]/.test(line));
		expect(names()).toHaveLength(8);
		await t.press(keys.tab, keys.ctrlSpace);
		expect(names()).toHaveLength(3);
		await t.press(keys.ctrlSpace, keys.tab, keys.down, keys.tab, keys.ctrlMKitty);
		// Layer 1 with modified files hidden: /etc/passwd is gone.
		expect(names().some(line => line.includes('passwd'))).toBe(false);
		await t.press(keys.ctrlMKitty);
		expect(names().some(line => line.includes('passwd'))).toBe(true);
		// Enter on a directory collapses it (a plain Ctrl+M is the same byte).
		await t.press(keys.enter);
		expect(names().some(line => line.includes('passwd'))).toBe(false);
		await t.press(keys.enter, keys.ctrl('f'), 'x', 'y', keys.backspace, keys.backspace, 'p', 'a', 's', 's');
		expect(plain(t.frame())).toContain('Filter: pass');
		expect(names().map(line => line.trim().split(/\s+/).at(-1))).toEqual(['etc', 'passwd']);
	});

	test('an invalid regex is shown as such', async () => {
		const t = show(sample, 80, 24);
		await t.settle();
		await t.press(keys.ctrl('f'), '(');
		expect(plain(t.frame())).toMatch(/invalid regex/);
	});
});

describe('typing fast', () => {
	test('several keys in one chunk (a held key) are each a keypress', async () => {
		const t = show(demo, 160, 48);
		await t.settle();
		await t.press(keys.tab);
		const before = selectedTreeLine(t.frame());
		await t.press('jjj');
		const lines = frameLines(t.frame()).map(treePart);
		const at = (line: string | undefined) => lines.findIndex(l => l.slice(1) === line?.slice(1));
		expect(at(selectedTreeLine(t.frame()))).toBe(at(before) + 3);
	});
});
