import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {createReadStream, createWriteStream} from 'node:fs';
import {mkdir, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {Readable} from 'node:stream';
import {createGzip} from 'node:zlib';
import {ociLayoutFiles, writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage, type BuiltImage, type LayerSpec} from '../fixtures/image.js';
import {blobPath} from '../fixtures/image-index.js';
import {BLOCK, rawTarHeader} from '../fixtures/raw-tar.js';
import {serializeTar, withOrigins, writeLayout, type FuzzFile} from './files.js';
import {fixDigests} from './fix-digests.js';
import {viaFile} from './seeds.js';

/** A small valid image: two gzip layers, the second overwriting a file of the first. */
export function goodImage(layers?: LayerSpec[]): Promise<BuiltImage> {
	return buildImage({
		layers: layers ?? [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/hosts', content: 'h'.repeat(5000)}]},
			{entries: [{name: 'etc/hosts', content: 'H'.repeat(5000)}, {name: 'app', content: 'app'}]},
		],
	});
}

/** Edits to an image's files by name, before the digest fix-up. */
export interface Edit {
	/** Parses a JSON file, lets `change` alter it, writes it back. */
	json(name: string, change: (doc: any) => void): void;
	/** Rewrites a file's text. */
	text(name: string, change: (text: string) => string): void;
	files: FuzzFile[];
}

function editor(files: FuzzFile[]): Edit {
	const find = (name: string) => {
		const file = files.find(f => f.name === name);
		if (!file?.content) throw new Error(`no ${name} in the image`);
		return file;
	};
	return {
		files,
		json(name, change) {
			const file = find(name);
			const doc = JSON.parse(file.content!.toString('utf8'));
			change(doc);
			file.content = Buffer.from(JSON.stringify(doc));
		},
		text(name, change) {
			const file = find(name);
			file.content = Buffer.from(change(file.content!.toString('utf8')), 'utf8');
		},
	};
}

/** Writes `image` as an OCI layout at `dir` after `edit`, with every digest and size made consistent again. */
export async function editedLayout(dir: string, image: BuiltImage, edit: (e: Edit, image: BuiltImage) => void = () => {}): Promise<string> {
	const files = withOrigins([...ociLayoutFiles([{image, refName: 'latest'}])].map(([name, content]) => ({name, type: 'file' as const, content})));
	edit(editor(files), image);
	fixDigests(files);
	await writeLayout({label: 'regression', form: 'layout', files}, dir);
	return dir;
}

/** Writes images as a Docker ≤ 24 archive at `file` after `edit` (digests fixed up). */
export async function editedArchive(file: string, images: Array<{image: BuiltImage; repoTags: string[]}>, edit: (e: Edit) => void = () => {}): Promise<string> {
	const files = withOrigins(await viaFile(f => writeDockerArchiveLegacy(f, images)));
	edit(editor(files));
	fixDigests(files);
	await writeFile(file, await serializeTar({label: 'regression', form: 'tar', files}));
	return file;
}

export const configPath = (image: BuiltImage): string => blobPath(image.configDigest);
export const manifestPath = (image: BuiltImage): string => blobPath(image.manifestDigest);

/** Streams `chunks` into `command`'s stdin and returns its stdout (the compressed bomb is small). */
async function throughCommand(command: string, args: string[], chunks: AsyncIterable<Buffer>): Promise<Buffer> {
	const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'inherit']});
	const out: Buffer[] = [];
	child.stdout.on('data', (c: Buffer) => out.push(c));
	const closed = new Promise<number | null>(resolve => child.on('close', resolve));
	await pipeline(Readable.from(chunks), child.stdin);
	if ((await closed) !== 0) throw new Error(`${command} failed`);
	return Buffer.concat(out);
}

/** A layer tar holding one file of `size` zero bytes, zstd-compressed as it streams (the bomb). */
export async function zstdBombLayer(size: number): Promise<{blob: Buffer; diffId: string}> {
	const hash = createHash('sha256');
	async function* tar() {
		const emit = (b: Buffer) => (hash.update(b), b);
		yield emit(rawTarHeader({name: 'zeros', size}));
		const chunk = Buffer.alloc(4 << 20);
		for (let left = size; left > 0; left -= chunk.length) yield emit(left >= chunk.length ? chunk : chunk.subarray(0, left));
		yield emit(Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK + 2 * BLOCK));
	}
	const blob = await throughCommand('zstd', ['-3', '-q', '-c', '--no-progress'], tar());
	return {blob, diffId: `sha256:${hash.digest('hex')}`};
}

/** A gzip layer of `count` empty files, streamed to `file` (1M headers are 512 MB of tar). */
export async function manyFilesLayer(file: string, count: number): Promise<{diffId: string}> {
	const hash = createHash('sha256');
	async function* tar() {
		const batch: Buffer[] = [];
		for (let i = 0; i < count; i++) {
			batch.push(rawTarHeader({name: `d${Math.floor(i / 1000)}/f${i % 1000}`}));
			if (batch.length === 2048) yield Buffer.concat(batch.splice(0));
		}
		batch.push(Buffer.alloc(2 * BLOCK));
		yield Buffer.concat(batch);
	}
	async function* hashed() {
		for await (const chunk of tar()) {
			hash.update(chunk);
			yield chunk;
		}
	}
	await pipeline(Readable.from(hashed()), createGzip({level: 1}), createWriteStream(file));
	return {diffId: `sha256:${hash.digest('hex')}`};
}


export interface RawLayer {
	/** The blob's bytes, or a file to move into the layout. */
	blob: Buffer | {file: string};
	diffId: string;
	mediaType: string;
}

/** An OCI layout around ready-made layer blobs (for layers too big to build in memory). */
export async function layoutFromBlobs(dir: string, layers: RawLayer[]): Promise<string> {
	await mkdir(path.join(dir, 'blobs', 'sha256'), {recursive: true});
	const put = async (bytes: Buffer) => {
		const hex = createHash('sha256').update(bytes).digest('hex');
		await writeFile(path.join(dir, 'blobs', 'sha256', hex), bytes);
		return {digest: `sha256:${hex}`, size: bytes.length};
	};
	const descriptors = [];
	for (const layer of layers) {
		if (Buffer.isBuffer(layer.blob)) {
			descriptors.push({mediaType: layer.mediaType, ...(await put(layer.blob))});
			continue;
		}
		const hash = createHash('sha256');
		await pipeline(createReadStream(layer.blob.file), hash);
		const hex = hash.digest('hex');
		const size = (await stat(layer.blob.file)).size;
		await rename(layer.blob.file, path.join(dir, 'blobs', 'sha256', hex));
		descriptors.push({mediaType: layer.mediaType, digest: `sha256:${hex}`, size});
	}
	const config = await put(Buffer.from(JSON.stringify({
		architecture: 'amd64', os: 'linux', created: '2024-01-02T03:04:05Z', config: {},
		rootfs: {type: 'layers', diff_ids: layers.map(l => l.diffId)},
		history: layers.map(() => ({created: '2024-01-02T03:04:05Z', created_by: 'ADD big'})),
	})));
	const manifest = await put(Buffer.from(JSON.stringify({
		schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {mediaType: 'application/vnd.oci.image.config.v1+json', ...config}, layers: descriptors,
	})));
	await writeFile(path.join(dir, 'index.json'), JSON.stringify({
		schemaVersion: 2, manifests: [{mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: {'org.opencontainers.image.ref.name': 'latest'}}],
	}));
	await writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
	return dir;
}
