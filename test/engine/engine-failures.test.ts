import {existsSync, linkSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test, vi} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {openEngineImage} from '../../source/sources/engine/open-engine.js';
import {createTempSpool, liveSpoolDirs} from '../../source/sources/engine/temp-spool.js';
import type {OpenOptions} from '../../source/sources/open-options.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {writeContainerdStore} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {pingAndInspect, sendJson, startFakeEngine, type FakeEngine, type Route} from './fake-engine.js';
import {testImage} from './test-image.js';

let archive: Buffer;
let fake: FakeEngine | null = null;

beforeAll(async () => {
	({archive} = await testImage(['myapp:dev']));
});

afterEach(async () => {
	await fake?.close();
	fake = null;
	vi.unstubAllEnvs();
});

const options = (engineHost: string, extra: Partial<OpenOptions> = {}): OpenOptions => ({platform: hostPlatform(), insecureRegistries: [], engineHost, ...extra});

/** Runs `open` and returns its PeelError (failing the test if it resolves or throws anything else). */
async function failure(open: Promise<unknown>): Promise<PeelError> {
	const result = await open.then(
		() => new Error('expected the open to fail'),
		(error: unknown) => error,
	);
	expect(result).toBeInstanceOf(PeelError);
	return result as PeelError;
}

function exportRoute(version: string, serve: Route): Record<string, Route> {
	return {...pingAndInspect('myapp:dev', ['myapp:dev']), [`/v${version}/images/get`]: serve};
}

describe('a stream cut mid-way is a truncation error, and the temp file is gone', () => {
	test('the body ends cleanly in the middle of an entry', async () => {
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => response.end(archive.subarray(0, Math.floor(archive.length / 2) + 100))),
		});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/^the docker engine's export of myapp:dev was cut off after [\d.]+ kB \(incomplete tar: Unexpected end of data\); try again/);
		expect(liveSpoolDirs()).toEqual([]);
	});

	test('the body ends exactly between two entries (no end-of-archive marker)', async () => {
		// tar-stream's pack ends with two zero blocks; without them the last entry is still whole.
		fake = await startFakeEngine({apiVersion: '1.41', routes: exportRoute('1.41', (_q, response) => response.end(archive.subarray(0, archive.length - 1024)))});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/cut off after .*\(incomplete tar: no end-of-archive marker\)/);
	});

	test('the engine drops the connection', async () => {
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => {
				response.writeHead(200, {'Content-Type': 'application/x-tar'});
				response.write(archive.subarray(0, 30_000), () => response.socket?.destroy());
			}),
		});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/^the docker engine's export of myapp:dev was cut off after [\d.]+ kB \(the connection was closed\)/);
		expect(liveSpoolDirs()).toEqual([]);
	});

	test('an error the engine appends to the stream (as moby does) is shown', async () => {
		const said = {errorDetail: {message: 'write /var/lib/docker/tmp/x: no space left on device'}, error: 'write /var/lib/docker/tmp/x: no space left on device'};
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => {
				response.write(archive.subarray(0, 20_000));
				response.end(JSON.stringify(said) + '\r\n');
			}),
		});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/cut off after .*; the engine said: write \/var\/lib\/docker\/tmp\/x: no space left on device; try again/);
	});

	test('while streaming, the spool is a 0600 file in a 0700 directory; aborting removes it', async () => {
		let started!: () => void;
		const streaming = new Promise<void>(resolve => (started = resolve));
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => {
				response.write(archive.subarray(0, 10_000), () => started());
				// …and then stall, like a slow engine.
			}),
		});
		const controller = new AbortController();
		const open = openEngineImage('docker', 'myapp:dev', options(fake.host, {signal: controller.signal}));
		const outcome = open.then(
			() => null,
			(error: unknown) => error,
		);
		await streaming;
		await vi.waitFor(() => expect(liveSpoolDirs()).toHaveLength(1));
		const dir = liveSpoolDirs()[0]!;
		await vi.waitFor(() => expect(statSync(path.join(dir, 'export.tar')).size).toBe(10_000));
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(statSync(path.join(dir, 'export.tar')).mode & 0o777).toBe(0o600);
		controller.abort();
		expect(await outcome).toMatchObject({name: 'AbortError'});
		expect(liveSpoolDirs()).toEqual([]);
		expect(() => statSync(dir)).toThrow(/ENOENT/);
	});
});

