import {describe, expect, test} from 'vitest';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer, type ExplorerAction} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, selectedNode, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {ChangeCode} from '../../source/ui/tree/change-code.js';
import {sampleImage} from './helpers/sample-image.js';
import {syntheticImage} from './helpers/synthetic-image.js';
import {shownSize} from '../../source/ui/tree/shown-nodes.js';

const viewport = {layerRows: 5, treeRows: 4};

function start(): ExplorerState {
	return createExplorerState(buildExplorerData(sampleImage()), viewport);
}

/** Presses keys by name (as keyNames reports them); a plain character also types itself. */
function press(state: ExplorerState, ...names: string[]): ExplorerState {
	return names.reduce((s, name) => {
		const action: ExplorerAction = {type: 'key', names: [name], text: name.length === 1 ? name : ''};
		return explorerReducer(s, action);
	}, state);
}

const rowPaths = (state: ExplorerState) => Array.from(state.flat.rows, i => state.data.index.nodes[i]!.path);
const selectedPath = (state: ExplorerState) => state.data.index.nodes[selectedNode(state)]?.path;
const changeOf = (state: ExplorerState, path: string) => {
	const i = state.data.index.nodes.findIndex(node => node.path === path);
	return state.view.change[i];
};
const sizeOf = (state: ExplorerState, path: string) => shownSize(state.shown, state.data.index.nodes.findIndex(node => node.path === path));

describe('opening', () => {
	test('shows layer 0 fully expanded in name order, Layers focused', () => {
		const state = start();
		expect(state.focus).toBe('layers');
		expect(state.layer).toBe(0);
		expect(rowPaths(state)).toEqual(['/etc', '/etc/hostname', '/etc/passwd', '/lib', '/usr', '/usr/bin', '/usr/bin/big', '/usr/bin/sh']);
		expect(selectedPath(state)).toBe('/etc');
	});

	test('directory sizes are the sums of the files shown under them', () => {
		const state = start();
		expect(sizeOf(state, '/usr/bin')).toBe(1100);
		expect(sizeOf(state, '/etc')).toBe(3 + 10);
	});
});

describe('layers', () => {
	test('↓ selects the next layer and the tree shows its changes', () => {
		const state = press(start(), 'down');
		expect(state.layer).toBe(1);
		expect(changeOf(state, '/etc/passwd')).toBe(ChangeCode.Modified);
		expect(changeOf(state, '/var/cache/x')).toBe(ChangeCode.Added);
		expect(changeOf(state, '/etc/hostname')).toBe(ChangeCode.Untouched);
		expect(rowPaths(state)).toContain('/usr/bin/tool');
	});

	test('j/k, End/Home and page keys stay within the layers', () => {
		let state = press(start(), 'j', 'j', 'j', 'j');
		expect(state.layer).toBe(2);
		state = press(state, 'k');
		expect(state.layer).toBe(1);
		state = press(state, 'home');
		expect(state.layer).toBe(0);
		state = press(state, 'end');
		expect(state.layer).toBe(2);
		state = press(state, 'pageup');
		expect(state.layer).toBe(0);
		state = press(state, 'pagedown');
		expect(state.layer).toBe(2);
	});

	test('layer 2 marks the removal and the rewrite, and keeps the removed path visible', () => {
		const state = press(start(), 'end');
		expect(changeOf(state, '/var/cache/x')).toBe(ChangeCode.Removed);
		expect(changeOf(state, '/usr/bin/sh')).toBe(ChangeCode.Unchanged);
		expect(rowPaths(state)).toContain('/var/cache/x');
	});

	test('Ctrl+A switches to the aggregated view and Ctrl+L back', () => {
		let state = press(start(), 'down', 'ctrl+a');
		expect(state.mode).toBe('aggregated');
		// Aggregated at layer 1: everything new since layer 0 is added, /etc/passwd modified.
		expect(changeOf(state, '/var/cache/x')).toBe(ChangeCode.Added);
		expect(changeOf(state, '/etc/passwd')).toBe(ChangeCode.Modified);
		state = press(state, 'ctrl+l');
		expect(state.mode).toBe('layer');
	});

	test('the tree keeps the selected path when the layer changes', () => {
		let state = press(start(), 'tab', 'down', 'down');
		expect(selectedPath(state)).toBe('/etc/passwd');
		state = press(state, 'tab', 'down');
		expect(state.layer).toBe(1);
		expect(selectedPath(state)).toBe('/etc/passwd');
	});

	test('a selected path that disappears leaves the cursor on its nearest shown ancestor', () => {
		let state = press(start(), 'down', 'tab');
		state = press(state, 'end');
		expect(selectedPath(state)).toBe('/var/cache/x');
		// Back to layer 0, where /var does not exist yet.
		state = press(state, 'tab', 'up');
		expect(state.layer).toBe(0);
		expect(rowPaths(state)).not.toContain('/var');
		expect(state.cursor).toBeLessThan(state.flat.rows.length);
	});
});

