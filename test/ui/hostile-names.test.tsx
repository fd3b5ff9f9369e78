import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {columnsOf, frameLines, treePart} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

const COLUMNS = 160;
const ROWS = 40;
let data: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

// Names an attacker picks: a forged status line with a colour escape, a clear-screen, a
// bidi override that would show "exe.txt" as "txt.exe", a tab and a carriage return.
const FORGED = 'x\n\x1b[32mpeel: all fine, exit 0';
const CLEAR = 'cls\x1b[2J\x1b[H';
const BIDI = 'photo\u202egpj.exe';
const TABBED = 'a\tb\rc';

beforeAll(async () => {
	const image = await buildImage({
		layers: [
			{
				entries: [
					{name: 'dir/', type: 'directory'},
					{name: `dir/${FORGED}`, content: 'forged'},
					{name: `dir/${CLEAR}`, content: 'clear'},
					{name: `dir/${BIDI}`, content: 'bidi'},
					{name: `dir/${TABBED}`, content: 'tab'},
					{name: 'dir/link', type: 'symlink', linkname: 'target\x1b]0;title\x07'},
					// Beyond the ustar field (7 octal digits): stored as PAX records.
					{name: 'dir/big-ids', content: 'ids', pax: {uid: '3000000', gid: '3000000'}},
					{name: 'dir/plain', content: 'plain'},
				],
				createdBy: '/bin/sh -c echo \x1b[31mred\x1b[0m && cat <<EOF\nline two\nEOF',
			},
		],
	});
	const file = path.join(tempDir(), 'hostile.tar');
	await writeOciArchive(file, [{image, refName: 'tag\x1b[2Jwith\nnewline'}]);
	data = buildExplorerData(await loadArchive(file));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

describe('strings from the image are shown escaped, one row each', () => {
	test('file names, link targets, commands and tags: no control character reaches the terminal', async () => {
		const t = renderAtSize(data, COLUMNS, ROWS);
		open.push(t);
		await t.settle();
		const frame = t.frame();
		// Colour is off: the frame has no escape sequence at all, so any ESC would be the image's.
		expect(frame).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
		const lines = frameLines(frame);
		expect(lines).toHaveLength(ROWS - 1);
		for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(COLUMNS);
		const tree = lines.map(treePart).join('\n');
		expect(tree).toContain('x\\n\\x1b[32mpeel: all fine, exit 0');
		expect(tree).toContain('cls\\x1b[2J\\x1b[H');
		expect(tree).toContain('photo\\u202egpj.exe');
		expect(tree).toContain('a\\tb\\rc');
		expect(tree).toContain('link → target\\x1b]0;title\\x07');
		const text = lines.join('\n');
		// The command: line breaks as spaces, the colour escapes visible.
		expect(text).toContain('echo \\x1b[31mred\\x1b[0m && cat <<EOF line two EOF');
		expect(text).toContain('(tag\\x1b[2Jwith\\n');
	});

	test('every row keeps its columns: the name starts where it does on a plain row, big uid:gid cut with a mark', async () => {
		const t = renderAtSize(data, COLUMNS, ROWS);
		open.push(t);
		await t.settle();
		const lines = frameLines(t.frame()).map(treePart);
		const row = (name: string) => {
			const found = lines.find(line => line.includes(name));
			expect(found, name).toBeDefined();
			return found!;
		};
		const plainRow = row('plain');
		expect(plainRow).toMatch(/-rw-r--r-- +0:0 /);
		const nameColumn = plainRow.indexOf('plain');
		for (const name of ['x\\n\\x1b', 'cls\\x1b', 'photo\\u202e', 'a\\tb', 'link →', 'big-ids']) {
			expect(row(name).indexOf(name), name).toBe(nameColumn);
		}
		expect(row('big-ids')).toContain('3000000:30…');
	});
});

describe('a path 1,000 components deep (under the reader\'s depth limit)', () => {
	test('the explorer flattens, sorts, filters and draws it, each frame within the terminal', async () => {
		const deepPath = `${'a/'.repeat(999)}deepest-file`;
		const image = await buildImage({layers: [{entries: [{name: deepPath, content: 'deep'}, {name: 'top', content: 'top'}]}]});
		const file = path.join(tempDir(), 'deep.tar');
		await writeOciArchive(file, [{image}]);
		const deep = buildExplorerData(await loadArchive(file));
		expect(deep.index.size).toBe(1002); // root, 999 directories, two files
		const t = renderAtSize(deep, 100, 30);
		open.push(t);
		await t.settle();
		const frames: string[] = [];
		const check = () => {
			const lines = frameLines(t.frame());
			expect(lines).toHaveLength(29);
			for (const line of lines) expect(columnsOf(line), `${frames.length}: ${line}`).toBeLessThanOrEqual(100);
			frames.push(t.frame());
		};
		check();
		await t.press(keys.tab, keys.end);
		check();
		await t.press(keys.ctrl('o'), keys.home, keys.end);
		check();
		await t.press(keys.ctrl('f'), ...'deepest');
		check();
		// The filter keeps the file and every directory above it: 999 + 1 rows.
		expect(frames.at(-1)).toMatch(/1,000 shown/);
	}, 60_000);
});
