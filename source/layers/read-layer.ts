import {createHash} from 'node:crypto';
import {PassThrough, type Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {classifyName, fileTypeOf} from './classify-entry.js';
import {createDecompressor} from './decompress.js';
import {decodeEntryName} from './decode-name.js';
import {HashMeter} from './hash-meter.js';
import type {LayerContents, LayerEntry} from './layer-entry.js';
import {normalizeEntryPath} from './normalize-path.js';
import {peek} from './peek.js';
import {sniffCompression} from './sniff-compression.js';

export interface ReadLayerOptions {
	/** How errors and warnings name this layer, e.g. "layer 3 (sha256:ab12…)". */
	label: string;
	expectedDiffId?: string | null;
	expectedDigest?: string | null;
	expectedSize?: number | null;
	/** Called as bytes of the stored blob are read and entries parsed (not throttled). */
	onProgress?: (blobBytes: number, entries: number) => void;
}

const typeFlags: Record<string, number> = {
	file: 48,
	link: 49,
	symlink: 50,
	'character-device': 51,
	'block-device': 52,
	directory: 53,
	fifo: 54,
	'contiguous-file': 55,
};

const typeflagNames: Record<string, string> = {
	file: '0',
	link: '1',
	symlink: '2',
	'character-device': '3',
	'block-device': '4',
	directory: '5',
	fifo: '6',
	'contiguous-file': '7',
};

/**
 * Reads one layer blob to its end: sniffs its compression, parses the tar, hashes
 * every regular file, and verifies the blob digest and diff_id. Streams only: the
 * layer is never held in memory whole.
 */
export async function readLayer(blob: Readable, options: ReadLayerOptions): Promise<LayerContents> {
	const {label} = options;
	const entries: LayerEntry[] = [];
	const warnings: string[] = [];
	const seen = new Set<string>();
	let sparseSeen: string | null = null;

	const {head, stream} = await peek(blob, 4).catch(error => {
		throw readError(label, error);
	});
	const compression = sniffCompression(head);
	const blobMeter = new HashMeter(bytes => options.onProgress?.(bytes, entries.length));
	const tarMeter = new HashMeter();
	const decompressor = createDecompressor(compression);
	// v7 tars need allowUnknownFormat; names are read as raw bytes (see decodeEntryName).
	const extract = tar.extract({allowUnknownFormat: true, filenameEncoding: 'binary'} as Parameters<typeof tar.extract>[0]);
	const stages: NodeJS.ReadWriteStream[] = decompressor ? [blobMeter, decompressor, tarMeter] : [blobMeter, tarMeter];
	// tar-stream is a streamx stream: fed by pipe, its failures surface in the loop below.
	const feeding = pipeline([stream, ...stages] as unknown as [Readable, ...NodeJS.ReadWriteStream[]]).then(
		() => null,
		(error: unknown) => error,
	);
	(stages.at(-1) as PassThrough).pipe(extract as unknown as NodeJS.WritableStream);
	let feedError: unknown = null;
	void feeding.then(error => {
		if (error) {
			feedError = error;
			extract.destroy(error as Error);
		}
	});

	try {
		for await (const entry of extract) {
			const header = entry.header;
			const typeName = header.type ?? null;
			let type = typeName ? fileTypeOf(typeflagNames[typeName] ?? '') : null;
			// Old tars mark directories by a trailing slash only; tar-stream types them before noticing.
			if (type === 'file' && header.name.endsWith('/') && (header.size ?? 0) === 0) type = 'dir';
			const name = decodeEntryName(header.name, hasPax(header, 'path'));
			if (!type) {
				// Unknown types (GNU sparse 'S', volume headers, …) are skipped, not fatal.
				warnings.push(`${label}: skipped "${name}": unsupported tar entry type`);
				sparseSeen = name;
				entry.resume();
				continue;
			}
			const path = normalizeEntryPath(name);
			if (path === null) {
				entry.resume();
				throw new PeelError(`${label}: entry "${name}" points outside the image root: refusing to read this layer`);
			}
			if (path === '') {
				entry.resume();
				continue; // the root directory itself
			}
			let hash: string | null = null;
			if (type === 'file') {
				const h = createHash('sha256');
				for await (const chunk of entry) h.update(chunk as Buffer);
				hash = h.digest('hex').slice(0, 32);
			} else {
				entry.resume();
			}
			let linkTarget: string | null = header.linkname ? decodeEntryName(header.linkname, hasPax(header, 'linkpath')) : null;
			if (type === 'hardlink' && linkTarget !== null) {
				const target = normalizeEntryPath(linkTarget);
				if (target === null || target === '') {
					throw new PeelError(`${label}: hardlink "${name}" points outside the image root: refusing to read this layer`);
				}
				linkTarget = target;
			}
			if (seen.has(path)) warnings.push(`${label}: "${path}" appears twice in this layer; the last one wins`);
			seen.add(path);
			entries.push({
				path,
				kind: classifyName(path, type),
				typeFlag: type === 'dir' ? 53 : typeFlags[typeName!] ?? 48,
				size: type === 'file' ? header.size ?? 0 : header.size ?? 0,
				mode: (header.mode ?? 0) & 0o7777,
				uid: header.uid ?? 0,
				gid: header.gid ?? 0,
				linkTarget,
				hash,
			});
		}
	} catch (error) {
		stream.destroy();
		throw readError(label, feedError ?? error, sparseSeen);
	}
	const failure = await feeding;
	if (failure) throw readError(label, failure);
	options.onProgress?.(blobMeter.bytes, entries.length);

	const digest = blobMeter.digest();
	const diffId = tarMeter.digest();
	if (options.expectedDigest && options.expectedDigest !== digest) {
		throw new PeelError(`${label}: blob digest mismatch: expected ${options.expectedDigest}, got ${digest} — the file is corrupt or was altered`);
	}
	if (options.expectedDiffId && options.expectedDiffId !== diffId) {
		throw new PeelError(`${label}: diff_id mismatch: the config says ${options.expectedDiffId}, the content is ${diffId} — the image is corrupt or was altered`);
	}
	if (options.expectedSize != null && options.expectedSize !== blobMeter.bytes) {
		throw new PeelError(`${label}: size mismatch: expected ${options.expectedSize} bytes, read ${blobMeter.bytes}`);
	}
	if (entries.some(e => e.path === 'stargz.index.json')) warnings.push(`${label}: eStargz layer (stargz.index.json and landmark files are part of the format)`);
	return {
		entries,
		diffId,
		digest,
		compression,
		compressedSize: blobMeter.bytes,
		uncompressedSize: tarMeter.bytes,
		warnings,
	};
}

function readError(label: string, error: unknown, sparse: string | null = null): Error {
	if (error instanceof PeelError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (/unexpected end of (data|file)/i.test(message)) return new PeelError(`${label} is truncated: the data ends in the middle of the archive`);
	if (/invalid tar header/i.test(message)) {
		if (sparse) return new PeelError(`${label}: cannot read past "${sparse}", an old GNU sparse file with more than 4 regions, which peel does not support`);
		return new PeelError(`${label} is not a valid tar archive (${message.replace(/\.$/, '')})`);
	}
	if (/incorrect header check|invalid (block type|distance|code)|unknown compression|invalid stored block|zstd|invalid|corrupt/i.test(message)) {
		return new PeelError(`${label}: corrupt compressed data (${message})`);
	}
	return new PeelError(`${label}: ${message}`);
}

function hasPax(header: object, key: string): boolean {
	const pax = (header as {pax?: Record<string, string> | null}).pax;
	return Boolean(pax?.[key]);
}
