import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {AnalysisCache} from '../../source/cache/analysis-cache.js';
import {KeptBlobs} from '../../source/cache/kept-blobs.js';
import {tempDir} from '../helpers/temp-dir.js';

const root = tempDir('peel-kept-blobs-unit-');
let made = 0;

function shelf(cap = 1 << 20) {
	const warnings: string[] = [];
	let capChecks = 0;
	const blobs = new KeptBlobs(path.join(root, `c${++made}`, 'blobs'), cap, () => capChecks++, message => warnings.push(message));
	return {blobs, warnings, capChecks: () => capChecks};
}

const digestOf = (bytes: Buffer, algorithm = 'sha256') => `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;

describe('KeptBlobs', () => {
	it('names files by digest only: anything else (a path, another algorithm, a short hex) has no file', () => {
		const {blobs} = shelf();
		const good = digestOf(Buffer.from('x'));
		expect(blobs.fileOf(good)).toBe(path.join(blobs.dir, 'sha256', good.slice(7)));
		expect(blobs.fileOf(digestOf(Buffer.from('x'), 'sha512'))).toBe(path.join(blobs.dir, 'sha512', digestOf(Buffer.from('x'), 'sha512').slice(7)));
		for (const bad of ['sha256:../../etc/passwd', `sha256:${good.slice(7, 20)}`, `md5:${good.slice(7)}`, `sha256:${good.slice(7).toUpperCase()}`, `${good}/x`, '']) {
			expect(blobs.fileOf(bad)).toBeNull();
			expect(blobs.startWrite(bad, 1)).toBeNull();
		}
	});

	it('keeps a written blob only whole: renamed into place at its size, 0600 in 0700 directories; a short one leaves nothing', async () => {
		const {blobs, capChecks} = shelf();
		const bytes = Buffer.from('the blob bytes');
		const digest = digestOf(bytes);
		const write = blobs.startWrite(digest, bytes.length)!;
		writeFileSync(write.temp, bytes, {mode: 0o600});
		// Before the rename a reader finds nothing: never a half-written blob.
		expect(await blobs.find(digest, bytes.length)).toBeNull();
		expect(await write.keep()).toBe(true);
		expect(capChecks()).toBe(1);
		expect(readFileSync(write.file).equals(bytes)).toBe(true);
		expect(statSync(write.file).mode & 0o777).toBe(0o600);
		expect(statSync(path.dirname(write.file)).mode & 0o777).toBe(0o700);
		expect(statSync(blobs.dir).mode & 0o777).toBe(0o700);
		expect(await blobs.find(digest, bytes.length)).toBe(write.file);

		const other = Buffer.from('another blob');
		const short = blobs.startWrite(digestOf(other), other.length)!;
		writeFileSync(short.temp, other.subarray(0, 5));
		expect(await short.keep()).toBe(false);
		expect(readdirSync(path.dirname(short.file)).sort()).toEqual([digest.slice(7)]);
	});

	it('a kept file of the wrong size or digest is reported once, removed, and not found', async () => {
		const {blobs, warnings} = shelf();
		const bytes = Buffer.alloc(4096, 7);
		const digest = digestOf(bytes);
		const file = blobs.fileOf(digest)!;
		const keep = async (content: Buffer) => {
			const write = blobs.startWrite(digest, content.length)!;
			writeFileSync(write.temp, content);
			expect(await write.keep()).toBe(true);
		};
		await keep(bytes.subarray(0, 4000));
		expect(await blobs.find(digest, bytes.length)).toBeNull();
		expect(warnings).toEqual([`ignored the kept blob ${digest} (4000 bytes, not 4096); it is downloaded again`]);
		expect(existsSync(file)).toBe(false);
		const flipped = Buffer.from(bytes);
		flipped[2048] = 8;
		await keep(flipped);
		expect(await blobs.find(digest, bytes.length)).toBeNull();
		expect(warnings[1]).toBe(`ignored the kept blob ${digest} (its digest does not match); it is downloaded again`);
		expect(existsSync(file)).toBe(false);
		expect(await blobs.find(digest, bytes.length)).toBeNull();
		expect(warnings).toHaveLength(2);
	});

	it('lists kept blobs (not unfinished ones) and does not keep a blob bigger than the cap', async () => {
		const {blobs} = shelf(100);
		const small = Buffer.from('small');
		const write = blobs.startWrite(digestOf(small), small.length)!;
		writeFileSync(write.temp, small);
		const unfinished = blobs.startWrite(digestOf(Buffer.from('later')), 5)!;
		writeFileSync(unfinished.temp, 'lat');
		await write.keep();
		expect(blobs.list().map(blob => [blob.digest, blob.bytes])).toEqual([[digestOf(small), 5]]);
		expect(blobs.startWrite(digestOf(Buffer.alloc(101)), 101)).toBeNull();
		await unfinished.drop();
		expect(readdirSync(path.dirname(write.file))).toEqual([digestOf(small).slice(7)]);
	});

	it('a cache directory that cannot be made: nothing kept, said once for blobs and entries together', () => {
		const file = path.join(root, 'a-file');
		writeFileSync(file, 'not a directory');
		const warnings: string[] = [];
		const cache = new AnalysisCache({dir: path.join(file, 'cache'), cap: 1 << 20}, message => warnings.push(message));
		const digest = digestOf(Buffer.from('a'));
		expect(cache.blobs.startWrite(digest, 1)).toBeNull();
		expect(cache.blobs.startWrite(digestOf(Buffer.from('b')), 1)).toBeNull();
		cache.writeImage('fingerprint', 'an image', {some: 'record'});
		expect(warnings).toEqual([`the blob ${digest} was not kept (ENOTDIR: not a directory, mkdir '${path.join(file, 'cache', 'blobs', 'sha256')}'); ${path.join(file, 'cache', 'blobs')} is left as it was`]);
		// Reading such a cache finds nothing, and says nothing.
		expect(cache.readImage('fingerprint', 'an image')).toBeNull();
		expect(warnings).toHaveLength(1);
	});
});
