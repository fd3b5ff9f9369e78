import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {discoverEngine} from '../../source/sources/engine/discover-engine.js';
import {diskReader} from '../../source/sources/engine/file-reader.js';
import {PeelError} from '../../source/errors.js';

let home: string;

beforeEach(() => {
	home = mkdtempSync(path.join(os.tmpdir(), 'peel-discover-'));
});
afterEach(() => {
	rmSync(home, {recursive: true, force: true});
});

function writeConfig(configDir: string, config: object): void {
	mkdirSync(configDir, {recursive: true});
	writeFileSync(path.join(configDir, 'config.json'), JSON.stringify(config));
}

/** A context as `docker context create NAME --docker host=HOST` stores it. */
function writeContext(configDir: string, name: string, host: string, extra: {skipTlsVerify?: boolean; tls?: string[]} = {}): void {
	const id = createHash('sha256').update(name).digest('hex');
	const metaDir = path.join(configDir, 'contexts', 'meta', id);
	mkdirSync(metaDir, {recursive: true});
	const meta = {Name: name, Metadata: {Description: ''}, Endpoints: {docker: {Host: host, SkipTLSVerify: extra.skipTlsVerify ?? false}}};
	writeFileSync(path.join(metaDir, 'meta.json'), JSON.stringify(meta));
	if (extra.tls) {
		const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
		mkdirSync(tlsDir, {recursive: true});
		for (const file of extra.tls) writeFileSync(path.join(tlsDir, file), 'pem');
	}
}

const docker = (env: Record<string, string>, engineHost?: string) => discoverEngine('docker', {env, homeDir: home, engineHost}, diskReader);
const podman = (env: Record<string, string>, engineHost?: string) => discoverEngine('podman', {env, homeDir: home, engineHost}, diskReader);

describe('docker engine discovery', () => {
	test('without any setting: the default socket', () => {
		expect(docker({})).toEqual({kind: 'unix', socketPath: '/var/run/docker.sock', origin: 'default', alsoTried: []});
	});

	test('currentContext in ~/.docker/config.json selects that context’s host', () => {
		const configDir = path.join(home, '.docker');
		writeConfig(configDir, {currentContext: 'colima'});
		writeContext(configDir, 'colima', 'unix:///home/u/.colima/default/docker.sock');
		expect(docker({})).toMatchObject({kind: 'unix', socketPath: '/home/u/.colima/default/docker.sock', origin: 'docker context "colima"'});
	});

	test('DOCKER_CONTEXT beats currentContext', () => {
		const configDir = path.join(home, '.docker');
		writeConfig(configDir, {currentContext: 'colima'});
		writeContext(configDir, 'colima', 'unix:///colima.sock');
		writeContext(configDir, 'remote', 'tcp://10.0.0.5:2375');
		expect(docker({DOCKER_CONTEXT: 'remote'})).toMatchObject({kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null});
	});

	test('DOCKER_HOST beats DOCKER_CONTEXT and currentContext', () => {
		const configDir = path.join(home, '.docker');
		writeConfig(configDir, {currentContext: 'colima'});
		writeContext(configDir, 'colima', 'unix:///colima.sock');
		writeContext(configDir, 'remote', 'tcp://10.0.0.5:2375');
		expect(docker({DOCKER_HOST: 'unix:///tmp/x.sock', DOCKER_CONTEXT: 'remote'})).toMatchObject({kind: 'unix', socketPath: '/tmp/x.sock', origin: 'DOCKER_HOST'});
	});

	test('--engine-host beats DOCKER_HOST', () => {
		expect(docker({DOCKER_HOST: 'unix:///tmp/x.sock'}, 'unix:///tmp/flag.sock')).toMatchObject({socketPath: '/tmp/flag.sock', origin: '--engine-host'});
	});

	test('the "default" context means the default socket, even when DOCKER_CONTEXT names it', () => {
		const configDir = path.join(home, '.docker');
		writeConfig(configDir, {currentContext: 'default'});
		expect(docker({})).toMatchObject({socketPath: '/var/run/docker.sock'});
		writeConfig(configDir, {currentContext: 'colima'});
		writeContext(configDir, 'colima', 'unix:///colima.sock');
		expect(docker({DOCKER_CONTEXT: 'default'})).toMatchObject({socketPath: '/var/run/docker.sock'});
	});

	test('DOCKER_CONFIG moves config.json and the context store', () => {
		const configDir = path.join(home, 'elsewhere');
		writeConfig(configDir, {currentContext: 'ctx'});
		writeContext(configDir, 'ctx', 'unix:///elsewhere.sock');
		// A config in the home directory must be ignored now.
		writeConfig(path.join(home, '.docker'), {currentContext: 'nope'});
		expect(docker({DOCKER_CONFIG: configDir})).toMatchObject({socketPath: '/elsewhere.sock'});
	});

	test('a context with TLS files connects with TLS, verifying unless SkipTLSVerify', () => {
		const configDir = path.join(home, '.docker');
		writeContext(configDir, 'secure', 'tcp://engine.example:2376', {tls: ['ca.pem', 'cert.pem', 'key.pem']});
		writeContext(configDir, 'lax', 'tcp://engine.example:2376', {tls: ['cert.pem', 'key.pem'], skipTlsVerify: true});
		const secure = docker({DOCKER_CONTEXT: 'secure'});
		const id = createHash('sha256').update('secure').digest('hex');
		expect(secure).toMatchObject({kind: 'tcp', host: 'engine.example', port: 2376, tls: {verify: true, ca: path.join(configDir, 'contexts', 'tls', id, 'docker', 'ca.pem')}});
		expect(docker({DOCKER_CONTEXT: 'lax'})).toMatchObject({tls: {verify: false, ca: null}});
	});

	test('an unknown context is an error that names it', () => {
		writeConfig(path.join(home, '.docker'), {currentContext: 'gone'});
		expect(() => docker({})).toThrow(PeelError);
		expect(() => docker({})).toThrow(/docker context "gone" \(currentContext in .*config\.json\) does not exist/);
		expect(() => docker({DOCKER_CONTEXT: 'missing'})).toThrow(/docker context "missing" \(DOCKER_CONTEXT\) does not exist/);
	});

	test('an unreadable config.json is reported, not ignored', () => {
		mkdirSync(path.join(home, '.docker'));
		writeFileSync(path.join(home, '.docker', 'config.json'), '{not json');
		expect(() => docker({})).toThrow(/config\.json is not valid JSON/);
	});

	test('DOCKER_TLS_VERIFY uses ca.pem, cert.pem, key.pem from DOCKER_CERT_PATH', () => {
		const certs = path.join(home, 'certs');
		mkdirSync(certs);
		for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, file), 'pem');
		expect(docker({DOCKER_HOST: 'tcp://10.1.1.1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs})).toEqual({
			kind: 'tcp',
			host: '10.1.1.1',
			port: 2376,
			origin: 'DOCKER_HOST',
			tls: {ca: path.join(certs, 'ca.pem'), cert: path.join(certs, 'cert.pem'), key: path.join(certs, 'key.pem'), verify: true},
		});
	});

	test('DOCKER_CERT_PATH defaults to the config directory; without DOCKER_TLS* tcp is plain', () => {
		const configDir = path.join(home, '.docker');
		mkdirSync(configDir);
		writeFileSync(path.join(configDir, 'cert.pem'), 'pem');
		writeFileSync(path.join(configDir, 'key.pem'), 'pem');
		expect(docker({DOCKER_HOST: 'tcp://h:1234', DOCKER_TLS: '1'})).toMatchObject({
			port: 1234,
			tls: {ca: null, cert: path.join(configDir, 'cert.pem'), key: path.join(configDir, 'key.pem'), verify: false},
		});
		expect(docker({DOCKER_HOST: 'tcp://h'})).toMatchObject({port: 2375, tls: null});
	});
});

