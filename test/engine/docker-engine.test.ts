import {createHash} from 'node:crypto';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
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
import {tempDir} from '../helpers/temp-dir.js';
import {startDockerService, type DockerService} from './docker-service.js';
import {expectTestImage, testImage} from './test-image.js';

// A real Docker Engine (Debian's dockerd) with its own socket and data root; images go in
// through its API (POST /images/load), as `docker load` sends them.
let service: DockerService;
let image: BuiltImage;
let imageId: string;
const dir = tempDir('peel-docker-test-');

beforeAll(async () => {
	service = await startDockerService();
	const built = await testImage(['peel-e2e:dev']);
	image = built.image;
	const archivePath = path.join(dir, 'image.tar');
	writeFileSync(archivePath, built.archive);
	expect(await service.load(archivePath)).toContain('peel-e2e:dev');
	imageId = (JSON.parse((await service.get('/images/peel-e2e:dev/json')).body) as {Id: string}).Id;
}, 120_000);

afterAll(async () => {
	await service?.stop();
}, 60_000);

afterEach(() => {
	vi.unstubAllEnvs();
});

const options = (extra: Partial<OpenOptions> = {}): OpenOptions => ({platform: hostPlatform(), insecureRegistries: [], engineHost: `unix://${service.socketPath}`, ...extra});

describe('export over the API of a real Docker Engine', () => {
	test('the spooled export is a complete docker-archive of the loaded image', async () => {
		const spooled = await spoolEngineImage('docker', 'peel-e2e:dev', options());
		try {
			expect(spooled.reference).toBe('docker://peel-e2e:dev');
			expect(spooled.repoTags).toEqual(['peel-e2e:dev']);
			expect(statSync(spooled.file).mode & 0o777).toBe(0o600);
			const entries = await readTar(readFileSync(spooled.file));
			const byName = new Map(entries.map(entry => [entry.header.name, entry]));
			const manifest = JSON.parse(byName.get('manifest.json')!.data.toString()) as Array<{Config: string; RepoTags: string[]; Layers: string[]}>;
			expect(manifest).toHaveLength(1);
			expect(manifest[0]!.RepoTags).toEqual(['peel-e2e:dev']);
			// The engine keeps the config byte for byte: its digest is the image ID.
			expect(`sha256:${createHash('sha256').update(byName.get(manifest[0]!.Config)!.data).digest('hex')}`).toBe(image.configDigest);
			const layerHashes = manifest[0]!.Layers.map(name => `sha256:${createHash('sha256').update(byName.get(name)!.data).digest('hex')}`);
			expect(layerHashes).toEqual(image.layers.map(layer => layer.diffId));
		} finally {
			await spooled.remove();
		}
		expect(liveSpoolDirs()).toEqual([]);
	});

	test('docker:// through DOCKER_HOST', async () => {
		vi.stubEnv('DOCKER_HOST', `unix://${service.socketPath}`);
		vi.stubEnv('DOCKER_CONTEXT', 'no-such-context');
		const handle = await openEngineImage('docker', 'peel-e2e:dev', {platform: hostPlatform(), insecureRegistries: []});
		try {
			expect(handle.source).toBe('docker');
			expect(handle.reference).toBe('docker://peel-e2e:dev');
			expect(handle.tags).toEqual(['peel-e2e:dev']);
			expect(handle.warnings).toEqual([]);
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
		expect(liveSpoolDirs()).toEqual([]);
	});

	test('by image ID: the reference stays the ID, the tags come from the engine', async () => {
		expect(imageId).toBe(image.configDigest);
		const shortId = imageId.replace(/^sha256:/, '').slice(0, 12);
		const handle = await openEngineImage('docker', shortId, options());
		try {
			expect(handle.reference).toBe(`docker://${shortId}`);
			expect(handle.tags).toEqual(['peel-e2e:dev']);
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
	});

	test('Docker 20.10 speaks API 1.41, too old to choose a platform: the handle says what it shows', async () => {
		const handle = await openEngineImage('docker', 'peel-e2e:dev', options({platform: {os: 'linux', architecture: 'arm64'}}));
		try {
			expect(handle.warnings).toEqual(['the docker engine (API 1.41) cannot export a chosen platform (that needs API 1.48); showing linux/amd64, not linux/arm64']);
			await expectTestImage(handle, image);
		} finally {
			await handle.close();
		}
	});

	test('an image the engine does not have: the 404 line', async () => {
		const error = await openEngineImage('docker', 'peel-missing:1', options()).then(
			() => null,
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(PeelError);
		expect((error as PeelError).message).toBe(
			`image peel-missing:1 is not in the local docker engine (unix://${service.socketPath}); pull or build it there first, or run "peel peel-missing:1" to read it from the registry instead`,
		);
		expect(liveSpoolDirs()).toEqual([]);
	});
});
