import {createHash} from 'node:crypto';
import {createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {createGzip} from 'node:zlib';
import tar from 'tar-stream';

/**
 * A deterministic bench image as an OCI layout with gzip layers: 8 layers, > 1 GB
 * uncompressed, > 300k tar entries, with overwrites, rewrites, chmods, whiteouts, opaque
 * directories, symlinks and hardlinks. Cached in the temp directory.
 */
export const BENCH_DIR = path.join(os.tmpdir(), 'peel-bench-v1');

/** xorshift32: the same numbers on every machine. */
export function random(seed: number) {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 4294967296;
	};
}

const rand = random(42);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

/** Text-like bytes (compress about 2:1, like real files) to slice file contents from. */
const POOL = (() => {
	const words = Array.from({length: 2000}, () => Array.from({length: int(2, 9)}, () => String.fromCharCode(97 + int(0, 25))).join(''));
	let text = '';
	while (text.length < 8 << 20) text += words[int(0, words.length - 1)] + (rand() < 0.1 ? '\n' : ' ');
	return Buffer.from(text);
})();

const content = (size: number) => {
	const start = int(0, POOL.length - size - 1);
	return POOL.subarray(start, start + size);
};

export type Entry = {name: string; type?: 'directory' | 'symlink' | 'link'; data?: Buffer; mode?: number; linkname?: string};

const L0_DIRS = 300;
const L0_FILES = 120_000;
const fileName = (i: number) => `srv/d${String(i % L0_DIRS).padStart(3, '0')}/f${String(i).padStart(6, '0')}.txt`;
const sizeOf = (i: number) => 1000 + ((i * 7919) % 5000);

function* layer(index: number): Generator<Entry> {
	switch (index) {
		case 0:
			for (let d = 0; d < L0_DIRS; d++) yield {name: `srv/d${String(d).padStart(3, '0')}/`, type: 'directory'};
			for (let i = 0; i < L0_FILES; i++) yield {name: fileName(i), data: content(sizeOf(i))};
			break;
		case 1:
			for (let i = 0; i < 60_000; i++) yield {name: `opt/new${i % 200}/n${i}.dat`, data: content(int(1000, 5000))};
			yield {name: 'opt/big/blob-a.bin', data: content(50 << 20)};
			yield {name: 'opt/big/blob-b.bin', data: content(50 << 20)};
			break;
		case 2:
			for (let i = 0; i < 30_000; i++) yield {name: fileName(i * 4), data: content(sizeOf(i * 4))};
			break;
		case 3:
			for (let i = 0; i < 20_000; i++) {
				const name = fileName(i * 5 + 1);
				yield {name: name.replace(/[^/]+$/, base => `.wh.${base}`), data: Buffer.alloc(0)};
			}
			for (let d = 280; d < L0_DIRS; d++) yield {name: `srv/.wh.d${d}`, data: Buffer.alloc(0)};
			break;
		case 4:
			for (let d = 0; d < 5; d++) yield {name: `srv/d${String(d).padStart(3, '0')}/.wh..wh..opq`, data: Buffer.alloc(0)};
			for (let i = 0; i < 40_000; i++) yield {name: `var/lib/pkg${i % 400}/p${i}.db`, data: content(int(1000, 5000))};
			break;
		case 5:
			// The same bytes again (pure waste), and chmod-only copies.
			for (let i = 0; i < 10_000; i++) yield {name: `opt/new${i % 200}/n${i}.dat`, data: content(int(1000, 5000))};
			for (let i = 0; i < 5_000; i++) {
				const n = i * 7 + 3;
				yield {name: fileName(n), data: content(sizeOf(n)), mode: 0o755};
			}
			break;
		case 6:
			yield {name: 'opt/big/.wh.blob-a.bin', data: Buffer.alloc(0)};
			for (let i = 0; i < 30_000; i++) yield {name: `usr/share/doc${i % 300}/d${i}.txt`, data: content(int(1000, 5000))};
			break;
		case 7:
			for (let i = 0; i < 20_000; i++) yield {name: `home/u${i % 100}/h${i}.txt`, data: content(int(1000, 5000))};
			for (let i = 0; i < 5_000; i++) yield {name: `usr/bin/l${i}`, type: 'symlink', linkname: `../share/doc${i % 300}/d${i}.txt`};
			for (let i = 0; i < 5_000; i++) yield {name: `home/u${i % 100}/hl${i}`, type: 'link', linkname: `home/u${i % 100}/h${i}.txt`};
			break;
	}
}

