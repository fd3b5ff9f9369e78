import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** A private `dockerd`: its own socket, data, exec root and pidfile in one temp directory. */
export interface DockerService {
	socketPath: string;
	/** overlay2, or vfs where overlay2 cannot mount. */
	storageDriver: string;
	/** POST /images/load of a `docker save` tar; returns the engine's "Loaded image…" lines. */
	load(archivePath: string): Promise<string>;
	/** GET `apiPath` on the engine; the body as text. */
	get(apiPath: string): Promise<{status: number; body: string}>;
	stop(): Promise<void>;
}

interface Paths {
	dir: string;
	socket: string;
	data: string;
	exec: string;
	pidfile: string;
	log: string;
}

export async function startDockerService(): Promise<DockerService> {
	try {
		await run('dockerd', ['--version']);
	} catch {
		throw new Error('dockerd is not installed: apt-get install -y --no-install-recommends docker.io');
	}
	const failures: string[] = [];
	for (const driver of ['overlay2', 'vfs']) {
		const paths = makePaths();
		const started = await startWith(driver, paths);
		if (typeof started !== 'string') return started;
		failures.push(`with ${driver}: ${started}`);
	}
	throw new Error(`dockerd did not start:\n${failures.join('\n')}`);
}

function makePaths(): Paths {
	// Short: the socket and containerd's socket under the exec root must fit a unix path (108 bytes).
	const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-dockerd-'));
	const paths = {dir, socket: path.join(dir, 'docker.sock'), data: path.join(dir, 'data'), exec: path.join(dir, 'exec'), pidfile: path.join(dir, 'docker.pid'), log: path.join(dir, 'dockerd.log')};
	for (const sub of [paths.data, paths.exec]) mkdirSync(sub, {mode: 0o700});
	return paths;
}

/** The service, or why it did not come up (after cleaning up). */
async function startWith(driver: string, paths: Paths): Promise<DockerService | string> {
	// An empty config file, so a machine's /etc/docker/daemon.json cannot change the daemon.
	const config = path.join(paths.dir, 'daemon.json');
	writeFileSync(config, '{}\n');
	const args = [
		`--host=unix://${paths.socket}`,
		`--data-root=${paths.data}`,
		`--exec-root=${paths.exec}`,
		`--pidfile=${paths.pidfile}`,
		`--config-file=${config}`,
		'--iptables=false',
		'--ip6tables=false',
		'--ip-forward=false',
		'--ip-masq=false',
		'--bridge=none',
		`--storage-driver=${driver}`,
	];
	const logFd = openSync(paths.log, 'a');
	const child: ChildProcess = spawn('dockerd', args, {stdio: ['ignore', logFd, logFd]});
	closeSync(logFd);
	const exited = new Promise<string>(resolve => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
	child.once('error', () => undefined);
	const stop = () => stopDaemon(child, exited, paths);
	try {
		await waitForPing(paths.socket, exited);
	} catch (error) {
		await stop();
		return `${(error as Error).message}\n${tail(paths.log)}`;
	}
	return {
		socketPath: paths.socket,
		storageDriver: driver,
		load: archivePath => loadImage(paths.socket, archivePath),
		get: apiPath => get(paths.socket, apiPath),
		stop,
	};
}

const stopped = new WeakSet<ChildProcess>();

/** SIGTERM to the PID in the pidfile (SIGKILL after 20 s), then its containerd, then the files. */
async function stopDaemon(child: ChildProcess, exited: Promise<string>, paths: Paths): Promise<void> {
	if (stopped.has(child)) return;
	stopped.add(child);
	const pid = readPid(paths.pidfile) ?? child.pid;
	if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
		signal(pid, 'SIGTERM');
		const timer = setTimeout(() => signal(pid, 'SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	}
	// dockerd stops the containerd it started; if it was killed, that containerd is left.
	const containerd = readPid(path.join(paths.exec, 'containerd', 'containerd.pid'));
	if (containerd !== undefined) signal(containerd, 'SIGKILL');
	// The daemon may leave its data root mounted (a private bind mount) when it dies hard.
	await run('umount', ['-R', paths.data]).catch(() => undefined);
	rmSync(paths.dir, {recursive: true, force: true});
}

function readPid(file: string): number | undefined {
	if (!existsSync(file)) return undefined;
	const pid = Number(readFileSync(file, 'utf8').trim());
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

function tail(file: string): string {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
	return text.split('\n').slice(-25).join('\n');
}

async function waitForPing(socketPath: string, exited: Promise<string>): Promise<void> {
	let gone: string | undefined;
	void exited.then(code => (gone = code));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (gone !== undefined) throw new Error(`dockerd exited (${gone})`);
		if (existsSync(socketPath)) {
			const answer = await get(socketPath, '/_ping').catch(() => null);
			if (answer?.status === 200) return;
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`dockerd did not answer on ${socketPath} within 60 s`);
}

function get(socketPath: string, apiPath: string): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const request = http.get({socketPath, path: apiPath}, response => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/** The load API answers 200 with a JSON stream; a bad archive is an {"error": …} line in it. */
function loadImage(socketPath: string, archivePath: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const request = http.request({socketPath, path: '/images/load?quiet=1', method: 'POST', headers: {'Content-Type': 'application/x-tar'}}, response => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('error', reject);
			response.on('end', () => {
				const lines = body.split('\n').filter(line => line.trim()).map(line => JSON.parse(line) as {stream?: string; error?: string});
				const error = lines.find(line => line.error);
				if (response.statusCode !== 200 || error) reject(new Error(`docker load of ${archivePath} failed (HTTP ${response.statusCode}): ${error?.error ?? body}`));
				else resolve(lines.map(line => line.stream ?? '').join(''));
			});
		});
		request.on('error', reject);
		createReadStream(archivePath).on('error', reject).pipe(request);
	});
}
