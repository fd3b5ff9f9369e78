import {spawnSync} from 'node:child_process';
import {statSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {layerBlobs} from './bench-image.js';
import {ensureSmallFilesImage} from './bench-image-small.js';

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));
const DEMO = fileURLToPath(new URL('../../../demo/demo.tar', import.meta.url));

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): {ms: number; stderr: string; stdout: string; status: number | null} {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, encoding: 'utf8', maxBuffer: 1 << 30});
	return {ms: Number(process.hrtime.bigint() - start) / 1e6, stderr: result.stderr, stdout: result.stdout, status: result.status};
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Peak RSS (kB) and wall time of one cold peel --json run. */
function peelRun(target: string, env: NodeJS.ProcessEnv, json = '/dev/null'): {ms: number; rssKb: number} {
	const result = timed('/usr/bin/time', ['-f', '%M', process.execPath, CLI, '--no-cache', '--json', json, target], env);
	if (result.status !== 0) throw new Error(`peel failed: ${result.stderr}`);
	return {ms: result.ms, rssKb: Number(result.stderr.trim().split('\n').pop())};
}

/**
 * Issue 13's second shape at each BENCH_SCALE (default 1; "1,3" for both): full --json
 * against `gzip -dc | tar -t` over the same blobs, time per GB of tar, and RSS per final
 * path above an empty run's (peel on the bundled demo image).
 */
export async function runSmallFilesBench(runs: number): Promise<void> {
	const env: NodeJS.ProcessEnv = {...process.env};
	delete env['CI'];
	const scales = (process.env['BENCH_SCALE'] ?? '1').split(',').map(Number).filter(n => n >= 1);
	const empty = peelRun(DEMO, env).rssKb;
	for (const scale of scales) {
		const {dir, tarBytes} = await ensureSmallFilesImage(scale, line => console.error(line));
		const blobs = layerBlobs(dir);
		const compressed = blobs.reduce((sum, blob) => sum + statSync(blob).size, 0);
		const baseline: number[] = [];
		const peel: number[] = [];
		let rssKb = 0;
		for (let run = 0; run < runs; run++) {
			let total = 0;
			for (const blob of blobs) total += timed('sh', ['-c', `gzip -dc '${blob}' | tar -t > /dev/null`], env).ms;
			baseline.push(total);
			const result = peelRun(`oci://${dir}`, env);
			peel.push(result.ms);
			rssKb = Math.max(rssKb, result.rssKb);
		}
		// The final image's paths as peel ls lists them, less its line for "/" (the --json
		// report of the 3× image is longer than a string can be, so it is not read whole).
		const listed = timed('sh', ['-c', `'${process.execPath}' '${CLI}' ls 'oci://${dir}' | wc -l`], env);
		const finalPaths = Number(listed.stdout.trim()) - 1;
		if (!(finalPaths > 0)) throw new Error(`peel ls listed no paths: ${listed.stderr}`);
		const entries = blobs.reduce((sum, blob) => sum + Number(timed('sh', ['-c', `gzip -dc '${blob}' | tar -t | wc -l`], env).stdout.trim()), 0);
		const gb = tarBytes / 1e9;
		const ms = median(peel);
		console.log(`small-files shape ×${scale}: 8 layers, ${(compressed / 1e6).toFixed(0)} MB gzip, ${gb.toFixed(2)} GB tar, ${entries.toLocaleString('en-US')} entries (${Math.round(entries / gb).toLocaleString('en-US')}/GB), ${finalPaths.toLocaleString('en-US')} final paths`);
		console.log(`  gzip -dc | tar -t: ${median(baseline).toFixed(0)} ms; peel --json: ${ms.toFixed(0)} ms; ratio ${(ms / median(baseline)).toFixed(2)}  (target ≤ 0.80)`);
		console.log(`  time per GB of tar: ${(ms / gb / 1000).toFixed(2)} s; peak RSS ${(rssKb / 1024).toFixed(0)} MB  (target ≤ 300 MB); ${Math.round(((rssKb - empty) * 1024) / finalPaths)} B per final path above an empty run's ${(empty / 1024).toFixed(0)} MB  (target ≤ 700)`);
	}
}
