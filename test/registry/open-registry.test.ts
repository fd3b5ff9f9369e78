import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {closeOpened, openImage, readLayers, rejectionOf} from './support/open.js';
import {pushImage} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs} from './support/temp-dir.js';

let registry: RegistryServer;
let oci: BuiltImage;
let docker: BuiltImage;

beforeAll(async () => {
	registry = await startRegistry();
	oci = await buildImage({
		layers: [
			{entries: [{name: 'etc/', type: 'directory'}, {name: 'etc/hello', content: 'hello\n'}], compression: 'gzip', createdBy: 'ADD hello /etc/'},
			{entries: [{name: 'big.bin', content: Buffer.alloc(300_000, 7)}], compression: 'zstd', createdBy: 'RUN make big'},
			{entries: [{name: 'plain.txt', content: 'plain'}], compression: 'none', createdBy: 'COPY plain.txt /'},
		],
	});
	docker = await buildImage({layers: [{entries: [{name: 'docker.txt', content: 'schema2'}], createdBy: 'ADD docker.txt /'}]}, {mediaTypes: 'docker'});
	await pushImage(registry.url, 'test/oci', '1.0', oci);
	await pushImage(registry.url, 'docker-image', 'v2', docker);
});

afterAll(async () => {
	await closeOpened();
	await registry?.stop();
	await removeTempDirs();
});

describe('openRegistryImage on an open registry', () => {
	it('reads an OCI image by tag: manifest, config and every layer byte for byte', async () => {
		const handle = await openImage(`${registry.host}/test/oci:1.0`);
		expect(handle.source).toBe('registry');
		expect(handle.reference).toBe(`${registry.host}/test/oci:1.0`);
		expect(handle.digest).toBe(oci.manifestDigest);
		expect(handle.indexDigest).toBeNull();
		expect(handle.tags).toEqual(['1.0']);
		expect(handle.manifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
		expect(handle.configDigest).toBe(oci.configDigest);
		expect(handle.config).toEqual(oci.config);
		expect(handle.platform).toEqual({os: 'linux', architecture: 'amd64'});
		expect(handle.layers.map(l => [l.index, l.digest, l.size, l.diffId, l.mediaType])).toEqual(
			oci.layers.map((l, i) => [i, l.digest, l.size, l.diffId, l.mediaType]),
		);
		const bytes = await readLayers(handle);
		expect(bytes.map((b, i) => b.equals(oci.layers[i]!.blob))).toEqual([true, true, true]);
		expect(handle.warnings).toEqual([]);
	});

	it('reads a Docker schema2 image, and the same image by digest', async () => {
		const byTag = await openImage(`${registry.host}/docker-image:v2`);
		expect(byTag.manifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
		expect(byTag.digest).toBe(docker.manifestDigest);
		const byDigest = await openImage(`${registry.host}/docker-image@${docker.manifestDigest}`);
		expect(byDigest.reference).toBe(`${registry.host}/docker-image@${docker.manifestDigest}`);
		expect(byDigest.tags).toEqual([]);
		expect(byDigest.digest).toBe(docker.manifestDigest);
		const [layer] = await readLayers(byDigest);
		expect(layer!.equals(docker.layers[0]!.blob)).toBe(true);
	});

	it('a layer can be opened twice and read again', async () => {
		const handle = await openImage(`${registry.host}/test/oci:1.0`);
		const first = await readLayers(handle);
		const second = await readLayers(handle);
		expect(Buffer.concat(second).equals(Buffer.concat(first))).toBe(true);
	});

	it('an unknown tag is one line naming the registry and MANIFEST_UNKNOWN', async () => {
		const error = await rejectionOf(openImage(`${registry.host}/test/oci:nope`));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toContain(registry.host);
		expect(error.message).toMatch(/404 MANIFEST_UNKNOWN/);
		expect(error.message).not.toContain('\n');
	});

	it('an unknown repository is a 404 with the registry named', async () => {
		const error = await rejectionOf(openImage(`${registry.host}/no/such:latest`));
		expect(error.message).toMatch(new RegExp(`registry ${registry.host}: .*404`));
	});

	it('a refused connection is one network error line', async () => {
		const error = await rejectionOf(openImage('127.0.0.1:1/x:latest'));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toMatch(/registry 127\.0\.0\.1:1: .*ECONNREFUSED/);
	});
});
