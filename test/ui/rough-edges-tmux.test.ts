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
const archive = path.join(tempDir('peel-rough-tmux-'), 'keys.tar');

let session: TmuxSession | null = null;

/** Three layers: /etc/hostname is untouched after layer 0; layer 2 removes /var/cache/big.bin. */
beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	const image = await buildImage({
		layers: [
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/hostname', content: 'box\n'},
					{name: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n'},
				],
				createdBy: '/bin/sh -c #(nop) ADD file:base in / ',
			},
			{
				entries: [
					{name: 'var/', type: 'directory'},
					{name: 'var/cache/', type: 'directory'},
					{name: 'var/cache/big.bin', content: 'b'.repeat(20_000)},
				],
				createdBy: '/bin/sh -c fetch big.bin',
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
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['peel-keys:latest']}]);
});

afterEach(() => {
	session?.stop();
	session = null;
});

async function startPeel(): Promise<TmuxSession> {
	const s = new TmuxSession(80, 24);
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archive}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	await s.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('hostname'), 'the explorer');
	return s;
}

const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));
const selectedName = (screen: string) => treeLines(screen).find(line => line.startsWith('›'))?.replace(/^.*── /, '').trim();
const treeFocused = (screen: string) => screen.split('\n')[0]!.includes('● Current Layer Contents');

describe('keys that arrive together are each a keypress (tmux, 80×24)', () => {
	test('j Tab in one send-keys: the next layer, then the tree has the keyboard', async () => {
		const tmux = await startPeel();
		expect(treeFocused(tmux.screen())).toBe(false);
		tmux.keysTogether('j', 'Tab');
		const screen = await tmux.waitFor(s => s.includes('Layer 1 details') && treeFocused(s), 'layer 1 selected and the tree focused');
		expect(screen.split('\n')[0]).toContain('layer 1');
	}, 60_000);

	test('End Tab C-u in one send-keys: the last layer, the tree, untouched files hidden', async () => {
		const tmux = await startPeel();
		tmux.keysTogether('End', 'Tab', 'C-u');
		const screen = await tmux.waitFor(
			s => s.includes('Layer 2 details') && treeFocused(s) && !treeLines(s).some(line => line.includes('hostname')),
			'layer 2, the tree focused, /etc/hostname hidden',
		);
		// What layer 2 did stays: the removal of big.bin.
		expect(treeLines(screen).some(line => line.includes('big.bin'))).toBe(true);
	}, 60_000);

	test('the same bytes in one write (\\x1b[F \\t \\x15, then \\x15 j): nothing lost', async () => {
		const tmux = await startPeel();
		tmux.writeTogether('\u001B[F\t\u0015');
		const hidden = await tmux.waitFor(s => s.includes('Layer 2 details') && treeFocused(s) && !treeLines(s).some(line => line.includes('hostname')), 'End, Tab and Ctrl+U');
		// Ctrl+U again shows untouched files, j moves the cursor off the row it was on.
		const before = selectedName(hidden);
		tmux.writeTogether('\u0015j');
		const screen = await tmux.waitFor(s => treeLines(s).some(line => line.includes('hostname')) && selectedName(s) !== before, 'Ctrl+U and j');
		expect(screen).toContain('Layer 2 details');
	}, 60_000);
});
