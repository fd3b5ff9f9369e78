import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startFaultProxy} from '../registry/support/fault-proxy.js';
import {pushBlob, pushManifest} from '../registry/support/push.js';
import {startRegistry} from '../registry/support/registry-server.js';

/**
 * Registry blobs kept across runs: `peel cat` of the last file of an image's biggest layer
 * in a second process, the analysis cached, with the blob kept (read from disk, checked
 * whole once) against without it (downloaded again, as before blobs were kept), from a
 * real registry on 127.0.0.1 behind the counting proxy; alternated, median of 3.
 * Usage: node build/test/bench/kept-blobs-bench.js [OCI-LAYOUT] (default the small-files bench image).
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));
const layout = process.argv[2] ?? '/tmp/peel-bench-small-v1-x1';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const blobPath = (digest: string) => path.join(layout, 'blobs', ...digest.split(':'));

/** Runs peel as a child process (asynchronously: the proxy in this process must keep answering). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ms: number; sha: string}> {
	const start = performance.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		const hash = createHash('sha256');
		let stderr = '';
		child.stdout.on('data', chunk => hash.update(chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => (code === 0 ? resolve({ms: performance.now() - start, sha: hash.digest('hex')}) : reject(new Error(`peel ${args.join(' ')}: ${stderr}`))));
	});
}

const index = JSON.parse(readFileSync(path.join(layout, 'index.json'), 'utf8'));
const manifestDescriptor = index.manifests[0];
const manifestBytes = readFileSync(blobPath(manifestDescriptor.digest));
const manifest = JSON.parse(manifestBytes.toString());
const layers: Array<{digest: string; size: number}> = manifest.layers;
const biggest = layers.reduce((big, layer) => (layer.size > big.size ? layer : big));
const layerIndex = layers.indexOf(biggest);
// The last regular file of the biggest layer, by tar itself: the read goes through the whole blob.
const listing = spawnSync('sh', ['-c', `gzip -dc '${blobPath(biggest.digest)}' | tar -tv | grep '^-' | tail -1`], {maxBuffer: 1 << 20}).stdout.toString().trim();
const file = `/${listing.split(/\s+/).slice(5).join(' ')}`;
const expected = createHash('sha256').update(spawnSync('sh', ['-c', `gzip -dc '${blobPath(biggest.digest)}' | tar -xO '${file.slice(1)}'`], {maxBuffer: 1 << 28}).stdout).digest('hex');

const registry = await startRegistry();
const proxy = await startFaultProxy(registry.url);
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'peel-kept-bench-'));
try {
	for (const layer of [...layers, manifest.config]) await pushBlob(registry.url, 'bench/small', layer.digest, readFileSync(blobPath(layer.digest)));
	await pushManifest(registry.url, 'bench/small', 'v1', manifestBytes, manifest.mediaType);
	const reference = `${proxy.host}/bench/small:v1`;
	const env = {...process.env, PEEL_CACHE_DIR: cacheDir, PEEL_NO_CACHE: ''};
	const first = await run(['--json', '/dev/null', reference], env);
	console.log(`image: ${layers.length} layers, ${(layers.reduce((s, l) => s + l.size, 0) / 1e6).toFixed(0)} MB of blobs; biggest layer ${layerIndex}: ${(biggest.size / 1e6).toFixed(0)} MB; file ${file}`);
	console.log(`first --json (pull, decode, keep): ${(first.ms / 1000).toFixed(2)} s`);
	const blobGets = () => proxy.requests.filter(r => r.method === 'GET' && r.path.endsWith(`/blobs/${biggest.digest}`)).length;
	const times = {kept: [] as number[], pulled: [] as number[]};
	for (let round = 0; round < 3; round++) {
		for (const mode of ['kept', 'pulled'] as const) {
			// Without the kept blob: as peel ran before blobs were kept (the analysis still cached).
			if (mode === 'pulled') rmSync(path.join(cacheDir, 'blobs'), {recursive: true, force: true});
			proxy.reset();
			const cat = await run(['cat', reference, file, '--layer', String(layerIndex)], env);
			if (cat.sha !== expected) throw new Error(`peel cat ${file}: not the bytes tar read`);
			const gets = blobGets();
			if (gets !== (mode === 'kept' ? 0 : 1)) throw new Error(`${mode}: ${gets} GETs of the biggest blob`);
			times[mode].push(cat.ms);
			// The pulled run kept the blob again (it read to the end): the next kept run uses it.
			if (mode === 'pulled' && !readdirSync(path.join(cacheDir, 'blobs', 'sha256')).includes(biggest.digest.slice(7))) {
				await run(['--no-cache', '--json', '/dev/null', reference], env);
				rmSync(path.join(cacheDir, 'layers'), {recursive: true, force: true});
				rmSync(path.join(cacheDir, 'images'), {recursive: true, force: true});
				await run(['--json', '/dev/null', reference], env);
			}
		}
	}
	const kept = median(times.kept);
	const pulled = median(times.pulled);
	console.log(`peel cat (second process, analysis cached): kept blob ${(kept / 1000).toFixed(2)} s [${times.kept.map(t => (t / 1000).toFixed(2)).join(', ')}], pulled again ${(pulled / 1000).toFixed(2)} s [${times.pulled.map(t => (t / 1000).toFixed(2)).join(', ')}]; ratio ${(kept / pulled).toFixed(2)}`);
} finally {
	await proxy.stop();
	await registry.stop();
	rmSync(cacheDir, {recursive: true, force: true});
}
