import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {pushImage} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';
import {buildInspectImage} from '../ui/helpers/inspect-image.js';
import {startPodmanService, type PodmanService} from './podman-service.js';

// A real podman service (private storage) pulling from a real registry on 127.0.0.1.
let service: PodmanService;
let registry: RegistryServer;
let image: BuiltImage;
let loaded: BuiltImage;
let workDir: string;

const sha256sum = (bytes: Buffer) => `sha256:${execFileSync('sha256sum', {input: bytes, encoding: 'utf8'}).split(' ')[0]}`;

beforeAll(async () => {
	[service, registry] = await Promise.all([startPodmanService(), startRegistry()]);
	workDir = mkdtempSync(path.join(os.tmpdir(), 'peel-identity-podman-'));
	image = await buildInspectImage();
	await pushImage(registry.url, 'team/web', '1.0', image);
	await service.podman(['pull', '--quiet', '--tls-verify=false', `${registry.host}/team/web:1.0`]);
	// Another image (podman shares RepoDigests between the names of one image).
	loaded = await buildImage({layers: [{entries: [{name: 'only-loaded', content: 'never pushed'}]}]});
	const archive = path.join(workDir, 'loaded.tar');
	await writeDockerArchiveLegacy(archive, [{image: loaded, repoTags: ['peel-loaded:1']}]);
	await service.podman(['load', '-i', archive]);
}, 180_000);

afterAll(async () => {
	await service?.stop();
	await registry?.stop();
	if (workDir) rmSync(workDir, {recursive: true, force: true});
});

describe('peel.identity of an engine image', () => {
	test('pulled from a registry: pinned to the digest the engine pulled by (RepoDigests)', async () => {
		const run = await runPeel(['--json', '-', '--engine-host', `unix://${service.socketPath}`, `podman://${registry.host}/team/web:1.0`]);
		expect(run.code, run.stderr).toBe(0);
		const identity = JSON.parse(run.stdout).peel.identity;
		const pinned = `${registry.host}/team/web@${sha256sum(image.manifestBytes)}`;
		expect(identity.pinnedReference).toBe(pinned);
		expect(identity.configDigest).toBe(sha256sum(image.configBytes));
		// The engine agrees.
		expect((await service.podman(['image', 'inspect', '--format', '{{json .RepoDigests}}', `${registry.host}/team/web:1.0`])).trim()).toContain(pinned);
	});

	test('loaded, never pulled: no pinned reference', async () => {
		const run = await runPeel(['--json', '-', '--engine-host', `unix://${service.socketPath}`, 'podman://peel-loaded:1']);
		expect(run.code, run.stderr).toBe(0);
		const identity = JSON.parse(run.stdout).peel.identity;
		expect(identity.pinnedReference).toBeNull();
		expect(identity.imageId).toBe(sha256sum(loaded.configBytes));
		// podman names it localhost/peel-loaded@…, which no registry serves.
		expect((await service.podman(['image', 'inspect', '--format', '{{json .RepoDigests}}', 'localhost/peel-loaded:1'])).trim()).toMatch(/^\[("localhost\/peel-loaded@sha256:[0-9a-f]{64}")?\]$/);
	});
});
