import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {ensureBenchImageNext} from './bench-image-next.js';

/**
 * `peel diff` of the bench image and its next version (all layers but the top one
 * shared) against opening the next version alone, both with --json to /dev/null,
 * interleaved runs. Target: the comparison costs at most 1.3× the single image.
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

function timed(args: string[]): {ms: number; cpuMs: number; rssKb: number} {
	const env = {...process.env};
	delete env['CI'];
	const start = process.hrtime.bigint();
	const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, CLI, ...args], {env, encoding: 'utf8', maxBuffer: 1 << 26});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.status !== 0) throw new Error(`peel ${args.join(' ')} failed: ${result.stderr}`);
	const [user, system, rss] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
	return {ms, cpuMs: (user! + system!) * 1000, rssKb: rss!};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runDiffBench(benchDir: string, runs: number): Promise<void> {
	const next = await ensureBenchImageNext(line => console.error(line));
	const single: number[] = [];
	const diff: number[] = [];
	// CPU time too: on a shared machine it moves less than wall time.
	const singleCpu: number[] = [];
	const diffCpu: number[] = [];
	let rssKb = 0;
	for (let run = 0; run < runs; run++) {
		const alone = timed(['--json', '/dev/null', `oci://${next}`]);
		single.push(alone.ms);
		singleCpu.push(alone.cpuMs);
		const compared = timed(['diff', '--json', '/dev/null', `oci://${benchDir}`, `oci://${next}`]);
		diff.push(compared.ms);
		diffCpu.push(compared.cpuMs);
		rssKb = Math.max(rssKb, compared.rssKb);
	}
	console.log(`peel --json NEW alone:        median ${median(single).toFixed(0)} ms (CPU ${median(singleCpu).toFixed(0)} ms) over ${runs} runs`);
	console.log(`peel diff --json OLD NEW:     median ${median(diff).toFixed(0)} ms (CPU ${median(diffCpu).toFixed(0)} ms), peak RSS ${(rssKb / 1024).toFixed(0)} MB`);
	console.log(`ratio diff / NEW alone:       ${(median(diff) / median(single)).toFixed(2)} wall, ${(median(diffCpu) / median(singleCpu)).toFixed(2)} CPU  (target ≤ 1.30)`);
}
