import {existsSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-cache-test-');
let count = 0;

/** Three layers: a base with a few files, a change (modify, add, a whiteout of a directory), one more file. */
async function layout(seed = 'x'): Promise<{root: string; image: BuiltImage}> {
	const image = await buildImage({
		layers: [
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/os-release', content: `ID=${seed}\n`},
					{name: 'usr/', type: 'directory'},
					{name: 'usr/lib/', type: 'directory'},
					...Array.from({length: 40}, (_, i) => ({name: `usr/lib/f${i}.so`, content: `${seed}${i}`.repeat(50 + i)})),
					{name: 'var/', type: 'directory'},
					{name: 'var/cache/', type: 'directory'},
					{name: 'var/cache/apt.bin', content: 'c'.repeat(9000)},
				],
				createdBy: '/bin/sh -c #(nop) ADD file:base in /',
			},
			{
				entries: [
					{name: 'etc/', type: 'directory'},
					{name: 'etc/os-release', content: `ID=${seed}\nVERSION=2\n`},
					{name: 'var/', type: 'directory'},
					{name: 'var/.wh.cache', content: ''},
					{name: 'usr/lib/f3.so', content: `${seed}3`.repeat(53)},
				],
				createdBy: '/bin/sh -c apt-get clean',
			},
			{entries: [{name: 'app/', type: 'directory'}, {name: 'app/main.py', content: 'print(1)\n', mode: 0o755}], createdBy: '/bin/sh -c #(nop) COPY main.py /app/'},
		],
	});
	const root = path.join(dir, `layout-${++count}`);
	await writeOciLayout(root, [{image, refName: 'latest'}]);
	return {root, image};
}

function blobPath(root: string, digest: string): string {
	return path.join(root, 'blobs', 'sha256', digest.replace('sha256:', ''));
}

/** Spoils every layer blob (same size, other bytes): a run that reads one fails its digest check, so only the cache can answer. */
function spoilLayers(root: string, image: BuiltImage): void {
	for (const layer of image.layers) writeFileSync(blobPath(root, layer.digest), Buffer.alloc(layer.size, 0x5a));
}

function entries(cache: string, kind: 'layers' | 'images'): string[] {
	const sub = path.join(cache, kind);
	return existsSync(sub) ? readdirSync(sub).filter(name => !name.startsWith('.')).map(name => path.join(sub, name)) : [];
}

function cacheDir(): string {
	return path.join(dir, `cache-${++count}`);
}

