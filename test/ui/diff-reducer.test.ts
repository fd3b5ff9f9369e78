import {beforeAll, describe, expect, test} from 'vitest';
import type {DiffData} from '../../source/ui/diff/diff-data.js';
import {diffReducer, type DiffAction} from '../../source/ui/diff/diff-reducer.js';
import {createDiffState, selectedDiffNode, type DiffState} from '../../source/ui/diff/diff-state.js';
import {deltaOf} from '../../source/ui/diff/diff-tree.js';
import {tempDir} from '../helpers/temp-dir.js';
import {GONE_FILE, loadDiffData, NEW_BIG, NEW_CONFIG, NEW_FILE, OLD_BIG, OLD_CONFIG, writeDiffImages} from './helpers/diff-images.js';

const dir = tempDir('peel-diff-reducer-');
let data: DiffData;

beforeAll(async () => {
	data = await loadDiffData(await writeDiffImages(dir));
});

const viewport = {columns: 80, layerRows: 5, treeRows: 20, configRows: 6, viewerRows: 20};
const key = (name: string, text = name.length === 1 ? name : ''): DiffAction => ({type: 'key', names: [name], text});
function press(state: DiffState, ...names: string[]): DiffState {
	return names.reduce((s, name) => diffReducer(s, key(name)), state);
}
function type(state: DiffState, text: string): DiffState {
	return [...text].reduce((s, ch) => diffReducer(s, {type: 'key', names: [ch], text: ch}), state);
}
const shownPaths = (state: DiffState) => Array.from(state.flat.rows, i => state.data.tree.paths[i]);
const selectedPath = (state: DiffState) => state.data.tree.paths[selectedDiffNode(state)];

