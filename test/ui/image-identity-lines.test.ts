import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {imageDetailLines} from '../../source/ui/details/image-detail-lines.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {umociUnpackListing} from '../fixtures/umoci.js';
import {tempDir} from '../helpers/temp-dir.js';
import {writeInspectArchive, writeInspectLayout} from './helpers/inspect-image.js';
import {loadArchive} from './helpers/load-fixture.js';

const dir = tempDir('peel-identity-lines-');
const sha256sum = (bytes: Buffer) => `sha256:${execFileSync('sha256sum', {input: bytes, encoding: 'utf8'}).split(' ')[0]}`;
const value = (data: ExplorerData, label: string) => imageDetailLines(data).find(line => line.label === label)?.value;

/** Six paths written, four of them gone by the top layer: a whiteout of a file, and of a directory with two below it. */
const layers = [
	{
		entries: [
			{name: 'a/', type: 'directory' as const},
			{name: 'a/x', content: 'x'},
			{name: 'a/y', content: 'y'},
			{name: 'b/', type: 'directory' as const},
			{name: 'b/c/', type: 'directory' as const},
			{name: 'b/c/d', content: 'd'},
		],
	},
	{entries: [{name: '.wh.b', content: ''}, {name: 'a/', type: 'directory' as const}, {name: 'a/.wh.x', content: ''}]},
];

describe('Image details: which digest, which paths, the pinned reference', () => {
	let archive: ExplorerData;
	let configDigest = '';
	beforeAll(async () => {
		const written = await writeInspectArchive(dir);
		const listed = JSON.parse(execFileSync('tar', ['-xOf', written.file, 'manifest.json'], {encoding: 'utf8'}));
		configDigest = sha256sum(execFileSync('tar', ['-xOf', written.file, listed[0].Config]));
		archive = buildExplorerData(await loadArchive(written.file));
	});

	test('a docker save archive: the image ID (its config digest, as docker images shows), no pinned reference', () => {
		expect(value(archive, 'Digest')).toBe(`image ID ${configDigest} (the config's, as docker images shows)`);
		expect(value(archive, 'Pinned')).toBe('none (i says why)');
	});

	test('an image picked from an index: the manifest digest, said to be one', async () => {
		const layout = await writeInspectLayout(dir);
		const data = buildExplorerData(await loadArchive(layout.dir));
		expect(value(data, 'Digest')).toBe(`manifest ${sha256sum(layout.amd64.manifestBytes)} (in an index)`);
	});

	test('paths: the final filesystem (as umoci unpacks it) and every path any layer wrote', async () => {
		const image = await buildImage({layers});
		const layout = path.join(dir, 'removals');
		await writeOciLayout(layout, [{image, refName: 'r'}]);
		const unpacked = await umociUnpackListing(layout, 'r');
		expect([...unpacked.keys()].sort()).toEqual(['a', 'a/y']);
		const written = new Set(layers[0]!.entries.map(entry => entry.name.replace(/\/$/, '')));
		const data = buildExplorerData(await loadArchive(layout));
		expect(value(data, 'Paths')).toBe(`${unpacked.size} in the final image, ${written.size} across layers`);
		// Nothing removed: one figure.
		expect(value(archive, 'Paths')).toMatch(/^\d+ in the final image$/);
	});
});
