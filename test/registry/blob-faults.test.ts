import {randomBytes} from 'node:crypto';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {type FaultProxy, startFaultProxy} from './support/fault-proxy.js';
import {closeOpened, openImage, readLayers, rejectionOf} from './support/open.js';
import {pushImage} from './support/push.js';
import {readAll, readError} from './support/read-stream.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs} from './support/temp-dir.js';

let registry: RegistryServer;
let proxy: FaultProxy;
let image: BuiltImage;
let reference: string;
let bigPath: string;

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({
		layers: [
			{entries: [{name: 'small.txt', content: 'small'}]},
			// Random bytes, uncompressed: a blob of about 1 MiB.
			{entries: [{name: 'random.bin', content: randomBytes(1024 * 1024)}], compression: 'none'},
		],
	});
	await pushImage(registry.url, 'faults/app', 'v1', image);
	reference = `${proxy.host}/faults/app:v1`;
	bigPath = `/v2/faults/app/blobs/${image.layers[1]!.digest}`;
});

afterEach(async () => {
	proxy.reset();
	await closeOpened();
});

afterAll(async () => {
	await proxy?.stop();
	await registry?.stop();
	await removeTempDirs();
});

const big = () => image.layers[1]!;
const blobRequests = () => proxy.requests.filter(r => r.path === bigPath);

describe('blob downloads through a misbehaving proxy', () => {
	it('asks for Accept-Encoding: identity and streams the exact bytes', async () => {
		const handle = await openImage(reference);
		const layers = await readLayers(handle);
		expect(layers.map((bytes, i) => bytes.equals(image.layers[i]!.blob))).toEqual([true, true]);
		expect(blobRequests().map(r => r.headers['accept-encoding'])).toEqual(['identity']);
	});

	it('resumes with Range: bytes=N- after a connection reset mid-blob', async () => {
		proxy.rule = (request, count) => (request.path === bigPath && count === 0 ? {kind: 'reset-after', bytes: 300_000} : undefined);
		const handle = await openImage(reference);
		const bytes = await readAll(await handle.layers[1]!.open());
		expect(bytes.equals(big().blob)).toBe(true);
		const requests = blobRequests();
		expect(requests.length).toBe(2);
		expect(requests[0]!.headers.range).toBeUndefined();
		const match = /^bytes=(\d+)-$/.exec(String(requests[1]!.headers.range));
		expect(match).not.toBeNull();
		expect(Number(match![1])).toBeGreaterThan(0);
		expect(Number(match![1])).toBeLessThanOrEqual(300_000);
	});

	it('restarts cleanly when the resumed request gets a 200 instead of a 206', async () => {
		proxy.rule = (request, count) => {
			if (request.path !== bigPath) return undefined;
			return count === 0 ? {kind: 'reset-after', bytes: 200_000} : {kind: 'strip-request-headers', names: ['range']};
		};
		const handle = await openImage(reference);
		const bytes = await readAll(await handle.layers[1]!.open());
		expect(bytes.length).toBe(big().size);
		expect(bytes.equals(big().blob)).toBe(true);
		expect(blobRequests().length).toBe(2);
	});

	it('retries a 500 on the manifest and on a blob', async () => {
		proxy.rule = (request, count) => {
			if (count > 0) return undefined;
			if (request.path.includes('/manifests/') || request.path === bigPath) return {kind: 'respond', status: 500, body: 'boom'};
			return undefined;
		};
		const handle = await openImage(reference);
		const layers = await readLayers(handle);
		expect(layers[1]!.equals(big().blob)).toBe(true);
		expect(proxy.requests.filter(r => r.path.includes('/manifests/')).length).toBe(2);
		expect(blobRequests().length).toBe(2);
	});

	it('waits for Retry-After on a 429 and then succeeds', async () => {
		proxy.rule = (request, count) =>
			request.path.includes('/manifests/') && count === 0
				? {kind: 'respond', status: 429, headers: {'retry-after': '1', 'content-type': 'application/json'}, body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}'}
				: undefined;
		const started = Date.now();
		const handle = await openImage(reference);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(handle.digest).toBe(image.manifestDigest);
	});

	it('a Retry-After of an hour is reported at once instead of waited for', async () => {
		proxy.rule = request => (request.path.includes('/manifests/') ? {kind: 'respond', status: 429, headers: {'retry-after': '3600'}} : undefined);
		const started = Date.now();
		const error = await rejectionOf(openImage(reference));
		expect(Date.now() - started).toBeLessThan(5000);
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(new RegExp(`registry ${proxy.host}: rate limited \\(429.*try again in 3600 s`));
	});

	it('gives up on a blob that keeps failing, naming the layer and the status', async () => {
		proxy.rule = request => (request.path === bigPath ? {kind: 'respond', status: 503} : undefined);
		const handle = await openImage(reference);
		const error = await readError(await handle.layers[1]!.open());
		expect(error).toBeInstanceOf(PeelError);
		// Numbered from 0, the base layer, as everywhere in peel.
		expect(error.message).toContain(`layer 1 (${big().digest.slice(0, 19)}`);
		expect(error.message).toMatch(/503/);
		expect(blobRequests().length).toBe(5);
	}, 30_000);

	it('a corrupted blob fails with a digest mismatch naming the layer', async () => {
		proxy.rule = request => (request.path === bigPath ? {kind: 'corrupt'} : undefined);
		const handle = await openImage(reference);
		const error = await readError(await handle.layers[1]!.open());
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(/layer 1 \(sha256:[0-9a-f]{12}\) of faults\/app: digest mismatch: expected sha256:/);
		expect(error.message).toContain(big().digest);
	});

	it('a body longer than the descriptor (announced by Content-Length) is aborted', async () => {
		proxy.rule = request => (request.path === bigPath ? {kind: 'append', bytes: Buffer.alloc(10, 1)} : undefined);
		const handle = await openImage(reference);
		const error = await readError(await handle.layers[1]!.open());
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(new RegExp(`announced ${big().size + 10} bytes, but the descriptor says ${big().size}; aborted`));
	});

	it('a chunked body running past the descriptor size is aborted while streaming', async () => {
		proxy.rule = request => (request.path === bigPath ? {kind: 'append', bytes: Buffer.alloc(10, 1), chunked: true} : undefined);
		const handle = await openImage(reference);
		const stream = await handle.layers[1]!.open();
		let received = 0;
		stream.on('data', (chunk: Buffer) => (received += chunk.length));
		const error = await new Promise<Error>(resolve => stream.on('error', resolve));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(new RegExp(`sent more than the ${big().size} bytes of its descriptor; aborted`));
		expect(received).toBeLessThanOrEqual(big().size);
	});

	it('a truncated body that ends cleanly is resumed', async () => {
		proxy.rule = (request, count) =>
			request.path === bigPath && count === 0
				? {kind: 'replace-body', body: big().blob.subarray(0, 500_000)}
				: undefined;
		const handle = await openImage(reference);
		const bytes = await readAll(await handle.layers[1]!.open());
		expect(bytes.equals(big().blob)).toBe(true);
		expect(String(blobRequests()[1]!.headers.range)).toBe('bytes=500000-');
	});
});