describe('temp files are removed when the process is told to stop', () => {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		test(signal, async () => {
			const spool = createTempSpool();
			writeFileSync(spool.file, 'partial export');
			// Another listener stands in for the app's own handler, so the process is not re-signalled.
			const appHandler = () => undefined;
			process.on(signal, appHandler);
			try {
				process.emit(signal, signal);
			} finally {
				process.removeListener(signal, appHandler);
			}
			expect(existsSync(path.dirname(spool.file))).toBe(false);
			expect(liveSpoolDirs()).toEqual([]);
			await spool.remove();
		});
	}
});

describe('API version negotiation', () => {
	const notFound: Route = (_q, response) => sendJson(response, 404, {message: 'No such image: myapp:dev'});

	test('no Api-Version header: API 1.24', async () => {
		fake = await startFakeEngine({apiVersion: null, routes: {'/_ping': (_q, response) => response.end('OK'), '/v1.24/images/myapp:dev/json': notFound}});
		await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(fake.requests).toEqual(['/_ping', '/v1.24/images/myapp:dev/json']);
	});

	test('an older engine is spoken to in its version, a newer one in ours', async () => {
		fake = await startFakeEngine({apiVersion: '1.41', routes: {'/_ping': (_q, response) => response.end('OK')}});
		await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(fake.requests[1]).toBe('/v1.41/images/myapp:dev/json');
		await fake.close();
		fake = await startFakeEngine({apiVersion: '1.52', routes: {'/_ping': (_q, response) => response.end('OK')}});
		await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(fake.requests[1]).toBe('/v1.48/images/myapp:dev/json');
	});
});

describe('platform= is sent only when chosen and understood', () => {
	// Whatever the host is, this is another platform.
	const other = hostPlatform().architecture === 's390x' ? {os: 'linux', architecture: 'ppc64le'} : {os: 'linux', architecture: 's390x'};
	const exportQuery = async (apiVersion: string, platform: OpenOptions['platform']) => {
		fake = await startFakeEngine({apiVersion, routes: exportRoute(apiVersion === '1.41' ? '1.41' : '1.48', (_q, response) => response.end(archive))});
		// The result depends on the archive reader; only the request is checked here.
		await openEngineImage('docker', 'myapp:dev', options(fake.host, {platform})).then(handle => handle.close(), () => undefined);
		expect(liveSpoolDirs()).toEqual([]);
		const request = fake.requests.find(r => r.includes('/images/get'));
		return new URL(request!, 'http://x').searchParams;
	};

	test('a platform other than the host default, on API ≥ 1.48', async () => {
		const query = await exportQuery('1.50', other);
		expect(query.get('names')).toBe('myapp:dev');
		expect(JSON.parse(query.get('platform')!)).toEqual(other);
	});

	test('not for the host default (the engine exports what it has)', async () => {
		expect((await exportQuery('1.50', hostPlatform())).has('platform')).toBe(false);
	});

	test('not before API 1.48', async () => {
		expect((await exportQuery('1.41', other)).has('platform')).toBe(false);
	});

	test('an engine too old to choose: the handle warns that it shows the platform the engine had', async () => {
		fake = await startFakeEngine({apiVersion: '1.41', routes: exportRoute('1.41', (_q, response) => response.end(archive))});
		const handle = await openEngineImage('docker', 'myapp:dev', options(fake.host, {platform: other}));
		try {
			expect(handle.source).toBe('docker');
			expect(handle.reference).toBe('docker://myapp:dev');
			expect(handle.tags).toEqual(['myapp:dev']);
			expect(handle.warnings).toContain(
				`the docker engine (API 1.41) cannot export a chosen platform (that needs API 1.48); showing linux/amd64, not linux/${other.architecture}`,
			);
		} finally {
			await handle.close();
		}
	});
});

