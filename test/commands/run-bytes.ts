import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {isolatedCache} from '../helpers/cache-env.js';
import {PEEL} from '../helpers/run-peel.js';

export interface BytesRun {
	code: number | null;
	stdout: Buffer;
	/** sha256 (hex) and length of stdout, counted as it streams (for outputs too big to keep). */
	sha256: string;
	length: number;
	stderr: string;
	/** Peak resident set size in kB, with `measure` (GNU time's %M). */
	maxRssKb: number | null;
}

/** Runs the built CLI with stdout as bytes; `keep: false` only hashes it. */
export function runPeelBytes(args: string[], options: {cwd?: string; keep?: boolean; measure?: boolean} = {}): Promise<BytesRun> {
	const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '0'};
	delete env['CI'];
	const cache = isolatedCache();
	Object.assign(env, cache.env);
	const [command, argv] = options.measure ? ['/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, PEEL, ...args]] : [process.execPath, [PEEL, ...args]];
	return new Promise((resolve, reject) => {
		const child = spawn(command as string, argv as string[], {env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
		const chunks: Buffer[] = [];
		const hash = createHash('sha256');
		let length = 0;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			hash.update(chunk);
			length += chunk.length;
			if (options.keep !== false) chunks.push(chunk);
		});
		child.stderr.on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`peel ${args.join(' ')} did not finish in time (a hang)`));
		}, 120_000);
		child.on('error', reject);
		child.on('close', code => {
			cache.cleanup();
			clearTimeout(timer);
			const rss = /maxrss=(\d+)\s*$/.exec(stderr);
			if (rss) stderr = stderr.slice(0, rss.index);
			resolve({code, stdout: Buffer.concat(chunks), sha256: hash.digest('hex'), length, stderr, maxRssKb: rss ? Number(rss[1]) : null});
		});
	});
}

/** One `peel: …` line on stderr, exit 2, nothing on stdout, no stack trace. */
export function oneLineError(run: {code: number | null; stdout: Buffer | string; stderr: string}): string {
	const lines = run.stderr.trimEnd().split('\n');
	if (run.code !== 2 || lines.length !== 1 || !lines[0]!.startsWith('peel: ') || run.stdout.length > 0 || /\n\s+at /.test(run.stderr)) {
		throw new Error(`expected one error line and exit 2, got exit ${run.code}, stdout ${run.stdout.length} bytes, stderr:\n${run.stderr}`);
	}
	return lines[0]!;
}
