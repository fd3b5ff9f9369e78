import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {containerdNestedIndex} from '../fixtures/containerd-store.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {writeMultiPlatformLayout} from '../fixtures/multi-platform.js';
import {tempDir} from '../helpers/temp-dir.js';
import {inspectConfig} from './helpers/inspect-image.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const dir = tempDir('peel-teach-');
const layout = path.join(dir, 'layout');
let session: TmuxSession | null = null;

/** A Debian-like service image: a base with apt's cache, a chmod of nginx (same bytes again), the cache removed. */
function teachImage(platform: {os: string; architecture: string; variant?: string}): Promise<BuiltImage> {
	return buildImage({
		layers: [
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/debian_version', content: '12.8\n'},
					{name: 'usr/', type: 'directory'},
					{name: 'usr/sbin/', type: 'directory'},
					{name: 'usr/sbin/nginx', content: 'n'.repeat(6800), mode: 0o644},
					{name: 'var/', type: 'directory'},
					{name: 'var/cache/', type: 'directory'},
					{name: 'var/cache/apt/', type: 'directory'},
					{name: 'var/cache/apt/pkgcache.bin', content: 'p'.repeat(48_000)},
				],
				createdBy: '/bin/sh -c #(nop) ADD file:bookworm in / ',
			},
			{entries: [{name: 'usr/', type: 'directory'}, {name: 'usr/sbin/', type: 'directory'}, {name: 'usr/sbin/nginx', content: 'n'.repeat(6800), mode: 0o755}], createdBy: '/bin/sh -c chmod +x /usr/sbin/nginx'},
			{entries: [{name: 'var/', type: 'directory'}, {name: 'var/cache/', type: 'directory'}, {name: 'var/cache/.wh.apt', content: ''}], createdBy: '/bin/sh -c rm -rf /var/cache/apt'},
		],
		config: inspectConfig,
		platform,
	});
}

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	const amd64 = await teachImage({os: 'linux', architecture: 'amd64'});
	const arm64 = await teachImage({os: 'linux', architecture: 'arm64', variant: 'v8'});
	// With an attestation manifest per platform, as BuildKit pushes them.
	const {index, blobs} = containerdNestedIndex({platforms: [amd64, arm64], repoTags: ['teach/web:1']});
	await writeMultiPlatformLayout(layout, {amd64, arm64, index, blobs, repoTag: 'teach/web:1'});
}, 60_000);

afterEach(() => {
	session?.stop();
	session = null;
});

const tree = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));

describe('the questions people learning images ask, on screen at 160×48 (tmux)', () => {
	test('what runs and as whom (i), which platform (p), why a row is red (e), why a file is stored twice (t)', async () => {
		const tmux = new TmuxSession(160, 48);
		session = tmux;
		tmux.start(`env -u CI TERM=xterm-256color PEEL_NO_CACHE=1 ${process.execPath} ${cli} --platform linux/amd64 oci://${layout}:1; echo "peel exited $?"; sleep 60`, root);
		await tmux.waitFor(screen => screen.includes('Current Layer Contents') && screen.includes('debian_version'), 'the explorer', 30_000);
		const fits = (screen: string) => expect(screen.split('\n').every(line => line.length <= 160)).toBe(true);

		// What runs when the container starts, which ports, which user.
		tmux.keys('i');
		const inspect = await tmux.waitFor(screen => screen.includes('Entrypoint') && screen.includes('www-data'), 'the config');
		fits(inspect);
		expect(inspect).toContain(JSON.stringify(inspectConfig.Cmd));
		expect(inspect).toContain(JSON.stringify(inspectConfig.Entrypoint));
		for (const port of Object.keys(inspectConfig.ExposedPorts)) expect(inspect).toContain(port);
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'back to the explorer');

		// Which platform did I get: both platforms listed, attestations named as such, the one shown marked.
		tmux.keys('p');
		const platforms = await tmux.waitFor(screen => screen.includes('linux/arm64') && screen.includes('attestation'), 'the platforms');
		fits(platforms);
		const rows = platforms.split('\n');
		expect(rows.find(line => line.includes('linux/amd64'))).toMatch(/●/);
		expect(rows.filter(line => line.includes('attestation (not a platform)'))).toHaveLength(2);
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'back to the explorer');

		// Why is this image big although I deleted the files: layer 2, the removed directory, explained.
		tmux.keys('Down', 'Down', 'Tab', '/');
		tmux.type('apt');
		tmux.keys('Enter');
		await tmux.waitFor(screen => tree(screen).some(line => line.startsWith('›') && line.includes('apt')), 'the cursor on /var/cache/apt at layer 2');
		tmux.keys('e');
		const explained = await tmux.waitFor(screen => /removed by layer 2/.test(screen), "the explanation");
		fits(explained);
		expect(explained).toContain('.wh.apt');
		expect(explained).toContain('rm -rf /var/cache/apt');
		expect(explained.replace(/\s+/g, ' ')).toMatch(/48(\.0)? kB/);
		tmux.keys('Escape');

		// A chmod stores the file again: its story says so, and what is reclaimable.
		tmux.keys('Tab', 'Up', 'Tab', '/');
		tmux.type('nginx');
		tmux.keys('Enter');
		await tmux.waitFor(screen => tree(screen).some(line => line.startsWith('›') && line.includes('nginx')), 'the cursor on nginx at layer 1');
		tmux.keys('t');
		const story = await tmux.waitFor(screen => /metadata only/.test(screen), 'the story of /usr/sbin/nginx');
		fits(story);
		expect(story).toContain('/usr/sbin/nginx');
		expect(story).toMatch(/-rwxr-xr-x/);
		expect(story).toMatch(/6\.8 kB/);
		tmux.keys('Escape');
		tmux.keys('q');
		await tmux.waitFor(screen => screen.includes('peel exited 0'), 'peel to exit');
	}, 120_000);
});