describe('exports of newer engines', () => {
	test('a containerd-store export (nested index, gzip layers, manifest.json last): the chosen platform is read', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-ctrd-'));
		try {
			const forArch = (architecture: string) =>
				buildImage({layers: [{entries: [{name: 'arch', content: architecture}], compression: 'gzip'}], platform: {os: 'linux', architecture}});
			const [amd64, arm64] = [await forArch('amd64'), await forArch('arm64')];
			const exported = await writeContainerdStore(path.join(dir, 'export.tar'), {platforms: [amd64, arm64], repoTags: ['myapp:dev']}, {manifestLast: true});
			fake = await startFakeEngine({apiVersion: '1.47', routes: exportRoute('1.47', (_q, response) => response.end(exported))});
			const handle = await openEngineImage('docker', 'myapp:dev', options(fake.host, {platform: {os: 'linux', architecture: 'arm64'}}));
			try {
				expect(handle.config.architecture).toBe('arm64');
				expect(handle.layers.map(layer => layer.diffId)).toEqual(arm64.layers.map(layer => layer.diffId));
				expect(handle.warnings.filter(warning => warning.includes('cannot export a chosen platform'))).toEqual([]);
			} finally {
				await handle.close();
			}
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});

describe('engine answers that are errors', () => {
	test('an engine error message is shown', async () => {
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => sendJson(response, 500, {message: 'failed to get reader: content digest sha256:abc: not found'})),
		});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toBe('the docker engine could not export myapp:dev: failed to get reader: content digest sha256:abc: not found');
	});

	test('podman’s 500 "image not known" on export is the missing-image line', async () => {
		fake = await startFakeEngine({
			apiVersion: '1.41',
			routes: exportRoute('1.41', (_q, response) => sendJson(response, 500, {cause: 'image not known', message: 'myapp:dev: image not known', response: 500})),
		});
		const error = await failure(openEngineImage('podman', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/^image myapp:dev is not in the local podman engine \(unix:\/\/.*\); .*run "peel myapp:dev" to read it from the registry instead$/);
	});

	test('something that is not an engine', async () => {
		fake = await startFakeEngine({apiVersion: null, routes: {}});
		const error = await failure(openEngineImage('docker', 'myapp:dev', options(fake.host)));
		expect(error.message).toMatch(/^unix:\/\/.*engine\.sock does not answer like a docker engine \(GET \/_ping: page not found: \/_ping\)/);
	});

	test('a reference that cannot name an image never reaches the engine', async () => {
		fake = await startFakeEngine({apiVersion: '1.41', routes: {}});
		const error = await failure(openEngineImage('docker', 'myapp:dev?all=1', options(fake.host)));
		expect(error.message).toMatch(/is not an image reference or ID/);
		expect(fake.requests).toEqual([]);
	});
});

describe('engine not reachable', () => {
	test('a socket that does not exist is named, with what to do', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-nosock-'));
		try {
			const socket = path.join(dir, 'missing.sock');
			const error = await failure(openEngineImage('docker', 'myapp:dev', options(`unix://${socket}`)));
			expect(error.message).toBe(`no docker engine socket at ${socket} (from --engine-host); is docker running? Start Docker, or point DOCKER_HOST or --engine-host at its socket`);
			vi.stubEnv('CONTAINER_HOST', `unix://${socket}`);
			const podmanError = await failure(openEngineImage('podman', 'myapp:dev', {platform: hostPlatform(), insecureRegistries: []}));
			expect(podmanError.message).toMatch(new RegExp(`^no podman engine socket at ${socket} \\(from CONTAINER_HOST\\); is podman running\\? Start it with "systemctl --user start podman.socket"`));
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('a socket nobody listens on: the engine is not running', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'peel-deadsock-'));
		try {
			// A second name for a listening socket survives the server; then nobody listens on it.
			const server = net.createServer();
			await new Promise<void>(resolve => server.listen(path.join(dir, 'live.sock'), resolve));
			linkSync(path.join(dir, 'live.sock'), path.join(dir, 'dead.sock'));
			await new Promise(resolve => server.close(resolve));
			const error = await failure(openEngineImage('docker', 'myapp:dev', options(`unix://${path.join(dir, 'dead.sock')}`)));
			expect(error.message).toMatch(/^the docker engine is not running: nothing listens on .*dead\.sock \(from --engine-host\); start Docker/);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('DOCKER_HOST=tcp:// is used over plain tcp', async () => {
		fake = await startFakeEngine({apiVersion: '1.43', tcp: true, routes: {'/_ping': (_q, response) => response.end('OK')}});
		vi.stubEnv('DOCKER_HOST', fake.host);
		const error = await failure(openEngineImage('docker', 'myapp:dev', {platform: hostPlatform(), insecureRegistries: []}));
		expect(error.message).toMatch(/^image myapp:dev is not in the local docker engine \(tcp:\/\/127\.0\.0\.1:\d+\)/);
		expect(fake.requests).toEqual(['/_ping', '/v1.43/images/myapp:dev/json']);
	});

	test('DOCKER_HOST=ssh:// is refused before any connection', async () => {
		vi.stubEnv('DOCKER_HOST', 'ssh://me@build-box');
		const error = await failure(openEngineImage('docker', 'myapp:dev', {platform: hostPlatform(), insecureRegistries: []}));
		expect(error.message).toMatch(/DOCKER_HOST\) uses ssh:\/\/, which peel does not support/);
	});
});
