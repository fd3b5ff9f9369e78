import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, statSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ImageContent} from '../../source/content/image-content.js';
import {resolvePath} from '../../source/content/resolve-path.js';
import {loadImage} from '../../source/load/load-image.js';
import type {LoadProgress} from '../../source/load/progress.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {closeOpened, openImage} from '../registry/support/open.js';
import {pushImage} from '../registry/support/push.js';
import {type RegistryServer, startRegistry} from '../registry/support/registry-server.js';
import {removeTempDirs} from '../registry/support/temp-dir.js';

/**
 * A loopback proxy in front of the real registry that counts blob GETs and sends blob
 * bodies slowly (64 KiB every 5 ms), so that a download takes a while.
 */
async function startSlowProxy(upstream: string) {
	const target = new URL(upstream);
	const blobGets = new Map<string, number>();
	const ranges: string[] = [];
	const server = http.createServer((req, res) => {
		const blob = /\/blobs\/(sha256:[0-9a-f]+)$/.exec(req.url ?? '')?.[1];
		// A resumed download (Range) is not a second download.
		if (blob && req.method === 'GET' && !req.headers.range) blobGets.set(blob, (blobGets.get(blob) ?? 0) + 1);
		if (blob && req.headers.range) ranges.push(String(req.headers.range));
		const out = http.request({host: target.hostname, port: target.port, method: req.method, path: req.url, headers: {...req.headers, host: target.host}}, async answer => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			if (!blob) {
				answer.pipe(res);
				return;
			}
			for await (const chunk of answer as AsyncIterable<Buffer>) {
				for (let at = 0; at < chunk.length; at += 64 << 10) {
					if (!res.write(chunk.subarray(at, at + (64 << 10)))) await new Promise(resolve => res.once('drain', resolve));
					await sleep(5);
				}
			}
			res.end();
		});
		out.on('error', () => res.destroy());
		req.pipe(out);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		host: `127.0.0.1:${port}`,
		blobGets,
		ranges,
		stop: () => new Promise<void>(resolve => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}

/** Text-like bytes that do not repeat (so the gzip blob is a few MB). */
function text(seed: number, size: number): Buffer {
	let x = seed >>> 0 || 1;
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		out[i] = 97 + ((x >>> 0) % 26);
		if (i % 61 === 60) out[i] = 10;
	}
	return out;
}

// Fewer than a batch (4096) of entries, in a blob (about 9 MB) of more than the 4 MiB the loader hands a layer thread ahead of its parse.
const FILES = 3500;
let registry: RegistryServer;
let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
let image: BuiltImage;
const contents = new Map<string, Buffer>();

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startSlowProxy(registry.url);
	const entries = [{name: 'srv/', type: 'directory' as const}];
	for (let i = 0; i < FILES; i++) {
		const name = `srv/f${String(i).padStart(4, '0')}.txt`;
		const bytes = text(i + 1, 3500 + (i % 7) * 300);
		contents.set(`/${name}`, bytes);
		entries.push({name, content: bytes} as never);
	}
	image = await buildImage({layers: [{entries, compression: 'gzip'}, {entries: [{name: 'top.txt', content: 'top\n'}], compression: 'gzip'}]});
	await pushImage(registry.url, 'reread/app', 'v1', image);
}, 120_000);

afterAll(async () => {
	await closeOpened();
	await proxy?.stop();
	await registry?.stop();
	await removeTempDirs();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('registry blobs: streamed into the layer reader, kept for re-reading', () => {
	it('entry counters move while the layer is still downloading', async () => {
		const handle = await openImage(`${proxy.host}/reread/app:v1`);
		const seen: LoadProgress[] = [];
		await loadImage(handle, {onProgress: progress => seen.push(progress)});
		const layer = image.layers[0]!;
		const during = seen.map(p => p.layers[0]!).filter(l => l.entries > 0 && l.bytesRead < layer.size);
		expect(during.length, `progress of layer 0: ${JSON.stringify(seen.map(p => [p.layers[0]!.bytesRead, p.layers[0]!.entries]))}`).toBeGreaterThan(0);
		expect(seen.at(-1)!.layers[0]!.entries).toBe(FILES + 1);
		await handle.close();
	}, 60_000);

	it('reading files again downloads each blob once; the bytes are the files', async () => {
		proxy.blobGets.clear();
		const handle = await openImage(`${proxy.host}/reread/app:v1`);
		const loaded = await loadImage(handle);
		const digest = image.layers[0]!.digest;
		expect(proxy.blobGets.get(digest), `resumed: ${proxy.ranges.join(', ')}`).toBe(1);
		const reader = new ImageContent(loaded);
		const read = async (file: string) => {
			const found = resolvePath(loaded.model.root, file, 1, true);
			if (!found.ok) throw new Error(found.problem);
			const parts: Buffer[] = [];
			await reader.read([{path: found.node.path, version: found.version, tag: null}], async (_, bytes) => {
				for await (const chunk of bytes) parts.push(Buffer.from(chunk));
			});
			return Buffer.concat(parts);
		};
		for (const file of ['/srv/f3499.txt', '/srv/f0000.txt', '/srv/f1750.txt']) expect(sha(await read(file))).toBe(sha(contents.get(file)!));
		expect(proxy.blobGets.get(digest)).toBe(1);
		// The cache is a private directory of peel's, gone once the image is closed.
		const cacheDirs = () => readdirSync(os.tmpdir()).filter(name => name.startsWith('peel-blobs-')).map(name => path.join(os.tmpdir(), name));
		const ours = cacheDirs().filter(dir => existsSync(path.join(dir, digest.replace(':', '-'))));
		expect(ours.length).toBe(1);
		expect(statSync(ours[0]!).mode & 0o777).toBe(0o700);
		await handle.close();
		expect(existsSync(ours[0]!)).toBe(false);
	}, 60_000);

	it('peel cat from the registry: the file, and no cache directory left when peel exits', async () => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'peel-reread-tmp-'));
		const run = await runPeel(['cat', `${proxy.host}/reread/app:v1`, '/srv/f1999.txt'], {env: {TMPDIR: tmp}});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toBe(contents.get('/srv/f1999.txt')!.toString());
		expect(readdirSync(tmp).filter(name => name.startsWith('peel-blobs-'))).toEqual([]);
		execFileSync('rm', ['-rf', tmp]);
	}, 60_000);
});
