import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Readable} from 'node:stream';
import {expect} from 'vitest';
import type {ImageHandle} from '../../source/sources/image-handle.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';

/** A small three-layer image (a file added, then changed, then deleted) as a Docker ≤ 24 `docker save` tar. */
export async function testImage(repoTags: string[]): Promise<{image: BuiltImage; archive: Buffer}> {
	const image = await buildImage(
		{
			layers: [
				{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/motd', content: 'hello\n'}, {name: 'bin/big', content: Buffer.alloc(40_000, 7)}], createdBy: 'ADD rootfs /'},
				{entries: [{name: 'etc/motd', content: 'hello again\n'}, {name: 'app/run.sh', content: '#!/bin/sh\necho run\n', mode: 0o755}], createdBy: 'COPY . /app'},
				{entries: [{name: 'bin/.wh.big', content: ''}], createdBy: 'RUN rm /bin/big'},
			],
			config: {Cmd: ['/app/run.sh']},
		},
		{mediaTypes: 'docker'},
	);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-engine-image-'));
	try {
		const archive = await writeDockerArchiveLegacy(path.join(dir, 'image.tar'), [{image, repoTags}]);
		return {image, archive};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

async function sha256Of(stream: Readable): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of stream) hash.update(chunk as Buffer);
	return `sha256:${hash.digest('hex')}`;
}

/** What every engine-opened handle of the test image must show. */
export async function expectTestImage(handle: ImageHandle, image: BuiltImage): Promise<void> {
	const diffIds = image.layers.map(layer => layer.diffId);
	expect(handle.config.rootfs?.diff_ids).toEqual(diffIds);
	expect(handle.config.config?.Cmd).toEqual(['/app/run.sh']);
	expect(handle.config.history?.map(entry => entry.created_by)).toEqual(['ADD rootfs /', 'COPY . /app', 'RUN rm /bin/big']);
	expect(handle.layers.map(layer => layer.diffId)).toEqual(diffIds);
	for (const layer of handle.layers) {
		// The export's layers are uncompressed tars: their bytes hash to the diff_id.
		expect(await sha256Of(await layer.open())).toBe(layer.diffId);
	}
}
