import {createHash} from 'node:crypto';
import {copyFileSync, createReadStream, createWriteStream, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {createGunzip, createGzip} from 'node:zlib';
import tar from 'tar-stream';
import {ensureBenchImage} from './bench-image.js';

/**
 * The bench image's next version: the same blobs for layers 0–6, and layer 7 rebuilt
 * with a few changes (every 10th home file edited, some removed, 1,000 added, some
 * symlinks retargeted) plus one more Env entry — what a rebuild of the top step gives.
 * Cached in the temp directory beside the bench image.
 */
export const BENCH_NEXT_DIR = path.join(os.tmpdir(), 'peel-bench-v1-next');

type Json = Record<string, any>;

function readJson(dir: string, digest: string): Json {
	return JSON.parse(readFileSync(path.join(dir, 'blobs', 'sha256', digest.slice(7)), 'utf8')) as Json;
}

function writeJson(dir: string, value: unknown): {digest: string; size: number} {
	const bytes = Buffer.from(JSON.stringify(value));
	const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
	writeFileSync(path.join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
	return {digest, size: bytes.length};
}

/** Hashes what flows through (the tar for the diff_id, the gzip for the digest). */
function hashing(hash: ReturnType<typeof createHash>, counter: {bytes: number}) {
	return async function* (source: AsyncIterable<Buffer>) {
		for await (const chunk of source) {
			hash.update(chunk);
			counter.bytes += chunk.length;
			yield chunk;
		}
	};
}

/** Layer 7 of the bench image, re-packed with the changes. */
async function rebuildTopLayer(fromBlob: string, blobsDir: string): Promise<{digest: string; diffId: string; size: number}> {
	const extract = tar.extract();
	const pack = tar.pack();
	const tarHash = createHash('sha256');
	const blobHash = createHash('sha256');
	const blobBytes = {bytes: 0};
	const tmp = path.join(blobsDir, 'tmp-next');
	const writing = (pipeline as (...streams: unknown[]) => Promise<void>)(pack, hashing(tarHash, {bytes: 0}), createGzip({level: 1}), hashing(blobHash, blobBytes), createWriteStream(tmp));
	const reading = pipeline(createReadStream(fromBlob), createGunzip(), extract);
	const put = (header: Partial<tar.Header> & {name: string}, data?: Buffer) =>
		new Promise<void>((resolve, reject) => pack.entry(header as tar.Header, data ?? Buffer.alloc(0), error => (error ? reject(error) : resolve())));
	for await (const entry of extract) {
		const chunks: Buffer[] = [];
		for await (const chunk of entry) chunks.push(chunk as Buffer);
		const header = entry.header;
		const file = /^home\/u\d+\/h(\d+)\.txt$/.exec(header.name);
		const link = /^usr\/bin\/l(\d+)$/.exec(header.name);
		if (file && Number(file[1]) >= 5000 && Number(file[1]) % 20 === 7) continue; // removed (no hardlink points at these)
		if (file && Number(file[1]) % 10 === 3) {
			await put({...header, size: undefined}, Buffer.concat([...chunks, Buffer.from(' edited in the next version\n')]));
		} else if (link && Number(link[1]) % 50 === 0) {
			await put({...header, linkname: `../share/doc0/d${link[1]}.txt`});
		} else {
			await put(header, Buffer.concat(chunks));
		}
	}
	await reading;
	const mtime = new Date('2024-02-01T00:00:00Z');
	for (let i = 0; i < 1000; i++) await put({name: `home/new/n${i}.txt`, mode: 0o644, mtime}, Buffer.from(`new file ${i}\n`.repeat(100)));
	pack.finalize();
	await writing;
	const digest = `sha256:${blobHash.digest('hex')}`;
	renameSync(tmp, path.join(blobsDir, digest.slice(7)));
	return {digest, diffId: `sha256:${tarHash.digest('hex')}`, size: blobBytes.bytes};
}

/** Builds the next version unless it is cached; returns its layout directory. */
export async function ensureBenchImageNext(log: (line: string) => void = () => {}): Promise<string> {
	if (existsSync(path.join(BENCH_NEXT_DIR, 'index.json'))) return BENCH_NEXT_DIR;
	const from = await ensureBenchImage(log);
	log('generating the next version of the bench image…');
	rmSync(BENCH_NEXT_DIR, {recursive: true, force: true});
	const blobs = path.join(BENCH_NEXT_DIR, 'blobs', 'sha256');
	mkdirSync(blobs, {recursive: true});
	const index = JSON.parse(readFileSync(path.join(from, 'index.json'), 'utf8')) as Json;
	const manifest = readJson(from, index['manifests'][0].digest);
	const config = readJson(from, manifest['config'].digest);
	const layers = [...manifest['layers']] as Json[];
	for (const layer of layers.slice(0, -1)) {
		const source = path.join(from, 'blobs', 'sha256', layer['digest'].slice(7));
		const target = path.join(blobs, layer['digest'].slice(7));
		try {
			linkSync(source, target);
		} catch {
			copyFileSync(source, target);
		}
	}
	const top = await rebuildTopLayer(path.join(from, 'blobs', 'sha256', layers.at(-1)!['digest'].slice(7)), blobs);
	layers[layers.length - 1] = {...layers.at(-1), digest: top.digest, size: top.size};
	const diffIds = [...config['rootfs'].diff_ids];
	diffIds[diffIds.length - 1] = top.diffId;
	const nextConfig = writeJson(BENCH_NEXT_DIR, {...config, config: {Env: ['BENCH_VERSION=next']}, rootfs: {type: 'layers', diff_ids: diffIds}});
	const nextManifest = writeJson(BENCH_NEXT_DIR, {...manifest, config: {...manifest['config'], ...nextConfig}, layers});
	writeFileSync(path.join(BENCH_NEXT_DIR, 'oci-layout'), JSON.stringify({imageLayoutVersion: '1.0.0'}));
	// index.json last: its presence marks a complete cache.
	writeFileSync(
		path.join(BENCH_NEXT_DIR, 'index.json'),
		JSON.stringify({schemaVersion: 2, manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', ...nextManifest, annotations: {'org.opencontainers.image.ref.name': 'bench-next'}}]}),
	);
	return BENCH_NEXT_DIR;
}
