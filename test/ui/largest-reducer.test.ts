import {describe, expect, test} from 'vitest';
import type {LargestOverlay} from '../../source/ui/overlays/largest/largest-state.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, selectedNode, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {dir, file, whiteout} from '../model/entries.js';
import {imageFromEntries} from './helpers/model-image.js';

/**
 *  0: /a/deep/big (9000 B), /a/small (300 B), /junk (5000 B)
 *  1: /a/small rewritten (400 B), /junk removed, /b/mid (2000 B)
 *  2: /a/deep/big rewritten (7000 B)
 * So by size: big@0 9000, big@2 7000, junk@0 5000, mid@1 2000, small@1 400, small@0 300;
 * by reclaimable: big@0 9000, junk@0 5000, small@0 300, then the visible ones by size.
 */
function start(viewerRows = 4): ExplorerState {
	const image = imageFromEntries([
		[dir('a'), dir('a/deep'), file('a/deep/big', 'B'.repeat(9000)), file('a/small', 's'.repeat(300)), file('junk', 'j'.repeat(5000))],
		[file('a/small', 'S'.repeat(400)), whiteout('', 'junk'), dir('b'), file('b/mid', 'm'.repeat(2000))],
		[file('a/deep/big', 'b'.repeat(7000))],
	]);
	return createExplorerState(buildExplorerData(image), {layerRows: 5, treeRows: 6, viewerRows});
}

function press(state: ExplorerState, ...names: string[]): ExplorerState {
	return names.reduce((s, name) => explorerReducer(s, {type: 'key', names: [name], text: name.length === 1 ? name : ''}), state);
}

function overlay(state: ExplorerState): LargestOverlay {
	expect(state.overlay?.kind).toBe('largest');
	return state.overlay as LargestOverlay;
}

const listed = (state: ExplorerState) => overlay(state).rows.map(row => `${row.node.path}@${row.layer}`);
const selectedPath = (state: ExplorerState) => state.data.index.nodes[selectedNode(state)]?.path;

