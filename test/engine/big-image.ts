import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import {deterministicBytes} from '../fixtures/random.js';
import type {TarEntrySpec} from '../fixtures/tar.js';

/** The built image and what went into it. */
export interface BigImage {
	image: BuiltImage;
	/** The archive's bytes (also written to the path given). */
	archive: Buffer;
	/** Each layer's entries, as written into its tar (whiteouts included). */
	layers: TarEntrySpec[][];
}

/** Incompressible bytes to slice file contents from; one pool, so building stays quick. */
const POOL = deterministicBytes('peel-big-image', 4 << 20);

function bytes(offset: number, size: number): Buffer {
	if (size <= POOL.length) {
		const start = (offset * 4099) % (POOL.length - size + 1);
		return POOL.subarray(start, start + size);
	}
	const parts: Buffer[] = [];
	for (let left = size, i = offset; left > 0; left -= POOL.length, i++) parts.push(bytes(i, Math.min(left, POOL.length)));
	return Buffer.concat(parts);
}

const file = (name: string, size: number, seed: number, mode?: number): TarEntrySpec => ({name, content: bytes(seed, size), ...(mode ? {mode} : {})});

/**
 * A realistic large image as a Docker ≤ 24 `docker save` tar: a base of a few thousand small
 * files, a layer of big binaries, an app layer of many small files, a layer that rewrites
 * and deletes some of them, and a big data file on top. `megabytes` sets the total
 * (layer tars, uncompressed, as an engine exports them); the shape stays the same.
 */
export async function buildBigImage(archivePath: string, repoTags: string[], megabytes: number): Promise<BigImage> {
	const total = megabytes << 20;
	// Small files, about 60 MB in all: 3k of 2–22 kB in the base, 4k of 1–11 kB in the app.
	const smallSize = (i: number) => 2000 + ((i * 7919) % 20_000);
	const base: TarEntrySpec[] = [];
	for (let i = 0; i < 3000; i++) base.push(file(`usr/lib/pkg${i % 60}/lib${i}.so`, smallSize(i), i));
	const app: TarEntrySpec[] = [];
	for (let i = 0; i < 4000; i++) app.push(file(`app/node_modules/m${i % 200}/f${i}.js`, Math.floor(smallSize(i + 3000) / 2), i + 3000));
	const rewrite: TarEntrySpec[] = [];
	for (let i = 0; i < 400; i++) rewrite.push(file(`app/node_modules/m${i % 200}/f${i}.js`, 300, i + 9000));
	for (let i = 0; i < 20; i++) rewrite.push({name: `usr/lib/pkg${i}/.wh.lib${i}.so`, content: ''});
	const smallBytes = [...base, ...app, ...rewrite].reduce((sum, entry) => sum + (entry.content as Buffer).length, 0);
	// The rest goes to big files: three binaries in one layer, one data file on top.
	const big = Math.max(1 << 20, Math.floor((total - smallBytes) / 4));
	const binaries = [file('usr/bin/server', big, 1), file('usr/bin/helper', big, 2, 0o755), file('usr/share/model.bin', big, 3)];
	const data = [file('data/blob.db', big, 4)];

	const layers: LayerSpec[] = [
		{entries: base, createdBy: 'ADD rootfs.tar /', compression: 'none'},
		{entries: binaries, createdBy: 'COPY bin/ /usr/bin/', compression: 'none'},
		{entries: app, createdBy: 'RUN npm ci', compression: 'none'},
		{entries: rewrite, createdBy: 'RUN npm prune && rm -f old libraries', compression: 'none'},
		{entries: data, createdBy: 'COPY blob.db /data/', compression: 'none'},
	];
	const image = await buildImage({layers, config: {Cmd: ['/usr/bin/server']}}, {mediaTypes: 'docker'});
	const archive = await writeDockerArchiveLegacy(archivePath, [{image, repoTags}]);
	return {image, archive, layers: layers.map(layer => layer.entries)};
}