describe('analysis cache', () => {
	it('answers a reopened image from the cache, byte for byte, without reading a layer', async () => {
		const {root, image} = await layout();
		const env = {PEEL_CACHE_DIR: cacheDir()};
		const cold = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(cold.code, cold.stderr).toBe(0);
		expect(entries(env.PEEL_CACHE_DIR, 'layers')).toHaveLength(3);
		// The image's record and its report.
		expect(entries(env.PEEL_CACHE_DIR, 'images').map(file => path.extname(file)).sort()).toEqual(['.image', '.report']);
		spoilLayers(root, image);
		const warm = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(warm.code, warm.stderr).toBe(0);
		expect(warm.stderr).toBe('');
		expect(warm.stdout).toBe(cold.stdout);
		// And it is the image: the diff_ids peel reports are the fixture's.
		expect(JSON.parse(warm.stdout).layer.map((l: {digestId: string}) => l.digestId)).toEqual(image.layers.map(l => l.diffId));
		const noCache = await runPeel(['--no-cache', '--json', '-', `oci://${root}`], {env});
		expect(noCache.code).toBe(2);
	});

	it('builds the report again from cached layers alone, identical to the cold one; --ci the same', async () => {
		const {root, image} = await layout('y');
		const env = {PEEL_CACHE_DIR: cacheDir()};
		const coldJson = await runPeel(['--json', '-', `oci://${root}`], {env});
		const coldCi = await runPeel(['--ci', '--lowestEfficiency', '0.99', `oci://${root}`], {env: {...env, PEEL_NO_CACHE: '1'}});
		expect(coldCi.code, coldCi.stderr).toBe(1);
		for (const file of entries(env.PEEL_CACHE_DIR, 'images')) renameSync(file, `${file}.gone`);
		spoilLayers(root, image);
		const fromLayers = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(fromLayers.code, fromLayers.stderr).toBe(0);
		expect(fromLayers.stdout).toBe(coldJson.stdout);
		const warmCi = await runPeel(['--ci', '--lowestEfficiency', '0.99', `oci://${root}`], {env});
		expect(warmCi.code).toBe(1);
		expect(warmCi.stdout).toBe(coldCi.stdout);
	});

	it('ignores a corrupt, truncated or foreign entry with a warning, rebuilds it, and the report does not change', async () => {
		const {root} = await layout('z');
		const env = {PEEL_CACHE_DIR: cacheDir()};
		const cold = await runPeel(['--json', '-', `oci://${root}`], {env});
		const layers = entries(env.PEEL_CACHE_DIR, 'layers');
		const [flip, cut, foreign] = layers;
		const bytes = readFileSync(flip!);
		bytes[bytes.length - 5]! ^= 0x40;
		writeFileSync(flip!, bytes);
		writeFileSync(cut!, readFileSync(cut!).subarray(0, 100));
		writeFileSync(foreign!, 'not a cache file at all');
		for (const file of entries(env.PEEL_CACHE_DIR, 'images')) writeFileSync(file, Buffer.alloc(64));
		const warm = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(warm.code, warm.stderr).toBe(0);
		expect(warm.stdout).toBe(cold.stdout);
		const warnings = warm.stderr.trim().split('\n');
		expect(warnings).toHaveLength(4);
		expect(warnings.every(line => /^peel: warning: ignored the cache entry for .*; it is rebuilt$/.test(line))).toBe(true);
		expect(warm.stderr).toMatch(/checksum does not match/);
		expect(warm.stderr).toMatch(/truncated/);
		expect(warm.stderr).toMatch(/not a peel cache file/);
		// Rebuilt: a third run is quiet and still the same.
		const again = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(again.stderr).toBe('');
		expect(again.stdout).toBe(cold.stdout);
	});

	it('two peels writing the same entries at once both succeed and leave readable entries', async () => {
		const {root, image} = await layout('w');
		const env = {PEEL_CACHE_DIR: cacheDir()};
		const [a, b] = await Promise.all([runPeel(['--json', '-', `oci://${root}`], {env}), runPeel(['--json', '-', `oci://${root}`], {env})]);
		expect(a.code, a.stderr).toBe(0);
		expect(b.code, b.stderr).toBe(0);
		expect(a.stdout).toBe(b.stdout);
		// No temp files left, and what is there serves a run without blobs.
		expect(readdirSync(path.join(env.PEEL_CACHE_DIR, 'layers')).filter(name => name.startsWith('.'))).toEqual([]);
		spoilLayers(root, image);
		const warm = await runPeel(['--json', '-', `oci://${root}`], {env});
		expect(warm.stderr).toBe('');
		expect(warm.stdout).toBe(a.stdout);
	});

	it('keeps to its cap, least recently used first', async () => {
		const first = await layout('p');
		const second = await layout('q');
		const env = {PEEL_CACHE_DIR: cacheDir()};
		await runPeel(['--json', '/dev/null', `oci://${first.root}`], {env});
		const oneImage = [...entries(env.PEEL_CACHE_DIR, 'layers'), ...entries(env.PEEL_CACHE_DIR, 'images')].reduce((sum, file) => sum + statSync(file).size, 0);
		// Room for about one image: the second run pushes the first one's entries out.
		const cap = String(Math.floor(oneImage * 1.3));
		const run = await runPeel(['--json', '/dev/null', `oci://${second.root}`], {env: {...env, PEEL_CACHE_MAX: cap}});
		expect(run.code, run.stderr).toBe(0);
		const left = [...entries(env.PEEL_CACHE_DIR, 'layers'), ...entries(env.PEEL_CACHE_DIR, 'images')];
		expect(left.reduce((sum, file) => sum + statSync(file).size, 0)).toBeLessThanOrEqual(Number(cap));
		const ls = await runPeel(['cache', 'ls'], {env});
		expect(ls.code, ls.stderr).toBe(0);
		// The newest image's layers are the ones kept.
		for (const layer of second.image.layers) expect(ls.stdout).toContain(layer.digest);
		const bad = await runPeel(['--json', '/dev/null', `oci://${second.root}`], {env: {...env, PEEL_CACHE_MAX: 'lots'}});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toBe('peel: PEEL_CACHE_MAX "lots" is no size: write e.g. 500MB or 2GB\n');
	});

	it('peel cache ls lists, prune --older-than removes the old, prune --all the rest; --no-cache writes nothing', async () => {
		const {root, image} = await layout('r');
		const env = {PEEL_CACHE_DIR: cacheDir()};
		const off = await runPeel(['--no-cache', '--json', '/dev/null', `oci://${root}`], {env});
		expect(off.code, off.stderr).toBe(0);
		expect(existsSync(env.PEEL_CACHE_DIR)).toBe(false);
		const offByEnv = await runPeel(['--json', '/dev/null', `oci://${root}`], {env: {...env, PEEL_NO_CACHE: '1'}});
		expect(offByEnv.code).toBe(0);
		expect(existsSync(env.PEEL_CACHE_DIR)).toBe(false);
		await runPeel(['--json', '/dev/null', `oci://${root}`], {env});
		const ls = await runPeel(['cache', 'ls'], {env});
		const lines = ls.stdout.trim().split('\n');
		// A header, one row per entry, the count per kind, the total.
		expect(lines).toHaveLength(8);
		expect(lines[0]).toMatch(/^KIND +SIZE +USED +ABOUT$/);
		expect(lines.at(-2)).toMatch(/^3 layers .*, 1 image .*, 1 report .*, 0 registry blobs 0 B$/);
		expect(lines.filter(line => line.startsWith('layer'))).toHaveLength(3);
		for (const layer of image.layers) expect(ls.stdout).toContain(layer.digest);
		expect(lines.find(line => line.startsWith('image'))).toContain(root);
		expect(lines.filter(line => line.startsWith('report'))).toHaveLength(1);
		expect(lines.at(-1)).toMatch(/^5 entries, .* of 2\.1 GB in /);
		// Two layers last used ten days ago.
		const old = new Date(Date.now() - 10 * 86_400_000);
		for (const file of entries(env.PEEL_CACHE_DIR, 'layers').slice(0, 2)) utimesSync(file, old, old);
		const prune = await runPeel(['cache', 'prune', '--older-than', '7d'], {env});
		expect(prune.stdout).toMatch(/^removed 2 entries, /);
		expect(entries(env.PEEL_CACHE_DIR, 'layers')).toHaveLength(1);
		const all = await runPeel(['cache', 'prune', '--all'], {env});
		expect(all.stdout).toMatch(/^removed 3 entries, /);
		expect([...entries(env.PEEL_CACHE_DIR, 'layers'), ...entries(env.PEEL_CACHE_DIR, 'images')]).toEqual([]);
		const wrong = await runPeel(['cache', 'prune', '--older-than', 'soon'], {env});
		expect(wrong.code).toBe(2);
		expect(wrong.stderr).toBe('peel: --older-than wants an age such as 30m, 12h, 7d or 2w, not "soon"\n');
	});
});