class Hasher {
	readonly hash = createHash('sha256');
	bytes = 0;
	update(chunk: Buffer) {
		this.hash.update(chunk);
		this.bytes += chunk.length;
	}
}

export interface WrittenLayer {
	digest: string;
	diffId: string;
	size: number;
	/** Bytes of the uncompressed tar. */
	tarBytes: number;
}

function writeLayer(index: number, blobsDir: string): Promise<WrittenLayer> {
	return writeLayerBlob(layer(index), blobsDir, `tmp-${index}`);
}

/** One gzip layer blob (level 1, as fast builders write) from `entries`, named by its digest. */
export async function writeLayerBlob(entries: Iterable<Entry>, blobsDir: string, tmpName: string): Promise<WrittenLayer> {
	const pack = tar.pack();
	const tarHash = new Hasher();
	const blobHash = new Hasher();
	const tmp = path.join(blobsDir, tmpName);
	const gzip = createGzip({level: 1});
	const writing = (pipeline as (...streams: unknown[]) => Promise<void>)(
		pack,
		async function* (source: AsyncIterable<Buffer>) {
			for await (const chunk of source) {
				tarHash.update(chunk);
				yield chunk;
			}
		},
		gzip,
		async function* (source: AsyncIterable<Buffer>) {
			for await (const chunk of source) {
				blobHash.update(chunk);
				yield chunk;
			}
		},
		createWriteStream(tmp),
	);
	const mtime = new Date('2024-01-01T00:00:00Z');
	for (const e of entries) {
		const header = {name: e.name, type: e.type ?? 'file', mode: e.mode ?? (e.type === 'directory' ? 0o755 : 0o644), mtime, linkname: e.linkname, size: e.data?.length ?? 0};
		await new Promise<void>((resolve, reject) => {
			const ok = pack.entry(header as Parameters<typeof pack.entry>[0], e.data ?? Buffer.alloc(0), error => (error ? reject(error) : resolve()));
			void ok;
		});
	}
	pack.finalize();
	await writing;
	const digest = `sha256:${blobHash.hash.digest('hex')}`;
	renameSync(tmp, path.join(blobsDir, digest.slice(7)));
	return {digest, diffId: `sha256:${tarHash.hash.digest('hex')}`, size: blobHash.bytes, tarBytes: tarHash.bytes};
}

function writeJsonBlob(blobsDir: string, value: unknown): {digest: string; size: number} {
	const bytes = Buffer.from(JSON.stringify(value));
	const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
	writeFileSync(path.join(blobsDir, digest.slice(7)), bytes);
	return {digest, size: bytes.length};
}

/** Builds the bench image unless it is cached; returns the layout directory. */
export async function ensureBenchImage(log: (line: string) => void = () => {}): Promise<string> {
	if (existsSync(path.join(BENCH_DIR, 'index.json'))) return BENCH_DIR;
	rmSync(BENCH_DIR, {recursive: true, force: true});
	const blobs = path.join(BENCH_DIR, 'blobs', 'sha256');
	mkdirSync(blobs, {recursive: true});
	const layers = [];
	for (let i = 0; i < 8; i++) {
		log(`generating bench layer ${i}…`);
		layers.push(await writeLayer(i, blobs));
	}
	writeLayoutFiles(BENCH_DIR, layers);
	return BENCH_DIR;
}

/** Config, manifest, oci-layout and index.json (last: its presence marks a complete image) for gzip layers. */
export function writeLayoutFiles(dir: string, layers: WrittenLayer[]): void {
	const blobs = path.join(dir, 'blobs', 'sha256');
	const config = writeJsonBlob(blobs, {
		architecture: 'amd64',
		os: 'linux',
		rootfs: {type: 'layers', diff_ids: layers.map(l => l.diffId)},
		history: layers.map((_, i) => ({created_by: `RUN bench step ${i}`})),
	});
	const manifest = writeJsonBlob(blobs, {
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', ...config},
		layers: layers.map(l => ({mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size})),
	});
	writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({imageLayoutVersion: '1.0.0'}));
	writeFileSync(
		path.join(dir, 'index.json'),
		JSON.stringify({schemaVersion: 2, manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: {'org.opencontainers.image.ref.name': 'bench'}}]}),
	);
}

export function layerBlobs(dir: string): string[] {
	const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, any>;
	const index = read('index.json') as {manifests: Array<{digest: string}>};
	const manifest = read(`blobs/sha256/${index.manifests[0]!.digest.slice(7)}`) as {layers: Array<{digest: string}>};
	return manifest.layers.map(l => path.join(dir, 'blobs', 'sha256', l.digest.slice(7)));
}
