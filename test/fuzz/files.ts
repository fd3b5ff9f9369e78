import {createHash} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {link, mkdir, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import {readTar} from '../fixtures/read-tar.js';
import {makeTar, type TarEntrySpec} from '../fixtures/tar.js';

/** What a file was in the seed image: lets the digest fix-up find every reference to it. */
export interface Origin {
	hex: string;
	size: number;
	/** sha256 of the decompressed tar, for layer blobs (= hex for an uncompressed layer). */
	diffHex?: string;
}

/** One file of an image archive or layout, mutable. */
export interface FuzzFile {
	name: string;
	type: 'file' | 'directory' | 'symlink' | 'link';
	content?: Buffer;
	linkname?: string;
	mode?: number;
	origin?: Origin;
}

/** An image as files, plus how it is stored: a tar, a gzipped tar, or a layout directory. */
export interface FuzzInput {
	label: string;
	form: 'tar' | 'tar.gz' | 'layout';
	files: FuzzFile[];
}

export const sha256Hex = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export type Compression = 'gzip' | 'zstd' | 'none';

export function compressionOf(bytes: Buffer): Compression {
	if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
	if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
	return 'none';
}

export function isTar(bytes: Buffer): boolean {
	return bytes.length >= 512 && bytes.subarray(257, 262).toString('latin1') === 'ustar';
}

/** Decompressed bytes, or null when the blob does not decompress (bounded: a mutant may be a bomb). */
export function decompress(bytes: Buffer): Buffer | null {
	try {
		const kind = compressionOf(bytes);
		if (kind === 'gzip') return gunzipSync(bytes, {maxOutputLength: 256 << 20});
		if (kind === 'zstd') return execFileSync('zstd', ['-dc', '-q', '--no-progress'], {input: bytes, maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'ignore']});
		return bytes;
	} catch {
		return null;
	}
}

export function compress(bytes: Buffer, kind: Compression): Buffer {
	if (kind === 'gzip') return gzipSync(bytes);
	if (kind === 'zstd') return execFileSync('zstd', ['-1', '-q', '-c', '--no-progress'], {input: bytes, maxBuffer: 1 << 30});
	return bytes;
}

/** A JSON document of the image (manifest, index, config, repositories), not a layer. */
export function isDocument(bytes: Buffer): boolean {
	if (bytes.length > 64 << 20 || compressionOf(bytes) !== 'none' || isTar(bytes)) return false;
	const first = bytes.subarray(0, 64).toString('latin1').trimStart()[0];
	return first === '{' || first === '[';
}

/** Records what each file is now, so later mutations can be traced back to it. */
export function withOrigins(files: FuzzFile[]): FuzzFile[] {
	for (const file of files) {
		if (file.type !== 'file' || !file.content) continue;
		const hex = sha256Hex(file.content);
		let diffHex: string | undefined;
		if (isTar(file.content)) diffHex = hex;
		else if (compressionOf(file.content) !== 'none') {
			const tar = decompress(file.content);
			if (tar && isTar(tar)) diffHex = sha256Hex(tar);
		}
		file.origin = {hex, size: file.content.length, ...(diffHex ? {diffHex} : {})};
	}
	return files;
}

/** The files of a tar (the outer archive), in order. */
export async function filesOfTar(bytes: Buffer): Promise<FuzzFile[]> {
	const entries = await readTar(compressionOf(bytes) === 'gzip' ? gunzipSync(bytes) : bytes);
	return entries.map(({header, data}) => {
		const type = header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'file';
		return {name: header.name, type, mode: header.mode, ...(type === 'file' ? {content: data} : {}), ...(header.linkname ? {linkname: header.linkname} : {})};
	});
}

export function cloneInput(input: FuzzInput): FuzzInput {
	return {...input, files: input.files.map(f => ({...f, ...(f.origin ? {origin: {...f.origin}} : {})}))};
}

/** The bytes of a tar-form input. */
export async function serializeTar(input: FuzzInput): Promise<Buffer> {
	const entries: TarEntrySpec[] = input.files.map(f => ({
		name: f.name,
		type: f.type,
		...(f.mode !== undefined ? {mode: f.mode} : {}),
		...(f.type === 'file' ? {content: f.content ?? Buffer.alloc(0)} : {}),
		...(f.linkname !== undefined ? {linkname: f.linkname} : {}),
	}));
	const tar = await makeTar(entries);
	return input.form === 'tar.gz' ? gzipSync(tar) : tar;
}

/** Writes a layout-form input under `dir` (symlinks and hardlinks as such). */
export async function writeLayout(input: FuzzInput, dir: string): Promise<void> {
	await mkdir(dir, {recursive: true});
	for (const file of input.files) {
		const full = path.join(dir, file.name);
		if (!full.startsWith(dir + path.sep)) continue; // a mutated name must not escape the mutant's directory
		await mkdir(path.dirname(full), {recursive: true});
		try {
			if (file.type === 'directory') await mkdir(full, {recursive: true});
			else if (file.type === 'symlink') await symlink(file.linkname ?? '', full);
			else if (file.type === 'link') {
				const target = path.join(dir, file.linkname ?? '');
				if (target.startsWith(dir + path.sep)) await link(target, full);
			}
			else await writeFile(full, file.content ?? Buffer.alloc(0));
		} catch {
			// two mutated names that collide: the first one stays
		}
	}
}
