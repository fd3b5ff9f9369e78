import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
