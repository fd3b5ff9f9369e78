import {beforeAll, describe, expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {imageContentOf} from '../../source/ui/session/image-content-of.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer, type ExplorerAction} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {indexOfPath} from '../../source/ui/tree/tree-index.js';
import {readWindow, PAGE_BYTES} from '../../source/ui/viewer/read-window.js';
import {looksBinary} from '../../source/ui/viewer/sniff-content.js';
import {lineCount} from '../../source/ui/viewer/viewer-commands.js';
import {hexLine, textLine} from '../../source/ui/viewer/viewer-lines.js';
import {loadArchive} from './helpers/load-fixture.js';
import {BIG_LINES, bigLine, viewerKnown, writeViewerImage} from './helpers/viewer-image.js';

const dir = tempDir('peel-viewer-');
let data: ExplorerData;
const rows = 10;

beforeAll(async () => {
	data = buildExplorerData(await loadArchive(await writeViewerImage(dir)));
});

function press(state: ExplorerState, ...names: string[]): ExplorerState {
	return names.reduce((s, name) => explorerReducer(s, {type: 'key', names: [name], text: name.length === 1 ? name : ''} as ExplorerAction), state);
}

/** Carries out the read the viewer asks for, as the hook does. */
async function settle(state: ExplorerState): Promise<ExplorerState> {
	while (state.viewer?.request) {
		const v = state.viewer;
		const window = await readWindow(imageContentOf(data.image), v.path, v.version, v.size, v.request!.from);
		state = explorerReducer(state, {type: 'viewer-loaded', seq: v.request!.seq, window});
	}
	return state;
}

/** The explorer with the tree focused, the cursor on `path`, at `layer`. */
function at(path: string, layer: number): ExplorerState {
	let state = createExplorerState(data, {layerRows: 5, treeRows: 8, viewerRows: rows});
	state = press(state, ...Array.from({length: layer}, () => 'down'), 'ctrl+a', 'tab');
	const node = indexOfPath(data.index, path);
	const row = state.flat.rows.indexOf(node);
	expect(row).toBeGreaterThanOrEqual(0);
	return {...state, cursor: row};
}

const shownLines = (state: ExplorerState) => {
	const v = state.viewer!;
	return Array.from({length: Math.min(rows, lineCount(v) - v.top)}, (_, i) => textLine(v.window!.bytes, v.starts!, v.top + i));
};

describe('the file viewer', () => {
	test('Enter on a text file opens it at the selected layer; its lines are the fixture\'s, escaped, tabs expanded', async () => {
		const state = await settle(press(at('/etc/motd', 1), 'return'));
		const v = state.viewer!;
		expect(v.version.layer).toBe(1);
		expect(v.window!.binary).toBe(false);
		const expected = viewerKnown.motd.split('\n').slice(0, rows);
		expect(shownLines(state)).toEqual(['hello   world', '\\x1b[31mred', ...expected.slice(2)]);
		// No control character reaches the terminal.
		for (const line of shownLines(state)) expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
		// The tree under it did not move; Esc returns to it.
		const back = press(state, 'escape');
		expect(back.viewer).toBeNull();
		expect(back.cursor).toBe(state.cursor);
	});

	test('v at layer 0 shows that layer\'s version; a symlink shows its target', async () => {
		expect(shownLines(await settle(press(at('/etc/motd', 0), 'v')))).toEqual(['old motd']);
		const link = await settle(press(at('/etc/motd-link', 1), 'v'));
		expect(link.viewer!.path).toBe('/etc/motd');
		expect(shownLines(link)[0]).toBe('hello   world');
	});

	test('Enter on a directory collapses it instead', () => {
		const state = at('/etc', 1);
		const next = press(state, 'return');
		expect(next.viewer).toBeNull();
		expect(next.collapsed[indexOfPath(data.index, '/etc')]).toBe(1);
	});

	test('/ search, n and N move between matching lines', async () => {
		let state = await settle(press(at('/etc/motd', 1), 'v', '/', 'l', 'i', 'n', 'e', ' ', '4'));
		state = press(state, 'return');
		const v = state.viewer!;
		// Independent: the fixture lines holding "line 4" (line 4, 40–49).
		const expected = viewerKnown.motd.split('\n').flatMap((line, i) => (line.toLowerCase().includes('line 4') ? [i] : []));
		expect(v.search.hits).toEqual(expected);
		expect(v.search.current).toBe(0);
		state = press(state, 'n', 'n');
		expect(state.viewer!.search.hits[state.viewer!.search.current]).toBe(expected[2]);
		const line = state.viewer!.search.hits[state.viewer!.search.current]!;
		expect(line).toBeGreaterThanOrEqual(state.viewer!.top);
		expect(line).toBeLessThan(state.viewer!.top + rows);
		state = press(state, 'N', 'N', 'N');
		expect(state.viewer!.search.current).toBe(expected.length - 1);
	});

	test('a binary file is a hex dump of its bytes', async () => {
		const state = await settle(press(at('/usr/bin/tool', 1), 'v'));
		const v = state.viewer!;
		expect(v.window!.binary).toBe(true);
		expect(v.window!.bytes.equals(viewerKnown.tool)).toBe(true);
		expect(hexLine(v.window!.bytes, 0, 0)).toBe(`00000000  ${[...viewerKnown.tool.subarray(0, 8)].map(b => b.toString(16).padStart(2, '0')).join(' ')}  ${[...viewerKnown.tool.subarray(8, 16)].map(b => b.toString(16).padStart(2, '0')).join(' ')}  |${[...viewerKnown.tool.subarray(0, 16)].map(b => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}|`);
	});

	test('a file over the limit is paged: a window at a time, line numbers counted from the start', async () => {
		let state = await settle(press(at('/var/log/big.log', 1), 'v'));
		let v = state.viewer!;
		expect(v.window!.bytes.length).toBeLessThanOrEqual(PAGE_BYTES);
		expect(v.window!.start).toBe(0);
		expect(shownLines(state)[0]).toBe(bigLine(1).trimEnd());
		state = await settle(press(state, 'end'));
		v = state.viewer!;
		expect(v.window!.start + v.window!.bytes.length).toBe(viewerKnown.big.length);
		const lastShown = v.window!.firstLine + v.top + rows;
		expect(lastShown).toBe(BIG_LINES);
		expect(shownLines(state).at(-1)).toBe(bigLine(BIG_LINES).trimEnd());
		expect(shownLines(state)[0]).toBe(bigLine(v.window!.firstLine + v.top + 1).trimEnd());
		// Paging down from the top walks into the next window with the numbers right.
		state = await settle(press(state, 'home'));
		const pages = Math.ceil(PAGE_BYTES / bigLine(1).length / rows) + 2;
		state = await settle(press(state, ...Array.from({length: pages}, () => 'pagedown')));
		for (let i = 0; i < 3; i++) state = await settle(press(state, 'pagedown'));
		v = state.viewer!;
		expect(v.window!.start).toBeGreaterThan(0);
		const number = v.window!.firstLine + v.top + 1;
		expect(shownLines(state)[0]).toBe(bigLine(number).trimEnd());
		expect(viewerKnown.big.indexOf(bigLine(number))).toBe(v.window!.start + v.starts![v.top]!);
	});

	test('text or binary from the first 8 KB: NUL or invalid UTF-8, a cut character allowed', () => {
		expect(looksBinary(Buffer.from('plain text\n'), true)).toBe(false);
		expect(looksBinary(Buffer.from([0x61, 0, 0x62]), true)).toBe(true);
		expect(looksBinary(Buffer.from([0x61, 0xff, 0x62]), true)).toBe(true);
		const euro = Buffer.from('a€', 'utf8');
		expect(looksBinary(euro.subarray(0, 3), false)).toBe(false);
		expect(looksBinary(euro.subarray(0, 3), true)).toBe(true);
	});
});

describe('find', () => {
	test('/ jumps to the first match from the cursor, expanding collapsed parents; n/N go round; the tree stays whole', () => {
		let state = at('/etc', 1);
		const rowsBefore = state.flat.rows.length;
		// Collapse everything first: the match's parents must open.
		state = press(state, 'ctrl+space');
		expect(state.flat.rows.length).toBeLessThan(rowsBefore);
		state = press(state, '/', 'b', 'i', 'g');
		const path = () => data.index.nodes[state.flat.rows[state.cursor]!]!.path;
		expect(path()).toBe('/var/log/big.log');
		expect(state.collapsed[indexOfPath(data.index, '/var/log')]).toBe(0);
		state = press(state, 'return');
		expect(state.find.editing).toBe(false);
		// Two names hold "motd": motd and motd-link, in tree order; n wraps around.
		state = press(state, '/');
		for (const ch of 'motd') state = press(state, ch);
		expect(path()).toBe('/etc/motd');
		state = press(state, 'return', 'n');
		expect(path()).toBe('/etc/motd-link');
		state = press(state, 'n');
		expect(path()).toBe('/etc/motd');
		state = press(state, 'N');
		expect(path()).toBe('/etc/motd-link');
		// A regex, and a / makes it match full paths.
		state = press(state, '/', '^', 't', 'o', '+', 'l', '$');
		expect(path()).toBe('/usr/bin/tool');
		state = press(state, 'escape', '/', 'u', 's', 'r', '/');
		expect(path()).toMatch(/^\/usr\//);
	});
});