describe('podman engine discovery', () => {
	test('CONTAINER_HOST first', () => {
		expect(podman({CONTAINER_HOST: 'unix:///run/user/1000/podman/podman.sock', XDG_RUNTIME_DIR: home})).toMatchObject({
			socketPath: '/run/user/1000/podman/podman.sock',
			origin: 'CONTAINER_HOST',
		});
	});

	test('--engine-host beats CONTAINER_HOST', () => {
		expect(podman({CONTAINER_HOST: 'unix:///a.sock'}, 'tcp://127.0.0.1:8888')).toMatchObject({kind: 'tcp', port: 8888, origin: '--engine-host'});
	});

	test('the rootless socket under XDG_RUNTIME_DIR when it exists', () => {
		const socket = path.join(home, 'podman', 'podman.sock');
		mkdirSync(path.dirname(socket));
		writeFileSync(socket, '');
		expect(podman({XDG_RUNTIME_DIR: home})).toEqual({kind: 'unix', socketPath: socket, origin: 'default', alsoTried: []});
	});

	test('neither socket exists: the rootless one is reported, the rootful one listed as tried', () => {
		const xdg = path.join(home, 'no-such-runtime-dir');
		expect(podman({XDG_RUNTIME_DIR: xdg})).toEqual({
			kind: 'unix',
			socketPath: path.join(xdg, 'podman', 'podman.sock'),
			origin: 'default',
			alsoTried: ['/run/podman/podman.sock'],
		});
	});

	test('without XDG_RUNTIME_DIR: the rootful socket', () => {
		expect(podman({})).toMatchObject({socketPath: '/run/podman/podman.sock'});
	});

	test('DOCKER_HOST does not steer podman', () => {
		expect(podman({DOCKER_HOST: 'unix:///docker.sock'})).toMatchObject({socketPath: '/run/podman/podman.sock'});
	});

	test('ssh:// is refused with what to use instead', () => {
		expect(() => podman({CONTAINER_HOST: 'ssh://core@localhost:2222/run/podman/podman.sock'})).toThrow(
			/CONTAINER_HOST.*ssh:\/\/, which peel does not support; use a unix socket/,
		);
	});
});
