import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {formatDuration} from '../../source/ui/overlays/inspect/format-duration.js';
import {inspectLines} from '../../source/ui/overlays/inspect/inspect-lines.js';
import {wrapValue} from '../../source/ui/overlays/inspect/wrap-value.js';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {loadArchive} from './helpers/load-fixture.js';

const dir = tempDir('peel-inspect-lines-');

describe('hostile config values', () => {
	test('control characters and bidi overrides are escaped; a huge value is cut only with a line saying so', async () => {
		const huge = `BLOB=${'z'.repeat(100_000)}`;
		const image = await buildImage({
			layers: [{entries: [{name: 'x', content: 'x'}]}],
			config: {
				Env: ['EVIL=\u001b]52;c;aGk=\u0007\u001b[2J', huge],
				Labels: {'title\u202eevil': 'line1\nline2\rback'},
				User: '\u001b[31mroot',
			},
		});
		const file = path.join(dir, 'hostile.tar');
		await writeDockerArchiveLegacy(file, [{image, repoTags: ['hostile:1']}]);
		const {handle} = await loadArchive(file);
		for (const width of [80, 200]) {
			const lines = inspectLines(handle, width);
			const text = lines.map(line => line.label + line.text).join('\n');
			// eslint-disable-next-line no-control-regex
			expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
			for (const line of lines) expect([...(line.label + line.text)].length).toBeLessThanOrEqual(width);
			expect(text).toContain('EVIL=\\x1b]52;c;aGk=\\x07\\x1b[2J');
			expect(text).toContain('title\\u202eevil=line1\\nline2\\rback');
			expect(text).toContain('\\x1b[31mroot');
			expect(text).toContain('(100,005 characters: cut here; peel --json has it whole)');
		}
	});
});

describe('wrapValue', () => {
	test('the rows joined are the text, none wider than the width, breaking after spaces or : when it can', () => {
		const path = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
		for (const width of [7, 16, 30, 64]) {
			const rows = wrapValue(path, width);
			expect(rows.join('')).toBe(path);
			for (const row of rows) expect(row.length).toBeLessThanOrEqual(width);
		}
		expect(wrapValue(path, 35)).toEqual(['/usr/local/sbin:/usr/local/bin:', '/usr/sbin:/usr/bin:/sbin:/bin']);
		expect(wrapValue('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb ', 'cccc']);
		// A surrogate pair stays whole.
		expect(wrapValue('😀😀😀', 2)).toEqual(['😀😀', '😀']);
	});
});

describe('formatDuration', () => {
	test('as Go prints a time.Duration', () => {
		expect([30e9, 90e9, 3600e9, 1.5e9, 5e8, 1e3, 250, 0].map(formatDuration)).toEqual(['30s', '1m30s', '1h0m0s', '1.5s', '500ms', '1µs', '250ns', '0s']);
	});
});
