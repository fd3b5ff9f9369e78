import {describe, expect, it} from 'vitest';
import {visible} from './contract.js';
import {fuzz} from './fuzz-run.js';
import {regressionCases, runRegression} from './regressions.js';
import {buildSeeds} from './seeds.js';

/**
 * Issue 14 §5, kept so: a fixed-seed fuzzing run over every fixture dialect and the demo, and
 * the regression corpus of every failure the issue lists. Two peel runs at a time (the CI
 * machine may have two cores). `npm run fuzz` is the long run.
 */
const SEED = 'peel-fuzz-1';
const COUNT = 33; // three mutants of each of the 11 seed images

/** At most `n` tasks at a time, in the order they ask. */
function slots(n: number) {
	let free = n;
	const waiting: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (free === 0) await new Promise<void>(resolve => waiting.push(resolve));
		else free--;
		try {
			return await task();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else free++;
		}
	};
}

const slot = slots(2);
const BUDGET = 300_000;

describe('regression corpus (issue 14): each case keeps the contract and its own promise', () => {
	for (const c of regressionCases()) {
		it.concurrent(c.name, async () => {
			let result = await slot(() => runRegression(c));
			// Peak RSS jitters with the machine's load (the 200k-files case: 215 MB idle, 280 MB
			// once in a busy CI run, bound 274): a memory failure is measured once more, and a
			// real regression fails both.
			if (result.failure?.startsWith('peak RSS')) {
				console.warn(`${c.name}: ${result.failure}; measuring again`);
				result = await slot(() => runRegression(c));
			}
			expect(result.failure, `${visible(result.failure ?? '')} — exit ${result.run.code}, ${result.run.peakRssMb} MB, ${result.run.ms} ms, stderr: ${visible(result.run.stderr.slice(0, 300))}`).toBeNull();
		}, BUDGET);
	}
});

describe('fuzzing, fixed seed', () => {
	it(`${COUNT} mutants of the fixture images and the demo keep the contract (seed ${SEED})`, async () => {
		const seeds = await buildSeeds();
		// runs after the regression suite, so two at a time here too
		const failures = await fuzz(seeds, {seed: SEED, count: COUNT, jobs: 2});
		const report = failures.map(f => `#${f.index} ${f.seedLabel} --${f.mode}: ${visible(f.violation)} [${f.steps.map(visible).join('; ')}] (FUZZ_SEED=${SEED} FUZZ_ONLY=${f.index} npm run fuzz)`);
		expect(report).toEqual([]);
	}, BUDGET);
});
