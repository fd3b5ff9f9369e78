import {execFileSync} from 'node:child_process';
import {closeSync, linkSync, mkdirSync, openSync, writeFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ImageContent} from '../../source/content/image-content.js';
import {resolvePath} from '../../source/content/resolve-path.js';
import {seekRoutes} from '../../source/content/seek-entries.js';
import {CHECKPOINT_SPACING} from '../../source/layers/indexing-gunzip.js';
import {loadImage} from '../../source/load/load-image.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {openImage} from '../../source/sources/open-image.js';
import {writeDockerArchiveLegacy, writeOciLayout} from '../fixtures/archives.js';
import {gzipMultiMember, zstd} from '../fixtures/compress.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';

/**
 * Reading single files through the seek index (content/seek-entries.ts) against GNU tar's
 * own `tar -xO` of the same layer tar, which GNU tar wrote from files on disk: entries
 * first, in the middle, last, across gzip checkpoints, a sparse file, a hardlink and a
 * long name, in gzip (GNU gzip's blocks, not zlib's), zstd and uncompressed layers.
 */
const dir = tempDir('peel-seek-read-');
const src = path.join(dir, 'src');
const FILES = 3600;
const names: string[] = [];
const SPARSE = 'data/disk.img';
const LINK = 'data/hardlink-to-first';
const LONG = `data/${'a-long-directory-name/'.repeat(6)}file-with-a-long-name.txt`;

/** Text-like bytes that do not repeat, from a seed (xorshift32). */
function text(seed: number, size: number): Buffer {
	let x = seed >>> 0 || 1;
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = i % 70 === 69 ? 10 : 97 + ((x >>> 0) % 26);
	}
	return out;
}

let tarPlain: {posix: Buffer; gnu: Buffer};

beforeAll(() => {
	for (let i = 0; i < FILES; i++) {
		const name = `data/d${String(i % 40).padStart(2, '0')}/f${String(i).padStart(5, '0')}.txt`;
		mkdirSync(path.join(src, path.dirname(name)), {recursive: true});
		writeFileSync(path.join(src, name), text(i + 7, 6000 + (i % 13) * 500));
		names.push(name);
	}
	const disk = path.join(src, SPARSE);
	execFileSync('truncate', ['-s', String(5 << 20), disk]);
	const fd = openSync(disk, 'r+');
	for (let i = 0; i < 3; i++) writeSync(fd, text(99 + i, 3000), 0, undefined, i * (2 << 20));
	closeSync(fd);
	linkSync(path.join(src, names[0]!), path.join(src, LINK));
	mkdirSync(path.join(src, path.dirname(LONG)), {recursive: true});
	writeFileSync(path.join(src, LONG), text(5, 20_000));
	// The order of the tar: half the files, the sparse file, the rest, the hardlink and the long name last.
	const order = [...names.slice(0, FILES / 2), SPARSE, ...names.slice(FILES / 2), LINK, LONG];
	writeFileSync(path.join(dir, 'order'), order.join('\n') + '\n');
	const make = (format: string[]) => execFileSync('tar', ['--sparse', ...format, '--no-recursion', '-C', src, '-cf', '-', '-T', path.join(dir, 'order')], {maxBuffer: 1 << 28});
	tarPlain = {posix: make(['--format=posix', '--sparse-version=1.0']), gnu: make(['--format=gnu'])};
}, 60_000);

const opened: Array<{close(): Promise<void>}> = [];
afterAll(async () => {
	await Promise.all(opened.map(handle => handle.close()));
});

