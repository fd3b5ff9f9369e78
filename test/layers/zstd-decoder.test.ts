import {execFileSync} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Worker} from 'node:worker_threads';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {PEEL} from '../helpers/run-peel.js';

/** The built module, as the layer workers load it. */
const MODULE = pathToFileURL(path.join(path.dirname(PEEL), 'source/layers/zstd-decompress.js')).href;

/** Whether npm built the optional addon here (its install falls back to node-gyp). */
function addonBuilt(): boolean {
	try {
		const binding = createRequire(import.meta.url).resolve('zstd-napi/binding');
		return existsSync(path.join(path.dirname(binding), 'build/Release/binding.node'));
	} catch {
		return false;
	}
}

const nodeHasZstd = 'createZstdDecompress' in zlib;
const installed = addonBuilt();

/** In a worker thread, like a layer's: which decoder runs, its slow warning, and the sha256 of what it decodes from `blob`. */
function decodeInWorker(blob: Buffer, forced: string | null): Promise<{name: string; warning: string | null; sha256: string}> {
	const env: NodeJS.ProcessEnv = {...process.env};
	if (forced) env['PEEL_ZSTD'] = forced;
	else delete env['PEEL_ZSTD'];
	const code = `
		const {workerData, parentPort} = require('node:worker_threads');
		const {Readable, Writable} = require('node:stream');
		const {pipeline} = require('node:stream/promises');
		const {createHash} = require('node:crypto');
		(async () => {
			const zstd = await import(workerData.module);
			const hash = createHash('sha256');
			// A slow reader: the decoder must wait for it, not run ahead.
			const sink = new Writable({highWaterMark: 1, write(chunk, _e, done) { hash.update(chunk); setImmediate(done); }});
			const pieces = [];
			// Pieces the size the layer worker reads a file in.
			for (let at = 0; at < workerData.blob.length; at += 256 << 10) pieces.push(workerData.blob.subarray(at, at + (256 << 10)));
			await pipeline(Readable.from(pieces), await zstd.createZstdDecompress(), sink);
			parentPort.postMessage({name: zstd.zstdDecoderName(), warning: zstd.takeSlowDecoderWarning(), sha256: hash.digest('hex')});
		})().catch(error => parentPort.postMessage({error: String(error)}));`;
	return new Promise((resolve, reject) => {
		const worker = new Worker(code, {eval: true, env, workerData: {module: MODULE, blob}});
		worker.once('message', message => {
			void worker.terminate();
			if (message.error) reject(new Error(message.error));
			else resolve(message);
		});
		worker.once('error', reject);
	});
}

/**
 * Two zstd frames (one with a checksum) around a skippable frame, written by the zstd CLI.
 * The first ends in a full 128 KiB block and the next header is in the same 256 KiB read:
 * fzstd-by-block once waited there, on a header that makes no output, for a read that never came.
 */
function framesOf(first: Buffer, second: Buffer): Buffer {
	const skip = Buffer.alloc(8 + 3);
	skip.writeUInt32LE(0x184d2a5a, 0);
	skip.writeUInt32LE(3, 4);
	const frame = (part: Buffer, args: string[]) => execFileSync('zstd', ['-q', '-c', ...args], {input: part, maxBuffer: 1 << 26});
	return Buffer.concat([frame(first, ['-3', '--check']), skip, frame(second, ['-19'])]);
}

describe('the zstd decoder', () => {
	const first = Buffer.concat([randomBytes(1 << 20), Buffer.alloc(512 << 10, 'layer ')]);
	const second = Buffer.from('peel '.repeat(400_000));
	const expected = createHash('sha256').update(first).update(second).digest('hex');
	const blob = framesOf(first, second);

	it.runIf(installed && !nodeHasZstd)('is the zstd-napi addon in a worker thread, where npm built it', async () => {
		const result = await decodeInWorker(blob, null);
		expect(result).toEqual({name: 'zstd-napi', warning: null, sha256: expected});
	});

	it.runIf(!installed && !nodeHasZstd)('is fzstd, with a warning that says why, where the zstd-napi addon was not built', async () => {
		const result = await decodeInWorker(blob, null);
		expect(result.name).toBe('fzstd');
		expect(result.warning).toMatch(/decode slowly.*zstd-napi addon is not installed.*npm rebuild zstd-napi/);
		expect(result.sha256).toBe(expected);
	});

	it.runIf(nodeHasZstd)("is Node's own where zlib has zstd", async () => {
		expect(await decodeInWorker(blob, null)).toEqual({name: 'zlib', warning: null, sha256: expected});
	});

	it('is fzstd when PEEL_ZSTD=fzstd asks for it, without the slow warning, decoding the same bytes', async () => {
		expect(await decodeInWorker(blob, 'fzstd')).toEqual({name: 'fzstd', warning: null, sha256: expected});
	});
});
