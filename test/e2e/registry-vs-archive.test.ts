import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {writeOciArchive, writeOciLayout} from '../fixtures/archives.js';
import {buildImage, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import {buildIndex, manifestDescriptor} from '../fixtures/image-index.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {pushImage, pushIndex} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';

const dir = tempDir();
let registry: RegistryServer;

beforeAll(async () => {
	registry = await startRegistry();
});
afterAll(async () => {
	await registry?.stop();
});

const layers = (compression: LayerSpec['compression']): LayerSpec[] => [
	{
		compression,
		entries: [
			{name: 'etc/', type: 'directory'},
			{name: 'etc/app.conf', content: 'port=80\n'},
			{name: 'usr/lib/big.so', content: 'z'.repeat(20_000)},
			{name: 'var/cache/tmp.bin', content: 'c'.repeat(3000)},
		],
		createdBy: '/bin/sh -c #(nop) ADD rootfs /',
	},
	{
		compression,
		entries: [{name: 'etc/app.conf', content: 'port=8080\n'}, {name: 'var/.wh.cache', content: ''}, {name: 'usr/lib/big.so', content: 'z'.repeat(20_000), mode: 0o755}],
		createdBy: '/bin/sh -c configure',
	},
];

/** The JSON of one run, without the fields that name where the image came from. */
async function analysis(args: string[]): Promise<Record<string, any>> {
	const run = await runPeel(['--json', '-', ...args]);
	expect(run.code, run.stderr).toBe(0);
	const report = JSON.parse(run.stdout);
	for (const key of ['reference', 'source', 'tags']) delete report.peel.image[key];
	// How the image was named, and the name it can be pinned by, are the source's; the digests are the image's.
	for (const key of ['reference', 'typedReference', 'pinnedReference']) delete report.peel.identity[key];
	return report;
}

describe('an image from the registry analyses exactly like its archive', () => {
	for (const [mediaTypes, compression] of [
		['oci', 'gzip'],
		['oci', 'zstd'],
		['docker', 'gzip'],
	] as const) {
		it(`${mediaTypes} manifest, ${compression} layers`, async () => {
			const image = await buildImage({layers: layers(compression)}, {mediaTypes});
			await pushImage(registry.url, `e2e/${mediaTypes}-${compression}`, 'v1', image);
			const archive = path.join(dir, `${mediaTypes}-${compression}.tar`);
			if (mediaTypes === 'oci') await writeOciArchive(archive, [{image, refName: 'v1'}]);
			else await writeOciLayout(archive + '.layout', [{image, refName: 'v1'}]);
			const fromArchive = await analysis([mediaTypes === 'oci' ? archive : archive + '.layout']);
			const fromRegistry = await analysis([`${registry.host}/e2e/${mediaTypes}-${compression}:v1`]);
			expect(fromRegistry).toEqual(fromArchive);
			expect(fromRegistry.peel.image.digest).toBe(image.manifestDigest);
			expect(fromRegistry.peel.image.reclaimableBytes).toBe(3000 + 20_000 + 'port=80\n'.length);
		});
	}

	it('each platform of an index, and the platform error lists what exists', async () => {
		const built: BuiltImage[] = [];
		for (const architecture of ['amd64', 'arm64']) {
			const image = await buildImage({layers: [{entries: [{name: 'arch', content: architecture}], compression: 'gzip'}], platform: {os: 'linux', architecture}});
			await pushImage(registry.url, 'e2e/multi', null, image);
			built.push(image);
		}
		const index = buildIndex(built.map(image => manifestDescriptor(image, true)));
		await pushIndex(registry.url, 'e2e/multi', 'v1', {bytes: index.bytes, mediaType: index.mediaType});
		const layout = path.join(dir, 'multi.layout');
		await writeOciLayout(layout, [{image: built, refName: 'v1'}]);
		for (const [i, platform] of ['linux/amd64', 'linux/arm64'].entries()) {
			const fromRegistry = await analysis([`${registry.host}/e2e/multi:v1`, '--platform', platform]);
			const fromLayout = await analysis([layout, '--platform', platform]);
			expect(fromRegistry).toEqual(fromLayout);
			expect(fromRegistry.peel.image).toMatchObject({platform, digest: built[i]!.manifestDigest, indexDigest: index.digest});
		}
		const run = await runPeel(['--json', '-', `${registry.host}/e2e/multi:v1`, '--platform', 'linux/riscv64']);
		expect(run.code).toBe(2);
		expect(run.stderr.trim()).toMatch(/no image for platform linux\/riscv64; available: linux\/amd64, linux\/arm64/);
	});

	it('reports a missing image in one line', async () => {
		const run = await runPeel(['--json', '-', `${registry.host}/e2e/none:v1`]);
		expect(run.code).toBe(2);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
	});
});
