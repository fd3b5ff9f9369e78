import {execFileSync, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {layerBlobs} from './bench-image.js';

/**
 * The bench image again with zstd layers (same tars, `+zstd` media type), cached beside
 * the gzip one: peel against `zstd -dc | tar -t` over the same blobs.
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

type Json = Record<string, any>;

function sha256File(file: string): string {
	return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Recompresses each gzip layer of `gzipDir` with `zstd -3`; returns the new layout. */
function ensureZstdImage(gzipDir: string, log: (line: string) => void): string {
	const dir = `${gzipDir}-zstd`;
	if (existsSync(path.join(dir, 'index.json'))) return dir;
	rmSync(dir, {recursive: true, force: true});
	const blobs = path.join(dir, 'blobs', 'sha256');
	mkdirSync(blobs, {recursive: true});
	const read = (digest: string) => JSON.parse(readFileSync(path.join(gzipDir, 'blobs', 'sha256', digest.slice(7)), 'utf8')) as Json;
	const index = JSON.parse(readFileSync(path.join(gzipDir, 'index.json'), 'utf8')) as Json;
	const manifest = read(index['manifests'][0].digest);
	copyFileSync(path.join(gzipDir, 'blobs', 'sha256', manifest['config'].digest.slice(7)), path.join(blobs, manifest['config'].digest.slice(7)));
	const layers = layerBlobs(gzipDir).map((blob, i) => {
		log(`recompressing bench layer ${i} with zstd…`);
		const tmp = path.join(blobs, `tmp-${i}`);
		execFileSync('sh', ['-c', `gzip -dc '${blob}' | zstd -3 -q -T2 -c > '${tmp}'`]);
		const hex = sha256File(tmp);
		renameSync(tmp, path.join(blobs, hex));
		return {mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: `sha256:${hex}`, size: statSync(path.join(blobs, hex)).size};
	});
	const manifestBytes = Buffer.from(JSON.stringify({...manifest, layers}));
	const manifestHex = createHash('sha256').update(manifestBytes).digest('hex');
	writeFileSync(path.join(blobs, manifestHex), manifestBytes);
	writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({imageLayoutVersion: '1.0.0'}));
	// index.json last: its presence marks a complete cache.
	writeFileSync(
		path.join(dir, 'index.json'),
		JSON.stringify({
			schemaVersion: 2,
			manifests: [{mediaType: manifest['mediaType'], digest: `sha256:${manifestHex}`, size: manifestBytes.length, annotations: {'org.opencontainers.image.ref.name': 'bench'}}],
		}),
	);
	return dir;
}

function timedMs(command: string, args: string[], env: NodeJS.ProcessEnv): {ms: number; stderr: string; status: number | null} {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, encoding: 'utf8', maxBuffer: 1 << 26});
	return {ms: Number(process.hrtime.bigint() - start) / 1e6, stderr: result.stderr, status: result.status};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The same figures as for the gzip image. */
export async function runZstdBench(gzipDir: string, runs: number): Promise<void> {
	const dir = ensureZstdImage(gzipDir, line => console.error(line));
	const blobs = layerBlobs(dir);
	const compressed = blobs.reduce((sum, b) => sum + statSync(b).size, 0);
	console.log(`zstd bench image: ${dir} — 8 layers, ${(compressed / 1e6).toFixed(0)} MB of zstd blobs`);
	const env = {...process.env};
	delete env['CI'];
	const baseline: number[] = [];
	const peel: number[] = [];
	let rssKb = 0;
	for (let run = 0; run < runs; run++) {
		let total = 0;
		for (const blob of blobs) total += timedMs('sh', ['-c', `zstd -dc '${blob}' | tar -t > /dev/null`], env).ms;
		baseline.push(total);
		const result = timedMs('/usr/bin/time', ['-f', '%M', process.execPath, CLI, '--json', '/dev/null', `oci://${dir}`], env);
		if (result.status !== 0) throw new Error(`peel failed on the zstd image: ${result.stderr}`);
		rssKb = Math.max(rssKb, Number(result.stderr.trim().split('\n').pop()));
		peel.push(result.ms);
	}
	console.log(`zstd -dc | tar -t (baseline): median ${median(baseline).toFixed(0)} ms over ${runs} runs`);
	console.log(`peel --json, zstd layers:     median ${median(peel).toFixed(0)} ms`);
	console.log(`ratio peel / baseline (zstd): ${(median(peel) / median(baseline)).toFixed(2)}  (target ≤ 1.00)`);
	console.log(`peel peak RSS (zstd):         ${(rssKb / 1024).toFixed(0)} MB  (target ≤ 400 MB)`);
}
