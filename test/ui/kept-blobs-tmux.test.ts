import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {startFaultProxy, type FaultProxy} from '../registry/support/fault-proxy.js';
import {pushImage} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

/**
 * The explorer opened again on a registry image, in a new process with the cache of an
 * earlier run: v and x read the files from the kept blobs, and the registry sees no blob GET.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-kept-tmux-');

const NOTE = Array.from({length: 12}, (_, i) => `kept line ${i + 1}: ${'abcdefghij'.repeat(3)}`).join('\n') + '\n';
let registry: RegistryServer;
let proxy: FaultProxy;
let image: BuiltImage;
let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({
		layers: [
			{entries: [{name: 'srv/', type: 'directory'}, {name: 'srv/note.txt', content: NOTE}, {name: 'srv/other.txt', content: 'other\n'}], compression: 'gzip'},
			{entries: [{name: 'top.txt', content: 'top\n'}], compression: 'gzip'},
		],
	});
	await pushImage(registry.url, 'kept/tui', 'v1', image);
}, 60_000);

afterEach(() => {
	session?.stop();
	session = null;
});

afterAll(async () => {
	await proxy?.stop();
	await registry?.stop();
});

describe('the explorer on a registry image opened again (tmux, 100×30)', () => {
	test('v shows a file and x extracts its directory from the kept blob: no blob is downloaded', async () => {
		const reference = `${proxy.host}/kept/tui:v1`;
		const cache = path.join(dir, 'cache');
		const first = await runPeel(['--json', '/dev/null', reference], {env: {PEEL_CACHE_DIR: cache}});
		expect(first.code, first.stderr).toBe(0);
		proxy.reset();

		const cwd = mkdtempSync(path.join(dir, 'cwd-'));
		const tmux = new TmuxSession(100, 30);
		session = tmux;
		tmux.start(`env -u CI -u TMUX PEEL_CACHE_DIR=${cache} TERM=xterm-256color ${process.execPath} ${cli} ${reference}; echo "peel exited $?"; sleep 60`, cwd);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer', 30_000);
		tmux.keys('/');
		tmux.type('note.txt');
		tmux.keys('Enter', 'v');
		const shown = await tmux.waitFor(screen => screen.includes('kept line 12'), 'the viewer');
		expect(shown).toContain('/srv/note.txt');
		for (let i = 1; i <= 12; i++) expect(shown).toContain(`kept line ${i}: ${'abcdefghij'.repeat(3)}`);
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the tree again');
		tmux.keys('x');
		await tmux.waitFor(screen => screen.includes('to: ./peel-extract/'), 'the extract prompt');
		tmux.keys('Enter');
		await tmux.waitFor(screen => screen.includes('wrote '), 'the extract report');
		expect(readFileSync(path.join(cwd, 'peel-extract', 'srv', 'note.txt'), 'utf8')).toBe(NOTE);
		tmux.keys('q');
		expect(await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit')).toContain('peel exited 0');

		const blobGets = proxy.requests.filter(r => r.method === 'GET' && r.path.includes('/blobs/'));
		// The config is fetched (small, and the tag may have moved); no layer blob is.
		expect(blobGets.map(r => r.path.slice(r.path.lastIndexOf('/') + 1))).toEqual([image.configDigest]);
	}, 60_000);
});
