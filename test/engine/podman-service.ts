import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {request, Agent} from 'undici';

const run = promisify(execFile);

/** A private `podman system service` with its own storage, so nothing global is touched. */
export interface PodmanService {
	socketPath: string;
	/** Runs the podman CLI against the same private storage. */
	podman(args: string[]): Promise<string>;
	stop(): Promise<void>;
}

export async function startPodmanService(): Promise<PodmanService> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-podman-'));
	const paths = {
		root: path.join(dir, 'root'),
		runroot: path.join(dir, 'runroot'),
		tmp: path.join(dir, 'tmp'),
		xdg: path.join(dir, 'xdg'),
		config: path.join(dir, 'config'),
		data: path.join(dir, 'data'),
	};
	for (const p of Object.values(paths)) mkdirSync(p, {recursive: true, mode: 0o700});
	const storageConf = path.join(dir, 'storage.conf');
	writeFileSync(storageConf, `[storage]\ndriver = "vfs"\ngraphroot = "${paths.root}"\nrunroot = "${paths.runroot}"\n`);
	const containersConf = path.join(dir, 'containers.conf');
	writeFileSync(containersConf, '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n');
	const registriesConf = path.join(dir, 'registries.conf');
	writeFileSync(registriesConf, 'unqualified-search-registries = []\n');
	const env = {
		...process.env,
		XDG_RUNTIME_DIR: paths.xdg,
		XDG_CONFIG_HOME: paths.config,
		XDG_DATA_HOME: paths.data,
		CONTAINERS_STORAGE_CONF: storageConf,
		CONTAINERS_CONF: containersConf,
		CONTAINERS_REGISTRIES_CONF: registriesConf,
	};
	const globalFlags = ['--root', paths.root, '--runroot', paths.runroot, '--storage-driver', 'vfs', '--tmpdir', paths.tmp, '--cgroup-manager', 'cgroupfs', '--events-backend', 'file'];
	const socketPath = path.join(dir, 'podman.sock');

	try {
		await run('podman', ['--version']);
	} catch {
		throw new Error('podman is not installed: apt-get install -y podman');
	}
	const child: ChildProcess = spawn('podman', [...globalFlags, 'system', 'service', '--time=0', `unix://${socketPath}`], {env, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dir, {recursive: true, force: true});
	};

	try {
		await waitForPing(socketPath, exited, () => stderr);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		socketPath,
		async podman(args) {
			const {stdout} = await run('podman', [...globalFlags, ...args], {env, maxBuffer: 64 << 20});
			return stdout;
		},
		stop,
	};
}

async function waitForPing(socketPath: string, exited: Promise<number | null>, stderr: () => string): Promise<void> {
	let gone: number | null | undefined;
	void exited.then(code => (gone = code));
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (gone !== undefined) throw new Error(`podman system service exited (${gone}): ${stderr()}`);
		if (existsSync(socketPath)) {
			const agent = new Agent({connect: {socketPath}});
			try {
				const response = await request('http://localhost/_ping', {dispatcher: agent});
				await response.body.dump();
				if (response.statusCode === 200) return;
			} catch {
				// Not accepting yet.
			} finally {
				await agent.close();
			}
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	throw new Error(`podman system service did not answer on ${socketPath} within 30 s: ${stderr()}`);
}
