import {afterEach, describe, expect, test} from 'vitest';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {dir, file} from '../model/entries.js';
import {columnsOf, frameLines} from './helpers/frame-text.js';
import {imageFromEntries} from './helpers/model-image.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

// Names an attacker picks: a forged line with a colour escape, and a bidi override.
const FORGED = 'x\n\x1b[32mpeel: all fine';
const BIDI = 'photo\u202egpj.exe';
const LONG = `${'very-long-directory-name/'.repeat(6)}the-name.bin`;

function data() {
	return buildExplorerData(
		imageFromEntries([
			[dir('d'), file(`d/${FORGED}`, 'f'.repeat(3000)), file(`d/${BIDI}`, 'b'.repeat(2000)), ...LONG.split('/').slice(0, -1).map((_, i, parts) => dir(parts.slice(0, i + 1).join('/'))), file(LONG, 'l'.repeat(5000))],
		]),
	);
}

let open: Array<ReturnType<typeof renderAtSize>> = [];
afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

describe('w: the largest files, as frames', () => {
	for (const [columns, rows] of [
		[80, 24],
		[40, 10],
		[160, 40],
	] as const) {
		test(`${columns}×${rows}: every line fits, names escaped, a long path keeps its file name`, async () => {
			const t = renderAtSize(data(), columns, rows);
			open.push(t);
			await t.settle();
			await t.press('w');
			const frame = t.frame();
			// Colour is off: any control character in the frame would be the image's.
			expect(frame).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
			const lines = frameLines(frame);
			expect(lines).toHaveLength(rows - 1);
			for (const line of lines) expect(columnsOf(line), line).toBeLessThanOrEqual(columns);
			expect(lines[0]).toContain('Largest files');
			expect(lines[0]).toContain('1/3');
			const list = lines.slice(2, 5);
			// Largest first: the long path (5000 B), the forged name (3000 B), the bidi one (2000 B).
			expect(list[0]).toMatch(/5\.0 kB/);
			expect(list[0]).toMatch(columns >= 160 ? /\/very-long-directory-name\/.*the-name\.bin/ : /…[^ ]*the-name\.bin/);
			expect(list[1]).toContain(columns >= 160 ? '/d/x\\n\\x1b[32mpeel: all fine' : 'all fine');
			if (columns >= 80) expect(list[1]).toContain('\\x1b[32mpeel: all fine');
			expect(list[2]).toContain(columns >= 80 ? 'photo\\u202egpj.exe' : '\\u202egpj.exe');
			await t.press(keys.escape);
			expect(frameLines(t.frame())[0]).not.toContain('Largest files');
		});
	}
});
