import {describe, expect, it} from 'vitest';
import {contractViolation} from './contract.js';
import type {LimitedRun} from './run-limited.js';

/** The checker itself: each broken promise is caught, a clean refusal passes. */
const run = (over: Partial<LimitedRun>): LimitedRun => ({code: 2, signal: null, stdout: '', stderr: 'peel: x is not an image archive\n', stdoutBytes: 0, stderrBytes: 32, peakRssMb: 60, ms: 900, ...over});
const check = (over: Partial<LimitedRun>, mode: 'json' | 'ci' | 'plain' = 'plain') => contractViolation(run(over), {mode, rssMb: 600});

describe('the contract checker', () => {
	it('passes one clear line on exit 2, and exit 1 only under --ci', () => {
		expect(check({})).toBeNull();
		expect(check({code: 1, stderr: '', stderrBytes: 0}, 'ci')).toBeNull();
		expect(check({code: 1, stderr: '', stderrBytes: 0})).toBe('exit code 1');
	});

	it('catches traces, unexpected errors, extra lines, control bytes, runaways', () => {
		expect(check({stderr: 'peel: boom\n    at parse (file:///a.js:1:2)\n'})).toMatch(/^stack trace/);
		expect(check({stderr: 'peel: unexpected error: x is not a function\n'})).toMatch(/^unexpected error/);
		expect(check({stderr: 'peel: a\npeel: b\n'})).toMatch(/^2 stderr lines/);
		expect(check({stderr: 'peel: entry "\x1b[2J"\n'})).toMatch(/^raw control byte in stderr/);
		expect(check({code: 0, stderr: '', stdout: '/etc/\x1b[32mok\n'}, 'ci')).toMatch(/^raw control byte in the CI report/);
		expect(check({stderr: 'Error: x\n'})).toMatch(/without "peel: "/);
		expect(check({killed: 'time', code: null, signal: 'SIGKILL'})).toMatch(/^hang/);
		expect(check({peakRssMb: 700})).toMatch(/^peak RSS 700 MB/);
	});
});
