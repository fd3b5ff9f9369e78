import {randomBytes} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {visible} from './contract.js';
import {fuzz} from './fuzz-run.js';
import {runRegressions} from './regressions.js';
import {buildSeeds} from './seeds.js';

/**
 * `npm run fuzz`: a long run. FUZZ_SEED (default: random, printed), FUZZ_COUNT (2000),
 * FUZZ_JOBS (2), FUZZ_ONLY (one index, to reproduce), FUZZ_OUT (where failing mutants go),
 * FUZZ_PEEL (another build's cli.js), FUZZ_REGRESSIONS=0 to skip the regression corpus (which
 * here has the issue's full sizes: a 4 GB zstd bomb, 1,000,000 files in one layer).
 */
const env = process.env;
const seed = env['FUZZ_SEED'] ?? randomBytes(4).toString('hex');
const count = Number(env['FUZZ_COUNT'] ?? 2000);
const jobs = Number(env['FUZZ_JOBS'] ?? 2);
const only = env['FUZZ_ONLY'] !== undefined ? Number(env['FUZZ_ONLY']) : undefined;
const failDir = env['FUZZ_OUT'] ?? path.join(os.tmpdir(), 'peel-fuzz-failures');

console.log(`peel fuzz: seed ${seed}, ${only !== undefined ? `mutant ${only}` : `${count} mutants`}, ${jobs} at a time; failures go to ${failDir}`);
const seeds = await buildSeeds();
let done = 0;
const started = Date.now();
const failures = await fuzz(seeds, {
	seed, count, jobs, failDir, ...(only !== undefined ? {only} : {}),
	onDone(index, failure) {
		done++;
		if (failure) console.log(`FAIL ${index} (${failure.seedLabel}, --${failure.mode}): ${visible(failure.violation)}\n  ${failure.steps.map(visible).join('; ')}\n  reproduce: FUZZ_SEED=${seed} FUZZ_ONLY=${index} npm run fuzz`);
		else if (done % 100 === 0) console.log(`${done} done, ${Math.round((Date.now() - started) / 1000)} s`);
	},
});
let regressionFailures = 0;
if (env['FUZZ_REGRESSIONS'] !== '0' && only === undefined) {
	for (const result of await runRegressions({full: true})) {
		const status = result.failure ? `FAIL ${visible(result.failure)}` : 'ok';
		console.log(`regression ${result.name}: ${status} (exit ${result.run.code}, ${result.run.peakRssMb} MB, ${result.run.ms} ms)`);
		if (result.failure) regressionFailures++;
	}
}
console.log(`${failures.length} of ${only !== undefined ? 1 : count} mutants broke the contract; ${regressionFailures} regression cases failed (seed ${seed})`);
process.exitCode = failures.length + regressionFailures > 0 ? 1 : 0;
