import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ATTESTATION_ANNOTATION} from '../fixtures/attestation.js';
import {
	buildMultiPlatform,
	writeMultiPlatformDockerArchive,
	writeMultiPlatformLayout,
	writeMultiPlatformOciArchive,
	type MultiPlatformImage,
} from '../fixtures/multi-platform.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {pushBlob, pushIndex, pushManifest} from '../registry/support/push.js';
import {type RegistryServer, startRegistry} from '../registry/support/registry-server.js';

const dir = tempDir('peel-platforms-');
let image: MultiPlatformImage;
let registry: RegistryServer;
const sources: Record<string, string> = {};

beforeAll(async () => {
	image = await buildMultiPlatform();
	sources['oci-layout'] = path.join(dir, 'layout');
	await writeMultiPlatformLayout(sources['oci-layout'], image);
	sources['oci-archive'] = path.join(dir, 'oci.tar');
	await writeMultiPlatformOciArchive(sources['oci-archive'], image);
	sources['docker-archive'] = path.join(dir, 'docker.tar');
	await writeMultiPlatformDockerArchive(sources['docker-archive'], image);
	registry = await startRegistry();
	// Blobs, then each manifest by digest, then the index under the tag (what buildx pushes).
	const manifests = new Set(image.index.index.manifests.map((d: {digest: string}) => d.digest));
	for (const blob of image.blobs) {
		if (blob.digest === image.index.digest) continue;
		if (manifests.has(blob.digest)) await pushManifest(registry.url, 'multi/app', blob.digest, blob.bytes, 'application/vnd.oci.image.manifest.v1+json');
		else await pushBlob(registry.url, 'multi/app', blob.digest, blob.bytes);
	}
	await pushIndex(registry.url, 'multi/app', '1', image.index);
	sources['registry'] = `${registry.host}/multi/app:1`;
}, 60_000);

afterAll(async () => {
	await registry?.stop();
});

async function report(source: string, platform: string): Promise<any> {
	const run = await runPeel(['--json', '-', '--platform', platform, source]);
	expect(run.code, run.stderr).toBe(0);
	return JSON.parse(run.stdout).peel;
}

/** What the fixture's index says, read straight from its JSON: the entries that are not attestations. */
function imagesOfIndex(): Array<{digest: string; platform: {os: string; architecture: string; variant?: string}}> {
	return image.index.index.manifests.filter((d: any) => d.annotations?.[ATTESTATION_ANNOTATION] !== 'attestation-manifest');
}

describe('the same multi-platform image from every source', () => {
	it('prints the same platform text (arm64/v8 is arm64, as containerd normalizes it) and the same peel.platforms', async () => {
		const seen: Record<string, unknown> = {};
		for (const [kind, source] of Object.entries(sources)) {
			for (const asked of ['linux/arm64', 'linux/arm64/v8']) {
				const peel = await report(source, asked);
				expect(peel.image.digest, `${kind} ${asked}`).toBe(image.arm64.manifestDigest);
				seen[`${kind} ${asked}`] = {platform: peel.image.platform, platforms: peel.platforms, config: [peel.config.architecture, peel.config.variant]};
			}
		}
		const expected = {
			platform: 'linux/arm64',
			platforms: [
				{os: 'linux', architecture: 'amd64', variant: null, digest: image.amd64.manifestDigest, chosen: false},
				{os: 'linux', architecture: 'arm64', variant: null, digest: image.arm64.manifestDigest, chosen: true},
			],
			// The config's own values stay as the image wrote them.
			config: ['arm64', 'v8'],
		};
		for (const [where, value] of Object.entries(seen)) expect(value, where).toEqual(expected);
		// The index itself lists the two images (variant v8 as written) and two attestations.
		expect(image.index.index.manifests).toHaveLength(4);
		expect(imagesOfIndex().map(d => [d.digest, d.platform])).toEqual([
			[image.amd64.manifestDigest, {architecture: 'amd64', os: 'linux'}],
			[image.arm64.manifestDigest, {architecture: 'arm64', os: 'linux', variant: 'v8'}],
		]);
	}, 120_000);

	it('marks the amd64 image chosen when amd64 is asked for', async () => {
		for (const source of Object.values(sources)) {
			const peel = await report(source, 'linux/amd64');
			expect(peel.image.platform).toBe('linux/amd64');
			expect(peel.platforms.map((p: any) => [p.digest, p.chosen])).toEqual(imagesOfIndex().map(d => [d.digest, d.digest === image.amd64.manifestDigest]));
		}
	}, 120_000);

	it('gives [] for a single-platform image', async () => {
		const demo = fileURLToPath(new URL('../../demo/demo.tar', import.meta.url));
		const peel = await report(demo, 'linux/amd64');
		expect(peel.platforms).toEqual([]);
	});
});
