import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {basicAuth, cleanCredentialEnv, restoreEnv, writeDockerConfig} from './support/credentials-env.js';
import {type FaultProxy, startFaultProxy} from './support/fault-proxy.js';
import {closeOpened, openImage, readLayers, rejectionOf} from './support/open.js';
import {pushImage} from './support/push.js';
import {type RegistryServer, startRegistry} from './support/registry-server.js';
import {removeTempDirs} from './support/temp-dir.js';
import {type TokenServer, type TokenServerOptions, startTokenServer} from './support/token-server.js';

const REPO = 'team/app';
let tokens: TokenServer;
let registry: RegistryServer;
let image: BuiltImage;

function reset(options: TokenServerOptions): void {
	tokens.options = options;
	tokens.requests.length = 0;
}

beforeAll(async () => {
	tokens = await startTokenServer();
	registry = await startRegistry({
		token: {realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: tokens.rootCertBundle},
	});
	image = await buildImage({
		layers: [
			{entries: [{name: 'a.txt', content: 'layer one'}]},
			{entries: [{name: 'b.txt', content: 'layer two'}], compression: 'zstd'},
		],
	});
	const push = tokens.signToken([{type: 'repository', name: REPO, actions: ['pull', 'push']}], 'admin');
	await pushImage(registry.url, REPO, 'v1', image, {authorization: `Bearer ${push}`});
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
	await tokens?.stop();
	await removeTempDirs();
});

async function expectPullWorks(reference = `${registry.host}/${REPO}:v1`): Promise<void> {
	const handle = await openImage(reference);
	expect(handle.digest).toBe(image.manifestDigest);
	const layers = await readLayers(handle);
	expect(layers.map((bytes, i) => bytes.equals(image.layers[i]!.blob))).toEqual([true, true]);
}

describe('bearer token auth against a real registry', () => {
	it('gets an anonymous token for repository:NAME:pull from the challenge realm', async () => {
		reset({field: 'token'});
		await expectPullWorks();
		expect(tokens.requests.length).toBe(1);
		const [request] = tokens.requests;
		expect(request!.method).toBe('GET');
		expect(request!.authorization).toBeUndefined();
		expect(request!.query.get('service')).toBe(tokens.service);
		expect(request!.query.getAll('scope')).toContain(`repository:${REPO}:pull`);
	});

	it('accepts an answer with only access_token', async () => {
		reset({field: 'access_token'});
		await expectPullWorks();
	});

	it('prefers access_token when both fields are present', async () => {
		reset({field: 'both'});
		await expectPullWorks();
		expect(tokens.requests.length).toBe(1);
	});

	it('refreshes the token when expires_in has passed', async () => {
		reset({expiresIn: 1});
		const handle = await openImage(`${registry.host}/${REPO}:v1`);
		const before = tokens.requests.length;
		expect(before).toBe(1);
		await sleep(1200);
		const layers = await readLayers(handle);
		expect(layers[0]!.equals(image.layers[0]!.blob)).toBe(true);
		expect(tokens.requests.length).toBeGreaterThan(before);
	});

	it('fetches a new token when the registry answers 401 to the one it has', async () => {
		reset({expiredFirst: 1});
		await expectPullWorks();
		expect(tokens.requests.length).toBe(2);
	});

	it('sends Basic credentials from config.json to the token server', async () => {
		reset({users: {alice: 's3cret'}, requireLogin: true});
		await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth('alice', 's3cret')}}});
		await expectPullWorks();
		const request = tokens.requests[0]!;
		expect(request.authorization).toBe(`Basic ${basicAuth('alice', 's3cret')}`);
		expect(request.query.get('account')).toBe('alice');
	});

	it('says which credentials were refused, without the secret', async () => {
		reset({users: {alice: 's3cret'}, requireLogin: true});
		const config = await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth('alice', 'wrong-password')}}});
		const error = await rejectionOf(openImage(`${registry.host}/${REPO}:v1`));
		expect(error).toBeInstanceOf(PeelError);
		expect(error.message).toContain(config);
		expect(error.message).toMatch(/refused/);
		expect(error.message).not.toContain('wrong-password');
		expect(error.message).not.toContain(basicAuth('alice', 'wrong-password'));
	});

	it('without credentials where login is required: one line saying to log in', async () => {
		reset({requireLogin: true});
		const error = await rejectionOf(openImage(`${registry.host}/${REPO}:v1`));
		expect(error.message).toMatch(new RegExp(`docker login ${registry.host}`));
		expect(error.message).not.toContain('\n');
	});

	it('trades an identitytoken for an access token with the OAuth2 refresh_token POST', async () => {
		reset({refreshTokens: {'refresh-abc': 'alice'}, requireLogin: true, field: 'access_token'});
		await writeDockerConfig({auths: {[registry.host]: {identitytoken: 'refresh-abc'}}});
		await expectPullWorks();
		const request = tokens.requests[0]!;
		expect(request.method).toBe('POST');
		expect(request.form?.get('grant_type')).toBe('refresh_token');
		expect(request.form?.get('refresh_token')).toBe('refresh-abc');
		expect(request.form?.get('service')).toBe(tokens.service);
		expect(request.form?.get('scope')).toContain(`repository:${REPO}:pull`);
	});

	it('falls back to GET when the token server answers the POST with 404', async () => {
		reset({noPost: true, users: {alice: 's3cret'}, requireLogin: true});
		await writeDockerConfig({auths: {[registry.host]: {auth: basicAuth('alice', 's3cret'), identitytoken: 'refresh-abc'}}});
		await expectPullWorks();
		expect(tokens.requests.map(r => r.method)).toEqual(['POST', 'GET']);
		expect(tokens.requests[1]!.authorization).toBe(`Basic ${basicAuth('alice', 's3cret')}`);
	});

	it('sends a registrytoken straight to the registry, without the token server', async () => {
		reset({requireLogin: true});
		const token = tokens.signToken([{type: 'repository', name: REPO, actions: ['pull']}], 'alice');
		tokens.requests.length = 0;
		await writeDockerConfig({auths: {[registry.host]: {registrytoken: token}}});
		await expectPullWorks();
		expect(tokens.requests).toEqual([]);
	});
});

describe('several challenges in WWW-Authenticate', () => {
	let proxy: FaultProxy;

	beforeAll(async () => {
		proxy = await startFaultProxy(registry.url);
	});

	afterEach(() => {
		proxy.reset();
	});

	afterAll(async () => {
		await proxy?.stop();
	});

	it('picks Bearer among other schemes, with quoted commas, in one header', async () => {
		reset({});
		proxy.rule = () => ({
			kind: 'headers',
			change: headers => {
				const bearer = headers['www-authenticate'];
				if (bearer) headers['www-authenticate'] = `Negotiate YWJj==, Basic realm="peel, test", ${bearer}`;
			},
		});
		await expectPullWorks(`${proxy.host}/${REPO}:v1`);
		expect(tokens.requests.length).toBe(1);
	});

	it('picks Bearer from several WWW-Authenticate headers', async () => {
		reset({});
		proxy.rule = () => ({
			kind: 'headers',
			change: headers => {
				const bearer = headers['www-authenticate'];
				if (bearer) headers['www-authenticate'] = ['Basic realm="x"', String(bearer)];
			},
		});
		await expectPullWorks(`${proxy.host}/${REPO}:v1`);
	});
});
