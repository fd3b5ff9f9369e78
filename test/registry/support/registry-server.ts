import {type ChildProcess, spawn} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {request} from 'undici';
import {stringify} from 'yaml';
import {freePort} from './free-port.js';
import {tempDir} from './temp-dir.js';

export interface RegistryServerOptions {
	/** htpasswd file (bcrypt) for Basic auth. */
	htpasswd?: string;
	/** Token auth (distribution's `auth: token:`). */
	token?: {realm: string; service: string; issuer: string; rootCertBundle: string};
	/** Serve https with this certificate and key (PEM files). */
	tls?: {certificate: string; key: string};
}

export interface RegistryServer {
	/** e.g. http://127.0.0.1:41234 */
	url: string;
	/** e.g. 127.0.0.1:41234 */
	host: string;
	stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test file that dies must not leave registries behind.
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/** Starts Debian's docker-registry (CNCF distribution) on 127.0.0.1 with temporary storage. */
export async function startRegistry(options: RegistryServerOptions = {}): Promise<RegistryServer> {
	const dir = await tempDir('peel-registry-server-');
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const config: Record<string, unknown> = {
			version: 0.1,
			log: {level: 'error', accesslog: {disabled: true}},
			storage: {filesystem: {rootdirectory: path.join(dir, 'storage')}, delete: {enabled: true}},
			http: {addr: `127.0.0.1:${port}`, ...(options.tls ? {tls: options.tls} : {})},
			health: {storagedriver: {enabled: false}},
		};
		if (options.htpasswd) config['auth'] = {htpasswd: {realm: 'peel-test', path: options.htpasswd}};
		if (options.token) {
			config['auth'] = {
				token: {realm: options.token.realm, service: options.token.service, issuer: options.token.issuer, rootcertbundle: options.token.rootCertBundle},
			};
		}
		const configPath = path.join(dir, `config-${port}.yml`);
		await writeFile(configPath, stringify(config));
		const child = spawn('docker-registry', ['serve', configPath], {stdio: ['ignore', 'ignore', 'pipe']});
		running.add(child);
		child.once('exit', () => running.delete(child));
		let stderr = '';
		child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
		const scheme = options.tls ? 'https' : 'http';
		const host = `127.0.0.1:${port}`;
		const ready = await waitUntilServing(child, `${scheme}://${host}/v2/`, Boolean(options.tls));
		if (ready) return {url: `${scheme}://${host}`, host, stop: () => stopProcess(child)};
		await stopProcess(child);
		if (attempt >= 3 || !/address already in use/.test(stderr)) throw new Error(`docker-registry did not start: ${stderr.slice(0, 2000)}`);
	}
}

async function waitUntilServing(child: ChildProcess, url: string, tls: boolean): Promise<boolean> {
	const {Agent} = await import('undici');
	const dispatcher = new Agent({connect: {rejectUnauthorized: !tls}});
	try {
		for (let i = 0; i < 150; i++) {
			if (child.exitCode !== null) return false;
			try {
				const response = await request(url, {dispatcher});
				await response.body.dump();
				return true;
			} catch {
				await sleep(100);
			}
		}
		return false;
	} finally {
		await dispatcher.close();
	}
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise(resolve => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 3000).unref();
	});
}
