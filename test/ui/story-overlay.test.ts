import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {bindingsFor} from '../../source/ui/keymap/resolve-command.js';
import {imageContentOf} from '../../source/ui/session/image-content-of.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer, type ExplorerAction} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {indexOfPath} from '../../source/ui/tree/tree-index.js';
import {readDiffWindow} from '../../source/ui/viewer/diff-window.js';
import {readWindow} from '../../source/ui/viewer/read-window.js';
import type {StoryOverlay} from '../../source/ui/overlays/story/story-state.js';
import {tempDir} from '../helpers/temp-dir.js';
import {loadArchive} from './helpers/load-fixture.js';
import {hashOf, storyKnown, writeStoryImage} from './helpers/story-image.js';

const dir = tempDir('peel-story-');
let data: ExplorerData;

beforeAll(async () => {
	data = buildExplorerData(await loadArchive(await writeStoryImage(dir)));
});

function press(state: ExplorerState, ...names: string[]): ExplorerState {
	return names.reduce((s, name) => explorerReducer(s, {type: 'key', names: [name], text: name.length === 1 ? name : ''} as ExplorerAction), state);
}

/** Carries out the read the viewer asks for, as the content hook does (a file, or a diff of two versions). */
async function settle(state: ExplorerState): Promise<ExplorerState> {
	while (state.viewer?.request) {
		const v = state.viewer;
		const seq = v.request!.seq;
		const content = imageContentOf(data.image);
		try {
			const window = v.diff ? await readDiffWindow(content, v.path, v.diff.old, v.version) : await readWindow(content, v.path, v.version, v.size, v.request!.from);
			state = explorerReducer(state, {type: 'viewer-loaded', seq, window});
		} catch (error) {
			state = explorerReducer(state, {type: 'viewer-failed', seq, message: (error as Error).message});
		}
	}
	return state;
}

/** The explorer at `layer`, the tree focused, the cursor on `file`. */
function at(file: string, layer: number): ExplorerState {
	let state = createExplorerState(data, {layerRows: 5, treeRows: 8, viewerRows: 12});
	state = press(state, ...Array.from({length: layer}, () => 'down'), 'tab');
	const row = state.flat.rows.indexOf(indexOfPath(data.index, file));
	expect(row).toBeGreaterThanOrEqual(0);
	return {...state, cursor: row};
}

const story = (state: ExplorerState) => state.overlay as StoryOverlay;
const shownText = (state: ExplorerState) => state.viewer!.window!.bytes.toString('utf8');

