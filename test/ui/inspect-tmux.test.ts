import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {platformIndex} from '../fixtures/image-index.js';
import type {BuiltImage} from '../fixtures/image.js';
import {pushImage, pushIndex} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';
import {buildInspectImage, inspectConfig, LONG_ENV} from './helpers/inspect-image.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');

let registry: RegistryServer;
let amd64: BuiltImage;
let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	registry = await startRegistry();
	amd64 = await buildInspectImage();
	const arm64 = await buildInspectImage({os: 'linux', architecture: 'arm64', variant: 'v8'});
	await pushImage(registry.url, 'team/web', null, amd64);
	await pushImage(registry.url, 'team/web', null, arm64);
	await pushIndex(registry.url, 'team/web', '1.27', platformIndex([amd64, arm64]));
}, 60_000);

afterEach(() => {
	session?.stop();
	session = null;
});

afterAll(async () => {
	await registry?.stop();
});

/** The rows of the screen's overlay text, without the label column (16 characters). */
const values = (screen: string) => screen.split('\n').map(line => line.slice(16));

describe('i in a real terminal (tmux, 80×24)', () => {
	test('shows the config, wraps the long Env whole, scrolls, and y puts the pinned reference on the clipboard', async () => {
		const reference = `${registry.host}/team/web:1.27`;
		const manifestDigest = `sha256:${execFileSync('sha256sum', {input: amd64.manifestBytes, encoding: 'utf8'}).split(' ')[0]}`;
		const pinned = `${registry.host}/team/web@${manifestDigest}`;
		const tmux = new TmuxSession(80, 24);
		session = tmux;
		// Outside tmux's own variable peel sends a plain OSC 52, which tmux (set-clipboard on) keeps as a paste buffer.
		tmux.start(`env -u CI -u TMUX TERM=xterm-256color ${process.execPath} ${cli} --platform linux/amd64 ${reference}; echo "peel exited $?"; sleep 60`, root);
		tmux.serverOption('set-clipboard', 'on');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer', 30_000);
		tmux.keys('i');
		const first = await tmux.waitFor(screen => screen.includes('Inspect') && screen.includes('Entrypoint'), 'the overlay');
		const lines = first.split('\n');
		expect(lines.every(line => line.length <= 80)).toBe(true);
		expect(first).toContain(`Cmd           ${JSON.stringify(inspectConfig.Cmd)}`);
		expect(first).toContain('User          www-data');
		// The long Env: its rows, from JAVA_OPTS= to the marker, are the whole value.
		const rows = values(first);
		const start = rows.findIndex(row => row.startsWith('JAVA_OPTS='));
		const end = rows.findIndex(row => row.includes('-Dend=LAST'));
		expect(start).toBeGreaterThan(0);
		expect(end).toBeGreaterThan(start);
		expect(rows.slice(start, end + 1).join('').replace(/\s/g, '')).toBe(LONG_ENV.replace(/\s/g, ''));
		expect(lines[0]).toMatch(/lines 1–21 of \d+/);
		// Page down to the identity; End to the last line.
		tmux.keys('PageDown');
		const second = await tmux.waitFor(screen => /lines 21–/.test(screen), 'the second page');
		expect(second).toContain('User          www-data');
		expect(second).toContain('ExposedPorts  443/tcp');
		tmux.keys('End');
		const last = await tmux.waitFor(screen => /lines (\d+)–(\d+) of \2/.test(screen) && screen.includes('Pinned'), 'the last page');
		expect(last).toMatch(new RegExp(`Typed +${reference.replace(/[.]/g, '\\.')}`));
		expect(last.replace(/\n {16}/g, '')).toContain(`Pinned        ${pinned}`);
		tmux.keys('y');
		await tmux.waitFor(screen => screen.includes('to the clipboard (OSC 52)'), 'the copy report');
		expect(tmux.pasteBuffer()).toBe(pinned);
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer again');
		tmux.keys('q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');
	}, 60_000);
});
