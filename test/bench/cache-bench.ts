import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv): number {
	const start = process.hrtime.bigint();
	const result = spawnSync(process.execPath, [CLI, ...args], {env, encoding: 'utf8', maxBuffer: 1 << 26});
	if (result.status !== 0 && !(args.includes('--ci') && result.status === 1)) throw new Error(`peel ${args.join(' ')} failed: ${result.stderr}`);
	return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
	return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * Issue 13's reopen figures: a cold --json with an empty cache (its writes included), then
 * --json and --ci answered from the image record, and --json rebuilt from cached layers
 * only (image records removed), each as a ratio to the cold run measured here.
 */
export async function runCacheBench(layout: string, runs: number, label: string): Promise<void> {
	const cold: number[] = [];
	const warmJson: number[] = [];
	const warmCi: number[] = [];
	const fromLayers: number[] = [];
	const target = `oci://${layout}`;
	for (let i = 0; i < runs; i++) {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-cache-bench-'));
		const env: NodeJS.ProcessEnv = {...process.env, PEEL_CACHE_DIR: dir};
		delete env['CI'];
		delete env['PEEL_NO_CACHE'];
		try {
			cold.push(run(['--json', '/dev/null', target], env));
			warmJson.push(run(['--json', '/dev/null', target], env));
			warmCi.push(run(['--ci', target], env));
			rmSync(path.join(dir, 'images'), {recursive: true, force: true});
			fromLayers.push(run(['--json', '/dev/null', target], env));
			if (readdirSync(path.join(dir, 'layers')).length === 0) throw new Error('no layer was cached');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}
	const c = median(cold);
	console.log(`cache (${label}): cold --json with an empty cache ${c.toFixed(0)} ms`);
	console.log(`  reopen --json (image record):  ${median(warmJson).toFixed(0)} ms = ${(median(warmJson) / c).toFixed(2)}× cold  (target ≤ 0.15)`);
	console.log(`  reopen --ci (image record):    ${median(warmCi).toFixed(0)} ms = ${(median(warmCi) / c).toFixed(2)}× cold  (target ≤ 0.15)`);
	console.log(`  --json from cached layers:     ${median(fromLayers).toFixed(0)} ms = ${(median(fromLayers) / c).toFixed(2)}× cold`);
}
