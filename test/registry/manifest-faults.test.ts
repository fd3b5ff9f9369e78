import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {type FaultProxy, startFaultProxy} from './support/fault-proxy.js';
import {closeOpened, openImage, rejectionOf} from './support/open.js';
import {pushImage} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs} from './support/temp-dir.js';

let registry: RegistryServer;
let proxy: FaultProxy;
let image: BuiltImage;
let other: BuiltImage;

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
	image = await buildImage({layers: [{entries: [{name: 'one.txt', content: 'one'}]}]});
	other = await buildImage({layers: [{entries: [{name: 'two.txt', content: 'two'}]}]});
	await pushImage(registry.url, 'm/app', 'v1', image);
	await pushImage(registry.url, 'm/app', 'v2', other);
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

const isManifest = (path: string) => path.includes('/manifests/');

async function failure(reference: string): Promise<PeelError> {
	const error = await rejectionOf(openImage(reference));
	expect(error).toBeInstanceOf(PeelError);
	expect(error.message).not.toContain('\n');
	return error as PeelError;
}

describe('manifest checks', () => {
	it('hashes the raw bytes: the digest equals the Docker-Content-Digest the registry sends', async () => {
		const handle = await openImage(`${proxy.host}/m/app:v1`);
		expect(handle.digest).toBe(image.manifestDigest);
	});

	it('refuses a manifest whose bytes do not match Docker-Content-Digest', async () => {
		proxy.rule = request =>
			isManifest(request.path) ? {kind: 'headers', change: headers => void (headers['docker-content-digest'] = other.manifestDigest)} : undefined;
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/manifest digest mismatch: the registry announced sha256:/);
		expect(error.message).toContain(other.manifestDigest);
	});

	it('refuses other bytes than the digest asked for', async () => {
		proxy.rule = request =>
			isManifest(request.path)
				? {kind: 'replace-body', body: other.manifestBytes, headers: {'docker-content-digest': other.manifestDigest}}
				: undefined;
		const error = await failure(`${proxy.host}/m/app@${image.manifestDigest}`);
		expect(error.message).toContain(`asked for ${image.manifestDigest}`);
	});

	it('reads a manifest without Content-Type by its mediaType field', async () => {
		proxy.rule = request => (isManifest(request.path) ? {kind: 'headers', change: headers => void delete headers['content-type']} : undefined);
		const handle = await openImage(`${proxy.host}/m/app:v1`);
		expect(handle.manifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
	});

	it('refuses a manifest over 4 MiB', async () => {
		const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
		proxy.rule = request => (isManifest(request.path) ? {kind: 'replace-body', body: huge} : undefined);
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/the manifest of m\/app:v1 is .*4194304-byte limit/);
	});

	it('refuses a chunked manifest that grows over 4 MiB', async () => {
		proxy.rule = request =>
			isManifest(request.path) ? {kind: 'append', bytes: Buffer.alloc(4 * 1024 * 1024, 0x20), chunked: true} : undefined;
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/larger than the 4194304-byte limit/);
	});

	it('says a legacy schema 1 manifest is not supported', async () => {
		const schema1 = Buffer.from(JSON.stringify({schemaVersion: 1, name: 'm/app', tag: 'v1', architecture: 'amd64', fsLayers: [], history: []}));
		proxy.rule = request =>
			isManifest(request.path)
				? {kind: 'respond', status: 200, headers: {'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws'}, body: schema1}
				: undefined;
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/legacy Docker schema 1 manifest, which peel does not read/);
	});

	it('refuses a config blob whose bytes do not match its digest', async () => {
		proxy.rule = request => (request.path.endsWith(image.configDigest) ? {kind: 'corrupt'} : undefined);
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/the config of m\/app:v1 digest mismatch/);
	});

	it('says an artifact that is not a container image is not one', async () => {
		const artifact = Buffer.from(
			JSON.stringify({...image.manifest, config: {...image.manifest.config, mediaType: 'application/vnd.cncf.helm.config.v1+json'}}),
		);
		proxy.rule = request =>
			isManifest(request.path) ? {kind: 'replace-body', body: artifact, headers: {'docker-content-digest': ''}} : undefined;
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toMatch(/is not a container image \(its config is application\/vnd\.cncf\.helm\.config\.v1\+json\)/);
	});

	it('a 403 names the registry and what was denied, as one printable line', async () => {
		proxy.rule = request =>
			isManifest(request.path)
				? {kind: 'respond', status: 403, headers: {'content-type': 'application/json'}, body: '{"errors":[{"code":"DENIED","message":"requested access\\u001b[31m to the resource\\nis denied"}]}'}
				: undefined;
		const error = await failure(`${proxy.host}/m/app:v1`);
		expect(error.message).toBe(
			`registry ${proxy.host}: getting the manifest of m/app:v1 failed (403 DENIED: requested access to the resource is denied); the account has no pull access to it`,
		);
	});
});
