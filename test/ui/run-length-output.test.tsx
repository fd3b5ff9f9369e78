import path from 'node:path';
import chalk from 'chalk';
import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {DEMO_PATH} from '../../demo/make-demo.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {INK_OWN_GET, inkOutputClass, installRunLengthOutput} from '../../source/ui/terminal/run-length-output.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';
import {writeViewerImage} from './helpers/viewer-image.js';

type Get = () => {output: string; height: number};
type Prototype = {get: Get; [INK_OWN_GET]?: Get};

/**
 * peel's frame composer against Ink's own, on the frames the explorer really draws: every
 * frame Ink composes during a session is composed by both, and they must be byte-identical.
 */
let prototype: Prototype;
let inkGet: Get;
let peelGet: Get;
const compared = {frames: 0, mismatches: [] as Array<{ink: string; peel: string}>};

const dir = tempDir('peel-run-length-');
let demo: ExplorerData;
let hostile: ExplorerData;
let viewer: ExplorerData;

beforeAll(async () => {
	const Output = await inkOutputClass();
	prototype = Output.prototype as unknown as Prototype;
	expect(await installRunLengthOutput()).toBe(true);
	inkGet = prototype[INK_OWN_GET]!;
	peelGet = prototype.get;
	expect(inkGet).toBeTypeOf('function');
	expect(peelGet).not.toBe(inkGet);
	prototype.get = function (this: unknown) {
		const ink = inkGet.call(this);
		const peel = peelGet.call(this);
		compared.frames++;
		seen.push(peel.output);
		if (ink.output !== peel.output || ink.height !== peel.height) compared.mismatches.push({ink: ink.output, peel: peel.output});
		return peel;
	};

	const image = await buildImage({
		layers: [
			{
				entries: [
					{name: 'wide/', type: 'directory'},
					// Wide characters, emoji, combining marks and names an attacker picks.
					{name: 'wide/中文文件名-非常长的名字-用来测试宽字符的截断.txt', content: '宽'},
					{name: 'wide/emoji-🙂🚀-file', content: 'e'},
					{name: 'wide/cafe\u0301-combining', content: 'c'},
					{name: 'wide/x\n\x1b[32mforged status', content: 'f'},
					{name: 'wide/photo\u202egpj.exe', content: 'b'},
					{name: 'wide/link', type: 'symlink', linkname: 'target\x1b]0;title\x07'},
				],
				createdBy: '/bin/sh -c echo \x1b[31m红色\x1b[0m && touch 🙂',
			},
			{entries: [{name: 'wide/.wh.emoji-🙂🚀-file', content: ''}, {name: 'wide/added-ｆｕｌｌｗｉｄｔｈ', content: 'fw'}]},
		],
	});
	const file = path.join(dir, 'wide.tar');
	await writeOciArchive(file, [{image, refName: 'wide:标签'}]);
	[demo, hostile, viewer] = await Promise.all([loadArchive(DEMO_PATH()), loadArchive(file), loadArchive(await writeViewerImage(dir))]).then(images => images.map(buildExplorerData));
});

let seen: string[] = [];
beforeEach(() => {
	compared.mismatches = [];
	seen = [];
});

afterAll(() => {
	if (peelGet) prototype.get = peelGet;
});

async function session(data: ExplorerData, columns: number, rows: number, color: boolean, sequence: string[]): Promise<void> {
	// Ink paints with chalk's shared instance, whose level follows the environment (0 without a TTY).
	const level = chalk.level;
	chalk.level = color ? 3 : 0;
	const t = renderAtSize(data, columns, rows, {color});
	try {
		await t.settle();
		for (const key of sequence) {
			await t.press(key);
			// The viewer reads the file off the main thread: give it a moment.
			if (key === 'v' || key === keys.enter) await new Promise(resolve => setTimeout(resolve, 150));
		}
		if (color) expect(t.frame()).toContain('\u001B[');
	} finally {
		t.unmount();
		chalk.level = level;
	}
}

const explorerKeys = [
	keys.down, keys.down, keys.down, keys.ctrl('a'), keys.ctrl('l'), 's', 's',
	keys.tab, keys.down, keys.down, keys.right, keys.down, ' ', ' ', keys.ctrl('b'), keys.ctrl('o'), keys.ctrl('o'),
	keys.ctrl('a'), keys.ctrl('r'), keys.ctrl('u'), keys.ctrl('u'), keys.ctrl('r'), keys.ctrl('a'), keys.ctrlSpace, keys.ctrlSpace,
	keys.pageDown, keys.end, keys.home, keys.ctrl('f'), 'e', 't', 'c', keys.backspace, keys.enter, keys.escape,
	'/', 'b', 'i', 'n', keys.enter, 'n', 'N', '?', keys.down, keys.pageDown, '?', keys.tab, keys.up, 'x', keys.escape,
];

describe('frames composed by peel are byte-identical to Ink\'s own', () => {
	test.each([
		[80, 24, false],
		[80, 24, true],
		[160, 48, true],
		[57, 19, true],
	])('the demo image at %i×%i, colour %s: every frame of a session over every view', async (columns, rows, color) => {
		const before = compared.frames;
		await session(demo, columns, rows, color, explorerKeys);
		expect(compared.frames - before).toBeGreaterThan(explorerKeys.length * 0.75);
		expect(compared.mismatches).toEqual([]);
	});

	test.each([
		[100, 30, true],
		[41, 16, true],
		[160, 48, false],
	])('wide, combining and hostile names at %i×%i, colour %s', async (columns, rows, color) => {
		const before = compared.frames;
		await session(hostile, columns, rows, color, [keys.tab, keys.down, keys.right, keys.down, keys.down, keys.down, keys.down, keys.down, keys.tab, keys.ctrl('b'), keys.down, keys.down, keys.down]);
		expect(compared.frames - before).toBeGreaterThan(10);
		expect(compared.mismatches).toEqual([]);
	});

	test('the viewer: numbered lines, scrolling, search, wrap', async () => {
		const before = compared.frames;
		// Layer 1, tree, the cursor on /etc/motd (as in the viewer's own tests), then a long file.
		await session(viewer, 120, 36, true, [keys.down, keys.tab, keys.down, 'v', keys.down, keys.pageDown, 'W', 'W', '/', 'l', 'o', keys.enter, 'n', 'N', keys.end, keys.home, keys.escape]);
		expect(compared.frames - before).toBeGreaterThan(15);
		expect(compared.mismatches).toEqual([]);
		expect(seen.some(frame => frame.includes('hello'))).toBe(true);
	});

	test('a frame with a style change in every cell, clipped: the same bytes', async () => {
		const Output = await inkOutputClass();
		const output = new Output({width: 30, height: 4});
		const rainbow = Array.from('abcdefghijklmnopqrstuvwxyz0123456789', (c, i) => `\u001B[3${i % 8}m${c}`).join('') + '\u001B[39m';
		output.write(0, 0, rainbow, {transformers: []});
		output.clip({x1: 3, x2: 20, y1: 1, y2: 3});
		output.write(-2, 1, `\u001B[1m${rainbow}\u001B[22m\n中${rainbow}`, {transformers: [line => `\u001B[4m${line}\u001B[24m`]});
		output.unclip();
		const before = compared.frames;
		output.get();
		expect(compared.frames).toBe(before + 1);
		expect(compared.mismatches).toEqual([]);
	});
});
