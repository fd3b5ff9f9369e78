import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-tmux-');
const archive = path.join(dir, 'e2e.tar');

let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	const image = await buildImage({
		layers: [
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/hostname', content: 'box\n'},
					{name: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n'},
					{name: 'usr/', type: 'directory'},
					{name: 'usr/bin/', type: 'directory'},
					{name: 'usr/bin/tool', content: 'x'.repeat(3000), mode: 0o755},
				],
				createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
			},
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n'},
					{name: 'var/', type: 'directory'},
					{name: 'var/cache/', type: 'directory'},
					{name: 'var/cache/big.bin', content: 'b'.repeat(200_000)},
				],
				createdBy: '/bin/sh -c useradd app && fetch big.bin',
			},
			{
				entries: [
					{name: 'var/cache/', type: 'directory'},
					{name: 'var/cache/.wh.big.bin', content: ''},
				],
				createdBy: '/bin/sh -c rm /var/cache/big.bin',
			},
		],
	});
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['peel-e2e:latest']}]);
});

afterEach(() => {
	session?.stop();
	session = null;
});

/** The built CLI at 80×24 under xterm-256color, without CI in its environment; the shell reports its exit status. */
function startPeel(): TmuxSession {
	const s = new TmuxSession(80, 24);
	// The shell stays (sleep) so that the screen peel leaves behind can be read.
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archive}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

const explorerReady = (screen: string) => screen.includes('Current Layer Contents') && screen.includes('passwd');
const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));

describe('peel IMAGE in a real terminal (tmux, 80×24)', () => {
	test('opens the explorer on the alternate screen, answers keys, and q restores the terminal', async () => {
		const tmux = startPeel();
		const first = await tmux.waitFor(explorerReady, 'the explorer');
		expect(tmux.pane('alternate_on')).toBe('1');
		for (const title of ['Layers', 'Layer 0 details', 'Image details']) expect(first).toContain(title);
		expect(first.split('\n').every(line => line.length <= 80)).toBe(true);

		// Tab to the tree, move down twice: the cursor reaches /etc/passwd.
		tmux.keys('Tab', 'Down', 'Down');
		await tmux.waitFor(screen => treeLines(screen).some(line => line.startsWith('›') && line.includes('passwd')), 'the cursor on passwd');

		// Back to Layers, next layer, aggregated view.
		tmux.keys('Tab', 'Down', 'C-a');
		const aggregated = await tmux.waitFor(screen => screen.includes('Aggregated Layer Contents'), 'the aggregated view');
		expect(aggregated).toContain('big.bin');

		// Filter (Ctrl+F): only paths matching "host" and their ancestors remain.
		tmux.keys('C-f');
		tmux.type('host');
		const filtered = await tmux.waitFor(screen => screen.includes('Filter: host'), 'the filter line');
		await tmux.waitFor(screen => !treeLines(screen).some(line => line.includes('passwd')), 'the filter to narrow the tree');
		expect(treeLines(tmux.screen()).some(line => line.includes('hostname'))).toBe(true);
		expect(filtered).toContain('Filter: host');
		tmux.keys('Escape');
		await tmux.waitFor(screen => treeLines(screen).some(line => line.includes('passwd')), 'the filter to clear');

		// Live resize: the layout follows, one line short of the terminal's height.
		tmux.resize(120, 30);
		const resized = await tmux.waitFor(screen => screen.split('\n')[28]?.includes('Quit') === true, 'the layout at 120×30');
		expect(resized.split('\n').every(line => line.length <= 120)).toBe(true);
		expect(resized).toContain('Permission');

		tmux.keys('q');
		const after = await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit');
		expect(after).toContain('peel exited 0');
		expect(tmux.pane('alternate_on')).toBe('0');
		expect(tmux.pane('cursor_flag')).toBe('1');
		// The explorer's frames stayed on the alternate screen.
		expect(after).not.toContain('Layer details');
	}, 60_000);

	test('SIGTERM leaves the alternate screen too', async () => {
		const tmux = startPeel();
		await tmux.waitFor(explorerReady, 'the explorer');
		const shell = tmux.pane('pane_pid');
		const {execFileSync} = await import('node:child_process');
		const node = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]!;
		process.kill(Number(node), 'SIGTERM');
		const after = await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit');
		expect(after).toMatch(/peel exited 143/);
		expect(tmux.pane('alternate_on')).toBe('0');
	}, 60_000);

	test('stdout not a terminal: one line pointing to --json or --ci', async () => {
		const tmux = new TmuxSession(80, 24);
		session = tmux;
		tmux.start(`bash -c 'env -u CI ${process.execPath} ${cli} ${archive} | cat; echo "peel exited \${PIPESTATUS[0]}"; sleep 60'`, root);
		const screen = await tmux.waitFor(s => s.includes('peel exited'), 'peel to exit');
		const message = screen.split('\n').filter(line => line.startsWith('peel:'));
		expect(message).toHaveLength(1);
		expect(message[0]).toMatch(/--json|--ci/);
		expect(screen).toMatch(/peel exited 2/);
	}, 60_000);
});

