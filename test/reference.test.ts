import {describe, expect, it} from 'vitest';
import {PeelError} from '../source/errors.js';
import {parseReference} from '../source/reference/parse-reference.js';
import {isLoopbackHost} from '../source/reference/registry-host.js';

const HEX64 = 'a'.repeat(40) + '0123456789abcdef01234567';
const DIGEST = `sha256:${HEX64}`;

function errorOf(text: string): PeelError {
	try {
		parseReference(text);
	} catch (error) {
		expect(error).toBeInstanceOf(PeelError);
		expect((error as Error).message).not.toContain('\n');
		return error as PeelError;
	}
	throw new Error(`${text} parsed without error`);
}

describe('parseReference normalization (splitDockerDomain)', () => {
	it('ubuntu → docker.io/library/ubuntu:latest on registry-1.docker.io', () => {
		const ref = parseReference('ubuntu');
		expect(ref).toMatchObject({
			domain: 'docker.io',
			path: 'library/ubuntu',
			tag: 'latest',
			digest: null,
			name: 'docker.io/library/ubuntu',
			apiHost: 'registry-1.docker.io',
			credentialsKey: 'https://index.docker.io/v1/',
			manifestReference: 'latest',
			full: 'docker.io/library/ubuntu:latest',
			familiar: 'ubuntu:latest',
		});
	});

	it('docker.io/ubuntu, index.docker.io/ubuntu, library/ubuntu and docker.io/library/ubuntu are the same', () => {
		const names = ['docker.io/ubuntu', 'index.docker.io/ubuntu', 'library/ubuntu', 'docker.io/library/ubuntu'];
		for (const text of names) expect(parseReference(text).full).toBe('docker.io/library/ubuntu:latest');
	});

	it('foo/bar stays foo/bar on Docker Hub (no library/ prefix)', () => {
		const ref = parseReference('foo/bar:1.0');
		expect(ref.full).toBe('docker.io/foo/bar:1.0');
		expect(ref.familiar).toBe('foo/bar:1.0');
	});

	it('localhost:5000/foo names a registry with a port', () => {
		const ref = parseReference('localhost:5000/foo');
		expect(ref).toMatchObject({domain: 'localhost:5000', path: 'foo', apiHost: 'localhost:5000', credentialsKey: 'localhost:5000'});
		expect(ref.full).toBe('localhost:5000/foo:latest');
		expect(ref.familiar).toBe('localhost:5000/foo:latest');
	});

	it('bare localhost and example.com are Docker Hub library images; localhost/x is a registry', () => {
		expect(parseReference('localhost').full).toBe('docker.io/library/localhost:latest');
		expect(parseReference('example.com').full).toBe('docker.io/library/example.com:latest');
		expect(parseReference('localhost/x').domain).toBe('localhost');
		expect(parseReference('example.com/x/y').domain).toBe('example.com');
	});

	it('an uppercase first component is a domain: Foo/bar', () => {
		const ref = parseReference('Foo/bar');
		expect(ref.domain).toBe('Foo');
		expect(ref.path).toBe('bar');
	});

	it('uppercase in the path is an error: foo/Bar', () => {
		expect(errorOf('foo/Bar').message).toMatch(/must be lowercase/);
		expect(errorOf('example.com/Foo').message).toMatch(/must be lowercase/);
	});

	it('IPv6 registries: [fc00::1]:5000/x, not loopback', () => {
		const ref = parseReference('[fc00::1]:5000/x');
		expect(ref).toMatchObject({domain: '[fc00::1]:5000', path: 'x', full: '[fc00::1]:5000/x:latest'});
		expect(isLoopbackHost(ref.domain)).toBe(false);
		expect(isLoopbackHost('[::1]:5000')).toBe(true);
	});

	it('loopback hosts are localhost, 127.0.0.0/8 and ::1 only', () => {
		for (const host of ['localhost:5000', '127.0.0.1:5000', '127.9.8.7', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
		for (const host of ['example.com', '10.0.0.1:5000', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
	});
});

describe('parseReference tags and digests', () => {
	it('accepts a 128-character tag and refuses 129', () => {
		const tag128 = 't'.repeat(128);
		expect(parseReference(`foo:${tag128}`).tag).toBe(tag128);
		expect(errorOf(`foo:${tag128}t`).message).toMatch(/malformed tag/);
	});

	it('tags may have uppercase but not start with . or -', () => {
		expect(parseReference('foo:V1.0-rc_1').tag).toBe('V1.0-rc_1');
		expect(errorOf('foo:.x').message).toMatch(/malformed tag/);
		expect(errorOf('foo:-x').message).toMatch(/malformed tag/);
	});

	it('a short digest is invalid', () => {
		expect(errorOf(`foo@sha256:${'a'.repeat(32)}`).message).toMatch(/64 lowercase hex/);
		expect(errorOf('foo@sha256:abc').message).toMatch(/malformed digest/);
	});

	it('uppercase hex and unknown algorithms are refused', () => {
		expect(errorOf(`foo@sha256:${HEX64.toUpperCase()}`).message).toMatch(/lowercase hex/);
		expect(errorOf(`foo@md5:${HEX64}`).message).toMatch(/unsupported digest algorithm/);
	});

	it('a digest reference pulls by digest', () => {
		const ref = parseReference(`ghcr.io/o/r@${DIGEST}`);
		expect(ref).toMatchObject({domain: 'ghcr.io', path: 'o/r', tag: null, digest: DIGEST, manifestReference: DIGEST});
		expect(ref.full).toBe(`ghcr.io/o/r@${DIGEST}`);
	});

	it('tag + digest → the digest wins', () => {
		const ref = parseReference(`ubuntu:22.04@${DIGEST}`);
		expect(ref.digest).toBe(DIGEST);
		expect(ref.tag).toBeNull();
		expect(ref.manifestReference).toBe(DIGEST);
		expect(ref.full).toBe(`docker.io/library/ubuntu@${DIGEST}`);
		expect(ref.familiar).toBe(`ubuntu@${DIGEST}`);
	});

	it('accepts sha512 digests of the right length', () => {
		const digest = `sha512:${'b'.repeat(128)}`;
		expect(parseReference(`foo@${digest}`).digest).toBe(digest);
	});
});

describe('parseReference refusals', () => {
	it('a bare 64-hex string is an image ID, not a name', () => {
		const message = errorOf(HEX64).message;
		expect(message).toMatch(/image ID/);
		expect(message).toMatch(/docker:\/\//);
		// With a namespace it is a valid repository name.
		expect(parseReference(`foo/${HEX64}`).path).toBe(`foo/${HEX64}`);
	});

	it('refuses the empty string and malformed names', () => {
		expect(errorOf('').message).toMatch(/empty/);
		for (const bad of ['foo//bar', 'foo/', '/foo', 'foo bar', 'foo:', ':tag', 'foo@', 'a..b', '-foo', 'foo_', 'host:port:x/y']) {
			expect(errorOf(bad).message).toMatch(/invalid image reference/);
		}
	});

	it('refuses names longer than 255 characters', () => {
		const long = `example.com/${'a'.repeat(250)}`;
		expect(errorOf(long).message).toMatch(/longer than 255/);
		expect(parseReference(`example.com/${'a'.repeat(243)}`).path).toHaveLength(243);
	});

	it('separators: __, -- and . between components are allowed, ___ is not', () => {
		expect(parseReference('a__b/c--d/e.f').path).toBe('a__b/c--d/e.f');
		expect(errorOf('a___b').message).toMatch(/invalid image reference/);
	});
});
