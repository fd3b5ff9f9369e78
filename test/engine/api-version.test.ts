import {expect, test} from 'vitest';
import {compareApiVersions, negotiateApiVersion} from '../../source/sources/engine/api-version.js';

test('the lower of the engine’s version and ours (1.48); 1.24 without a header', () => {
	expect(negotiateApiVersion('1.41', 'podman')).toBe('1.41');
	expect(negotiateApiVersion('1.51', 'docker')).toBe('1.48');
	expect(negotiateApiVersion(undefined, 'docker')).toBe('1.24');
	expect(negotiateApiVersion('', 'docker')).toBe('1.24');
});

test('versions compare as numbers, and engines older than 1.24 are refused', () => {
	expect(compareApiVersions('1.9', '1.10')).toBeLessThan(0);
	expect(negotiateApiVersion('1.100', 'docker')).toBe('1.48');
	expect(() => negotiateApiVersion('1.23', 'docker')).toThrow(/speaks API 1\.23, older than 1\.24/);
	expect(() => negotiateApiVersion('banana', 'docker')).toThrow(/unreadable API version/);
});