describe('tree', () => {
	test('Tab moves focus; ↓ moves the cursor and scrolls to keep it visible', () => {
		let state = press(start(), 'tab');
		expect(state.focus).toBe('tree');
		state = press(state, 'down', 'down', 'down', 'down', 'down');
		expect(selectedPath(state)).toBe('/usr/bin');
		expect(state.scroll).toBe(5 - viewport.treeRows + 1);
		state = press(state, 'home');
		expect([state.cursor, state.scroll]).toEqual([0, 0]);
		state = press(state, 'end');
		expect(selectedPath(state)).toBe('/usr/bin/sh');
		state = press(state, 'pageup');
		expect(state.cursor).toBe(7 - viewport.treeRows);
	});

	test('Space collapses and expands the directory under the cursor', () => {
		let state = press(start(), 'tab', 'space');
		expect(rowPaths(state)).toEqual(['/etc', '/lib', '/usr', '/usr/bin', '/usr/bin/big', '/usr/bin/sh']);
		expect(selectedPath(state)).toBe('/etc');
		state = press(state, 'space');
		expect(rowPaths(state)).toContain('/etc/passwd');
	});

	test('← goes to the parent, then collapses; → expands, then enters', () => {
		let state = press(start(), 'tab', 'down', 'down');
		expect(selectedPath(state)).toBe('/etc/passwd');
		state = press(state, 'left');
		expect(selectedPath(state)).toBe('/etc');
		state = press(state, 'h');
		expect(rowPaths(state)).not.toContain('/etc/passwd');
		state = press(state, 'l');
		expect(rowPaths(state)).toContain('/etc/passwd');
		expect(selectedPath(state)).toBe('/etc');
		state = press(state, 'right');
		expect(selectedPath(state)).toBe('/etc/hostname');
	});

	test('Ctrl+Space collapses every directory, and again expands them', () => {
		let state = press(start(), 'tab', 'ctrl+space');
		expect(rowPaths(state)).toEqual(['/etc', '/lib', '/usr']);
		state = press(state, 'ctrl+space');
		expect(rowPaths(state)).toHaveLength(8);
	});

	test('Ctrl+U hides what the layer did not touch, keeping the ancestors of changes', () => {
		let state = press(start(), 'down', 'tab', 'ctrl+u');
		expect(rowPaths(state)).toEqual(['/etc', '/etc/passwd', '/usr', '/usr/bin', '/usr/bin/tool', '/var', '/var/cache', '/var/cache/x']);
		// Directory sizes follow what is shown.
		expect(sizeOf(state, '/usr/bin')).toBe(10);
		// Hiding added files too: directories modified by an addition stay (as in dive), emptied.
		state = press(state, 'ctrl+a');
		expect(rowPaths(state)).toEqual(['/etc', '/etc/passwd', '/usr', '/usr/bin']);
		expect(sizeOf(state, '/usr/bin')).toBe(0);
		state = press(state, 'ctrl+u', 'ctrl+a');
		expect(rowPaths(state)).toHaveLength(12);
	});

	test('Ctrl+R hides removed paths, Ctrl+M (told from Enter) modified ones', () => {
		let state = press(start(), 'end', 'tab', 'ctrl+r');
		expect(rowPaths(state)).not.toContain('/var/cache/x');
		expect(press(start(), 'down', 'tab', 'return').hidden.modified).toBe(false);
		state = press(start(), 'down', 'tab', 'ctrl+m');
		expect(state.hidden.modified).toBe(true);
		expect(rowPaths(state)).not.toContain('/etc/passwd');
	});

	test('Ctrl+O sorts by size, largest first, and back by name', () => {
		let state = press(start(), 'tab', 'ctrl+o');
		expect(state.sort).toBe('size');
		expect(rowPaths(state)).toEqual(['/usr', '/usr/bin', '/usr/bin/big', '/usr/bin/sh', '/etc', '/etc/passwd', '/etc/hostname', '/lib']);
		state = press(state, 'ctrl+o');
		expect(rowPaths(state)[0]).toBe('/etc');
	});

	test('Ctrl+B toggles the attributes', () => {
		const state = press(start(), 'tab', 'ctrl+b');
		expect(state.showAttributes).toBe(false);
	});
});

