import {spawnSync} from 'node:child_process';
import {statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureBenchImage, layerBlobs} from './bench-image.js';

/**
 * `npm run bench`: peel's full --json analysis of the bench image against plain
 * `gzip -dc | tar -t` over the same layer blobs, measured in the same run, plus peel's
 * peak RSS, and the explorer's figures on both image shapes (tui-bench.ts). Figures, not pass/fail.
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): {ms: number; stderr: string; status: number | null} {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, encoding: 'utf8', maxBuffer: 1 << 26});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return {ms, stderr: result.stderr, status: result.status};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
	// Cold figures: no run may be answered from the analysis cache (cache-bench measures that).
	process.env['PEEL_NO_CACHE'] = '1';
	const dir = await ensureBenchImage(line => console.error(line));
	const blobs = layerBlobs(dir);
	const compressed = blobs.reduce((sum, b) => sum + statSync(b).size, 0);
	console.log(`bench image: ${dir} — 8 layers, ${(compressed / 1e6).toFixed(0)} MB of gzip blobs`);

	const runs = Number(process.env['BENCH_RUNS'] ?? 3);
	const baseline: number[] = [];
	const peel: number[] = [];
	let rssKb = 0;
	const env = {...process.env};
	delete env['CI'];
	for (let run = 0; run < runs; run++) {
		let total = 0;
		for (const blob of blobs) total += timed('sh', ['-c', `gzip -dc '${blob}' | tar -t > /dev/null`]).ms;
		baseline.push(total);
		const result = timed('/usr/bin/time', ['-f', '%M', process.execPath, CLI, '--json', '/dev/null', `oci://${dir}`], env);
		if (result.status !== 0) throw new Error(`peel failed: ${result.stderr}`);
		rssKb = Math.max(rssKb, Number(result.stderr.trim().split('\n').pop()));
		peel.push(result.ms);
	}
	const ratio = median(peel) / median(baseline);
	console.log(`gzip -dc | tar -t (baseline): median ${median(baseline).toFixed(0)} ms over ${runs} runs`);
	console.log(`peel --json (full analysis):  median ${median(peel).toFixed(0)} ms`);
	console.log(`ratio peel / baseline:        ${ratio.toFixed(2)}  (target ≤ 0.80, issue 13)`);
	console.log(`peel peak RSS:                ${(rssKb / 1024).toFixed(0)} MB  (target ≤ 300 MB, issue 13)`);
	await (await import('./cache-bench.js')).runCacheBench(dir, runs, 'bench image');
	await (await import('./cat-bench.js')).runCatBench(dir, runs);
	await (await import('./small-bench.js')).runSmallFilesBench(runs);
	await (await import('./diff-bench.js')).runDiffBench(dir, runs);
	await (await import('./zstd-bench.js')).runZstdBench(dir, runs);
	await (await import('./engine-bench.js')).runEngineBench(runs);

	// The explorer on both shapes: first frame cold and from the cache, keys, filter, sort.
	// Keys, filter and sort run in this process: with the CLI's young generation (process-wide, so only now).
	(await import('../../source/runtime/young-generation.js')).capYoungGeneration();
	const {runTuiBench} = await import('./tui-bench.js');
	await runTuiBench('gzip bench image', dir, 'd01', runs);
	const {ensureSmallFilesImage} = await import('./bench-image-small.js');
	await runTuiBench('small-files image', (await ensureSmallFilesImage(1, line => console.error(line))).dir, 'pkg12', runs);
	void path;
}

main().catch(error => {
	console.error(error);
	process.exit(1);
});
