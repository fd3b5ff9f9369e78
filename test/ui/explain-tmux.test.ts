import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {helpRows} from '../../source/ui/keymap/help-lines.js';
import {fx, writeExplainArchive} from '../analysis/explain-fixture.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-explain-tmux-');
const archive = path.join(dir, 'explain.tar');

let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	await writeExplainArchive(archive);
});

afterEach(() => {
	session?.stop();
	session = null;
});

function startPeel(): TmuxSession {
	const s = new TmuxSession(80, 24);
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archive}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

const joined = (screen: string) => screen.replace(/\s+/g, ' ');

describe('explain and the help in a real terminal (tmux, 80×24)', () => {
	test('e on a red row says it is removed, by which layer and how', async () => {
		const tmux = startPeel();
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer');
		// ↓ in the Layers pane until layer 2 (the whiteout) is selected, whatever order the pane lists layers in.
		for (let i = 0; i < 6 && !tmux.screen().includes('Layer 2 details'); i++) {
			const before = tmux.screen();
			tmux.keys('Down');
			await tmux.waitFor(screen => screen !== before, 'the next layer');
		}
		expect(tmux.screen()).toContain('Layer 2 details');
		tmux.keys('/');
		tmux.type('lists$');
		tmux.keys('Enter');
		await tmux.waitFor(screen => /›R .*lists/.test(screen), 'the cursor on the red row /var/lib/apt/lists');
		tmux.keys('e');
		const explained = await tmux.waitFor(screen => screen.includes('Explain /var/lib/apt/lists at layer 2'), 'the explanation');
		expect(explained.split('\n').every(line => line.length <= 80)).toBe(true);
		expect(joined(explained)).toContain(`Red: removed by layer 2 (\`${fx.shown[2]}\`) through a whiteout \`.wh.lists\` in /var/lib/apt.`);
		expect(joined(explained)).toContain('still stored in layer 0 and downloaded with every pull');
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer again');
		tmux.keys('q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 60_000);

	test('? then PgDn and End scroll the help to its last line', async () => {
		const tmux = startPeel();
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer');
		const rows = helpRows(80);
		const last = `${rows.at(-1)!.keys}${rows.at(-1)!.text}`.trimEnd();
		tmux.keys('?');
		// The built CLI's help has the lines the source gives (the position says how many).
		const first = await tmux.waitFor(screen => screen.includes('Help — ') && screen.includes(`lines 1–21 of ${rows.length}`), 'the help, at its top');
		expect(first).not.toContain(last);
		tmux.keys('PageDown');
		await tmux.waitFor(screen => screen.includes(`lines 21–41 of ${rows.length}`), 'a page down');
		tmux.keys('End');
		const end = await tmux.waitFor(screen => screen.includes(`–${rows.length} of ${rows.length}`) && screen.includes(last), 'the end of the help');
		const lines = end.split('\n');
		// The last help line sits just above the key hints.
		const hints = lines.findIndex(line => line.startsWith('Esc Close'));
		expect(lines[hints - 1]!.trimEnd()).toBe(last);
		expect(lines.every(line => line.length <= 80)).toBe(true);
		tmux.keys('Home');
		await tmux.waitFor(screen => screen.includes(`lines 1–21 of ${rows.length}`), 'the top again');
	}, 60_000);
});