describe('w: the largest files', () => {
	test('opens on every stored version, largest first, from either pane', () => {
		const fromLayers = press(start(), 'w');
		expect(listed(fromLayers)).toEqual(['/a/deep/big@0', '/a/deep/big@2', '/junk@0', '/b/mid@1', '/a/small@1', '/a/small@0']);
		expect(overlay(fromLayers).cursor).toBe(0);
		expect(listed(press(start(), 'tab', 'w'))).toEqual(listed(fromLayers));
	});

	test('↑↓ j k, page keys, Home End move within the list and keep the cursor in view', () => {
		let state = press(start(4), 'w', 'j', 'down', 'down');
		expect(overlay(state).cursor).toBe(3);
		expect(overlay(state).scroll).toBe(0);
		state = press(state, 'j');
		expect(overlay(state)).toMatchObject({cursor: 4, scroll: 1});
		state = press(state, 'end');
		expect(overlay(state)).toMatchObject({cursor: 5, scroll: 2});
		state = press(state, 'pageup');
		expect(overlay(state)).toMatchObject({cursor: 1, scroll: 1});
		state = press(state, 'k', 'up', 'up');
		expect(overlay(state)).toMatchObject({cursor: 0, scroll: 0});
		state = press(state, 'pagedown', 'pagedown', 'pagedown');
		expect(overlay(state).cursor).toBe(5);
		expect(overlay(press(state, 'home')).cursor).toBe(0);
	});

	test('s sorts by reclaimable bytes and back, the cursor staying on its file', () => {
		let state = press(start(), 'w', 'down', 'down');
		expect(listed(state)[overlay(state).cursor]).toBe('/junk@0');
		state = press(state, 's');
		expect(overlay(state).order).toBe('reclaimable');
		expect(listed(state)).toEqual(['/a/deep/big@0', '/junk@0', '/a/small@0', '/a/deep/big@2', '/b/mid@1', '/a/small@1']);
		expect(listed(state)[overlay(state).cursor]).toBe('/junk@0');
		expect(overlay(state).rows.map(row => row.reclaimable)).toEqual([9000, 5000, 300, 0, 0, 0]);
		state = press(state, 's');
		expect(overlay(state).order).toBe('size');
		expect(listed(state)[overlay(state).cursor]).toBe('/junk@0');
	});

	test('f and + raise the size threshold, - lowers it, both wrapping round', () => {
		const state = press(start(), 'w');
		expect(overlay(press(state, 'f')).threshold).toBe(1);
		expect(overlay(press(state, '+', '+')).threshold).toBe(2);
		expect(overlay(press(state, '-')).threshold).toBe(4);
		expect(overlay(press(state, 'f', 'f', 'f', 'f', 'f')).threshold).toBe(0);
		// ≥ 100 kB: nothing in this image; the cursor stays at 0 of 0.
		expect(overlay(press(state, 'f')).rows).toEqual([]);
		expect(overlay(press(state, 'f', 'down', 'end')).cursor).toBe(0);
	});

	test('Enter selects the layer, puts the tree cursor on the file and opens its collapsed parents', () => {
		// Collapse everything first (Tab to the tree, Ctrl+Space).
		let state = press(start(), 'tab', 'ctrl+space');
		expect(state.flat.rows.length).toBeLessThan(4);
		state = press(state, 'w', 'down', 'return');
		expect(state.overlay).toBeNull();
		expect(state.layer).toBe(2);
		expect(state.focus).toBe('tree');
		expect(selectedPath(state)).toBe('/a/deep/big');
		const layerAt = (s: ExplorerState) => s.data.layerList.rowOfLayer[s.layer]!;
		expect(layerAt(state)).toBeGreaterThanOrEqual(state.layerScroll);
		// The cursor row is on screen.
		expect(state.cursor - state.scroll).toBeGreaterThanOrEqual(0);
		expect(state.cursor - state.scroll).toBeLessThan(6);

		// A file its layer removed later: Enter goes to the layer that stored it, where it is.
		state = press(state, 'w', 'down', 'down', 'return');
		expect(state.layer).toBe(0);
		expect(selectedPath(state)).toBe('/junk');
		expect(state.notice).toBeNull();
	});

	test('Enter on a file the filter hides says so in one line', () => {
		let state = press(start(), 'ctrl+f', 'm', 'i', 'd', 'return');
		state = press(state, 'w', 'return');
		expect(state.overlay).toBeNull();
		expect(state.layer).toBe(0);
		expect(state.notice).toMatch(/^\/a\/deep\/big is not shown at layer 0 in this view/);
	});

	test('v opens the viewer on the selected copy, above the list; closing it comes back to the list', () => {
		const state = press(start(), 'w', 'down', 'down', 'v');
		expect(state.viewer?.path).toBe('/junk');
		expect(state.viewer?.version.layer).toBe(0);
		expect(state.viewer?.size).toBe(5000);
		const back = press(state, 'escape');
		expect(back.viewer).toBeNull();
		expect(overlay(back).cursor).toBe(2);
	});

	test('Esc and q close it where the explorer was; ? opens help over it; Ctrl+C quits', () => {
		const before = press(start(), 'tab', 'down');
		for (const key of ['escape', 'q']) {
			const closed = press(before, 'w', 'down', key);
			expect(closed.overlay).toBeNull();
			expect(closed.cursor).toBe(before.cursor);
			expect(closed.layer).toBe(before.layer);
			expect(closed.quitting).toBe(false);
		}
		const help = press(before, 'w', '?');
		expect(help.help).toBe(true);
		const back = press(help, 'escape');
		expect(back.help).toBe(false);
		expect(back.overlay?.kind).toBe('largest');
		expect(press(before, 'w', 'ctrl+c').quitting).toBe(true);
	});
});
