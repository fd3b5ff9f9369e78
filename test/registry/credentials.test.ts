import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {
	basicAuth,
	cleanCredentialEnv,
	htpasswdFile,
	installCredentialHelper,
	restoreEnv,
	writeDockerConfig,
	writeJsonFile,
} from './support/credentials-env.js';
import {closeOpened, openImage, readLayers, rejectionOf} from './support/open.js';
import {pushImage} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs, tempDir} from './support/temp-dir.js';

const USER = 'bob';
const PASSWORD = 'p4ss-w0rd-secret';
let registry: RegistryServer;
let image: BuiltImage;
let reference: string;

beforeAll(async () => {
	registry = await startRegistry({htpasswd: await htpasswdFile(USER, PASSWORD)});
	image = await buildImage({layers: [{entries: [{name: 'secret.txt', content: 'behind basic auth'}]}]});
	await pushImage(registry.url, 'private/app', 'latest', image, {authorization: `Basic ${basicAuth(USER, PASSWORD)}`});
	reference = `${registry.host}/private/app`;
});

beforeEach(async () => {
	await cleanCredentialEnv();
});

afterEach(async () => {
	await closeOpened();
	restoreEnv();
});

afterAll(async () => {
	await registry?.stop();
	await removeTempDirs();
});

async function expectPullWorks(): Promise<void> {
	const handle = await openImage(reference);
	expect(handle.digest).toBe(image.manifestDigest);
	const [layer] = await readLayers(handle);
	expect(layer!.equals(image.layers[0]!.blob)).toBe(true);
}

async function expectNeedsLogin(): Promise<PeelError> {
	const error = await rejectionOf(openImage(reference));
	expect(error).toBeInstanceOf(PeelError);
	expect(error.message).toMatch(new RegExp(`registry ${registry.host}: .*needs credentials.*docker login ${registry.host}`));
	expect(error.message).not.toContain('\n');
	return error as PeelError;
}

describe('Basic auth (htpasswd) and where credentials come from', () => {
	it('without any credentials: one line saying to log in', async () => {
		await expectNeedsLogin();
	});

	it('config.json auths[host].auth', async () => {
		await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth(USER, PASSWORD)}}});
		await expectPullWorks();
	});

	it('config.json with a legacy http:// key and username/password fields', async () => {
		await writeDockerConfig({auths: {[`http://${registry.host}/v1/`]: {username: USER, password: PASSWORD}}});
		await expectPullWorks();
	});

	it('credentials for another registry are not used', async () => {
		await writeDockerConfig({auths: {'127.0.0.1:1': {auth: basicAuth(USER, PASSWORD)}}});
		await expectNeedsLogin();
	});

	it('a wrong password is reported as refused, naming the file but not the secret', async () => {
		const file = await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth(USER, 'not-the-password')}}});
		const error = await rejectionOf(openImage(reference));
		expect(error.message).toContain(`credentials from ${file} were refused`);
		expect(error.message).not.toContain('not-the-password');
	});

	it('DOCKER_AUTH_CONFIG comes first', async () => {
		await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth(USER, 'stale')}}});
		process.env['DOCKER_AUTH_CONFIG'] = JSON.stringify({auths: {[registry.host]: {auth: basicAuth(USER, PASSWORD)}}});
		await expectPullWorks();
	});

	it('credHelpers[host] runs docker-credential-NAME get with the host on stdin', async () => {
		const helper = await installCredentialHelper('test', {[registry.host]: {Username: USER, Secret: PASSWORD}});
		await writeDockerConfig({credHelpers: {[registry.host]: 'test'}, credsStore: 'absent'});
		await expectPullWorks();
		expect((await readFile(helper.log, 'utf8')).trim()).toBe(`get ${registry.host}`);
	});

	it('credsStore is asked when no credHelpers entry matches', async () => {
		const helper = await installCredentialHelper('store', {[registry.host]: {Username: USER, Secret: PASSWORD}});
		await writeDockerConfig({credsStore: 'store', auths: {[registry.host]: {}}});
		await expectPullWorks();
		expect(await readFile(helper.log, 'utf8')).toContain(`get ${registry.host}`);
	});

	it('a helper that says "credentials not found" leaves the pull anonymous', async () => {
		const helper = await installCredentialHelper('empty', {});
		await writeDockerConfig({credsStore: 'empty'});
		const error = await expectNeedsLogin();
		expect(error.message).toMatch(/docker-credential-empty .*has no credentials/);
		expect(await readFile(helper.log, 'utf8')).toContain(`get ${registry.host}`);
	});

	it('a configured helper missing from PATH is mentioned in the login message', async () => {
		await writeDockerConfig({credHelpers: {[registry.host]: 'not-installed-anywhere'}});
		const error = await expectNeedsLogin();
		expect(error.message).toMatch(/docker-credential-not-installed-anywhere is configured but not on PATH/);
	});

	it('Podman: REGISTRY_AUTH_FILE with a repository-scoped key', async () => {
		const dir = await tempDir();
		process.env['REGISTRY_AUTH_FILE'] = await writeJsonFile(path.join(dir, 'auth.json'), {
			auths: {
				[registry.host]: {auth: basicAuth(USER, 'wrong-for-the-host')},
				[`${registry.host}/private/app`]: {auth: basicAuth(USER, PASSWORD)},
			},
		});
		await expectPullWorks();
	});

	it('Podman: $XDG_RUNTIME_DIR/containers/auth.json', async () => {
		const dir = await tempDir();
		process.env['XDG_RUNTIME_DIR'] = dir;
		await writeJsonFile(path.join(dir, 'containers', 'auth.json'), {auths: {[registry.host]: {auth: basicAuth(USER, PASSWORD)}}});
		await expectPullWorks();
	});

	it('Podman: ~/.config/containers/auth.json', async () => {
		const home = process.env['HOME']!;
		await writeJsonFile(path.join(home, '.config', 'containers', 'auth.json'), {auths: {[registry.host]: {auth: basicAuth(USER, PASSWORD)}}});
		await expectPullWorks();
	});

	it('~/.docker/config.json when DOCKER_CONFIG is unset', async () => {
		const home = process.env['HOME']!;
		await writeJsonFile(path.join(home, '.docker', 'config.json'), {auths: {[registry.host]: {auth: basicAuth(USER, PASSWORD)}}});
		await expectPullWorks();
	});

	it('a config.json that is not JSON is one line naming the file', async () => {
		const home = process.env['HOME']!;
		const file = path.join(home, '.docker', 'config.json');
		await writeJsonFile(file, {});
		const {writeFile} = await import('node:fs/promises');
		await writeFile(file, '{"auths": ');
		const error = await rejectionOf(openImage(reference));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toContain(`${file} is not valid JSON`);
	});
});
