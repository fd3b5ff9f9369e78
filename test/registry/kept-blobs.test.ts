import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import {formatBytes} from '../../source/text/bytes.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {startFaultProxy, type FaultProxy} from './support/fault-proxy.js';
import {closeOpened, openImage} from './support/open.js';
import {pushImage} from './support/push.js';
import {startRegistry, type RegistryServer} from './support/registry-server.js';

/**
 * Registry blobs kept across runs in peel's cache: a real registry behind a counting proxy,
 * each run its own process and (unless a test shares one) its own cache directory.
 */
let registry: RegistryServer;
let proxy: FaultProxy;
const dir = tempDir('peel-kept-blobs-');
let caches = 0;

/** Text that does not repeat, so that the layer's gzip blob is of a real size. */
function text(seed: number, size: number): string {
	let x = seed >>> 0 || 1;
	let out = '';
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out += i % 61 === 60 ? '\n' : String.fromCharCode(97 + ((x >>> 0) % 26));
	}
	return out;
}

const baseFiles = new Map(Array.from({length: 20}, (_, i) => [`usr/lib/lib${i}.so`, text(i + 1, 20_000)]));

function appImage(version: string): Promise<BuiltImage> {
	return buildImage({
		layers: [
			{entries: [{name: 'usr/', type: 'directory'}, {name: 'usr/lib/', type: 'directory'}, ...[...baseFiles].map(([name, content]) => ({name, content}))], compression: 'gzip'},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/version', content: `${version}\n${text(99, 5000)}`}], compression: 'gzip'},
		],
	});
}

function newCache(): {PEEL_CACHE_DIR: string} {
	return {PEEL_CACHE_DIR: path.join(dir, `cache-${++caches}`)};
}

/** How many times each blob was asked for since the last reset (Range resumes included: none expected here). */
function blobGets(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of proxy.requests) {
		if (r.method !== 'GET' || !r.path.includes('/blobs/')) continue;
		const digest = r.path.slice(r.path.lastIndexOf('/') + 1);
		counts.set(digest, (counts.get(digest) ?? 0) + 1);
	}
	return counts;
}

function keptFile(cache: string, digest: string): string {
	return path.join(cache, 'blobs', ...digest.split(':'));
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
}, 60_000);

afterAll(async () => {
	await proxy?.stop();
	await registry?.stop();
});

