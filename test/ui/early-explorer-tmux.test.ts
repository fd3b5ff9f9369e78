import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {isolatedCache} from '../helpers/cache-env.js';
import {startFaultProxy, type FaultProxy} from '../registry/support/fault-proxy.js';
import {pushImage} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');

let registry: RegistryServer;
let proxy: FaultProxy;
let image: BuiltImage;
let session: TmuxSession | null = null;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/motd', content: 'hello\n'}, {name: 'etc/old.conf', content: 'o'.repeat(4000)}], createdBy: 'COPY base /'},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/server.js', content: 's'.repeat(1200)}], createdBy: 'COPY app /app'},
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/.wh.old.conf', content: ''}, {name: 'app/big.bin', content: Buffer.alloc(30_000, 7)}], createdBy: 'RUN rm /etc/old.conf'},
		],
	});
	await pushImage(registry.url, 'team/early', '1', image);
}, 60_000);

afterEach(() => {
	session?.stop();
	session = null;
	proxy.reset();
	for (const cleanup of cleanups.splice(0)) cleanup();
});

afterAll(async () => {
	await proxy?.stop();
	await registry?.stop();
});

/** The tree's half of a screen line (right of the first pane border) has the cursor on server.js. */
const cursorOnServer = (line: string) => /^›.*server\.js/.test(line.slice(line.indexOf('│') + 1));

describe('the explorer opens before the image has loaded (tmux, 100×30)', () => {
	test('a layer whose download has not arrived: explorable up to it, the rest follows without moving the cursor', async () => {
		let release!: () => void;
		const held = new Promise<void>(resolve => (release = resolve));
		const lastBlob = `/blobs/${image.layers[2]!.digest}`;
		proxy.rule = request => (request.method === 'GET' && request.path.endsWith(lastBlob) ? {kind: 'hold', until: held} : undefined);
		const tmux = new TmuxSession(100, 30, {early: true});
		session = tmux;
		const cache = isolatedCache();
		cleanups.push(cache.cleanup);
		const env = Object.entries(cache.env).map(([name, value]) => `${name}=${value}`).join(' ');
		tmux.start(`env -u CI -u TMUX TERM=xterm-256color ${env} ${process.execPath} ${cli} --no-mouse ${proxy.host}/team/early:1; echo "peel exited $?"; sleep 60`, root);
		try {
			const early = await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('loading, 2 stacked'), 'the explorer, two layers stacked', 30_000);
			// The held layer lists its state; the figures that need it say so.
			expect(early).toMatch(/ 2 +queued /);
			expect(early).toContain('Efficiency  loading (known when');
			expect(early).toContain('motd');
			// Layer 1 can be shown; layer 2 cannot.
			tmux.keys('Down');
			const one = await tmux.waitFor(screen => screen.includes('Layer 1 details') && screen.includes('server.js'), 'layer 1');
			// What layer 1 added is marked; layer 0's files are shown unmarked, as dive does.
			expect(one).toMatch(/A +1\.2 kB +│ +└── server\.js/);
			tmux.keys('Down');
			await tmux.waitFor(screen => screen.includes('layer 2 is still loading'), 'the notice');
			tmux.keys('w');
			await tmux.waitFor(screen => screen.includes('needs every layer'), 'w waiting for the image');
			// The cursor onto server.js in the aggregated view.
			tmux.keys('C-a');
			await tmux.waitFor(screen => screen.includes('Aggregated Layer Contents'), 'the aggregated view');
			tmux.keys('Tab', 'Home', 'Down');
			const onFile = await tmux.waitFor(screen => screen.split('\n').some(cursorOnServer), 'the cursor on server.js');
			const row = onFile.split('\n').findIndex(cursorOnServer);
			release();
			// Waited for whole: a capture can catch a frame half written.
			const done = await tmux.waitFor(screen => /Efficiency +\d/.test(screen) && /Reclaimable \d/.test(screen) && screen.includes('Layer 1 details'), 'the final figures', 30_000);
			// Same layer, same path under the cursor, on the same screen row.
			expect(done).toContain('Layer 1 details');
			expect(cursorOnServer(done.split('\n')[row]!)).toBe(true);
			expect(done).not.toContain('loading, ');
			// Reclaimable: old.conf's 4000 bytes, hidden by layer 2's whiteout.
			expect(done).toMatch(/Reclaimable 4\.0 kB stored but hidden/);
			tmux.keys('Tab', 'Down');
			const last = await tmux.waitFor(screen => screen.includes('Layer 2 details'), 'layer 2');
			expect(last).toContain('big.bin');
			tmux.keys('q');
			await tmux.waitFor(screen => screen.includes('peel exited 0'), 'a clean exit');
		} finally {
			release();
		}
	}, 90_000);

	test('a layer that fails its digest after the explorer opened: the screen is given back and one line says what failed', async () => {
		let release!: () => void;
		const held = new Promise<void>(resolve => (release = resolve));
		const lastBlob = `/blobs/${image.layers[2]!.digest}`;
		proxy.rule = request => (request.method === 'GET' && request.path.endsWith(lastBlob) ? {kind: 'hold', until: held, after: {kind: 'corrupt'}} : undefined);
		const tmux = new TmuxSession(100, 30, {early: true});
		session = tmux;
		const cache = isolatedCache();
		cleanups.push(cache.cleanup);
		const env = Object.entries(cache.env).map(([name, value]) => `${name}=${value}`).join(' ');
		tmux.start(`env -u CI -u TMUX TERM=xterm-256color ${env} ${process.execPath} ${cli} --no-mouse ${proxy.host}/team/early:1 2>/tmp/peel-early-err-$$; echo "peel exited $?"; cat /tmp/peel-early-err-$$; rm -f /tmp/peel-early-err-$$; sleep 60`, root);
		try {
			await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('loading, 2 stacked'), 'the explorer, two layers stacked', 30_000);
			release();
			const after = await tmux.waitFor(screen => screen.includes('peel exited'), 'peel to exit', 30_000);
			expect(after).toContain('peel exited 2');
			const lines = after.split('\n').filter(line => line.startsWith('peel: '));
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/layer 2/);
			// The alternate screen is gone: nothing of the explorer is left on the terminal.
			expect(after).not.toContain('Current Layer Contents');
		} finally {
			release();
		}
	}, 90_000);
});
