import {readFile} from 'node:fs/promises';
import {Agent} from 'undici';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {type CertificateFiles, caAndServerCertificate} from './support/openssl.js';
import {pushImage} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {openInChild} from './support/run-child.js';
import {removeTempDirs} from './support/temp-dir.js';

let certificates: CertificateFiles;
let registry: RegistryServer;
let image: BuiltImage;

beforeAll(async () => {
	certificates = await caAndServerCertificate();
	registry = await startRegistry({tls: {certificate: certificates.cert, key: certificates.key}});
	image = await buildImage({layers: [{entries: [{name: 'tls.txt', content: 'over https'}]}, {entries: [{name: 'two', content: '2'}], compression: 'zstd'}]});
	const dispatcher = new Agent({connect: {ca: await readFile(certificates.caCert, 'utf8')}});
	await pushImage(registry.url, 'secure/app', 'v1', image, {dispatcher});
	await dispatcher.close();
});

afterAll(async () => {
	await registry?.stop();
	await removeTempDirs();
});

describe('https registry with a private CA', () => {
	it('trusts the CA given in NODE_EXTRA_CA_CERTS (read by Node at start-up)', async () => {
		const result = await openInChild(`${registry.host}/secure/app:v1`, {NODE_EXTRA_CA_CERTS: certificates.caCert});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toEqual({
			reference: `${registry.host}/secure/app:v1`,
			digest: image.manifestDigest,
			sizes: image.layers.map(layer => layer.size),
		});
	}, 60_000);

	it('without the CA: one line saying the certificate is not trusted and what to do', async () => {
		const result = await openInChild(`${registry.host}/secure/app:v1`, {NODE_EXTRA_CA_CERTS: undefined});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(new RegExp(`registry ${registry.host}: its TLS certificate is not trusted \\(.+\\); add its CA with NODE_EXTRA_CA_CERTS`));
	}, 60_000);
});
