import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadImage} from '../../source/load/load-image.js';
import {versionAt, findNode} from '../../source/model/query.js';
import {openArchiveFile, openOciLayoutDir} from '../../source/sources/archive/open-archive.js';
import type {OpenOptions} from '../../source/sources/open-options.js';
import {
	docker25Manifest,
	gzipFile,
	writeContainerdStore,
	writeCraneTarball,
	writeDocker25Classic,
	writeDockerArchiveLegacy,
	writeOciArchive,
	writeOciLayout,
	writePodmanArchive,
} from '../fixtures/archives.js';
import {buildImage, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir();
const amd64: OpenOptions = {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []};
const arm64: OpenOptions = {platform: {os: 'linux', architecture: 'arm64'}, insecureRegistries: []};

const base: LayerSpec = {
	entries: [
		{name: 'etc/', type: 'directory'},
		{name: 'etc/os-release', content: 'ID=fixture\n'},
		{name: 'bin/sh', content: 'shell', mode: 0o755},
	],
	createdBy: 'ADD rootfs.tar /',
};
const app: LayerSpec = {
	entries: [{name: 'app/', type: 'directory'}, {name: 'app/main.js', content: 'console.log(1)'}, {name: 'etc/.wh.os-release', content: ''}],
	createdBy: 'COPY app /app',
};

async function image(compression: LayerSpec['compression'], options: {arch?: string; mediaTypes?: 'oci' | 'docker'; repeat?: boolean} = {}): Promise<BuiltImage> {
	const layers = [base, app, ...(options.repeat ? [base] : [])].map(layer => ({...layer, compression}));
	return buildImage({layers, platform: {os: 'linux', architecture: options.arch ?? 'amd64'}}, {mediaTypes: options.mediaTypes});
}

async function loadAndCheck(file: string, built: BuiltImage, options: OpenOptions = amd64) {
	const handle = file.endsWith('.layout') ? await openOciLayoutDir(file, options) : await openArchiveFile(file, options);
	const loaded = await loadImage(handle);
	expect(loaded.layers.map(l => l.diffId)).toEqual(built.layers.map(l => l.diffId));
	expect(handle.layers.map(l => l.diffId)).toEqual(built.config.rootfs.diff_ids);
	const last = loaded.model.layerCount - 1;
	expect(versionAt(findNode(loaded.model.root, '/app/main.js')!, last)?.size).toBe(14);
	// Removed by the app layer's whiteout, unless the base layer comes again on top.
	const repeated = built.layers.length === 3;
	expect(versionAt(findNode(loaded.model.root, '/etc/os-release')!, last)?.size ?? null).toBe(repeated ? 11 : null);
	await handle.close();
	return {handle, loaded};
}

describe('image archives of every generation', () => {
	it('Docker ≤ 24: legacy layout, a repeated layer stored as a symlink', async () => {
		const built = await image('none', {repeat: true, mediaTypes: 'docker'});
		const file = path.join(dir, 'docker24.tar');
		await writeDockerArchiveLegacy(file, [{image: built, repoTags: ['fixture:24']}]);
		const {handle, loaded} = await loadAndCheck(file, built);
		expect(handle.source).toBe('docker-archive');
		expect(handle.tags).toEqual(['fixture:24']);
		expect(loaded.layers).toHaveLength(3);
	});

	it('Docker ≥ 25 classic store: OCI layout plus manifest.json, blobs before the index', async () => {
		const built = await image('none', {mediaTypes: 'docker'});
		const file = path.join(dir, 'docker25.tar');
		await writeDocker25Classic(file, [{image: built, repoTags: ['fixture:25']}]);
		const {handle} = await loadAndCheck(file, built);
		expect(handle.tags).toContain('docker.io/library/fixture:25');
		expect(handle.digest).toBe(docker25Manifest(built).digest);
	});

	it('Docker ≥ 25 containerd store: nested index, gzip blobs, attestations, other platforms missing', async () => {
		const amd = await image('gzip');
		const arm = await image('zstd', {arch: 'arm64'});
		const file = path.join(dir, 'containerd.tar');
		await writeContainerdStore(file, {platforms: [amd, arm], repoTags: ['fixture:multi'], missing: [1]});
		const {handle} = await loadAndCheck(file, amd);
		expect(handle.platform).toEqual({os: 'linux', architecture: 'amd64'});
		expect(handle.digest).toBe(amd.manifestDigest);
		await expect(openArchiveFile(file, arm64)).rejects.toThrow(/no image for platform linux\/arm64; available: linux\/amd64 \(listed but not included: linux\/arm64\); choose one with --platform/);
	});

	it('containerd store with both platforms: --platform picks, zstd layers read', async () => {
		const amd = await image('gzip');
		const arm = await image('zstd', {arch: 'arm64'});
		const file = path.join(dir, 'containerd-both.tar');
		await writeContainerdStore(file, {platforms: [amd, arm], repoTags: ['fixture:multi']});
		const {handle, loaded} = await loadAndCheck(file, arm, arm64);
		expect(handle.platform?.architecture).toBe('arm64');
		expect(loaded.layers.map(l => l.compression)).toEqual(['zstd', 'zstd']);
		await expect(openArchiveFile(file, {...amd64, platform: {os: 'linux', architecture: 's390x'}})).rejects.toThrow(/available: linux\/amd64, linux\/arm64/);
	});

	it('podman/skopeo docker-archive', async () => {
		const built = await image('none', {mediaTypes: 'docker', repeat: true});
		const file = path.join(dir, 'podman.tar');
		await writePodmanArchive(file, [{image: built, repoTags: ['localhost/fixture:podman']}]);
		const {handle} = await loadAndCheck(file, built);
		expect(handle.tags).toEqual(['localhost/fixture:podman']);
	});

	it('crane tarball with gzip layers', async () => {
		const built = await image('gzip');
		const file = path.join(dir, 'crane.tar');
		await writeCraneTarball(file, built, 'fixture:crane');
		await loadAndCheck(file, built);
	});

	it('oci-archive with gzip and with zstd layers, and a whole-archive gzip', async () => {
		for (const compression of ['gzip', 'zstd'] as const) {
			const built = await image(compression);
			const file = path.join(dir, `oci-${compression}.tar`);
			await writeOciArchive(file, [{image: built, refName: 'v1'}]);
			const {handle} = await loadAndCheck(file, built);
			expect(handle.source).toBe('oci-archive');
			expect(handle.tags).toEqual(['v1']);
			await gzipFile(file, `${file}.gz`);
			await loadAndCheck(`${file}.gz`, built);
		}
	});

	it('docker save | gzip with manifest.json last in the stream', async () => {
		const built = await image('none', {repeat: true});
		const file = path.join(dir, 'legacy-last.tar.gz');
		await writeDockerArchiveLegacy(file, [{image: built, repoTags: ['fixture:gz']}], {manifestLast: true, gzip: true});
		await loadAndCheck(file, built);
	});

	it('OCI layout directory with a nested index; tags choose, ambiguity lists them', async () => {
		const one = await image('gzip');
		const two = await image('zstd');
		const layout = path.join(dir, 'nested.layout');
		await writeOciLayout(layout, [{image: [one], refName: 'one'}, {image: two, refName: 'two'}], {nested: true});
		await loadAndCheck(layout, one, {...amd64, tag: 'one'});
		await loadAndCheck(layout, two, {...amd64, tag: 'two'});
		await expect(openOciLayoutDir(layout, amd64)).rejects.toThrow(/holds 2 images; choose one with --tag \(or :TAG\): one, two/);
		await expect(openOciLayoutDir(layout, {...amd64, tag: 'three'})).rejects.toThrow(/no image tagged "three"; it has: one, two/);
	});

	it('refuses a digest that would climb out of the layout', async () => {
		const built = await image('gzip');
		const layout = path.join(dir, 'evil.layout');
		await writeOciLayout(layout, [], {
			extraManifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:../../../../etc/passwd', size: 10}],
		});
		void built;
		await expect(openOciLayoutDir(layout, amd64)).rejects.toThrow(/invalid digest "sha256:\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd"/);
	});
});