describe('registry blobs kept across runs', () => {
	it('a second process reads a file from the kept blob: no blob GET for its layer; files 0600 in 0700 directories', async () => {
		const image = await appImage('1');
		await pushImage(registry.url, 'kept/one', 'v1', image);
		const reference = `${proxy.host}/kept/one:v1`;
		const env = newCache();
		const first = await runPeel(['--json', '/dev/null', reference], {env});
		expect(first.code, first.stderr).toBe(0);
		for (const layer of image.layers) {
			const file = keptFile(env.PEEL_CACHE_DIR, layer.digest);
			// The verified blob bytes, nothing else: the same as what was pushed.
			expect(readFileSync(file).equals(layer.blob)).toBe(true);
			expect(statSync(file).mode & 0o777).toBe(0o600);
			expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
			expect(statSync(path.dirname(path.dirname(file))).mode & 0o777).toBe(0o700);
		}
		// No unfinished downloads left behind, and nothing but blobs named by digest.
		expect(readdirSync(path.join(env.PEEL_CACHE_DIR, 'blobs', 'sha256')).sort()).toEqual(image.layers.map(l => l.digest.slice(7)).sort());

		proxy.reset();
		const cat = await runPeel(['cat', reference, '/usr/lib/lib7.so'], {env});
		expect(cat.code, cat.stderr).toBe(0);
		expect(cat.stdout).toBe(baseFiles.get('usr/lib/lib7.so'));
		expect(cat.stderr).toBe('');
		for (const layer of image.layers) expect(blobGets().get(layer.digest) ?? 0).toBe(0);

		// extract reads every file of a directory from the kept blob, as tar would have written them.
		const out = path.join(dir, 'extract-one');
		const extract = await runPeel(['extract', reference, '/usr/lib', '-o', out], {env});
		expect(extract.code, extract.stderr).toBe(0);
		const written = readdirSync(path.join(out, 'usr', 'lib')).sort();
		expect(written).toEqual([...baseFiles.keys()].map(name => path.basename(name)).sort());
		for (const [name, content] of baseFiles) expect(readFileSync(path.join(out, name), 'utf8')).toBe(content);
		for (const layer of image.layers) expect(blobGets().get(layer.digest) ?? 0).toBe(0);
	}, 60_000);

	it('a tag that moved: only the changed layer is pulled, and a file of the unchanged one is read from disk', async () => {
		const v1 = await appImage('1');
		const v2 = await appImage('2');
		expect(v2.layers[0]!.digest).toBe(v1.layers[0]!.digest);
		expect(v2.layers[1]!.digest).not.toBe(v1.layers[1]!.digest);
		await pushImage(registry.url, 'kept/moving', 'latest', v1);
		const reference = `${proxy.host}/kept/moving:latest`;
		const env = newCache();
		expect((await runPeel(['--json', '/dev/null', reference], {env})).code).toBe(0);

		await pushImage(registry.url, 'kept/moving', 'latest', v2);
		proxy.reset();
		const version = await runPeel(['cat', reference, '/app/version'], {env});
		expect(version.code, version.stderr).toBe(0);
		expect(version.stdout.split('\n')[0]).toBe('2');
		const base = await runPeel(['cat', reference, '/usr/lib/lib3.so'], {env});
		expect(base.code, base.stderr).toBe(0);
		expect(base.stdout).toBe(baseFiles.get('usr/lib/lib3.so'));
		const gets = blobGets();
		expect(gets.get(v2.layers[0]!.digest) ?? 0).toBe(0);
		expect(gets.get(v2.layers[1]!.digest)).toBe(1);
		expect(gets.get(v1.layers[1]!.digest) ?? 0).toBe(0);
	}, 60_000);

	it('a corrupt or truncated kept blob: one warning, removed, pulled again, the output still the file', async () => {
		const image = await appImage('c');
		await pushImage(registry.url, 'kept/corrupt', 'v1', image);
		const reference = `${proxy.host}/kept/corrupt:v1`;
		const env = newCache();
		const layer = image.layers[0]!;
		const file = keptFile(env.PEEL_CACHE_DIR, layer.digest);

		for (const spoil of ['flip', 'truncate'] as const) {
			// A run that decodes every layer (no analysis kept) keeps every blob whole.
			rmSync(path.join(env.PEEL_CACHE_DIR, 'layers'), {recursive: true, force: true});
			rmSync(path.join(env.PEEL_CACHE_DIR, 'images'), {recursive: true, force: true});
			expect((await runPeel(['--json', '/dev/null', reference], {env})).code).toBe(0);
			expect(sha256(readFileSync(file))).toBe(layer.digest);
			if (spoil === 'flip') {
				// One byte in the middle, same size: only the digest can tell.
				const bytes = readFileSync(file);
				bytes[bytes.length >> 1] ^= 0xff;
				writeFileSync(file, bytes);
			} else truncateSync(file, layer.size - 10);
			proxy.reset();
			const cat = await runPeel(['cat', reference, '/usr/lib/lib11.so'], {env});
			expect(cat.code, cat.stderr).toBe(0);
			expect(cat.stdout).toBe(baseFiles.get('usr/lib/lib11.so'));
			const warnings = cat.stderr.trim().split('\n');
			expect(warnings).toHaveLength(1);
			const why = spoil === 'flip' ? 'its digest does not match' : `${layer.size - 10} bytes, not ${layer.size}`;
			expect(warnings[0]).toBe(`peel: warning: ignored the kept blob ${layer.digest} (${why}); it is downloaded again`);
			expect(blobGets().get(layer.digest)).toBe(1);
			// Never the spoiled bytes: gone, or (when the read ran to the blob's end) kept again whole.
			if (existsSync(file)) expect(sha256(readFileSync(file))).toBe(layer.digest);
		}
	}, 60_000);

	it('two peels pulling the same image at once: both right, the kept blobs whole, no temp file left', async () => {
		const image = await appImage('both');
		await pushImage(registry.url, 'kept/both', 'v1', image);
		const reference = `${proxy.host}/kept/both:v1`;
		const env = newCache();
		const runs = await Promise.all([runPeel(['cat', reference, '/usr/lib/lib0.so'], {env}), runPeel(['cat', reference, '/usr/lib/lib19.so'], {env})]);
		expect(runs.map(r => r.code)).toEqual([0, 0]);
		expect(runs[0]!.stdout).toBe(baseFiles.get('usr/lib/lib0.so'));
		expect(runs[1]!.stdout).toBe(baseFiles.get('usr/lib/lib19.so'));
		for (const layer of image.layers) expect(sha256(readFileSync(keptFile(env.PEEL_CACHE_DIR, layer.digest)))).toBe(layer.digest);
		expect(readdirSync(path.join(env.PEEL_CACHE_DIR, 'blobs', 'sha256')).filter(name => name.startsWith('.'))).toEqual([]);
	}, 60_000);

	it('peel cache ls shows the blobs in its table; the cap evicts the least recently used; prune removes them', async () => {
		const a = await appImage('a');
		const b = await buildImage({layers: [{entries: [{name: 'opt/', type: 'directory'}, {name: 'opt/big', content: text(7, 300_000)}], compression: 'gzip'}]});
		await pushImage(registry.url, 'kept/a', 'v1', a);
		await pushImage(registry.url, 'kept/b', 'v1', b);
		const env = newCache();
		expect((await runPeel(['--json', '/dev/null', `${proxy.host}/kept/a:v1`], {env})).code).toBe(0);

		const ls = await runPeel(['cache', 'ls'], {env});
		expect(ls.code, ls.stderr).toBe(0);
		const lines = ls.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^KIND +SIZE +USED +ABOUT$/);
		const blobRows = lines.filter(line => line.startsWith('blob '));
		expect(blobRows).toHaveLength(2);
		for (const layer of a.layers) expect(blobRows.some(row => row.endsWith(` ${layer.digest}`))).toBe(true);
		const blobBytes = a.layers.reduce((sum, layer) => sum + layer.size, 0);
		expect(lines.at(-2)!.endsWith(`, 2 registry blobs ${formatBytes(blobBytes)}`), lines.at(-2)).toBe(true);
		// Every row has the same four columns: the kind, the size and the age line up under the header.
		for (const row of lines.slice(1, -2)) expect(row).toMatch(/^(layer|image|report|blob) {1,3}  [ 0-9.]+ [kMG]?B  [ 0-9]+[mhd] ago  \S/);

		// Room for b's blob and a little more: a's blobs (older) go; b's stays.
		const cap = String(b.layers[0]!.size + 30_000);
		const second = await runPeel(['--json', '/dev/null', `${proxy.host}/kept/b:v1`], {env: {...env, PEEL_CACHE_MAX: cap}});
		expect(second.code, second.stderr).toBe(0);
		for (const layer of a.layers) expect(existsSync(keptFile(env.PEEL_CACHE_DIR, layer.digest))).toBe(false);
		expect(existsSync(keptFile(env.PEEL_CACHE_DIR, b.layers[0]!.digest))).toBe(true);
		const total = (await runPeel(['cache', 'ls'], {env: {...env, PEEL_CACHE_MAX: cap}})).stdout.trimEnd().split('\n').at(-1)!;
		expect(total).toMatch(/^\d+ entries, /);

		// What a killed peel left mid-download: not listed, removed once it is old enough to be no live write.
		const parts = path.join(env.PEEL_CACHE_DIR, 'blobs', 'sha256');
		writeFileSync(path.join(parts, '.part-0123456789ab'), 'half a blob');
		writeFileSync(path.join(parts, '.part-ba9876543210'), 'a live write');
		const old = new Date(Date.now() - 2 * 3_600_000);
		utimesSync(path.join(parts, '.part-0123456789ab'), old, old);
		expect((await runPeel(['cache', 'ls'], {env})).stdout).not.toContain('.part-');
		const prune = await runPeel(['cache', 'prune', '--all'], {env});
		expect(prune.code, prune.stderr).toBe(0);
		expect(readdirSync(parts)).toEqual(['.part-ba9876543210']);
	}, 60_000);

	it('a blob bigger than the whole cap is not kept, and a run still reads it once', async () => {
		const image = await appImage('big');
		await pushImage(registry.url, 'kept/big', 'v1', image);
		const env = {...newCache(), PEEL_CACHE_MAX: String(image.layers[0]!.size - 1)};
		proxy.reset();
		const cat = await runPeel(['cat', `${proxy.host}/kept/big:v1`, '/usr/lib/lib5.so'], {env});
		expect(cat.code, cat.stderr).toBe(0);
		expect(cat.stdout).toBe(baseFiles.get('usr/lib/lib5.so'));
		expect(existsSync(keptFile(env.PEEL_CACHE_DIR, image.layers[0]!.digest))).toBe(false);
		expect(blobGets().get(image.layers[0]!.digest)).toBe(1);
	}, 60_000);

	it('--no-cache and PEEL_NO_CACHE keep no blob and leave no private directory', async () => {
		const image = await appImage('off');
		await pushImage(registry.url, 'kept/off', 'v1', image);
		const reference = `${proxy.host}/kept/off:v1`;
		const tmp = path.join(dir, 'tmp-off');
		mkdirSync(tmp);
		for (const [flags, extra] of [[['--no-cache'], {}], [[], {PEEL_NO_CACHE: '1'}]] as const) {
			const env = {...newCache(), ...extra, TMPDIR: tmp};
			const cat = await runPeel(['cat', ...flags, reference, '/usr/lib/lib2.so'], {env});
			expect(cat.code, cat.stderr).toBe(0);
			expect(cat.stdout).toBe(baseFiles.get('usr/lib/lib2.so'));
			expect(existsSync(env.PEEL_CACHE_DIR)).toBe(false);
			expect(readdirSync(tmp)).toEqual([]);
		}
	}, 60_000);

	it('a cache that cannot be written: the run still reads each blob once, and says so in one line', async () => {
		const image = await appImage('ro');
		await pushImage(registry.url, 'kept/ro', 'v1', image);
		const blocker = path.join(dir, 'not-a-directory');
		writeFileSync(blocker, '');
		proxy.reset();
		const cat = await runPeel(['cat', `${proxy.host}/kept/ro:v1`, '/usr/lib/lib4.so'], {env: {PEEL_CACHE_DIR: path.join(blocker, 'cache')}});
		expect(cat.code, cat.stderr).toBe(0);
		expect(cat.stdout).toBe(baseFiles.get('usr/lib/lib4.so'));
		// One line for the whole cache (blobs and analysis entries), naming what to look at.
		expect(cat.stderr).toMatch(/^peel: warning: the blob sha256:[0-9a-f]{64} was not kept \(ENOTDIR: not a directory, mkdir '[^']+'\); \S+ is left as it was\n$/);
		for (const layer of image.layers) expect(blobGets().get(layer.digest)).toBe(1);
	}, 60_000);
});