describe('the diff explorer state', () => {
	test('the tree is the comparison\'s files, with the directories between them, and directories carry the sum of their deltas', () => {
		const {tree, comparison} = data;
		const listed = comparison.files.map(f => f.path);
		// Every row of --json's files is a node with its own row; the rest are directories holding them.
		for (const path of listed) expect(tree.diff[tree.paths.indexOf(path)]).toBe(comparison.files.find(f => f.path === path));
		const context = tree.paths.filter((p, i) => i > 0 && tree.diff[i] === null);
		expect(context.sort()).toEqual(['/app', '/etc', '/usr', '/usr/bin']);
		// The deltas from the fixture's own contents.
		const app = {big: NEW_BIG.length - OLD_BIG.length, config: NEW_CONFIG.length - OLD_CONFIG.length, added: NEW_FILE.length, gone: -GONE_FILE.length};
		const at = (path: string) => deltaOf(tree, tree.paths.indexOf(path));
		expect(at('/app/big.bin')).toBe(app.big);
		expect(at('/app/config.txt')).toBe(app.config);
		expect(at('/app/new.txt')).toBe(app.added);
		expect(at('/app/gone.txt')).toBe(app.gone);
		expect(at('/app')).toBe(app.big + app.config + app.added + app.gone);
		expect(at('/etc')).toBe(-'welcome\n'.length);
		expect(at('/usr/bin/tool')).toBe(0);
		expect(deltaOf(tree, 0)).toBe(comparison.files.reduce((sum, f) => sum + (f.new && f.new.type !== 'dir' ? f.new.size : 0) - (f.old && f.old.type !== 'dir' ? f.old.size : 0), 0));
	});

	test('opens on the tree in name order; Ctrl+O sorts children by the size of their change, and back', () => {
		let state = createDiffState(data, viewport);
		expect(state.focus).toBe('tree');
		expect(shownPaths(state)).toEqual(['/app', '/app/big.bin', '/app/config.txt', '/app/gone.txt', '/app/new.txt', '/etc', '/etc/motd', '/usr', '/usr/bin', '/usr/bin/tool']);
		state = press(state, 'down', 'down', 'ctrl+o');
		expect(state.sort).toBe('delta');
		// |Δ|: big.bin 4000, config.txt 15 (one line longer), new.txt 13, gone.txt 12; /app 3984, /etc 8, /usr 0.
		expect(shownPaths(state)).toEqual(['/app', '/app/big.bin', '/app/config.txt', '/app/new.txt', '/app/gone.txt', '/etc', '/etc/motd', '/usr', '/usr/bin', '/usr/bin/tool']);
		// The cursor stays on its path.
		expect(selectedPath(state)).toBe('/app/config.txt');
		state = press(state, 'ctrl+o');
		expect(state.sort).toBe('name');
	});

	test('Space, ← → and Ctrl+Space collapse and expand; the cursor stays on what it was on', () => {
		let state = createDiffState(data, viewport);
		state = press(state, 'space');
		expect(shownPaths(state)).toEqual(['/app', '/etc', '/etc/motd', '/usr', '/usr/bin', '/usr/bin/tool']);
		state = press(state, 'right', 'right', 'right');
		expect(selectedPath(state)).toBe('/app/big.bin');
		state = press(state, 'left');
		expect(selectedPath(state)).toBe('/app');
		state = press(state, 'left');
		expect(shownPaths(state)).toHaveLength(6);
		state = press(state, 'ctrl+space');
		expect(shownPaths(state)).toEqual(['/app', '/etc', '/usr']);
		state = press(state, 'ctrl+space');
		expect(shownPaths(state)).toHaveLength(10);
	});

	test('/ finds by name and opens collapsed parents; n and N go round; Esc closes the line', () => {
		let state = press(createDiffState(data, viewport), 'ctrl+space');
		state = press(state, '/');
		expect(state.find.editing).toBe(true);
		state = type(state, 'txt');
		// config.txt, gone.txt, new.txt: the first from the cursor, its parent opened.
		expect(selectedPath(state)).toBe('/app/config.txt');
		expect(shownPaths(state)).toContain('/app/config.txt');
		state = press(state, 'return', 'n');
		expect(selectedPath(state)).toBe('/app/gone.txt');
		state = press(state, 'n', 'n');
		expect(selectedPath(state)).toBe('/app/config.txt');
		state = press(state, 'N');
		expect(selectedPath(state)).toBe('/app/new.txt');
		state = press(state, '/');
		state = type(state, 'usr/bin');
		expect(selectedPath(state)).toBe('/usr/bin');
		state = press(state, 'escape');
		expect(state.find.text).toBe('');
		expect(state.quitting).toBe(false);
	});

	test('Ctrl+F keeps the matches and their ancestors; an invalid regex is reported and the last valid one stays; Esc clears', () => {
		let state = press(createDiffState(data, viewport), 'ctrl+f');
		state = type(state, 'o[nt]');
		// "on" in config.txt and gone.txt, "ot" in motd.
		expect(shownPaths(state)).toEqual(['/app', '/app/config.txt', '/app/gone.txt', '/etc', '/etc/motd']);
		state = type(state, '(');
		expect(state.filter.error).toMatch(/^invalid regex/);
		expect(shownPaths(state)).toHaveLength(5);
		state = press(state, ...Array<string>(6).fill('backspace'));
		expect(state.filter.text).toBe('');
		state = type(state, 'new');
		expect(shownPaths(state)).toEqual(['/app', '/app/new.txt']);
		state = press(state, 'return');
		expect(state.filter.editing).toBe(false);
		expect(shownPaths(state)).toEqual(['/app', '/app/new.txt']);
		state = press(state, 'ctrl+f', 'escape');
		expect(shownPaths(state)).toHaveLength(10);
	});

	test('Tab goes Layers → tree → Config → Layers; ↑↓ move in the focused pane', () => {
		let state = createDiffState(data, viewport);
		state = press(state, 'tab');
		expect(state.focus).toBe('config');
		state = press(state, 'tab');
		expect(state.focus).toBe('layers');
		state = press(state, 'down', 'down', 'down', 'down', 'down');
		expect(state.layerCursor).toBe(data.comparison.layers.length - 1);
		expect(state.cursor).toBe(0);
		state = press(state, 'tab', 'down');
		expect(state.focus).toBe('tree');
		expect(state.cursor).toBe(1);
	});

	test('v views NEW\'s version (OLD\'s for a removed path), V OLD\'s; a chmod has nothing to diff; q and Esc quit', () => {
		let state = press(createDiffState(data, viewport), 'down', 'down');
		expect(selectedPath(state)).toBe('/app/config.txt');
		state = press(state, 'v');
		expect(state.viewerSide).toBe('new');
		expect(state.viewer?.version.size).toBe(NEW_CONFIG.length);
		state = press(state, 'escape', 'V');
		expect(state.viewerSide).toBe('old');
		expect(state.viewer?.version.size).toBe(OLD_CONFIG.length);
		state = press(state, 'q', 'down', 'v');
		expect(selectedPath(state)).toBe('/app/gone.txt');
		expect(state.viewerSide).toBe('old');
		state = press(state, 'q', 'return');
		expect(state.viewerSide).toBe('old');
		state = press(state, 'q', 'V', 'down');
		expect(state.viewer?.version.size).toBe(GONE_FILE.length);
		state = press(state, 'q', 'down', 'V');
		expect(state.viewer).toBeNull();
		expect(state.notice).toBe('/app/new.txt is not in OLD');
		state = press(state, 'end', 'D');
		expect(selectedPath(state)).toBe('/usr/bin/tool');
		expect(state.notice).toBe('/usr/bin/tool has the same bytes in both (only mode/owner differ)');
		state = press(state, 'up', 'up', 'up', 'up', 'up', 'up', 'up', 'D');
		expect(selectedPath(state)).toBe('/app/config.txt');
		expect(state.unified?.path).toBe('/app/config.txt');
		state = press(state, 'escape');
		expect(state.unified).toBeNull();
		expect(state.quitting).toBe(false);
		expect(press(state, 'escape').quitting).toBe(true);
		expect(press(state, 'q').quitting).toBe(true);
	});
});
