import {execFile} from 'node:child_process';
import {chmod, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {tempDir} from './temp-dir.js';

const VARIABLES = ['HOME', 'PATH', 'DOCKER_CONFIG', 'DOCKER_AUTH_CONFIG', 'REGISTRY_AUTH_FILE', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME'];
let saved: Record<string, string | undefined> | null = null;

/**
 * Points every credential location at an empty temporary home, so that tests see only
 * what they write. restoreEnv() puts the environment back.
 */
export async function cleanCredentialEnv(): Promise<string> {
	saved ??= Object.fromEntries(VARIABLES.map(name => [name, process.env[name]]));
	for (const name of VARIABLES) if (name !== 'PATH') delete process.env[name];
	const home = await tempDir('peel-home-');
	process.env['HOME'] = home;
	return home;
}

export function restoreEnv(): void {
	if (!saved) return;
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	saved = null;
}

export function basicAuth(user: string, password: string): string {
	return Buffer.from(`${user}:${password}`).toString('base64');
}

/** Writes $DIR/config.json and points DOCKER_CONFIG at DIR. */
export async function writeDockerConfig(config: unknown): Promise<string> {
	const dir = await tempDir('peel-docker-config-');
	await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
	process.env['DOCKER_CONFIG'] = dir;
	return path.join(dir, 'config.json');
}

export async function writeJsonFile(file: string, content: unknown): Promise<string> {
	await mkdir(path.dirname(file), {recursive: true});
	await writeFile(file, JSON.stringify(content));
	return file;
}

/**
 * Installs `docker-credential-NAME` (a shell script) on PATH. It answers `get` for the
 * given server URLs, says "credentials not found" otherwise, and logs every call.
 */
export async function installCredentialHelper(
	name: string,
	answers: Record<string, {Username: string; Secret: string}>,
): Promise<{log: string}> {
	const dir = await tempDir('peel-helper-');
	const log = path.join(dir, 'calls.log');
	const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
	const cases = Object.entries(answers)
		.map(([server, answer]) => `  ${quote(server)}) printf '%s' ${quote(JSON.stringify({ServerURL: server, ...answer}))} ;;`)
		.join('\n');
	const script = `#!/bin/sh
read -r server || true
echo "$1 $server" >> ${quote(log)}
case "$server" in
${cases}
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;
	const file = path.join(dir, `docker-credential-${name}`);
	await writeFile(file, script);
	await chmod(file, 0o755);
	process.env['PATH'] = `${dir}${path.delimiter}${process.env['PATH'] ?? ''}`;
	return {log};
}

/** An htpasswd file (bcrypt, as distribution requires) with one user. */
export async function htpasswdFile(user: string, password: string): Promise<string> {
	const dir = await tempDir('peel-htpasswd-');
	const file = path.join(dir, 'htpasswd');
	await promisify(execFile)('htpasswd', ['-Bbc', file, user, password]);
	return file;
}