describe('a read that stops early', () => {
	/** A layer of a few MB of text that does not repeat: its download takes many chunks. */
	async function bigImage(seed: number): Promise<BuiltImage> {
		return buildImage({layers: [{entries: [{name: 'data/', type: 'directory'}, ...Array.from({length: 40}, (_, i) => ({name: `data/f${i}.txt`, content: text(seed * 100 + i, 100_000)}))], compression: 'gzip'}]});
	}

	async function waitForFile(file: string): Promise<void> {
		for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise(resolve => setTimeout(resolve, 50));
	}

	it('goes on downloading into the cache alone while peel runs: the next read is from disk', async () => {
		const image = await bigImage(1);
		await pushImage(registry.url, 'kept/early', 'v1', image);
		const cache = new AnalysisCache({dir: newCache().PEEL_CACHE_DIR});
		proxy.reset();
		const handle = await openImage(`${proxy.host}/kept/early:v1`, {keptBlobs: cache.blobs});
		const layer = image.layers[0]!;
		const stream = await handle.layers[0]!.open();
		// The first chunk, then the reader stops (as peel cat does once it has its file).
		await new Promise<void>(resolve => stream.once('data', () => resolve()));
		stream.destroy();
		const file = keptFile(cache.dir, layer.digest);
		await waitForFile(file);
		expect(sha256(readFileSync(file))).toBe(layer.digest);
		expect(blobGets().get(layer.digest)).toBe(1);
		const again = await handle.layers[0]!.open();
		expect(sha256(Buffer.concat(await again.toArray()))).toBe(layer.digest);
		expect(blobGets().get(layer.digest)).toBe(1);
		await closeOpened();
	}, 60_000);

	it('a read that fails stops the download, and closing the image stops one going on alone: nothing half-written is left', async () => {
		const image = await bigImage(2);
		await pushImage(registry.url, 'kept/stopped', 'v1', image);
		const cache = new AnalysisCache({dir: newCache().PEEL_CACHE_DIR});
		const handle = await openImage(`${proxy.host}/kept/stopped:v1`, {keptBlobs: cache.blobs});
		const layer = image.layers[0]!;
		const failed = await handle.layers[0]!.open();
		failed.on('error', () => {});
		await new Promise<void>(resolve => failed.once('data', () => resolve()));
		failed.destroy(new Error('the layer reader failed'));
		const early = await handle.layers[0]!.open();
		await new Promise<void>(resolve => early.once('data', () => resolve()));
		early.destroy();
		await closeOpened();
		const folder = path.join(cache.dir, 'blobs', 'sha256');
		// Gone or whole; never a temp file after close.
		expect(readdirSync(folder).filter(name => name.startsWith('.'))).toEqual([]);
		const file = keptFile(cache.dir, layer.digest);
		if (existsSync(file)) expect(sha256(readFileSync(file))).toBe(layer.digest);
	}, 60_000);
});
