import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {AMD64_ONLY, ARM64_ONLY, buildMultiPlatform, writeMultiPlatformLayout, type MultiPlatformImage} from '../fixtures/multi-platform.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const demo = path.join(root, 'demo', 'demo.tar');
const dir = tempDir('peel-platforms-tmux-');
const layout = path.join(dir, 'layout');
let image: MultiPlatformImage;
let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	image = await buildMultiPlatform();
	await writeMultiPlatformLayout(layout, image);
});

afterEach(() => {
	session?.stop();
	session = null;
});

function startPeel(args: string): TmuxSession {
	const s = new TmuxSession(100, 30);
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${args}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));
const showsFile = (name: string) => (screen: string) => screen.includes('Current Layer Contents') && treeLines(screen).some(line => line.includes(name));
const platformRow = (screen: string, text: string) => screen.split('\n').find(line => line.includes(text) && line.includes('sha256:'));

describe('p: the platforms of a multi-platform image (tmux)', () => {
	test('lists them, switches to arm64 (loaded, then shown) and back to amd64 at once', async () => {
		const tmux = startPeel(`--platform linux/amd64 ${layout}`);
		await tmux.waitFor(showsFile(AMD64_ONLY), 'the amd64 image');

		tmux.keys('p');
		const list = await tmux.waitFor(screen => screen.includes('Platforms of'), 'the platforms overlay');
		// Index order; the shown image marked; the attestations named as such, never as platforms.
		const amd64Row = platformRow(list, 'linux/amd64')!;
		const arm64Row = platformRow(list, 'linux/arm64')!;
		expect(amd64Row).toContain('●');
		expect(amd64Row).toContain('shown');
		expect(amd64Row).toContain(image.amd64.manifestDigest.slice(0, 19));
		expect(arm64Row).toContain('○');
		expect(arm64Row).not.toContain('/v8');
		expect(arm64Row).toContain(image.arm64.manifestDigest.slice(0, 19));
		expect(list.split('\n').filter(line => line.includes('attestation (not a platform)'))).toHaveLength(2);
		expect(list).not.toContain('unknown/unknown  ');
		expect(list.indexOf('linux/amd64')).toBeLessThan(list.indexOf('linux/arm64'));

		// Down to arm64, Enter: its image loads and the explorer shows it.
		tmux.keys('Down', 'Enter');
		const arm64 = await tmux.waitFor(showsFile(ARM64_ONLY), 'the arm64 image', 30_000);
		expect(treeLines(arm64).some(line => line.includes(AMD64_ONLY))).toBe(false);

		// Both are loaded now: arm64 is shown, amd64 has its size and "loaded".
		tmux.keys('p');
		const again = await tmux.waitFor(screen => screen.includes('Platforms of') && platformRow(screen, 'linux/arm64')?.includes('shown') === true, 'the overlay with arm64 shown');
		// Its size: the bytes of the fixture's files (etc/arch, the amd64-only file, srv/README).
		const amd64Bytes = 'amd64\n'.length + 'only on amd64\n'.length * 50 + 'the same everywhere\n'.length;
		expect(platformRow(again, 'linux/amd64')).toMatch(new RegExp(`\\b${amd64Bytes} B\\s+loaded$`));

		// Back to amd64: no loading view, the explorer at once.
		tmux.keys('Up', 'Enter');
		const started = Date.now();
		const screens: string[] = [];
		await tmux.waitFor(screen => {
			screens.push(screen);
			return showsFile(AMD64_ONLY)(screen);
		}, 'the amd64 image again');
		const elapsed = Date.now() - started;
		expect(screens.some(screen => screen.includes('Loading'))).toBe(false);
		// Shared machine: generous, but a reload (open, read, analyse) would show the loading view first.
		expect(elapsed).toBeLessThan(2000);

		tmux.keys('q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 90_000);

	test('a single-platform image says so in one line', async () => {
		const tmux = startPeel(demo);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer');
		tmux.keys('p');
		const screen = await tmux.waitFor(s => s.includes('single-platform image'), 'the notice');
		expect(screen).toContain('single-platform image (linux/amd64)');
		expect(screen).not.toContain('Platforms of');
		tmux.keys('q');
		expect(await tmux.waitFor(s => s.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 60_000);
});