async function load(name: string, tar: Buffer, compression: 'gzip' | 'zstd' | 'none', members = 1): Promise<AnalyzedImage> {
	const gnuGzip = (bytes: Buffer) => execFileSync('gzip', ['-6', '-c'], {input: bytes, maxBuffer: 1 << 28});
	const encode = compression === 'gzip' ? (members > 1 ? (bytes: Buffer) => gzipMultiMember(bytes, members) : gnuGzip) : compression === 'zstd' ? (bytes: Buffer) => zstd(bytes) : undefined;
	const image = await buildImage({layers: [{entries: [], rawTar: tar, compression, encode}]});
	const layout = path.join(dir, name);
	await writeOciLayout(layout, [{image, refName: 't'}]);
	const handle = await openImage({kind: 'oci-dir', path: layout, reference: layout}, {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	opened.push(handle);
	return loadImage(handle);
}

async function read(image: AnalyzedImage, file: string): Promise<Buffer> {
	const found = resolvePath(image.model.root, `/${file}`, 0, true);
	if (!found.ok) throw new Error(`${file}: ${found.problem}`);
	const parts: Buffer[] = [];
	await new ImageContent(image).read([{path: found.node.path, version: found.version, tag: null}], async (_, bytes) => {
		for await (const chunk of bytes) parts.push(Buffer.from(chunk));
	});
	return Buffer.concat(parts);
}

/** GNU tar's reading of one member (a hardlink reads as nothing there: its target is given). */
function tarRead(tar: Buffer, file: string): Buffer {
	const tarFile = path.join(dir, 'layer.tar');
	writeFileSync(tarFile, tar);
	return execFileSync('tar', ['-xOf', tarFile, file === LINK ? names[0]! : file], {maxBuffer: 1 << 28});
}

/** Entries that start before a checkpoint and end after it, and the first after each. */
function acrossCheckpoints(image: AnalyzedImage): string[] {
	const {entries, seek} = image.layers[0]!;
	const picked: string[] = [];
	for (const checkpoint of seek!.checkpoints) {
		const at = entries.findIndex((entry, i) => entry.kind === 'file' && seek!.starts[i]! < checkpoint.out && seek!.starts[i]! + 1024 + entry.size > checkpoint.out);
		if (at >= 0) picked.push(entries[at]!.path, entries[at + 1]!.path);
	}
	return picked;
}

/** Entries that straddle the points where gzipMultiMember starts a member (equal parts of the tar). */
function acrossMembers(image: AnalyzedImage, tarBytes: number, members: number): string[] {
	const {entries, seek} = image.layers[0]!;
	const size = Math.ceil(tarBytes / members);
	const picked: string[] = [];
	for (let cut = size; cut < tarBytes; cut += size) {
		const at = entries.findIndex((entry, i) => entry.kind === 'file' && seek!.starts[i]! < cut && seek!.starts[i]! + 1024 + entry.size > cut);
		if (at >= 0) picked.push(entries[at]!.path);
	}
	return picked;
}

const cases = [
	{name: 'gzip, PAX', compression: 'gzip', dialect: 'posix', route: 'checkpoint'},
	{name: 'gzip, GNU', compression: 'gzip', dialect: 'gnu', route: 'checkpoint'},
	// Checkpoints inside members, reads that run on into the next member (eStargz, pigz --independent).
	{name: 'gzip of 7 members, PAX', compression: 'gzip', dialect: 'posix', route: 'checkpoint', members: 7},
	{name: 'zstd, PAX', compression: 'zstd', dialect: 'posix', route: 're-stream'},
	{name: 'uncompressed, GNU', compression: 'none', dialect: 'gnu', route: 'positioned'},
] as const;

describe('a file read at its entry equals tar -xO of the layer', () => {
	for (const c of cases) {
		it(c.name, async () => {
			const tar = tarPlain[c.dialect];
			expect(tar.length).toBeGreaterThan(3 * CHECKPOINT_SPACING);
			const image = await load(c.name.replace(/\W+/g, '-'), tar, c.compression, 'members' in c ? c.members : 1);
			const seek = image.layers[0]!.seek!;
			if (c.compression === 'gzip') expect(seek.checkpoints.length).toBeGreaterThanOrEqual(3);
			else expect(seek.checkpoints).toEqual([]);
			const files = [names[0]!, names[FILES / 2]!, names[FILES - 1]!, SPARSE, LINK, LONG, ...(c.compression === 'gzip' ? acrossCheckpoints(image) : []), ...('members' in c ? acrossMembers(image, tar.length, c.members) : [])];
			const routes = seekRoutes.length;
			for (const file of files) {
				const ours = await read(image, file);
				expect(ours.equals(tarRead(tar, file)), file).toBe(true);
			}
			const used = seekRoutes.slice(routes);
			expect(used.length).toBe(files.length);
			// Late files take the cheap route; a gzip entry before the first checkpoint is inflated from the blob's start.
			const {entries} = image.layers[0]!;
			const early = (file: string) => c.compression === 'gzip' && seek.starts[entries.findIndex(entry => entry.path === (file === LINK ? names[0] : file))]! < seek.checkpoints[0]!.out;
			expect(used).toEqual(files.map(file => (early(file) ? 're-stream' : c.route)));
		}, 120_000);
	}
});

it('a layer.tar inside a docker save archive is read in place, at the entry', async () => {
	const image = await buildImage({layers: [{entries: [], rawTar: tarPlain.gnu, compression: 'none'}]});
	const archive = path.join(dir, 'saved.tar');
	await writeDockerArchiveLegacy(archive, [{image, repoTags: ['seek:latest']}]);
	const handle = await openImage({kind: 'archive', path: archive, reference: archive}, {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	opened.push(handle);
	const loaded = await loadImage(handle);
	const routes = seekRoutes.length;
	for (const file of [names[FILES - 1]!, SPARSE, LONG]) expect((await read(loaded, file)).equals(tarRead(tarPlain.gnu, file)), file).toBe(true);
	expect(seekRoutes.slice(routes)).toEqual(['positioned', 'positioned', 'positioned']);
}, 120_000);

describe('an index that does not fit falls back to a full read, with the right bytes', () => {
	let image: AnalyzedImage;
	beforeAll(async () => {
		image = await load('fallback', tarPlain.posix, 'gzip');
	}, 120_000);
	const last = () => names[FILES - 1]!;

	it('an entry offset pointing at another entry', async () => {
		const {entries, seek} = image.layers[0]!;
		const at = entries.findIndex(entry => entry.path === last());
		const saved = seek!.starts[at]!;
		seek!.starts[at] = seek!.starts[at - 5]!;
		try {
			expect((await read(image, last())).equals(tarRead(tarPlain.posix, last()))).toBe(true);
		} finally {
			seek!.starts[at] = saved;
		}
	});

	it('a checkpoint off by one bit, and one with a wrong window', async () => {
		const checkpoints = image.layers[0]!.seek!.checkpoints;
		const saved = checkpoints.map(checkpoint => ({...checkpoint}));
		try {
			for (const checkpoint of checkpoints) checkpoint.bit += 1;
			expect((await read(image, last())).equals(tarRead(tarPlain.posix, last()))).toBe(true);
			checkpoints.forEach((checkpoint, i) => Object.assign(checkpoint, saved[i], {window: Buffer.alloc(saved[i]!.window.length, 0x61)}));
			const routes = seekRoutes.length;
			const ours = await read(image, last()).catch((error: Error) => error);
			// Either the landing fails (and the full read gives the bytes), or the bytes fail their hash: never wrong bytes.
			if (ours instanceof Error) expect(ours.message).toMatch(/is not what peel read there first/);
			else expect(ours.equals(tarRead(tarPlain.posix, last()))).toBe(true);
			expect(seekRoutes.length).toBe(routes + 1);
		} finally {
			checkpoints.forEach((checkpoint, i) => Object.assign(checkpoint, saved[i]));
		}
	});

	it("an index of another blob is not used", async () => {
		const seek = image.layers[0]!.seek!;
		const saved = seek.blobDigest;
		seek.blobDigest = `sha256:${'0'.repeat(64)}`;
		try {
			const routes = seekRoutes.length;
			expect((await read(image, last())).equals(tarRead(tarPlain.posix, last()))).toBe(true);
			expect(seekRoutes.length).toBe(routes);
		} finally {
			seek.blobDigest = saved;
		}
	});
});
