import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {isolatedCache} from './cache-env.js';

/** The built CLI (npm test runs tsc first). */
export const PEEL = fileURLToPath(new URL('../../build/cli.js', import.meta.url));

export interface PeelRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs peel with a controlled environment: CI is unset unless given. */
export function runPeel(args: string[], options: {env?: Record<string, string>; cwd?: string; timeoutMs?: number} = {}): Promise<PeelRun> {
	const env: NodeJS.ProcessEnv = {...process.env, FORCE_COLOR: '0'};
	delete env['CI'];
	Object.assign(env, options.env);
	const cache = isolatedCache(options.env);
	Object.assign(env, cache.env);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [PEEL, ...args], {env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`peel ${args.join(' ')} did not finish in time (a hang)`));
		}, options.timeoutMs ?? 60_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			cache.cleanup();
			resolve({code, stdout, stderr});
		});
	});
}
