import {readFileSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {TLSSocket} from 'node:tls';
import {afterAll, afterEach, beforeAll, expect, test, vi} from 'vitest';
import {PeelError} from '../../source/errors.js';
import {openEngineImage} from '../../source/sources/engine/open-engine.js';
import {hostPlatform} from '../../source/sources/platform.js';
import {startFakeEngine, type FakeEngine} from './fake-engine.js';
import {makeTlsFiles} from './tls-certs.js';

let dir: string;
let files: ReturnType<typeof makeTlsFiles>;
let other: ReturnType<typeof makeTlsFiles>;
let fake: FakeEngine;
const clientNames: string[] = [];

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'peel-engine-tls-'));
	files = makeTlsFiles(path.join(dir, 'good'));
	other = makeTlsFiles(path.join(dir, 'other'));
	fake = await startFakeEngine({
		apiVersion: '1.45',
		tcp: true,
		tls: {cert: readFileSync(files.serverCert), key: readFileSync(files.serverKey), ca: readFileSync(files.ca), requestCert: true, rejectUnauthorized: true},
		routes: {
			'/_ping': (request, response) => {
				clientNames.push(String((request.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ''));
				response.end('OK');
			},
		},
	});
});

afterAll(async () => {
	await fake?.close();
	rmSync(dir, {recursive: true, force: true});
});

afterEach(() => {
	vi.unstubAllEnvs();
});

const open = () => openEngineImage('docker', 'myapp:dev', {platform: hostPlatform(), insecureRegistries: []}).then(
	() => new Error('expected a failure'),
	(error: unknown) => error as Error,
);

test('DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: the server is verified with ca.pem and sees our client certificate', async () => {
	vi.stubEnv('DOCKER_HOST', fake.host);
	vi.stubEnv('DOCKER_TLS_VERIFY', '1');
	vi.stubEnv('DOCKER_CERT_PATH', files.clientDir);
	const error = await open();
	// The fake knows no images: reaching the lookup proves the TLS connection worked.
	expect(error).toBeInstanceOf(PeelError);
	expect(error.message).toMatch(/^image myapp:dev is not in the local docker engine \(https:\/\/127\.0\.0\.1:\d+\)/);
	expect(clientNames).toEqual(['peel']);
});

test('a server certificate from another CA is refused with a TLS line', async () => {
	vi.stubEnv('DOCKER_HOST', fake.host);
	vi.stubEnv('DOCKER_TLS_VERIFY', '1');
	vi.stubEnv('DOCKER_CERT_PATH', other.clientDir);
	const error = await open();
	expect(error).toBeInstanceOf(PeelError);
	expect(error.message).toMatch(/^TLS connection to the docker engine at https:\/\/127\.0\.0\.1:\d+ \(from DOCKER_HOST\) failed: .*; check DOCKER_TLS_VERIFY/);
});
