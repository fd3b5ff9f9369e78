import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {basicAuth, cleanCredentialEnv, htpasswdFile, restoreEnv, writeDockerConfig} from './support/credentials-env.js';
import {type FaultProxy, startFaultProxy} from './support/fault-proxy.js';
import {selfSignedCertificate} from './support/openssl.js';
import {closeOpened, openImage, readLayers} from './support/open.js';
import {pushImage} from './support/push.js';
import {readError} from './support/read-stream.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {type StorageServer, startStorageServer} from './support/storage-server.js';
import {removeTempDirs} from './support/temp-dir.js';

const USER = 'carol';
const PASSWORD = 'redirect-secret';
let registry: RegistryServer;
let proxy: FaultProxy;
let storage: StorageServer;
let image: BuiltImage;
let layerPath: string;

beforeAll(async () => {
	registry = await startRegistry({htpasswd: await htpasswdFile(USER, PASSWORD)});
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({layers: [{entries: [{name: 'stored/elsewhere.txt', content: 'served by the storage host'}]}]});
	await pushImage(registry.url, 'r/app', 'v1', image, {authorization: `Basic ${basicAuth(USER, PASSWORD)}`});
	storage = await startStorageServer(new Map(image.layers.map(layer => [layer.digest, layer.blob])));
	layerPath = `/v2/r/app/blobs/${image.layers[0]!.digest}`;
});

beforeEach(async () => {
	await cleanCredentialEnv();
	await writeDockerConfig({auths: {[proxy.host]: {auth: basicAuth(USER, PASSWORD)}}});
});

afterEach(async () => {
	proxy.reset();
	storage.authorizationLeaks.length = 0;
	storage.served = 0;
	await closeOpened();
	restoreEnv();
});

afterAll(async () => {
	await proxy?.stop();
	await storage?.stop();
	await registry?.stop();
	await removeTempDirs();
});

/** The blob request redirects through `hops` local hops, then to the storage host. */
function redirectChain(hops: number): void {
	const target = `${storage.url}/blobs/${image.layers[0]!.digest}`;
	proxy.rule = request => {
		if (request.path === layerPath) return {kind: 'redirect', location: hops === 0 ? target : '/hop/1'};
		const hop = /^\/hop\/(\d+)$/.exec(request.path);
		if (hop) {
			const n = Number(hop[1]);
			return {kind: 'redirect', location: n < hops ? `/hop/${n + 1}` : target, status: n % 2 ? 302 : 307};
		}
		return undefined;
	};
}

describe('blob redirects', () => {
	it('follows a redirect to another host without sending it the Authorization header', async () => {
		redirectChain(0);
		const handle = await openImage(`${proxy.host}/r/app:v1`);
		const [layer] = await readLayers(handle);
		expect(layer!.equals(image.layers[0]!.blob)).toBe(true);
		// The registry host did get the credentials; the storage host did not.
		const blobRequest = proxy.requests.find(r => r.path === layerPath)!;
		expect(blobRequest.headers.authorization).toBe(`Basic ${basicAuth(USER, PASSWORD)}`);
		expect(storage.served).toBe(1);
		expect(storage.authorizationLeaks).toEqual([]);
	});

	it('follows 10 redirects', async () => {
		redirectChain(9);
		const handle = await openImage(`${proxy.host}/r/app:v1`);
		const [layer] = await readLayers(handle);
		expect(layer!.equals(image.layers[0]!.blob)).toBe(true);
		expect(proxy.requests.filter(r => r.path.startsWith('/hop/')).length).toBe(9);
	});

	it('stops after more than 10 redirects with one line naming the layer', async () => {
		redirectChain(10);
		const handle = await openImage(`${proxy.host}/r/app:v1`);
		const error = await readError(await handle.layers[0]!.open());
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(/too many redirects \(more than 10\) fetching layer 0 \(sha256:/);
		expect(storage.served).toBe(0);
	});
});

describe('redirects from https', () => {
	let tlsProxy: FaultProxy;

	beforeAll(async () => {
		const {certPem, keyPem} = await selfSignedCertificate('127.0.0.1');
		tlsProxy = await startFaultProxy(registry.url, {tls: {cert: certPem, key: keyPem}});
	});

	afterAll(async () => {
		await tlsProxy?.stop();
	});

	it('refuses a redirect from https to plain http', async () => {
		await writeDockerConfig({auths: {[tlsProxy.host]: {auth: basicAuth(USER, PASSWORD)}}});
		tlsProxy.rule = request => (request.path === layerPath ? {kind: 'redirect', location: `${storage.url}/blobs/${image.layers[0]!.digest}`} : undefined);
		// The self-signed proxy is reached over https only because it is listed as insecure.
		const handle = await openImage(`${tlsProxy.host}/r/app:v1`, {insecureRegistries: [tlsProxy.host]});
		const error = await readError(await handle.layers[0]!.open());
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(/refusing a redirect from https to plain http/);
		expect(storage.served).toBe(0);
		expect(tlsProxy.requests.some(r => r.path === layerPath)).toBe(true);
	});
});