describe('cancelling', () => {
	it('an abort signal ends a Retry-After wait at once', async () => {
		proxy.rule = request => (request.path.includes('/manifests/') ? {kind: 'respond', status: 503, headers: {'retry-after': '30'}} : undefined);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const started = Date.now();
		const error = await rejectionOf(openImage(reference, {signal: controller.signal}));
		expect(error.name).toBe('AbortError');
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('an abort signal stops a layer download', async () => {
		const controller = new AbortController();
		const handle = await openImage(reference, {signal: controller.signal});
		const stream = await handle.layers[1]!.open();
		stream.once('data', () => controller.abort());
		const error = await readError(stream);
		expect(error.name).toBe('AbortError');
	});
});

describe('warnings from response headers', () => {
	it('puts Warning headers and rate-limit headers into ImageHandle.warnings', async () => {
		proxy.rule = request =>
			request.path.includes('/manifests/')
				? {
						kind: 'headers',
						change: headers => {
							headers['warning'] = '299 - "this repository is deprecated, use faults/app2"';
							headers['ratelimit-limit'] = '100;w=21600';
							headers['ratelimit-remaining'] = '76;w=21600';
						},
					}
				: undefined;
		const handle = await openImage(reference);
		expect(handle.warnings).toEqual([
			`registry ${proxy.host} warns: this repository is deprecated, use faults/app2`,
			`registry ${proxy.host} pull rate limit: 76 of 100 per 6 h left`,
		]);
	});
});
