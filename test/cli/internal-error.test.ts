import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {internalErrorMessage} from '../../source/internal-error.js';

describe('an error that is not bad input: a bug, said so in one line with how to report it', () => {
	it('names the error, says it is a bug and how to report it', () => {
		const error = new TypeError('name.charCodeAt is not a function');
		const line = internalErrorMessage(error);
		expect(line).toMatch(/^internal error \(a bug in peel\): TypeError: name\.charCodeAt is not a function — please report it/);
		expect(line).toMatch(/with the command you ran and peel --version$/);
		expect(line).not.toContain('\n');
		expect(line).not.toMatch(/unexpected error/);
	});

	it('points at the tracker package.json names, when it names one', () => {
		const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
		const tracker = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
		const line = internalErrorMessage(new Error('x'));
		if (tracker) expect(line).toContain(` at ${tracker} `);
		else expect(line).not.toMatch(/report it at /);
	});

	it('cuts a huge message so the advice still fits', () => {
		const line = internalErrorMessage(new Error('m'.repeat(100_000)));
		expect(line.length).toBeLessThan(500);
		expect(line).toContain('please report it');
	});
});
