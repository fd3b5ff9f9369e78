import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, renameSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildBigImage} from '../engine/big-image.js';
import {startDockerService} from '../engine/docker-service.js';
import {startPodmanService} from '../engine/podman-service.js';

/**
 * The local-engine figure: `peel docker://` (and `podman://`) on a 210 MB image against the
 * same export fetched with curl into a file plus peel reading that file, both measured here.
 * Each engine runs isolated (its own socket and storage) and is stopped afterwards.
 */
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));
const IMAGE_MB = 210;
const ARCHIVE = path.join(os.tmpdir(), `peel-engine-bench-v1-${IMAGE_MB}.tar`);

function timed(command: string, args: string[]): number {
	const env = {...process.env};
	delete env['CI'];
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, encoding: 'utf8', maxBuffer: 1 << 26});
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
	return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** Times both ways `runs` times, interleaved, and prints the medians and their ratio. */
function compare(label: string, socketPath: string, scheme: string, name: string, runs: number): void {
	const work = mkdtempSync(path.join(os.tmpdir(), 'peel-engine-bench-'));
	try {
		const saved = path.join(work, 'export.tar');
		const direct: number[] = [];
		const viaCurl: number[] = [];
		for (let run = 0; run < runs; run++) {
			direct.push(timed(process.execPath, [CLI, '--json', '/dev/null', '--engine-host', `unix://${socketPath}`, `${scheme}://${name}`]));
			rmSync(saved, {force: true});
			const exportMs = timed('curl', ['-sf', '--unix-socket', socketPath, '-o', saved, `http://localhost/images/get?names=${encodeURIComponent(name)}`]);
			viaCurl.push(exportMs + timed(process.execPath, [CLI, '--json', '/dev/null', saved]));
		}
		const ratio = median(direct) / median(viaCurl);
		console.log(`${label} ${scheme}://:`.padEnd(30) + `median ${median(direct).toFixed(0)} ms over ${runs} runs`);
		console.log(`curl export + peel on file:`.padEnd(30) + `median ${median(viaCurl).toFixed(0)} ms (${(statSync(saved).size / 1e6).toFixed(0)} MB export)`);
		console.log(`ratio ${scheme}:// / curl + file:`.padEnd(30) + `${ratio.toFixed(2)}  (target ≤ 1.50)`);
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

export async function runEngineBench(runs: number): Promise<void> {
	if (!existsSync(ARCHIVE)) {
		console.error(`building the engine bench image (${IMAGE_MB} MB) …`);
		const partial = `${ARCHIVE}.partial`;
		await buildBigImage(partial, ['peel-bench:v1'], IMAGE_MB);
		renameSync(partial, ARCHIVE);
	}
	console.log(`engine bench image: ${ARCHIVE} — 5 layers, ${(statSync(ARCHIVE).size / 1e6).toFixed(0)} MB, about 7k files`);

	const docker = await startDockerService();
	try {
		await docker.load(ARCHIVE);
		compare(`dockerd (${docker.storageDriver})`, docker.socketPath, 'docker', 'peel-bench:v1', runs);
	} finally {
		await docker.stop();
	}
	if (process.env['BENCH_PODMAN'] === '0') return;
	const podman = await startPodmanService();
	try {
		await podman.podman(['load', '-q', '-i', ARCHIVE]);
		compare('podman (vfs)', podman.socketPath, 'podman', 'localhost/peel-bench:v1', runs);
	} finally {
		await podman.stop();
	}
}
