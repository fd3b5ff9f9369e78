import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {hashOf, storyKnown, writeStoryImage} from './helpers/story-image.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-story-tmux-');
let archive = '';
let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	archive = await writeStoryImage(dir);
});

afterEach(() => {
	session?.stop();
	session = null;
});

/** The panel's row of layer `n` (rows start with the cursor and mark columns, then "Ln"). */
const rowOf = (screen: string, n: number) => screen.split('\n').find(line => new RegExp(`^[› ][* ] L${n} `).test(line)) ?? '';

describe('the story panel in a real terminal (tmux, 80×24)', () => {
	test('t lists every version of a file changed across layers; Enter views one; m … d diffs two', async () => {
		const tmux = new TmuxSession(80, 24);
		session = tmux;
		tmux.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archive}; echo "peel exited $?"; sleep 60`, root);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('app.conf'), 'the explorer');
		tmux.keys('/');
		tmux.type('app.conf');
		tmux.keys('Enter', 't');
		const panel = await tmux.waitFor(screen => screen.includes('Story of /etc/app.conf'), 'the story panel');
		expect(panel.split('\n').every(line => line.length <= 80)).toBe(true);
		const v0 = Buffer.byteLength(storyKnown.v0);
		const v1 = Buffer.byteLength(storyKnown.v1);
		// Each row against the fixture: what the layer did, mode, owner, hash of the bytes it wrote.
		const expected: Array<[number, string, string, string, string]> = [
			[0, 'added', '-rw-r--r--', '0:0', hashOf(storyKnown.v0).slice(0, 8)],
			[1, 'modified', '-rw-r--r--', '0:0', hashOf(storyKnown.v1).slice(0, 8)],
			[2, 'metadata only', '-rw-------', '1000:1000', hashOf(storyKnown.v1).slice(0, 8)],
			[3, 'stored again', '-rw-------', '1000:1000', hashOf(storyKnown.v1).slice(0, 8)],
			[4, 'removed', '', '', ''],
			[5, 'added', '-rw-r--r--', '0:0', hashOf(storyKnown.v5).slice(0, 8)],
		];
		for (const [layer, change, mode, owner, hash] of expected) {
			const row = rowOf(panel, layer);
			expect(row, `row L${layer}`).toContain(change);
			for (const cell of [mode, owner, hash]) if (cell) expect(row).toContain(cell);
		}
		expect(rowOf(panel, 0)).toMatch(new RegExp(`${v0} B -rw`));
		// At 80 columns the rows say why in short, the line under the list in full for the selected row.
		expect(rowOf(panel, 0)).toContain(`${v0} B overwritten (L1)`);
		expect(rowOf(panel, 1)).toContain(`${v1} B chmod copy (L2)`);
		expect(rowOf(panel, 2)).toContain(`${v1} B same bytes (L3)`);
		expect(rowOf(panel, 3)).toContain(`${v1} B whiteout (L4)`);
		expect(panel).toContain(`L0's ${v0} B reclaimable: overwritten by layer 1`);
		expect(panel).toContain('L0: ADD base');
		// The cursor starts on layer 0's version (the tree was at layer 0).
		expect(rowOf(panel, 0).startsWith('›')).toBe(true);
		expect(panel).toMatch(/Close.*View.*Mark.*Diff/);

		// Enter on layer 1's version: the viewer shows the bytes layer 1 wrote.
		tmux.keys('Down', 'Enter');
		const viewer = await tmux.waitFor(screen => /^\/etc\/app\.conf {2}layer 1/.test(screen) && screen.includes('lines 1–'), 'the viewer on layer 1');
		const lines = viewer.split('\n');
		const want = storyKnown.v1.split('\n').slice(0, 18);
		want.forEach((text, i) => expect(lines[i + 1]?.trimEnd()).toBe(`${String(i + 1).padStart(2)} ${text}`));
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Story of /etc/app.conf'), 'the panel again');

		// Mark layer 1, go to layer 0, d: the diff's -/+ lines are the fixture's change.
		tmux.keys('m', 'Up', 'd');
		const diff = await tmux.waitFor(screen => screen.includes('diff /etc/app.conf  layer 0 → layer 1') && screen.includes('@@'), 'the diff');
		const changedOn = (screen: string) => screen.split('\n').slice(1, -2).filter(line => /^[-+][^-+]/.test(line)).map(line => line.trimEnd());
		// The diff is longer than the screen: its end too.
		tmux.keys('G');
		const end = await tmux.waitFor(screen => screen.includes('+added in layer 1'), 'the end of the diff');
		const changed = [...new Set([...changedOn(diff), ...changedOn(end)])];
		expect(changed).toEqual(['-setting 5 = default', '+setting 5 = five', '-setting 15 = default', '+setting 15 = fifteen', '+added in layer 1']);
		expect(diff).toContain('@@ -2,7 +2,7 @@');
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Story of /etc/app.conf'), 'the panel after the diff');
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the tree');
		tmux.keys('q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 60_000);
});
