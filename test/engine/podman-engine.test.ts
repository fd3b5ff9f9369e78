import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test, vi} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {openEngineImage} from '../../source/sources/engine/open-engine.js';
import {spoolEngineImage} from '../../source/sources/engine/spool-engine-image.js';
import {liveSpoolDirs} from '../../source/sources/engine/temp-spool.js';
import type {OpenOptions} from '../../source/sources/open-options.js';
import {hostPlatform} from '../../source/sources/platform.js';
import type {BuiltImage} from '../fixtures/image.js';
import {readTar} from '../fixtures/read-tar.js';
import {startPodmanService, type PodmanService} from './podman-service.js';
import {expectTestImage, testImage} from './test-image.js';

// A real `podman system service` with private storage; images go in with `podman load`.
let service: PodmanService;
let image: BuiltImage;
let imageId: string;
let workDir: string;

beforeAll(async () => {
	service = await startPodmanService();
	workDir = mkdtempSync(path.join(os.tmpdir(), 'peel-podman-test-'));
	const built = await testImage(['peel-e2e:dev']);
	image = built.image;
	const archivePath = path.join(workDir, 'image.tar');
	writeFileSync(archivePath, built.archive);
	await service.podman(['load', '-i', archivePath]);
	imageId = (await service.podman(['image', 'inspect', '--format', '{{.Id}}', 'localhost/peel-e2e:dev'])).trim();
}, 120_000);

afterAll(async () => {
	await service?.stop();
	if (workDir) rmSync(workDir, {recursive: true, force: true});
});

afterEach(() => {
	vi.unstubAllEnvs();
});

const baseOptions: OpenOptions = {platform: hostPlatform(), insecureRegistries: []};

describe('export over the API of a real podman engine', () => {
	test('the spooled export is a complete docker-archive of the loaded image', async () => {
		const spooled = await spoolEngineImage('podman', 'peel-e2e:dev', {...baseOptions, engineHost: `unix://${service.socketPath}`});
		try {
			expect(spooled.reference).toBe('podman://localhost/peel-e2e:dev');
			expect(spooled.repoTags).toEqual(['localhost/peel-e2e:dev']);
			expect(statSync(spooled.file).mode & 0o777).toBe(0o600);
			const entries = await readTar(readFileSync(spooled.file));
			const byName = new Map(entries.map(entry => [entry.header.name, entry]));
			const manifest = JSON.parse(byName.get('manifest.json')!.data.toString()) as Array<{Config: string; RepoTags: string[]; Layers: string[]}>;
			expect(manifest).toHaveLength(1);
			expect(manifest[0]!.RepoTags).toEqual(['localhost/peel-e2e:dev']);
			const config = JSON.parse(byName.get(manifest[0]!.Config)!.data.toString()) as {rootfs: {diff_ids: string[]}};
			expect(config.rootfs.diff_ids).toEqual(image.layers.map(layer => layer.diffId));
			const layerHashes = manifest[0]!.Layers.map(name => `sha256:${createHash('sha256').update(byName.get(name)!.data).digest('hex')}`);
			expect(layerHashes).toEqual(image.layers.map(layer => layer.diffId));
		} finally {
			await spooled.remove();
		}
		expect(liveSpoolDirs()).toEqual([]);
	});

	test('podman:// through CONTAINER_HOST', async () => {
		vi.stubEnv('CONTAINER_HOST', `unix://${service.socketPath}`);
		const handle = await openEngineImage('podman', 'peel-e2e:dev', baseOptions);
		try {
			expect(handle.source).toBe('podman');
			expect(handle.reference).toBe('podman://localhost/peel-e2e:dev');
			expect(handle.tags).toEqual(['localhost/peel-e2e:dev']);
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
		expect(liveSpoolDirs()).toEqual([]);
		await handle.close();
	});

	test('docker:// through DOCKER_HOST (podman serves the Docker API)', async () => {
		vi.stubEnv('DOCKER_HOST', `unix://${service.socketPath}`);
		vi.stubEnv('DOCKER_CONTEXT', 'no-such-context');
		const handle = await openEngineImage('docker', 'localhost/peel-e2e:dev', baseOptions);
		try {
			expect(handle.source).toBe('docker');
			expect(handle.reference).toBe('docker://localhost/peel-e2e:dev');
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
	});

	test('by image ID: the reference stays the ID, the tags come from the engine', async () => {
		const shortId = imageId.replace(/^sha256:/, '').slice(0, 12);
		const handle = await openEngineImage('podman', shortId, {...baseOptions, engineHost: `unix://${service.socketPath}`});
		try {
			expect(handle.reference).toBe(`podman://${shortId}`);
			expect(handle.tags).toContain('localhost/peel-e2e:dev');
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
	});

	test('an image the engine does not have: the 404 line', async () => {
		const error = await openEngineImage('podman', 'peel-missing:1', {...baseOptions, engineHost: `unix://${service.socketPath}`}).then(
			() => null,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(PeelError);
		expect((error as PeelError).message).toBe(
			`image peel-missing:1 is not in the local podman engine (unix://${service.socketPath}); pull or build it there first, or run "peel peel-missing:1" to read it from the registry instead`,
		);
		expect(liveSpoolDirs()).toEqual([]);
	});
});
