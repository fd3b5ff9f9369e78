import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {render} from 'ink';
import React from 'react';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {diffBindings} from '../../source/ui/diff/diff-keys.js';
import {DiffApp} from '../../source/ui/diff/diff-app.js';
import type {DiffData} from '../../source/ui/diff/diff-data.js';
import {LoadSession} from '../../source/ui/session/load-session.js';
import {createTheme} from '../../source/ui/theme.js';
import {tempDir} from '../helpers/temp-dir.js';
import {FakeStdin, FakeStdout} from './helpers/fake-terminal.js';
import {columnsOf, frameLines, plain} from './helpers/frame-text.js';
import {loadDiffData, NEW_CONFIG, OLD_CONFIG, writeDiffImages, type DiffImages} from './helpers/diff-images.js';
import {keys} from './helpers/render-at-size.js';

const dir = tempDir('peel-diff-frames-');
let images: DiffImages;
let data: DiffData;
let open: Array<{unmount: () => void}> = [];

beforeAll(async () => {
	images = await writeDiffImages(dir);
	data = await loadDiffData(images);
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

/** The real DiffApp at a fixed terminal size on fake streams, every frame rendered. */
function show(columns: number, rows: number, shown: DiffData = data) {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const session = new LoadSession<DiffData>();
	session.ready(shown);
	let quits = 0;
	const instance = render(<DiffApp session={session} theme={createTheme(false)} onQuit={() => quits++} />, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const settle = () => new Promise(resolve => setImmediate(() => setImmediate(resolve)));
	const t = {
		frame: () => plain(stdout.lastFrame()),
		lines: () => frameLines(stdout.lastFrame()),
		quits: () => quits,
		settle,
		async press(...sequence: string[]) {
			for (const key of sequence) {
				stdin.press(key);
				await settle();
			}
		},
		async until(test: (text: string) => boolean, what: string) {
			const deadline = Date.now() + 10_000;
			while (Date.now() < deadline) {
				if (test(t.frame())) return t.frame();
				await new Promise(resolve => setTimeout(resolve, 20));
			}
			throw new Error(`timed out waiting for ${what}:\n${t.frame()}`);
		},
		unmount: () => instance.unmount(),
	};
	open.push(t);
	return t;
}

/** The tree pane's part of a line: right of the first vertical rule. */
const right = (line: string) => line.slice(line.indexOf('│') + 1);
const left = (line: string) => (line.includes('│') ? line.slice(0, line.indexOf('│')) : line);

/** `diff -u`'s hunks for two texts: the independent implementation the unified view is held to. */
function gnuDiff(a: string, b: string): string[] {
	const oldFile = path.join(dir, 'old.txt');
	const newFile = path.join(dir, 'new.txt');
	writeFileSync(oldFile, a);
	writeFileSync(newFile, b);
	let out = '';
	try {
		execFileSync('diff', ['-u', oldFile, newFile], {encoding: 'utf8'});
	} catch (error) {
		out = (error as {stdout: string}).stdout;
	}
	// Without the two file header lines.
	return out.split('\n').slice(2, -1);
}

describe.each([
	[80, 24],
	[160, 48],
])('the diff explorer at %i×%i', (columns, rows) => {
	test('fills rows - 1 lines, none wider than the terminal: Layers, Totals, Config, the tree and the key hints', async () => {
		const t = show(columns, rows);
		await t.settle();
		const lines = t.lines();
		expect(lines).toHaveLength(rows - 1);
		for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
		const text = t.frame();
		for (const title of ['Layers', 'Totals', 'Config difference', 'Difference tree']) expect(text).toContain(title);
		expect(lines.at(-1)).toMatch(/^q Quit {2}Tab Switch {2}\/ Find {2}\^F Filter {2}\? Help/);
	});

	test('the Layers pane: the shared base, what a pull does with each layer, and the pull cost in the fixture blobs\' bytes', async () => {
		const t = show(columns, rows);
		await t.settle();
		const pane = t.lines().map(left);
		const {oldImage, newImage} = images;
		const layerLines = pane.filter(line => /^[›\s][=\s]\s+[\d·]+\s+[\d·]+\s/.test(line));
		expect(layerLines).toHaveLength(4);
		// Layer 0: the very same blob. Layer 1: the same tar (diff_id) as zstd instead of gzip.
		expect(oldImage.layers[0]!.digest).toBe(newImage.layers[0]!.digest);
		expect(oldImage.layers[1]!.diffId).toBe(newImage.layers[1]!.diffId);
		expect(oldImage.layers[1]!.digest).not.toBe(newImage.layers[1]!.digest);
		expect(layerLines[0]).toMatch(/^›=\s+0\s+0\s.*Already exists/);
		expect(layerLines[1]).toMatch(/^ =\s+1\s+1\s.*pulled \(same content/);
		expect(layerLines[2]).toMatch(/^ {2}\s+2\s+·\s.*OLD only/);
		expect(layerLines[3]).toMatch(/^ {2}\s+·\s+2\s.*NEW only, pulled/);
		expect(pane.some(line => line.startsWith('Shared base: 2 layers (=)'))).toBe(true);
		// What docker pull downloads over OLD: NEW's blobs OLD lacks, as the fixture wrote them.
		const pulled = newImage.layers[1]!.size + newImage.layers[2]!.size;
		expect(pane.some(line => line.includes(`${pulled.toLocaleString('en-US')} B`) && line.includes('2 layers') && /1 (Already )?exists/.test(line))).toBe(true);
	});

	test('with the Layers pane focused, the line under the tree tells the selected layer\'s blobs and how each side stores them', async () => {
		const t = show(columns, rows);
		await t.settle();
		await t.press(keys.tab, keys.tab, keys.down);
		const {oldImage, newImage} = images;
		const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
		// Joined: at 80 columns the line is cut, so the check is on the part that fits.
		const status = t.lines().at(-2)!.slice(t.lines().at(-2)!.indexOf('│') + 1);
		const expected = `diff_id ${short(oldImage.layers[1]!.diffId)} `;
		expect(status.startsWith(expected)).toBe(true);
		if (columns >= 160) {
			expect(status).toMatch(new RegExp(`OLD L1 gzip \\d+ B ${short(oldImage.layers[1]!.digest).slice(0, 10)}`));
			expect(status).toMatch(new RegExp(`NEW L1 zstd \\d+ B ${short(newImage.layers[1]!.digest).slice(0, 10)}`));
		}
	});

	test('the tree marks each path the fixture changed; Ctrl+O puts the biggest change first', async () => {
		const t = show(columns, rows);
		await t.settle();
		const tree = () => t.lines().map(right).filter(line => /[├└]── /.test(line));
		const marked = (name: string) => tree().find(line => line.includes(`── ${name}`))?.slice(0, 2).trim();
		expect(marked('config.txt')).toBe('M');
		expect(marked('big.bin')).toBe('M');
		expect(marked('tool')).toBe('M');
		expect(marked('new.txt')).toBe('A');
		expect(marked('gone.txt')).toBe('R');
		expect(marked('motd')).toBe('R');
		expect(marked('app')).toBe('›');
		const names = () => tree().map(line => line.replace(/^.*[├└]── /, ''));
		expect(names()).toEqual(['app', 'big.bin', 'config.txt', 'gone.txt', 'new.txt', 'etc', 'motd', 'usr', 'bin', 'tool']);
		await t.press(keys.ctrl('o'));
		expect(names()).toEqual(['app', 'big.bin', 'config.txt', 'new.txt', 'gone.txt', 'etc', 'motd', 'usr', 'bin', 'tool']);
		expect(t.frame()).toContain('by Δ size');
		// The big file's row: 5,000 B in OLD, 1,000 in NEW.
		expect(tree().find(line => line.includes('big.bin'))).toMatch(columns >= 160 ? /−4\.0 kB\s+5\.0 kB\s+1\.0 kB/ : /−4\.0 kB/);
	});

	test('the config difference lists the Env entry that changed and both Cmds', async () => {
		const t = show(columns, rows);
		await t.settle();
		const pane = t.lines().map(left).map(line => line.trimEnd());
		for (const expected of ['Env', '  − APP_VERSION=1.0', '  + APP_VERSION=2.0', 'Cmd', '  − ["/app/run"]', '  + ["/app/run","--tls"]']) expect(pane).toContain(expected);
	});

	test('v shows NEW\'s bytes, V OLD\'s, D the unified diff diff -u prints', async () => {
		const t = show(columns, rows);
		await t.settle();
		await t.press(keys.down, keys.down, 'v');
		await t.until(text => text.includes('tls = required'), 'NEW\'s config.txt');
		const shown = (text: string) => text.split('\n').slice(1).map(line => line.replace(/^\s*\d+ /, ''));
		expect(t.frame().split('\n')[0]).toMatch(/^NEW \/app\/config\.txt/);
		for (const line of NEW_CONFIG.split('\n').filter(Boolean)) expect(shown(t.frame())).toContain(line);
		await t.press(keys.escape, 'V');
		await t.until(text => text.startsWith('OLD /app/config.txt'), 'OLD\'s config.txt');
		await t.until(text => text.includes('port = 8080'), 'OLD\'s lines');
		expect(t.frame()).not.toContain('tls = required');
		await t.press(keys.escape, 'D');
		await t.until(text => text.includes('@@'), 'the unified diff');
		const body = t.lines().slice(1, 1 + gnuDiff(OLD_CONFIG, NEW_CONFIG).length);
		expect(body.map(line => line.trimEnd())).toEqual(gnuDiff(OLD_CONFIG, NEW_CONFIG));
		await t.press(keys.escape);
		expect(t.frame()).toContain('Difference tree');
	});

	test('? lists every key of the diff explorer; Esc quits', async () => {
		const t = show(columns, rows);
		await t.settle();
		await t.press('?');
		const text = t.frame();
		const lines = t.lines();
		expect(lines.length).toBeLessThanOrEqual(rows - 1);
		// At 80×24 the help scrolls: check what fits, then the rest after scrolling.
		let seen = text;
		for (let i = 0; i < 6; i++) {
			await t.press(keys.pageDown);
			seen += t.frame();
		}
		for (const binding of diffBindings) expect(seen).toContain(binding.description);
		await t.press(keys.escape);
		expect(t.frame()).toContain('Difference tree');
		expect(t.quits()).toBe(0);
		await t.press(keys.escape);
		await t.until(() => t.quits() === 1, 'the quit');
	});
});

describe('the diff explorer on an image compared with itself', () => {
	test('says nothing differs; keys that need a path do nothing; Esc quits', async () => {
		const same = await loadDiffData({...images, newRef: images.oldRef});
		expect(same.comparison.files).toEqual([]);
		const t = show(80, 24, same);
		await t.settle();
		expect(t.frame()).toContain('No path differs.');
		expect(t.frame()).toContain('Pull 0 B: 0 layers, 3 exist');
		await t.press('v', 'V', 'D', ' ', keys.right, keys.ctrl('o'), '/', 'x', keys.enter, 'n', keys.ctrl('f'), 'y', keys.escape);
		expect(t.frame()).toContain('No path');
		expect(t.lines()).toHaveLength(23);
		await t.press(keys.escape);
		await t.until(() => t.quits() === 1, 'the quit');
	});
});
