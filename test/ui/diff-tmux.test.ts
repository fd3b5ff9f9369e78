import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';
import {NEW_BIG, NEW_CONFIG, NEW_FILE, OLD_BIG, OLD_CONFIG, GONE_FILE, writeDiffImages, type DiffImages} from './helpers/diff-images.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-diff-tmux-');
let images: DiffImages;
let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	images = await writeDiffImages(dir);
});

afterEach(() => {
	session?.stop();
	session = null;
});

/** `peel diff OLD NEW` from the built CLI in a real terminal; the shell reports its exit status. */
function startDiff(columns: number, rows: number, newRef = images.newRef): TmuxSession {
	const s = new TmuxSession(columns, rows);
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} diff ${images.oldRef} ${newRef}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

const ready = (screen: string) => screen.includes('Difference tree') && screen.includes('config.txt');
const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));
const leftLines = (screen: string) => screen.split('\n').map(line => (line.includes('│') ? line.slice(0, line.indexOf('│')) : line));
const names = (screen: string) => treeLines(screen).filter(line => /[├└]── /.test(line)).map(line => line.replace(/^.*[├└]── /, '').trimEnd());

describe('peel diff OLD NEW in a real terminal (tmux)', () => {
	test('at 80×24: the shared base and the pull cost, the marked tree, sort by delta, v on NEW\'s bytes; q restores the terminal', async () => {
		const tmux = startDiff(80, 24);
		const first = await tmux.waitFor(ready, 'the diff explorer', 60_000);
		expect(tmux.pane('alternate_on')).toBe('1');
		expect(first.split('\n').every(line => line.length <= 80)).toBe(true);

		// Layers: the base blob shared, the recompressed layer pulled again, the tops one per side.
		const left = leftLines(first);
		expect(left.some(line => /^›=\s+0\s+0\s.*Already exists/.test(line))).toBe(true);
		expect(left.some(line => /^ =\s+1\s+1\s.*pulled/.test(line))).toBe(true);
		expect(left.some(line => line.startsWith('Shared base: 2 layers'))).toBe(true);
		const pulled = images.newImage.layers[1]!.size + images.newImage.layers[2]!.size;
		expect(left.find(line => line.startsWith('Pull'))).toContain(`${pulled.toLocaleString('en-US')} B`);

		// The tree: every path the fixture changed, with its mark.
		const mark = (screen: string, name: string) => treeLines(screen).find(line => line.includes(`── ${name}`))?.slice(0, 2).trim();
		expect(Object.fromEntries(['config.txt', 'big.bin', 'new.txt', 'gone.txt', 'motd', 'tool'].map(name => [name, mark(first, name)]))).toEqual({
			'config.txt': 'M',
			'big.bin': 'M',
			'new.txt': 'A',
			'gone.txt': 'R',
			motd: 'R',
			tool: 'M',
		});
		expect(names(first)).toEqual(['app', 'big.bin', 'config.txt', 'gone.txt', 'new.txt', 'etc', 'motd', 'usr', 'bin', 'tool']);

		// Ctrl+O: the largest change first, from the fixture's own sizes.
		const bySize = [
			['big.bin', Math.abs(NEW_BIG.length - OLD_BIG.length)],
			['config.txt', Math.abs(NEW_CONFIG.length - OLD_CONFIG.length)],
			['new.txt', NEW_FILE.length],
			['gone.txt', GONE_FILE.length],
		] as const;
		const expectedApp = [...bySize].sort((a, b) => b[1] - a[1]).map(([name]) => name);
		tmux.keys('C-o');
		const sorted = await tmux.waitFor(screen => screen.includes('by Δ size'), 'the delta order');
		expect(names(sorted).slice(1, 5)).toEqual(expectedApp);

		// v on config.txt: NEW's lines.
		tmux.keys('Down', 'Down');
		await tmux.waitFor(screen => treeLines(screen).some(line => line.startsWith('›') && line.includes('config.txt')), 'the cursor on config.txt');
		tmux.keys('v');
		const viewed = await tmux.waitFor(screen => screen.startsWith('NEW /app/config.txt') && screen.includes('tls = required'), 'NEW\'s config.txt');
		for (const line of NEW_CONFIG.split('\n').filter(Boolean)) expect(viewed).toContain(line);
		expect(viewed).not.toContain('port = 8080');
		tmux.keys('Escape');
		await tmux.waitFor(ready, 'back to the tree');

		tmux.keys('q');
		const after = await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit', 60_000);
		expect(after).toContain('peel exited 0');
		expect(tmux.pane('alternate_on')).toBe('0');
		expect(after).not.toContain('Difference tree');
	});

	test('at 160×48: D shows the unified diff; the config difference names the Env entry', async () => {
		const tmux = startDiff(160, 48);
		const first = await tmux.waitFor(ready, 'the diff explorer', 60_000);
		expect(leftLines(first).map(line => line.trimEnd())).toEqual(expect.arrayContaining(['  − APP_VERSION=1.0', '  + APP_VERSION=2.0']));
		tmux.keys('Down', 'Down');
		await tmux.waitFor(screen => treeLines(screen).some(line => line.startsWith('›') && line.includes('config.txt')), 'the cursor on config.txt');
		tmux.keys('D');
		const unified = await tmux.waitFor(screen => screen.includes('@@ '), 'the unified diff');
		const lines = unified.split('\n').map(line => line.trimEnd());
		expect(lines).toEqual(expect.arrayContaining(['-port = 8080', '+port = 9090', '+tls = required', ' name = demo']));
		tmux.keys('Escape');
		await tmux.waitFor(ready, 'back to the tree');
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('peel exited 0'), 'Esc to quit');
	});

	test('bad input on a terminal: the screen given back, one line, exit 2', async () => {
		const tmux = startDiff(80, 24, `${images.newRef.replace(/:2\.0$/, ':9.9')}`);
		const after = await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit', 60_000);
		expect(tmux.pane('alternate_on')).toBe('0');
		const lines = after.split('\n').filter(line => line.trim() !== '');
		expect(lines).toEqual([`peel: ${images.layout} has no image tagged "9.9"; it has: 1.0, 2.0`, 'peel exited 2']);
	});
});
