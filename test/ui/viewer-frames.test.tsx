import {execFileSync} from 'node:child_process';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {osc52} from '../../source/ui/terminal/osc52.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {columnsOf, frameLines, plain, treePart} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';
import {viewerKnown, writeViewerImage} from './helpers/viewer-image.js';

const dir = tempDir('peel-viewer-frames-');
let data: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

beforeAll(async () => {
	data = buildExplorerData(await loadArchive(await writeViewerImage(dir)));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

async function until(t: ReturnType<typeof renderAtSize>, test: (text: string) => boolean, what: string): Promise<string> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const text = plain(t.frame());
		if (test(text)) return text;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	throw new Error(`timed out waiting for ${what}:\n${plain(t.frame())}`);
}

describe.each([
	[80, 24],
	[160, 48],
])('the viewer at %i×%i', (columns, rows) => {
	test('v opens /etc/motd full screen: title, numbered lines, status; Esc goes back', async () => {
		const t = renderAtSize(data, columns, rows);
		open.push(t);
		await t.settle();
		// Layer 1, tree, the cursor on /etc/motd.
		await t.press(keys.down, keys.tab, keys.down, 'v');
		const text = await until(t, s => s.includes('hello'), 'the file');
		const lines = frameLines(t.frame());
		expect(lines).toHaveLength(rows - 1);
		for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
		expect(lines[0]).toMatch(/^\/etc\/motd {2}layer 1 {2}\S+ B {2}-rw-r--r-- {2}hash \S+$/);
		const expected = viewerKnown.motd.split('\n');
		const numberWidth = String(expected.length - 1).length;
		expect(lines[1]).toBe(`${'1'.padStart(numberWidth)} hello   world`);
		expect(lines[2]).toBe(`${'2'.padStart(numberWidth)} \\x1b[31mred`);
		for (let i = 3; i <= rows - 4; i++) expect(lines[i]).toBe(`${String(i).padStart(numberWidth)} ${expected[i - 1]}`);
		expect(lines.at(-2)).toMatch(/^text {2}lines 1–/);
		expect(lines.at(-1)).toMatch(/Back/);
		expect(text).not.toContain('Layers');
		await t.press(keys.escape);
		await until(t, s => s.includes('Current Layer Contents'), 'the tree');
		expect(frameLines(t.frame()).map(treePart).find(line => line.startsWith('›'))).toMatch(/motd/);
	});

	test('a binary file is a hex dump', async () => {
		const t = renderAtSize(data, columns, rows);
		open.push(t);
		await t.settle();
		await t.press(keys.down, keys.tab, keys.end);
		// The last row of layer 1's tree: /var/log/big.log; tool is two rows up.
		await t.press(keys.up, keys.up, keys.up, 'v');
		const text = await until(t, s => s.includes('00000000'), 'the hex dump');
		expect(text).toContain('00000000  7f 45 4c 46 00 00 00 01');
		expect(text).toContain('|.ELF....');
		expect(frameLines(t.frame()).every(line => columnsOf(line) <= columns)).toBe(true);
	});

	test('typed fast, "/motd⏎v" in one chunk finds the file and opens it (the Enter inside is a key)', async () => {
		const t = renderAtSize(data, columns, rows);
		open.push(t);
		await t.settle();
		await t.press(keys.down, '/', 'motd\rv');
		const text = await until(t, s => s.includes('hello'), 'the viewer');
		expect(frameLines(t.frame())[0]).toMatch(/^\/etc\/motd {2}layer 1/);
		expect(text).not.toContain('Find:');
	});

	test('y copies the path, Y in the viewer the text, as OSC 52 (decoded by base64 -d), with a one-line report', async () => {
		const t = renderAtSize(data, columns, rows);
		open.push(t);
		await t.settle();
		await t.press(keys.down, keys.tab, keys.down, 'y');
		const copied = () => t.stdout.frames.flatMap(frame => [...frame.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map(m => execFileSync('base64', ['-d'], {input: m[1]!}).toString('utf8')));
		await until(t, s => s.includes('copied /etc/motd'), 'the report');
		expect(copied()).toEqual(['/etc/motd']);
		await t.press('v');
		await until(t, s => s.includes('hello'), 'the viewer');
		await t.press('Y');
		await until(t, s => s.includes('to the clipboard'), 'the report');
		expect(copied()).toEqual(['/etc/motd', viewerKnown.motd]);
	});
});

test('OSC 52 inside tmux is wrapped in its passthrough, escapes doubled', () => {
	const inner = osc52('hi', false);
	expect(inner).toBe(`\u001B]52;c;${Buffer.from('hi').toString('base64')}\u0007`);
	expect(osc52('hi', true)).toBe(`\u001BPtmux;\u001B${inner}\u001B\\`);
});
