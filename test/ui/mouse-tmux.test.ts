import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');

let session: TmuxSession | null = null;

beforeAll(() => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the mouse test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
});

afterEach(() => {
	session?.stop();
	session = null;
});

/** The built CLI on the bundled demo image at 80×24, with its own empty cache. */
function startPeel(args = ''): TmuxSession {
	const s = new TmuxSession(80, 24);
	s.start(`env -u CI TERM=xterm-256color PEEL_NO_CACHE=1 ${process.execPath} ${cli} ${args}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

/** What an xterm sends (SGR mode) for a button or wheel event at 0-based cell (x, y). */
const sgr = (code: number, x: number, y: number, release = false) => `\u001B[<${code};${x + 1};${y + 1}${release ? 'm' : 'M'}`;
const click = (x: number, y: number) => sgr(0, x, y) + sgr(0, x, y, true);

const ready = (screen: string) => screen.includes('Current Layer Contents') && screen.includes('os-release');
const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));

describe('the mouse in a real terminal (tmux, 80×24)', () => {
	test('reporting is on while the explorer runs and off after; a click selects a row, the wheel scrolls the pane under it', async () => {
		const tmux = startPeel();
		const first = await tmux.waitFor(ready, 'the explorer');
		// tmux keeps what the application asked of the terminal.
		expect(tmux.pane('mouse_standard_flag')).toBe('1');
		expect(tmux.pane('mouse_sgr_flag')).toBe('1');

		// A click on the tree's row that shows "os-release": the cursor goes there and the tree has the focus.
		const lines = first.split('\n');
		const y = lines.findIndex(line => treeLines([line].join('')).at(0)!.includes('os-release'));
		expect(y).toBeGreaterThan(1);
		const x = lines[y]!.indexOf('│') + 5;
		tmux.writeTogether(click(x, y));
		const clicked = await tmux.waitFor(screen => treeLines(screen)[y]!.startsWith('›'), 'the cursor on os-release');
		expect(treeLines(clicked)[y]).toContain('os-release');
		expect(clicked).toContain('/etc/os-release');

		// A click on the Layers pane's row of the demo's last layer ("rm -r…") selects layer 2.
		const layerY = clicked.split('\n').findIndex(line => line.slice(0, line.indexOf('│')).includes('rm -r'));
		tmux.writeTogether(click(3, layerY));
		await tmux.waitFor(screen => screen.includes('Layer 2 details'), 'layer 2 selected by a click');

		// The wheel over the Layers pane moves one layer at a time; over the tree, three rows.
		tmux.writeTogether(sgr(64, 3, 3));
		await tmux.waitFor(screen => screen.includes('Layer 1 details'), 'the wheel up over the layers');
		const before = /(\d+)\/\d+ · layer 1/.exec(tmux.screen())?.[1];
		tmux.writeTogether(sgr(65, 50, 10));
		await tmux.waitFor(screen => /(\d+)\/\d+ · layer 1/.exec(screen)?.[1] === String(Number(before) + 3), 'the tree three rows down');

		// Mouse reports never type: a report's digits and letters reach no key binding.
		expect(tmux.screen()).not.toContain('Find:');
		tmux.keys('q');
		await tmux.waitFor(screen => screen.includes('peel exited 0'), 'peel to exit');
		expect(tmux.pane('mouse_standard_flag')).toBe('0');
		expect(tmux.pane('mouse_sgr_flag')).toBe('0');
	}, 90_000);

	test('--no-mouse leaves the mouse to the terminal', async () => {
		const tmux = startPeel('--no-mouse');
		await tmux.waitFor(ready, 'the explorer');
		expect(tmux.pane('mouse_standard_flag')).toBe('0');
		expect(tmux.pane('mouse_sgr_flag')).toBe('0');
		tmux.keys('q');
		await tmux.waitFor(screen => screen.includes('peel exited 0'), 'peel to exit');
	}, 60_000);
});
