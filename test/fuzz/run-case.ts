import {existsSync, readdirSync} from 'node:fs';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {contractViolation, snapshot, snapshotChange, type Mode} from './contract.js';
import {runLimited, type Limits, type LimitedRun} from './run-limited.js';

export const DEFAULT_LIMITS: Limits = {timeMs: 60_000, rssMb: 600};

export interface CaseDirs {
	/** Holds the input and nothing else: anything new here afterwards is a stray file. */
	input: string;
	/** Where --json goes and the working directory (no .dive-ci in it). */
	out: string;
}

export interface CaseResult {
	run: LimitedRun;
	/** The first broken promise, or null. */
	violation: string | null;
	/** The workspace (kept for a failure, else removed unless keep was asked). */
	work: string;
}

/**
 * Runs peel once on an input prepared by `prepare` and checks the whole contract: the run's
 * own promises (exit code, one line, no trace, no control bytes, RSS), the input unchanged,
 * nothing new in its directory, nothing left in peel's temp directory.
 */
export async function runCase(
	prepare: (dirs: CaseDirs) => Promise<{args: string[]; mode: Mode; jsonOut?: string}>,
	options: {limits?: Limits; keep?: boolean; root?: string} = {},
): Promise<CaseResult> {
	const limits = options.limits ?? DEFAULT_LIMITS;
	const work = await mkdtemp(path.join(options.root ?? os.tmpdir(), 'peel-fuzz-'));
	const dirs = {input: path.join(work, 'input'), out: path.join(work, 'out')};
	const tmp = path.join(work, 'tmp');
	await Promise.all([mkdir(dirs.input), mkdir(dirs.out), mkdir(tmp)]);
	const {args, mode, jsonOut} = await prepare(dirs);
	const before = snapshot(dirs.input);
	const run = await runLimited(args, {cwd: dirs.out, tmp, limits});
	let violation = contractViolation(run, {mode, rssMb: limits.rssMb, ...(jsonOut ? {jsonOut} : {})});
	violation ??= snapshotChange(before, snapshot(dirs.input));
	if (!violation && existsSync(tmp) && readdirSync(tmp).length > 0) violation = `left ${readdirSync(tmp).join(', ')} in the temp directory`;
	if (!violation && !options.keep) await rm(work, {recursive: true, force: true});
	return {run, violation, work};
}
