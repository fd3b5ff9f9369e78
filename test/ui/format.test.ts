import {describe, expect, test} from 'vitest';
import {formatBytes} from '../../source/text/bytes.js';
import {formatMode} from '../../source/ui/format/mode.js';
import {formatPercent} from '../../source/ui/format/percent.js';
import {truncate, wrapText} from '../../source/ui/format/wrap.js';

describe('formatBytes matches go-humanize (what dive prints)', () => {
	test.each([
		[0, '0 B'],
		[9, '9 B'],
		[10, '10 B'],
		[999, '999 B'],
		[1000, '1.0 kB'],
		[1234, '1.2 kB'],
		[9_950, '10 kB'],
		[12_500, '12 kB'],
		[13_500, '14 kB'],
		[999_960, '1000 kB'],
		[1_000_000, '1.0 MB'],
		[82_854_982, '83 MB'],
		[5_000_000_000, '5.0 GB'],
	])('%i bytes → %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});

describe('formatMode', () => {
	test.each([
		['dir', 0o755, 'drwxr-xr-x'],
		['file', 0o644, '-rw-r--r--'],
		['file', 0o4755, '-rwsr-xr-x'],
		['file', 0o2644, '-rw-r-Sr--'],
		['dir', 0o1777, 'drwxrwxrwt'],
		['dir', 0o1770, 'drwxrwx--T'],
		['symlink', 0o777, 'lrwxrwxrwx'],
		['fifo', 0o600, 'prw-------'],
	] as const)('%s %o → %s', (type, mode, text) => {
		expect(formatMode(type, mode)).toBe(text);
	});
});

describe('text helpers', () => {
	test('wrapText wraps at spaces, hard-wraps long words, keeps every character', () => {
		const text = 'apt-get update && apt-get install -y curl ca-certificates';
		const lines = wrapText(text, 20);
		expect(lines.every(line => line.length <= 20)).toBe(true);
		expect(lines.join(' ')).toBe(text);
		expect(wrapText('x'.repeat(45), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
	});

	test('truncate ends cut text with an ellipsis, within the width', () => {
		expect(truncate('sha256:0123456789', 10)).toBe('sha256:01…');
		expect(truncate('short', 10)).toBe('short');
	});

	test('formatPercent shows dive\'s NaN and Infinity as n/a', () => {
		expect(formatPercent(0.12345)).toBe('12.35 %');
		expect(formatPercent(Number.NaN)).toBe('n/a');
		expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('n/a');
	});
});
