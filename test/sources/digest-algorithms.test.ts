import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {pushBlob, pushManifest} from '../registry/support/push.js';
import {type RegistryServer, startRegistry} from '../registry/support/registry-server.js';
import {removeTempDirs} from '../registry/support/temp-dir.js';
import {digestOf, writeMutatedLayout, type MutatedLayout} from './support/mutated-image.js';

const dir = tempDir('peel-digests-');
let image: BuiltImage;
let registry: RegistryServer;

/** What the fixture put into the layers, independent of peel. */
const FILES = ['/app', '/data', '/etc', '/etc/hosts'];

beforeAll(async () => {
	image = await buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/hosts', content: 'h'.repeat(2000)}], compression: 'gzip'},
			{entries: [{name: 'app', content: 'app'}], compression: 'zstd'},
			{entries: [{name: 'data', content: 'data'}], compression: 'none'},
		],
	});
	registry = await startRegistry();
});

afterAll(async () => {
	await registry?.stop();
	await removeTempDirs();
});

async function peelJson(target: string) {
	const run = await runPeel(['--json', '-', target]);
	expect(run.code, run.stderr).toBe(0);
	return JSON.parse(run.stdout);
}

/** peel's report names every digest the fixture computed with `algorithm`, and the files the fixture put in. */
function expectSameImage(report: any, written: MutatedLayout) {
	expect(report.peel.image.digest).toBe(written.manifestDigest);
	expect(report.peel.image.configDigest).toBe(written.configDigest);
	expect(report.peel.layers.map((l: any) => l.digest)).toEqual(written.layers.map(l => l.digest));
	expect(report.peel.layers.map((l: any) => l.diffId)).toEqual(written.layers.map(l => l.diffId));
	expect(report.peel.files.map((f: any) => f.path).sort()).toEqual(FILES);
}

async function expectOneLine(args: string[], pattern: RegExp) {
	const run = await runPeel(['--json', '-', ...args]);
	const lines = run.stderr.trimEnd().split('\n');
	expect(lines, run.stderr).toHaveLength(1);
	expect(run.code, run.stderr).toBe(2);
	expect(lines[0]).toMatch(/^peel: /);
	expect(lines[0]).not.toMatch(/unexpected error|internal error|mismatch|corrupt or altered/);
	expect(lines[0]).toMatch(pattern);
}

describe('sha512 works end to end', () => {
	it('an OCI layout whose blobs, config, manifest and diff_ids are all sha512', async () => {
		const layout = path.join(dir, 'sha512.layout');
		const written = await writeMutatedLayout(layout, image, {algorithm: 'sha512'});
		expect(written.manifestDigest).toMatch(/^sha512:[0-9a-f]{128}$/);
		const config = JSON.parse(readFileSync(path.join(layout, 'blobs', 'sha512', written.configDigest.slice(7)), 'utf8'));
		expect(config.rootfs.diff_ids[0]).toMatch(/^sha512:/);
		expectSameImage(await peelJson(layout), written);
	});

	it('a corrupted sha512 layer is still caught, as a digest mismatch', async () => {
		const layout = path.join(dir, 'sha512-corrupt.layout');
		const written = await writeMutatedLayout(layout, image, {algorithm: 'sha512'});
		const blob = path.join(layout, 'blobs', 'sha512', written.layers[2]!.digest.slice(7));
		const bytes = Buffer.from(readFileSync(blob));
		bytes[600] ^= 1; // inside the uncompressed tar's file data: only the digests can tell
		(await import('node:fs')).writeFileSync(blob, bytes);
		const run = await runPeel(['--json', '-', layout]);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^peel: layer 2 .*blob digest mismatch: expected sha512:/);
	});

	it('pushed to a real registry with sha512 blobs, config and diff_ids, read by tag and by digest', async () => {
		const written = await writeMutatedLayout(path.join(dir, 'push.layout'), image, {algorithm: 'sha512'});
		for (const [i, layer] of image.layers.entries()) await pushBlob(registry.url, 'algo/sha512', written.layers[i]!.digest, layer.blob);
		await pushBlob(registry.url, 'algo/sha512', written.configDigest, written.configBytes);
		await pushManifest(registry.url, 'algo/sha512', 'v1', written.manifestBytes, image.manifest.mediaType);
		// distribution names manifests by their sha256 whatever their blobs use (a PUT by sha512 is refused).
		const manifestDigest = digestOf(written.manifestBytes, 'sha256');
		for (const reference of ['algo/sha512:v1', `algo/sha512@${manifestDigest}`]) {
			const report = await peelJson(`${registry.host}/${reference}`);
			expect(report.peel.image.digest).toBe(manifestDigest);
			expect(report.peel.image.configDigest).toBe(written.configDigest);
			expect(report.peel.layers.map((l: any) => l.digest)).toEqual(written.layers.map(l => l.digest));
			expect(report.peel.layers.map((l: any) => l.diffId)).toEqual(written.layers.map(l => l.diffId));
			expect(report.peel.files.map((f: any) => f.path).sort()).toEqual(FILES);
		}
	});
});

describe('other algorithms are refused where they are first read, in one line', () => {
	it('a layout with a sha384 layer digest names the field', async () => {
		const layout = path.join(dir, 'sha384.layout');
		const sha384 = digestOf(image.layers[0]!.blob, 'sha256').replace('sha256:', 'sha384:') + 'ab'.repeat(16);
		await writeMutatedLayout(layout, image, {manifest: m => void (m.layers[0].digest = sha384)});
		await expectOneLine([layout], /\(manifest\): layers\[0\]\.digest uses the digest algorithm sha384, which peel does not verify \(only sha256 and sha512/);
	});

	it('a sha384 diff_id in the config', async () => {
		const layout = path.join(dir, 'sha384-diffid.layout');
		await writeMutatedLayout(layout, image, {config: c => void (c.rootfs.diff_ids[1] = `sha384:${'0'.repeat(96)}`)});
		await expectOneLine([layout], /\(image config\): rootfs\.diff_ids\[1\] uses the digest algorithm sha384/);
	});

	it('a registry reference by sha384 digest, before any request is made', async () => {
		// Port 9 (discard) on loopback: nothing listens, so any request would fail differently.
		await expectOneLine([`127.0.0.1:9/algo/x@sha384:${'a'.repeat(96)}`], /the digest uses the digest algorithm sha384, which peel does not verify/);
	});
});
