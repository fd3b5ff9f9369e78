import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildMultiPlatform, writeMultiPlatformOciArchive, type MultiPlatformImage} from '../fixtures/multi-platform.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {startPodmanService, type PodmanService} from './podman-service.js';

const dir = tempDir('peel-engine-platform-');
const archive = path.join(dir, 'multi.tar');
let image: MultiPlatformImage;
let service: PodmanService;

beforeAll(async () => {
	image = await buildMultiPlatform();
	await writeMultiPlatformOciArchive(archive, image);
	service = await startPodmanService();
	// Podman picks the arm64/v8 image of the index, as `podman pull --platform` does.
	await service.podman(['pull', '--arch', 'arm64', '--variant', 'v8', `oci-archive:${archive}:1`]);
	await service.podman(['tag', (await service.podman(['images', '-q'])).trim().split('\n')[0]!, 'localhost/multi-arm:1']);
}, 120_000);

afterAll(async () => {
	await service?.stop();
}, 60_000);

describe('an engine prints the platform as the other sources do', () => {
	it('podman:// of the arm64/v8 image is linux/arm64, as the archive it came from', async () => {
		const env = {CONTAINER_HOST: `unix://${service.socketPath}`};
		const fromEngine = await runPeel(['--json', '-', '--platform', 'linux/arm64', 'podman://localhost/multi-arm:1'], {env});
		expect(fromEngine.code, fromEngine.stderr).toBe(0);
		const fromArchive = await runPeel(['--json', '-', '--platform', 'linux/arm64', archive]);
		expect(fromArchive.code, fromArchive.stderr).toBe(0);
		const engine = JSON.parse(fromEngine.stdout).peel;
		const original = JSON.parse(fromArchive.stdout).peel;
		// The engine stored the arm64 image (its config says arm64, v8) …
		expect(engine.image.configDigest).toBe(image.arm64.configDigest);
		expect([engine.config.architecture, engine.config.variant]).toEqual(['arm64', 'v8']);
		// … and the text is the one every source prints for it.
		expect(engine.image.platform).toBe('linux/arm64');
		expect(engine.image.platform).toBe(original.image.platform);
		expect(engine.warnings.join('\n')).not.toContain('cannot export a chosen platform');
	}, 60_000);
});