describe('the story panel (t)', () => {
	test('one row per layer that touched the path: change, size, mode, owner, hash and reclaimable bytes as the fixture defines them', () => {
		const state = press(at('/etc/app.conf', 0), 't');
		expect(state.overlay?.kind).toBe('story');
		const rows = story(state).rows;
		const v0 = Buffer.byteLength(storyKnown.v0);
		const v1 = Buffer.byteLength(storyKnown.v1);
		const v5 = Buffer.byteLength(storyKnown.v5);
		expect(rows.map(r => [r.layer, r.change, r.mode, r.owner, r.hash])).toEqual([
			[0, 'added', '-rw-r--r--', '0:0', hashOf(storyKnown.v0)],
			[1, 'modified', '-rw-r--r--', '0:0', hashOf(storyKnown.v1)],
			[2, 'metadata only', '-rw-------', '1000:1000', hashOf(storyKnown.v1)],
			[3, 'rewritten unchanged', '-rw-------', '1000:1000', hashOf(storyKnown.v1)],
			[4, 'removed', '', '', ''],
			[5, 'added', '-rw-r--r--', '0:0', hashOf(storyKnown.v5)],
		]);
		expect(rows.map(r => r.version.size)).toEqual([v0, v1, v1, v1, 0, v5]);
		// Every stored copy but the last is hidden, each for its own reason.
		expect(rows.map(r => [r.reclaimable, r.reason])).toEqual([
			[v0, 'overwritten by layer 1'],
			[v1, 'copied again by layer 2 for a mode/owner change'],
			[v1, 'same bytes rewritten by layer 3'],
			[v1, "hidden by layer 4's whiteout"],
			[0, ''],
			[0, ''],
		]);
		// The cursor starts on the version in effect at the selected layer.
		expect(story(state).cursor).toBe(0);
		expect(story(press(at('/etc/app.conf', 3), 't')).cursor).toBe(3);
	});

	test('v or Enter opens a version in the viewer, its layer\'s bytes; closing it returns to the panel; Esc back to the tree', async () => {
		let state = press(at('/etc/app.conf', 5), 't');
		expect(story(state).cursor).toBe(5);
		state = await settle(press(state, 'home', 'return'));
		expect(state.viewer!.version.layer).toBe(0);
		expect(shownText(state)).toBe(storyKnown.v0);
		state = press(state, 'escape');
		expect(state.viewer).toBeNull();
		expect(story(state).cursor).toBe(0);
		state = await settle(press(state, 'down', 'v'));
		expect(shownText(state)).toBe(storyKnown.v1);
		state = press(state, 'q');
		// The removal has no bytes: a notice, no viewer.
		state = press(state, 'down', 'down', 'down', 'v');
		expect(state.viewer).toBeNull();
		expect(state.notice).toMatch(/layer 4 removed \/etc\/app\.conf/);
		const tree = press(state, 'escape');
		expect(tree.overlay).toBeNull();
		expect(tree.cursor).toBe(state.cursor);
	});

	test('m marks, d shows the unified diff of the two versions — the same as GNU diff -U3 of the fixture\'s texts', async () => {
		let state = press(at('/etc/app.conf', 0), 't');
		expect(press(state, 'd').notice).toMatch(/mark a version with m first/);
		state = press(state, 'down', 'm', 'up');
		expect(story(state).mark).toBe(1);
		state = await settle(press(state, 'd'));
		const v = state.viewer!;
		expect(v.diff!.old.layer).toBe(0);
		expect(v.version.layer).toBe(1);
		const a = path.join(dir, 'v0');
		const b = path.join(dir, 'v1');
		writeFileSync(a, storyKnown.v0);
		writeFileSync(b, storyKnown.v1);
		let gnu = '';
		try {
			execFileSync('diff', ['-U3', a, b], {encoding: 'utf8'});
		} catch (error) {
			gnu = (error as {stdout: string}).stdout;
		}
		const lines = shownText(state).split('\n');
		expect(lines.slice(0, 2)).toEqual(['--- /etc/app.conf (layer 0)', '+++ /etc/app.conf (layer 1)']);
		expect(lines.slice(2)).toEqual(gnu.split('\n').slice(2));
		// And the -/+ lines are the fixture's change.
		expect(lines.filter(l => /^[-+][^-+]/.test(l))).toEqual(['-setting 5 = default', '+setting 5 = five', '-setting 15 = default', '+setting 15 = fifteen', '+added in layer 1']);
		// Esc goes back to the panel.
		expect(press(state, 'escape').overlay?.kind).toBe('story');
	});

	test('d says why when there is nothing to diff: same bytes, a removal, a binary file', async () => {
		let state = press(at('/etc/app.conf', 0), 't', 'down', 'm', 'down');
		expect(press(state, 'd').notice).toMatch(/layers 1 and 2 hold the same bytes/);
		state = press(state, 'down', 'down', 'd');
		expect(state.notice).toMatch(/layer 4's version is a removal/);
		expect(press(state, 'up', 'up', 'up', 'd').notice).toMatch(/marked version itself/);
		expect(story(press(state, 'up', 'up', 'up', 'm')).mark).toBeNull();

		let tool = press(at('/usr/bin/tool', 0), 't', 'm', 'down', 'd');
		expect(tool.viewer?.diff).toBeDefined();
		tool = await settle(tool);
		expect(tool.viewer).toBeNull();
		expect(tool.notice).toBe(`binary files differ (sizes ${storyKnown.tool0.length} B and ${storyKnown.tool1.length} B)`);
		expect(tool.overlay?.kind).toBe('story');
	});

	test('t is bound in the tree with the hint "Story"; the panel\'s own keys have hints and include quit and help', () => {
		expect(bindingsFor(['tree']).find(b => b.command === 'open-story')).toMatchObject({keys: ['t'], hint: 'Story'});
		const own = bindingsFor(['story']);
		for (const command of ['story-close', 'story-view', 'story-mark', 'story-diff', 'quit', 'toggle-help']) expect(own.some(b => b.command === command)).toBe(true);
		expect(press(press(at('/etc/app.conf', 0), 't'), 'ctrl+c').quitting).toBe(true);
	});
});
