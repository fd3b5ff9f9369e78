import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export interface ChildResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs open-in-child.ts in a fresh Node process with `env` added to this one's. */
export function openInChild(reference: string, env: Record<string, string | undefined>): Promise<ChildResult> {
	const hooks = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));
	const script = fileURLToPath(new URL('./open-in-child.ts', import.meta.url));
	return new Promise(resolve => {
		execFile(process.execPath, ['--import', hooks, script, reference], {env: {...process.env, ...env}, timeout: 60_000}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
	});
}
