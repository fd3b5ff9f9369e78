import {describe, expect, it} from 'vitest';
import {parseChallenges} from '../../source/sources/registry/challenge.js';
import {insecureHostMatcher} from '../../source/sources/registry/insecure-hosts.js';

describe('parseChallenges (WWW-Authenticate)', () => {
	it('reads a Docker Hub bearer challenge with a scope holding commas and a host:port', () => {
		const [challenge] = parseChallenges([
			'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
		]);
		expect(challenge).toEqual({
			scheme: 'bearer',
			params: {realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push'},
		});
		const [local] = parseChallenges(['Bearer realm="http://127.0.0.1:5001/token",scope="repository:localhost:5000/x:pull"']);
		expect(local!.params['scope']).toBe('repository:localhost:5000/x:pull');
	});

	it('splits several challenges in one header, including token68 and escaped quotes', () => {
		const challenges = parseChallenges(['Negotiate YWJjZA==, Basic realm="a \\"quoted\\" realm, with comma", Bearer realm="https://r/t", service=svc']);
		expect(challenges.map(c => c.scheme)).toEqual(['negotiate', 'basic', 'bearer']);
		expect(challenges[1]!.params['realm']).toBe('a "quoted" realm, with comma');
		expect(challenges[2]!.params).toEqual({realm: 'https://r/t', service: 'svc'});
	});

	it('reads challenges spread over several headers, schemes and names case-insensitively', () => {
		const challenges = parseChallenges(['BASIC Realm="x"', 'bearer REALM="https://t"']);
		expect(challenges).toEqual([
			{scheme: 'basic', params: {realm: 'x'}},
			{scheme: 'bearer', params: {realm: 'https://t'}},
		]);
	});

	it('tolerates empty and malformed values', () => {
		expect(parseChallenges([''])).toEqual([]);
		expect(parseChallenges([',,, ,'])).toEqual([]);
		expect(parseChallenges(['Bearer realm="unterminated'])[0]!.params['realm']).toBe('unterminated');
	});
});

describe('insecureHostMatcher (--insecure-registry)', () => {
	it('matches host:port exactly, and a bare host on any port', () => {
		const matches = insecureHostMatcher(['registry.lan:5000', 'http://other.lan/', '[fc00::1]']);
		expect(matches('registry.lan:5000')).toBe(true);
		expect(matches('registry.lan:5001')).toBe(false);
		expect(matches('registry.lan')).toBe(false);
		expect(matches('other.lan:8080')).toBe(true);
		expect(matches('OTHER.lan')).toBe(true);
		expect(matches('[fc00::1]:5000')).toBe(true);
		expect(matches('example.com')).toBe(false);
	});
});
