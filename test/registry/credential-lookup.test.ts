import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {parseReference} from '../../source/reference/parse-reference.js';
import {findCredentials} from '../../source/sources/registry/credentials/find-credentials.js';
import {basicAuth, cleanCredentialEnv, installCredentialHelper, restoreEnv, writeDockerConfig, writeJsonFile} from './support/credentials-env.js';
import {removeTempDirs} from './support/temp-dir.js';

beforeEach(async () => {
	await cleanCredentialEnv();
});

afterEach(async () => {
	restoreEnv();
	await removeTempDirs();
});

const hub = parseReference('ubuntu');

describe('findCredentials for Docker Hub and others', () => {
	it('Docker Hub uses the https://index.docker.io/v1/ key of config.json', async () => {
		const file = await writeDockerConfig({auths: {'https://index.docker.io/v1/': {auth: basicAuth('hubuser', 'hubpass')}}});
		const {credential} = await findCredentials(hub);
		expect(credential).toEqual({username: 'hubuser', password: 'hubpass', source: file});
	});

	it('Docker Hub also matches docker.io and index.docker.io keys', async () => {
		await writeDockerConfig({auths: {'index.docker.io': {auth: basicAuth('legacy', 'x')}}});
		expect((await findCredentials(hub)).credential?.username).toBe('legacy');
		await writeDockerConfig({auths: {'docker.io': {auth: basicAuth('short', 'y')}}});
		expect((await findCredentials(hub)).credential?.username).toBe('short');
	});

	it('a credential helper for Docker Hub is asked for https://index.docker.io/v1/', async () => {
		await installCredentialHelper('hub', {'https://index.docker.io/v1/': {Username: 'helped', Secret: 'pw'}});
		await writeDockerConfig({credHelpers: {'https://index.docker.io/v1/': 'hub'}});
		const {credential} = await findCredentials(hub);
		expect(credential).toEqual({username: 'helped', password: 'pw', source: 'docker-credential-hub'});
	});

	it('a helper answering Username <token> gives an identity token', async () => {
		await installCredentialHelper('oauth', {'ghcr.io': {Username: '<token>', Secret: 'refresh-123'}});
		await writeDockerConfig({credsStore: 'oauth'});
		const {credential} = await findCredentials(parseReference('ghcr.io/o/r:1'));
		expect(credential).toEqual({identityToken: 'refresh-123', source: 'docker-credential-oauth'});
	});

	it('Podman files use docker.io for Docker Hub and the most specific repository key', async () => {
		const dir = process.env['HOME']!;
		process.env['REGISTRY_AUTH_FILE'] = await writeJsonFile(path.join(dir, 'podman-auth.json'), {
			auths: {
				'docker.io': {auth: basicAuth('any', '1')},
				'docker.io/library': {auth: basicAuth('library', '2')},
				'docker.io/library/ubuntu': {auth: basicAuth('ubuntu', '3')},
			},
		});
		expect((await findCredentials(hub)).credential?.username).toBe('ubuntu');
		expect((await findCredentials(parseReference('debian'))).credential?.username).toBe('library');
		expect((await findCredentials(parseReference('someone/else'))).credential?.username).toBe('any');
	});

	it('an auth value that is not base64 of user:password is one line naming the file', async () => {
		const file = await writeDockerConfig({auths: {'ghcr.io': {auth: Buffer.from('no-colon').toString('base64')}}});
		const error = await findCredentials(parseReference('ghcr.io/o/r')).catch((e: unknown) => e as Error);
		expect(error).toBeInstanceOf(PeelError);
		expect((error as Error).message).toBe(`${file}: auths["ghcr.io"].auth is not base64 of user:password; log in again`);
	});

	it('finds nothing, and reads no helper, when nothing is configured', async () => {
		expect(await findCredentials(parseReference('ghcr.io/o/r'))).toEqual({credential: null, notes: []});
	});
});