describe('filter', () => {
	test('Ctrl+F opens it; typing narrows live, keeping ancestors of matches', () => {
		let state = press(start(), 'ctrl+f');
		expect(state.filter.editing).toBe(true);
		state = press(state, 'p', 'a', 's', 's');
		expect(state.filter.text).toBe('pass');
		expect(rowPaths(state)).toEqual(['/etc', '/etc/passwd']);
		// Keys that are commands elsewhere are text here.
		state = press(state, 'q');
		expect(state.quitting).toBe(false);
		expect(rowPaths(state)).toEqual([]);
	});

	test('the regex applies to the full path', () => {
		const state = press(start(), 'ctrl+f', '^', '/', 'u', 's', 'r', '/', 'b', 'i', 'n', '/', '.');
		expect(rowPaths(state)).toEqual(['/usr', '/usr/bin', '/usr/bin/big', '/usr/bin/sh']);
	});

	test('an invalid regex is reported and the last valid one stays applied', () => {
		let state = press(start(), 'ctrl+f', 'b', 'i', 'g');
		const rows = rowPaths(state);
		state = press(state, '(');
		expect(state.filter.error).toMatch(/^invalid regex: /);
		expect(rowPaths(state)).toEqual(rows);
		state = press(state, 'backspace');
		expect(state.filter.error).toBeNull();
		expect(rowPaths(state)).toEqual(['/usr', '/usr/bin', '/usr/bin/big']);
	});

	test('Enter keeps the filter and focuses the tree; Esc clears it', () => {
		let state = press(start(), 'ctrl+f', 's', 'h', 'return');
		expect(state.filter.editing).toBe(false);
		expect(state.focus).toBe('tree');
		expect(rowPaths(state)).toContain('/usr/bin/sh');
		expect(rowPaths(state)).not.toContain('/etc/hostname');
		state = press(state, 'ctrl+f', 'escape');
		expect(state.filter).toMatchObject({editing: false, text: '', matches: null});
		expect(rowPaths(state)).toHaveLength(8);
	});

	test('the filter holds across layers', () => {
		const state = press(start(), 'ctrl+f', 't', 'o', 'o', 'l', 'return', 'tab', 'down');
		expect(state.layer).toBe(1);
		expect(rowPaths(state)).toEqual(['/usr', '/usr/bin', '/usr/bin/tool']);
	});

	test('on a big tree, typing only updates the text; the tree follows when typing pauses', () => {
		let state = createExplorerState(buildExplorerData(syntheticImage(60_000, 3)), viewport);
		const before = state.flat.rows.length;
		state = press(state, 'ctrl+f', 'p', 'k', 'g', '1', '2', '3', '4', '/');
		expect(state.filter.text).toBe('pkg1234/');
		expect(state.flat.rows.length).toBe(before);
		state = explorerReducer(state, {type: 'filter-apply'});
		expect(rowPaths(state).every(path => path.includes('pkg1234') || '/usr/share/p70/pkg1234/'.startsWith(path))).toBe(true);
		expect(rowPaths(state)).toContain('/usr/share/p70/pkg1234/file0.dat');
		// Enter applies what is still pending.
		state = press(state, 'backspace', 'backspace', 'return');
		expect(state.filter.applied).toBe('pkg123');
		expect(rowPaths(state)).toContain('/usr/share/p70/pkg1234/file0.dat');
		expect(rowPaths(state)).toContain('/usr/share/p26/pkg123');
	});
});

describe('global keys', () => {
	test('q asks to quit; ? opens help, where q only closes it', () => {
		expect(press(start(), 'q').quitting).toBe(true);
		expect(press(start(), 'ctrl+c').quitting).toBe(true);
		let state = press(start(), '?');
		expect(state.help).toBe(true);
		state = press(state, 'down', 'q');
		expect(state.help).toBe(false);
		expect(state.quitting).toBe(false);
		expect(state.layer).toBe(0);
		expect(press(start(), '?', 'ctrl+c').quitting).toBe(true);
	});

	test('the viewport change keeps the cursor on screen', () => {
		let state = press(start(), 'tab', 'end');
		state = explorerReducer(state, {type: 'viewport', viewport: {layerRows: 5, treeRows: 2}});
		expect(state.cursor - state.scroll).toBeLessThan(2);
		expect(state.cursor).toBeGreaterThanOrEqual(state.scroll);
	});
});
