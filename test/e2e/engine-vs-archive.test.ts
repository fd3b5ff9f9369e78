import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
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
});

async function analysis(args: string[], env: Record<string, string> = {}): Promise<Record<string, any>> {
	const run = await runPeel(['--json', '-', ...args], {env});
	expect(run.code, run.stderr).toBe(0);
	const report = JSON.parse(run.stdout);
	for (const key of ['reference', 'source', 'tags']) delete report.peel.image[key];
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
