import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildBigImage, type BigImage} from '../engine/big-image.js';
import {startDockerService, type DockerService} from '../engine/docker-service.js';
import {startPodmanService, type PodmanService} from '../engine/podman-service.js';
import {testImage} from '../engine/test-image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
let service: PodmanService;
const archive = path.join(dir, 'image.tar');

beforeAll(async () => {
	service = await startPodmanService();
	writeFileSync(archive, (await testImage(['peel-engine:dev'])).archive);
	await service.podman(['load', '-i', archive]);
}, 120_000);
afterAll(async () => {
	await service?.stop();
}, 60_000);

async function analysis(args: string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<Record<string, any>> {
	const run = await runPeel(['--json', '-', ...args], {env, timeoutMs});
	expect(run.code, run.stderr).toBe(0);
	const report = JSON.parse(run.stdout);
	for (const key of ['reference', 'source', 'tags']) delete report.peel.image[key];
	// How the image was named, and the name it can be pinned by, are the source's; the digests are the image's.
	for (const key of ['reference', 'typedReference', 'pinnedReference']) delete report.peel.identity[key];
	return report;
}

describe('an image from the local engine analyses exactly like its tarball', () => {
	it('through podman:// and docker:// (Podman serves the Docker API)', async () => {
		const fromArchive = await analysis([archive]);
		const fromPodman = await analysis(['podman://peel-engine:dev'], {CONTAINER_HOST: `unix://${service.socketPath}`});
		const fromDocker = await analysis(['docker://localhost/peel-engine:dev'], {DOCKER_HOST: `unix://${service.socketPath}`});
		expect(fromPodman).toEqual(fromArchive);
		expect(fromDocker).toEqual(fromArchive);
		const viaFlag = await analysis(['--source', 'podman', '--engine-host', `unix://${service.socketPath}`, 'peel-engine:dev']);
		expect(viaFlag).toEqual(fromArchive);
	});

	it('says in one line when the image is not there or the engine is not running', async () => {
		const missing = await runPeel(['--json', '-', 'podman://not-here:v1'], {env: {CONTAINER_HOST: `unix://${service.socketPath}`}});
		expect(missing.code).toBe(2);
		expect(missing.stderr.trim().split('\n')).toHaveLength(1);
		expect(missing.stderr).toMatch(/not-here/);
		const down = await runPeel(['--json', '-', 'docker://app:v1'], {env: {DOCKER_HOST: `unix://${dir}/no.sock`}});
		expect(down.code).toBe(2);
		expect(down.stderr.trim().split('\n')).toHaveLength(1);
		expect(down.stderr).toContain(`${dir}/no.sock`);
	});
});

describe('a real Docker Engine: docker:// analyses exactly like the tarball that was loaded', () => {
	let docker: DockerService;
	let big: BigImage;
	const bigArchive = path.join(dir, 'big.tar');

	beforeAll(async () => {
		docker = await startDockerService();
		big = await buildBigImage(bigArchive, ['peel-big:v1'], 110);
		expect(big.archive.length).toBeGreaterThan(100 << 20);
		await docker.load(archive);
		await docker.load(bigArchive);
	}, 180_000);
	afterAll(async () => {
		await docker?.stop();
	}, 60_000);

	it('the small image, through --engine-host and DOCKER_HOST', async () => {
		const fromArchive = await analysis([archive]);
		expect(await analysis(['--engine-host', `unix://${docker.socketPath}`, 'docker://peel-engine:dev'])).toEqual(fromArchive);
		expect(await analysis(['docker://peel-engine:dev'], {DOCKER_HOST: `unix://${docker.socketPath}`, DOCKER_CONTEXT: 'no-such-context'})).toEqual(fromArchive);
	});

	// About 5 s here on a shared 2-core machine; the quadratic read this guards against took
	// minutes, so a 10x slowdown fails on the timeout, not silently.
	it('a 110 MB image of 7k files streams at disk speed and shows the files the layers leave', async () => {
		const fromDocker = await analysis(['--engine-host', `unix://${docker.socketPath}`, 'docker://peel-big:v1'], {}, 60_000);
		expect(fromDocker).toEqual(await analysis([bigArchive], {}, 60_000));
		expect(fromDocker.peel.layers.map((layer: {diffId: string}) => layer.diffId)).toEqual(big.image.layers.map(layer => layer.diffId));
		const files = new Map<string, number>();
		for (const entry of fromDocker.peel.files as Array<{path: string; type: string; size: number}>) if (entry.type === 'file') files.set(entry.path, entry.size);
		expect(files).toEqual(mergedFiles(big));
	}, 150_000);
});

/** The regular files left after applying the layers in order (whiteouts delete), by path. */
function mergedFiles(image: BigImage): Map<string, number> {
	const files = new Map<string, number>();
	for (const layer of image.layers) {
		for (const entry of layer) {
			const slash = entry.name.lastIndexOf('/');
			const base = entry.name.slice(slash + 1);
			if (base.startsWith('.wh.')) files.delete(`/${entry.name.slice(0, slash + 1)}${base.slice(4)}`);
			else if ((entry.type ?? 'file') === 'file') files.set(`/${entry.name}`, (entry.content as Buffer).length);
		}
	}
	return files;
}
