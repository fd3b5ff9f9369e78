import {spawn} from 'node:child_process';
import {PeelError} from '../../../errors.js';
import {oneLine} from '../registry-errors.js';
import type {Credential} from './credential.js';

const HELPER_TIMEOUT_MS = 30_000;

export type HelperResult = {found: true; credential: Credential} | {found: false; note?: string};

/**
 * Asks `docker-credential-NAME get` for `serverUrl` (the protocol: URL on stdin, JSON
 * {ServerURL, Username, Secret} on stdout; "credentials not found" → none).
 */
export async function runCredentialHelper(name: string, serverUrl: string): Promise<HelperResult> {
	const program = `docker-credential-${name}`;
	const result = await new Promise<{code: number | null; stdout: string; stderr: string; missing: boolean}>((resolve, reject) => {
		const child = spawn(program, ['get'], {stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new PeelError(`credential helper ${program} did not answer within ${HELPER_TIMEOUT_MS / 1000} s for ${serverUrl}`));
		}, HELPER_TIMEOUT_MS);
		child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
		child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		child.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			if (error.code === 'ENOENT') resolve({code: null, stdout, stderr, missing: true});
			else reject(new PeelError(`credential helper ${program} could not be run: ${error.message}`));
		});
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, missing: false});
		});
		child.stdin.on('error', () => {});
		child.stdin.end(serverUrl);
	});

	if (result.missing) return {found: false, note: `credential helper ${program} is configured but not on PATH`};
	if (result.code !== 0) {
		const output = `${result.stdout}\n${result.stderr}`;
		if (/credentials not found/i.test(output)) return {found: false};
		const firstLine = output.split('\n').map(line => line.trim()).find(Boolean) ?? `exit code ${result.code}`;
		throw new PeelError(`credential helper ${program} failed for ${serverUrl}: ${oneLine(firstLine)}`);
	}
	let answer: {Username?: unknown; Secret?: unknown};
	try {
		answer = JSON.parse(result.stdout) as typeof answer;
	} catch {
		throw new PeelError(`credential helper ${program} printed something that is not JSON for ${serverUrl}`);
	}
	const username = typeof answer.Username === 'string' ? answer.Username : '';
	const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
	if (!secret) return {found: false};
	const credential: Credential =
		username === '<token>' ? {identityToken: secret, source: program} : {username, password: secret, source: program};
	return {found: true, credential};
}