describe('looking inside from the explorer (tmux, 80×24)', () => {
	let viewerArchive = '';
	beforeAll(async () => {
		const {writeViewerImage} = await import('./helpers/viewer-image.js');
		viewerArchive = await writeViewerImage(dir);
	});

	function startOn(archivePath: string, cwd = root): TmuxSession {
		const s = new TmuxSession(80, 24);
		s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archivePath}; echo "peel exited $?"; sleep 60`, cwd);
		session = s;
		return s;
	}

	test('v shows a text file\'s lines, Esc goes back, a binary is hex; / finds and n goes on', async () => {
		const {viewerKnown} = await import('./helpers/viewer-image.js');
		const tmux = startOn(viewerArchive);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('motd'), 'the explorer');
		// Layer 1, then find "motd": the cursor lands on /etc/motd.
		tmux.keys('Down', '/');
		tmux.type('motd');
		await tmux.waitFor(screen => screen.includes('Find: motd') && screen.includes('1/2'), 'the find line at 1/2');
		tmux.keys('Enter', 'n');
		await tmux.waitFor(screen => treeLines(screen).some(line => line.startsWith('›') && line.includes('motd-link')), 'n on motd-link');
		tmux.keys('N', 'v');
		const shown = await tmux.waitFor(screen => screen.includes('hello'), 'the viewer');
		const lines = shown.split('\n');
		expect(lines[0]).toMatch(/^\/etc\/motd {2}layer 1/);
		const expected = viewerKnown.motd.split('\n');
		for (let i = 3; i <= 20; i++) expect(lines[i]?.trimEnd()).toBe(`${String(i).padStart(2)} ${expected[i - 1]}`);
		expect(lines[2]).toContain('\\x1b[31mred');
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the tree again');
		tmux.keys('/');
		tmux.type('tool');
		tmux.keys('Enter', 'v');
		const hex = await tmux.waitFor(screen => screen.includes('00000000'), 'the hex dump');
		expect(hex).toContain('00000000  7f 45 4c 46 00 00 00 01');
		tmux.keys('q', 'q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 30_000);

	test('x extracts the selected directory as it is at the layer into ./peel-extract/ and says what it wrote', async () => {
		const {viewerKnown} = await import('./helpers/viewer-image.js');
		const {mkdtempSync, readFileSync, readlinkSync, readdirSync} = await import('node:fs');
		const cwd = mkdtempSync(path.join(dir, 'x-'));
		const tmux = startOn(viewerArchive, cwd);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('motd'), 'the explorer');
		// Layer 1, the tree, the cursor on /etc; x, and Enter takes the default destination.
		tmux.keys('Down', 'Tab', 'x');
		await tmux.waitFor(screen => screen.includes('Extract /etc to: ./peel-extract/'), 'the prompt');
		tmux.keys('Enter');
		const done = await tmux.waitFor(screen => screen.includes('wrote '), 'the report');
		expect(done).toMatch(/wrote 1 file, 1 directory, 1 symlink \(/);
		const out = path.join(cwd, 'peel-extract');
		expect(readdirSync(path.join(out, 'etc')).sort()).toEqual(['motd', 'motd-link']);
		expect(readFileSync(path.join(out, 'etc/motd'), 'utf8')).toBe(viewerKnown.motd);
		expect(readlinkSync(path.join(out, 'etc/motd-link'))).toBe('motd');
		// Again: nothing is overwritten, and the line says so.
		tmux.keys('x');
		await tmux.waitFor(screen => screen.includes('Extract /etc to:'), 'the prompt again');
		tmux.keys('Enter');
		const refused = await tmux.waitFor(screen => screen.includes('extract: '), 'the refusal');
		expect(refused).toMatch(/exist/);
		expect(readFileSync(path.join(out, 'etc/motd'), 'utf8')).toBe(viewerKnown.motd);
	}, 30_000);
});
