import {writeFile, mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import type {Mode} from './contract.js';
import {visible} from './contract.js';
import {cloneInput, serializeTar, writeLayout, type FuzzInput} from './files.js';
import {mutate} from './mutate.js';
import {Prng} from './prng.js';
import {DEFAULT_LIMITS, runCase} from './run-case.js';
import type {Limits} from './run-limited.js';

export interface FuzzFailure {
	index: number;
	seedLabel: string;
	mode: Mode;
	steps: string[];
	violation: string;
	/** Where the mutant and its reason were saved. */
	saved?: string;
}

export interface FuzzOptions {
	seed: string;
	count: number;
	/** Runs at a time (the machine may be small and shared). */
	jobs?: number;
	limits?: Limits;
	/** Failing mutants are copied here with a one-line reason. */
	failDir?: string;
	/** Only this mutant index (to reproduce one failure). */
	only?: number;
	onDone?: (index: number, failure: FuzzFailure | null) => void;
}

/** The mutant for (seed, index): always the same, so a failure reproduces from the two. */
async function prepareMutant(seeds: FuzzInput[], seed: string, index: number, dir: string) {
	const prng = new Prng(`${seed}:${index}`);
	const base = seeds[index % seeds.length]!;
	const mutant = mutate(prng, cloneInput(base));
	const mode = prng.weighted([[6, 'json'], [3, 'ci'], [1, 'plain']] as const);
	let target: string;
	if (mutant.input.form === 'layout') {
		target = path.join(dir, 'layout');
		await writeLayout(mutant.input, target);
	} else {
		target = path.join(dir, mutant.input.form === 'tar.gz' ? 'image.tar.gz' : 'image.tar');
		const bytes = await serializeTar(mutant.input);
		await writeFile(target, mutant.outer ? mutant.outer(bytes) : bytes);
	}
	return {target, mode, label: base.label, steps: mutant.steps};
}

export function argsFor(mode: Mode, target: string, out: string): {args: string[]; jsonOut?: string} {
	if (mode === 'json') return {args: ['--json', path.join(out, 'report.json'), target], jsonOut: path.join(out, 'report.json')};
	if (mode === 'ci') return {args: ['--ci', target]};
	return {args: [target]};
}

/** Generates `count` mutants of the seeds and runs peel on each, `jobs` at a time. */
export async function fuzz(seeds: FuzzInput[], options: FuzzOptions): Promise<FuzzFailure[]> {
	const failures: FuzzFailure[] = [];
	const indexes = options.only !== undefined ? [options.only] : Array.from({length: options.count}, (_, i) => i);
	let next = 0;
	const worker = async () => {
		while (next < indexes.length) {
			const index = indexes[next++]!;
			let meta!: Awaited<ReturnType<typeof prepareMutant>>;
			const result = await runCase(
				async dirs => {
					meta = await prepareMutant(seeds, options.seed, index, dirs.input);
					return {...argsFor(meta.mode, meta.target, dirs.out), mode: meta.mode};
				},
				{limits: options.limits ?? DEFAULT_LIMITS},
			);
			let failure: FuzzFailure | null = null;
			if (result.violation) {
				failure = {index, seedLabel: meta.label, mode: meta.mode, steps: meta.steps, violation: result.violation};
				if (options.failDir) {
					const saved = path.join(options.failDir, `${options.seed}-${index}`);
					await mkdir(options.failDir, {recursive: true});
					await rm(saved, {recursive: true, force: true});
					await rename(result.work, saved);
					const reason = `${visible(result.violation)}\nseed ${options.seed} index ${index} (${meta.label}, --${meta.mode}): ${meta.steps.map(visible).join('; ')}\nstderr: ${visible(result.run.stderr.split('\n')[0] ?? '')}\n`;
					await writeFile(path.join(saved, 'reason.txt'), reason);
					failure.saved = saved;
				} else {
					await rm(result.work, {recursive: true, force: true});
				}
				failures.push(failure);
			}
			options.onDone?.(index, failure);
		}
	};
	await Promise.all(Array.from({length: Math.max(1, options.jobs ?? 2)}, worker));
	return failures.sort((a, b) => a.index - b.index);
}
