import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ImageContent} from '../../source/content/image-content.js';
import {resolvePath} from '../../source/content/resolve-path.js';
import {seekRoutes} from '../../source/content/seek-entries.js';
import {loadImage} from '../../source/load/load-image.js';
import {openImage} from '../../source/sources/open-image.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {readWindow} from '../../source/ui/viewer/read-window.js';
import {layerBlobs} from './bench-image.js';

/**
 * Reading one file late in the biggest layer (issue 10): the read itself (ImageContent,
 * what `peel cat` runs after loading), the viewer's first window (readWindow, what `v`
 * runs) and the whole `peel cat` command, cold (no analysis cache) and warm, each as a
 * ratio to `gzip -dc LAYER | tar -xO PATH` on the same blob in the same run.
 * Target: the read ≤ 1.2× that, the first window ≤ 300 ms.
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function shell(script: string, env: NodeJS.ProcessEnv = process.env): {ms: number; sha: string} {
	const start = performance.now();
	const result = spawnSync('sh', ['-c', script], {env, maxBuffer: 1 << 28});
	if (result.status !== 0) throw new Error(`${script}: ${result.stderr}`);
	return {ms: performance.now() - start, sha: createHash('sha256').update(result.stdout).digest('hex')};
}

export async function runCatBench(dir: string, runs: number, file = '/srv/d299/f119999.txt', layer = 0): Promise<void> {
	const handle = await openImage({kind: 'oci-dir', path: dir, reference: dir}, {platform: hostPlatform(), insecureRegistries: []});
	const image = await loadImage(handle);
	const found = resolvePath(image.model.root, file, layer, true);
	if (!found.ok) throw new Error(`${file}: ${found.problem}`);
	const content = new ImageContent(image);
	const stored = content.locate(found.node.path, found.version);
	const blob = layerBlobs(dir)[stored.layer]!;
	const reads: number[] = [];
	const windows: number[] = [];
	const tars: number[] = [];
	let sha = '';
	for (let run = 0; run < runs; run++) {
		// A fresh reader each time: its per-layer lookups are part of the cost.
		const reader = new ImageContent(image);
		const hash = createHash('sha256');
		let start = performance.now();
		await reader.read([{path: found.node.path, version: found.version, tag: null}], async (_, bytes) => {
			for await (const chunk of bytes) hash.update(chunk);
		});
		reads.push(performance.now() - start);
		sha = hash.digest('hex');
		start = performance.now();
		await readWindow(new ImageContent(image), found.node.path, found.version, stored.size, 0);
		windows.push(performance.now() - start);
		const tar = shell(`gzip -dc '${blob}' | tar -xO '${stored.path}'`);
		if (tar.sha !== sha) throw new Error('peel and tar read different bytes');
		tars.push(tar.ms);
	}
	await handle.close();
	const route = seekRoutes.at(-1) ?? 'none';

	const cache = mkdtempSync(path.join(os.tmpdir(), 'peel-cat-bench-cache-'));
	const cat = (cold: boolean) => shell(`'${process.execPath}' '${CLI}' cat 'oci://${dir}' '${file}' --layer ${layer}`, {...process.env, PEEL_CACHE_DIR: cache, ...(cold ? {PEEL_NO_CACHE: '1'} : {PEEL_NO_CACHE: ''})});
	const cold: number[] = [];
	const warm: number[] = [];
	try {
		cat(false); // fills the cache
		for (let run = 0; run < runs; run++) {
			const c = cat(true);
			const w = cat(false);
			if (c.sha !== sha || w.sha !== sha) throw new Error('peel cat and the library read different bytes');
			cold.push(c.ms);
			warm.push(w.ms);
		}
	} finally {
		rmSync(cache, {recursive: true, force: true});
	}
	const tar = median(tars);
	const ratio = (ms: number) => (ms / tar).toFixed(2);
	console.log(`cat: "${stored.path}" (${stored.size} B) at ${(stored.start / 1e6).toFixed(0)} MB of layer ${stored.layer}'s ${(image.layers[stored.layer]!.uncompressedSize / 1e6).toFixed(0)} MB tar, ${image.layers[stored.layer]!.seek?.checkpoints.length ?? 0} checkpoints; read by ${route}`);
	console.log(`gzip -dc | tar -xO (baseline):  median ${tar.toFixed(0)} ms over ${runs} runs`);
	console.log(`read the file (ImageContent):   median ${median(reads).toFixed(0)} ms, ratio ${ratio(median(reads))}  (target ≤ 1.20)`);
	console.log(`viewer's first window:          median ${median(windows).toFixed(0)} ms  (target ≤ 300 ms)`);
	console.log(`peel cat, whole command, warm:  median ${median(warm).toFixed(0)} ms, ratio ${ratio(median(warm))}`);
	console.log(`peel cat, whole command, cold:  median ${median(cold).toFixed(0)} ms, ratio ${ratio(median(cold))}  (loads and analyses all layers first)`);
}
