import {describe, expect, test} from 'vitest';
import {parseEngineHost} from '../../source/sources/engine/parse-engine-host.js';
import {endpointUrl} from '../../source/sources/engine/engine-endpoint.js';
import {PeelError} from '../../source/errors.js';

const tls = {ca: '/c/ca.pem', cert: null, key: null, verify: true};

describe('engine host URLs', () => {
	test('unix sockets need an absolute path', () => {
		expect(parseEngineHost('unix:///var/run/docker.sock', 'x', null)).toMatchObject({kind: 'unix', socketPath: '/var/run/docker.sock'});
		expect(() => parseEngineHost('unix://docker.sock', 'DOCKER_HOST', null)).toThrow(/needs an absolute socket path/);
	});

	test('tcp: default ports 2375 plain and 2376 with TLS; explicit ports kept (even 80)', () => {
		expect(parseEngineHost('tcp://10.0.0.1', 'x', null)).toMatchObject({host: '10.0.0.1', port: 2375, tls: null});
		expect(parseEngineHost('tcp://10.0.0.1', 'x', tls)).toMatchObject({port: 2376, tls});
		expect(parseEngineHost('tcp://engine:80', 'x', null)).toMatchObject({host: 'engine', port: 80});
		expect(parseEngineHost('tcp://[::1]:2375/', 'x', null)).toMatchObject({host: '::1', port: 2375});
	});

	test('http:// is plain tcp, https:// always TLS', () => {
		expect(parseEngineHost('http://h:1', 'x', tls)).toMatchObject({port: 1, tls: null});
		expect(parseEngineHost('https://h', 'x', null)).toMatchObject({port: 2376, tls: {verify: true, ca: null}});
	});

	test('ssh, npipe, junk and bad ports are errors with a way out', () => {
		for (const bad of ['ssh://me@host', 'npipe:////./pipe/docker_engine', 'docker.sock', 'tcp://', 'tcp://h:99999', 'tcp://h:1/path']) {
			expect(() => parseEngineHost(bad, 'DOCKER_HOST', null), bad).toThrow(PeelError);
		}
		expect(() => parseEngineHost('ssh://me@host', 'DOCKER_HOST', null)).toThrow(/use a unix socket \(unix:\/\/\/path\) or tcp:\/\/host:port/);
	});

	test('endpointUrl writes them back', () => {
		expect(endpointUrl(parseEngineHost('tcp://[::1]:2375', 'x', null))).toBe('tcp://[::1]:2375');
		expect(endpointUrl(parseEngineHost('https://h', 'x', null))).toBe('https://h:2376');
		expect(endpointUrl(parseEngineHost('unix:///a/b.sock', 'x', null))).toBe('unix:///a/b.sock');
	});
});
