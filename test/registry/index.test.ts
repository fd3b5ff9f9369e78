import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildAttestation} from '../fixtures/attestation.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {buildIndex, manifestDescriptor} from '../fixtures/image-index.js';
import {closeOpened, openImage, readLayers, rejectionOf} from './support/open.js';
import {pushBlob, pushImage, pushIndex, pushManifest} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs} from './support/temp-dir.js';

let registry: RegistryServer;
const images: Record<string, BuiltImage> = {};
let ociIndexDigest: string;
let dockerListDigest: string;

async function platformImage(name: string, platform: {os: string; architecture: string; variant?: string}, mediaTypes: 'oci' | 'docker'): Promise<BuiltImage> {
	const image = await buildImage({layers: [{entries: [{name: 'arch.txt', content: name}]}], platform}, {mediaTypes});
	images[`${mediaTypes}:${name}`] = image;
	return image;
}

beforeAll(async () => {
	registry = await startRegistry();
	const amd64 = await platformImage('amd64', {os: 'linux', architecture: 'amd64'}, 'oci');
	const arm64 = await platformImage('arm64', {os: 'linux', architecture: 'arm64'}, 'oci');
	const armv7 = await platformImage('armv7', {os: 'linux', architecture: 'arm', variant: 'v7'}, 'oci');
	for (const image of [amd64, arm64, armv7]) await pushImage(registry.url, 'multi/app', null, image);
	// buildkit lists an attestation per image; put one first so that it would win if not skipped.
	const attestation = buildAttestation(amd64, `${registry.host}/multi/app:1`);
	for (const blob of attestation.blobs.slice(0, -1)) await pushBlob(registry.url, 'multi/app', blob.digest, blob.bytes);
	const attestationManifest = attestation.blobs.at(-1)!;
	await pushManifest(registry.url, 'multi/app', attestationManifest.digest, attestationManifest.bytes, 'application/vnd.oci.image.manifest.v1+json');
	const index = buildIndex([attestation.descriptor, ...[amd64, arm64, armv7].map(image => manifestDescriptor(image, true))], 'oci');
	await pushIndex(registry.url, 'multi/app', '1', index);
	ociIndexDigest = index.digest;

	// A Docker manifest list with only 32-bit ARM images.
	const v6 = await platformImage('armv6', {os: 'linux', architecture: 'arm', variant: 'v6'}, 'docker');
	const v7 = await platformImage('armv7', {os: 'linux', architecture: 'arm', variant: 'v7'}, 'docker');
	for (const image of [v6, v7]) await pushImage(registry.url, 'multi/arm', null, image);
	const list = buildIndex([v6, v7].map(image => manifestDescriptor(image, true)), 'docker');
	await pushIndex(registry.url, 'multi/arm', 'latest', list);
	dockerListDigest = list.digest;
});

afterEach(async () => {
	await closeOpened();
});

afterAll(async () => {
	await registry?.stop();
	await removeTempDirs();
});

describe('multi-platform indexes', () => {
	it('picks the requested platform from an OCI index and reports both digests', async () => {
		const handle = await openImage(`${registry.host}/multi/app:1`, {platform: {os: 'linux', architecture: 'arm64'}});
		const arm64 = images['oci:arm64']!;
		expect(handle.digest).toBe(arm64.manifestDigest);
		expect(handle.indexDigest).toBe(ociIndexDigest);
		expect(handle.platform).toEqual({os: 'linux', architecture: 'arm64'});
		expect(handle.tags).toEqual(['1']);
		expect(handle.configDigest).toBe(arm64.configDigest);
		const [layer] = await readLayers(handle);
		expect(layer!.equals(arm64.layers[0]!.blob)).toBe(true);
	});

	it('skips the attestation listed first and takes linux/amd64', async () => {
		const handle = await openImage(`${registry.host}/multi/app:1`, {platform: {os: 'linux', architecture: 'amd64'}});
		expect(handle.digest).toBe(images['oci:amd64']!.manifestDigest);
		expect(handle.config.architecture).toBe('amd64');
	});

	it('picks by index digest too', async () => {
		const handle = await openImage(`${registry.host}/multi/app@${ociIndexDigest}`, {platform: {os: 'linux', architecture: 'arm', variant: 'v7'}});
		expect(handle.digest).toBe(images['oci:armv7']!.manifestDigest);
		expect(handle.indexDigest).toBe(ociIndexDigest);
		expect(handle.platform).toEqual({os: 'linux', architecture: 'arm', variant: 'v7'});
	});

	it('falls back from arm64 to arm/v7 in a Docker manifest list (containerd order)', async () => {
		const handle = await openImage(`${registry.host}/multi/arm`, {platform: {os: 'linux', architecture: 'arm64'}});
		expect(handle.digest).toBe(images['docker:armv7']!.manifestDigest);
		expect(handle.indexDigest).toBe(dockerListDigest);
		expect(handle.manifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
	});

	it('lists the platforms there are when none matches, without the attestation', async () => {
		const error = await rejectionOf(openImage(`${registry.host}/multi/app:1`, {platform: {os: 'linux', architecture: 's390x'}}));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toContain('no image for platform linux/s390x');
		expect(error.message).toContain('available: linux/amd64, linux/arm64, linux/arm/v7');
		expect(error.message).not.toContain('unknown');
		expect(error.message).toContain('--platform');
	});
});
