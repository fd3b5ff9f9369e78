import {execFileSync} from 'node:child_process';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState, type ExplorerState} from '../../source/ui/state/explorer-state.js';
import {tempDir} from '../helpers/temp-dir.js';
import {columnsOf, frameLines, plain} from './helpers/frame-text.js';
import {inspectConfig, LONG_ENV, writeInspectArchive, writeInspectLayout} from './helpers/inspect-image.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';

const dir = tempDir('peel-inspect-frames-');
let archive: ExplorerData;
let archiveConfigDigest = '';
let layout: ExplorerData;
let layoutDigests = {index: '', manifest: ''};
let open: Array<ReturnType<typeof renderAtSize>> = [];

/** sha256 of bytes, by coreutils. */
const sha256sum = (bytes: Buffer) => `sha256:${execFileSync('sha256sum', {input: bytes, encoding: 'utf8'}).split(' ')[0]}`;

beforeAll(async () => {
	const written = await writeInspectArchive(dir);
	const listed = JSON.parse(execFileSync('tar', ['-xOf', written.file, 'manifest.json'], {encoding: 'utf8'}));
	archiveConfigDigest = sha256sum(execFileSync('tar', ['-xOf', written.file, listed[0].Config]));
	archive = buildExplorerData(await loadArchive(written.file));
	const oci = await writeInspectLayout(dir);
	layout = buildExplorerData(await loadArchive(oci.dir));
	layoutDigests = {index: oci.indexDigest, manifest: sha256sum(oci.amd64.manifestBytes)};
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

/** "lines 5–27 of 61" in the title: [first, last, total]. */
function position(title: string): [number, number, number] {
	const m = /lines (\d+)–(\d+) of (\d+)/.exec(title);
	if (!m) throw new Error(`no position in ${title}`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Every line of the overlay, read page by page with PgDn (checking the indicator on each page). */
async function readAll(t: ReturnType<typeof renderAtSize>, rows: number): Promise<string[]> {
	const all: string[] = [];
	for (;;) {
		const lines = frameLines(t.frame());
		const [first, last, total] = position(lines[0]!);
		const body = lines.slice(1, 1 + last - first + 1);
		expect(body).toHaveLength(last - first + 1);
		body.forEach((line, i) => (all[first - 1 + i] = line));
		if (last === total) return all;
		await t.press(keys.pageDown);
		const [next] = position(frameLines(t.frame())[0]!);
		// A page is the text rows (the body less the title) less one, so a line is always seen twice; the last page is full.
		const textRows = rows - 3;
		expect(next).toBe(Math.min(first + textRows - 1, total - textRows + 1));
	}
}

/** The rows of the value whose first row starts with `start`, until the next item or field begins. */
function valueRows(lines: string[], start: string, valueColumn: number): string[] {
	const at = lines.findIndex(line => line.slice(valueColumn).startsWith(start));
	expect(at, `${start} is shown`).toBeGreaterThanOrEqual(0);
	const rows = [lines[at]!.slice(valueColumn)];
	for (let i = at + 1; i < lines.length; i++) {
		const line = lines[i]!;
		if (line.slice(0, valueColumn).trim() !== '' || /^[A-Z_]+=/.test(line.slice(valueColumn))) break;
		rows.push(line.slice(valueColumn));
	}
	return rows;
}

const field = (lines: string[], label: string) => lines.find(line => line.startsWith(`  ${label.padEnd(13)} `))?.slice(16);

describe.each([
	[80, 24],
	[120, 40],
])('i at %i×%i', (columns, rows) => {
	test('shows the config as docker inspect has it: every value whole, long ones wrapped, sets sorted, one item a line', async () => {
		const t = renderAtSize(archive, columns, rows);
		open.push(t);
		await t.settle();
		await t.press('i');
		await until(t, s => s.includes('Inspect'), 'the overlay');
		const frame = frameLines(t.frame());
		expect(frame).toHaveLength(rows - 1);
		for (const line of frame) expect(columnsOf(line)).toBeLessThanOrEqual(columns);
		expect(frame.at(-1)).toMatch(/Copy pinned.*Close/);
		const lines = await readAll(t, rows);
		expect(lines[0]).toBe('Config');
		expect(field(lines, 'Entrypoint')).toBe(JSON.stringify(inspectConfig.Entrypoint));
		expect(field(lines, 'Cmd')).toBe(JSON.stringify(inspectConfig.Cmd));
		expect(field(lines, 'WorkingDir')).toBe(inspectConfig.WorkingDir);
		expect(field(lines, 'User')).toBe('www-data');
		expect(field(lines, 'StopSignal')).toBe('SIGQUIT');
		expect(field(lines, 'OS/Arch')).toBe('linux/amd64');
		// Env: one variable a line, the long one over several rows that together are the value.
		const env = lines.findIndex(line => line.startsWith('  Env'));
		expect(lines[env]!.slice(16)).toMatch(/^PATH=/);
		expect(valueRows(lines, 'PATH=', 16).join('')).toBe(inspectConfig.Env[0]);
		expect(valueRows(lines, 'NGINX_VERSION=', 16)).toEqual([inspectConfig.Env[1]]);
		const long = valueRows(lines, 'JAVA_OPTS=', 16);
		expect(long.length).toBeGreaterThan(1);
		for (const row of long) expect(columnsOf(row)).toBeLessThanOrEqual(columns - 16);
		expect(long.join('').replace(/\s/g, '')).toBe(LONG_ENV.replace(/\s/g, ''));
		expect(long.at(-1)).toMatch(/-Dend=LAST$/);
		expect(lines[lines.indexOf(`${' '.repeat(16)}${long.at(-1)}`) + 1]!.slice(16)).toBe('LANG=C.UTF-8');
		// Sets as their sorted keys, labels sorted by key, each on its own line.
		const after = (label: string, count: number) => {
			const at = lines.findIndex(line => line.startsWith(`  ${label}`));
			return lines.slice(at, at + count).map(line => line.slice(16));
		};
		expect(after('ExposedPorts', 3)).toEqual(Object.keys(inspectConfig.ExposedPorts).sort());
		expect(after('Volumes', 2)).toEqual(Object.keys(inspectConfig.Volumes).sort());
		const labels = Object.entries(inspectConfig.Labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
		expect(after('Labels', 3)).toEqual(labels);
		expect(after('Healthcheck', 4)).toEqual([`Test: ${JSON.stringify(inspectConfig.Healthcheck.Test)}`, 'Interval: 30s', 'Timeout: 5s', 'Retries: 3']);
		expect(field(lines, 'Shell')).toBe('(none)');
		// Identity of a docker save archive: no manifest; the image ID is the config digest (coreutils' sha256).
		expect(field(lines, 'Manifest')).toBe('(none: this docker save archive keeps no manifest)');
		const config = lines.findIndex(line => /^ {2}Config( |$)/.test(line) && !line.startsWith('  Config digest'));
		expect((lines[config]!.slice(16) || lines[config + 1]!.trim())).toBe(archiveConfigDigest);
		expect(field(lines, 'Image ID')).toBe(`${archiveConfigDigest.slice(7, 19)} (the config digest, as docker images shows it)`);
		const pinned = valueRows(lines, '(none: an archive', 16);
		expect(pinned.join('').replace(/\s/g, '')).toBe('(none: an archive or layout names no registry repository: push the image, then peel REGISTRY/NAME:TAG shows its pinned reference)'.replace(/\s/g, ''));
		// End, Home.
		await t.press(keys.home);
		expect(position(frameLines(t.frame())[0]!)[0]).toBe(1);
		await t.press(keys.end);
		const [, last, total] = position(frameLines(t.frame())[0]!);
		expect(last).toBe(total);
		expect(total).toBe(lines.length);
	});

	test('the identity of an image picked from an index: index digest, then the platform manifest', async () => {
		const t = renderAtSize(layout, columns, rows);
		open.push(t);
		await t.settle();
		await t.press('i');
		await until(t, s => s.includes('Inspect'), 'the overlay');
		const text = (await readAll(t, rows)).join('\n');
		expect(text).toMatch(new RegExp(`Index\\s+${layoutDigests.index}`));
		expect(text).toMatch(new RegExp(`Manifest\\s+${layoutDigests.manifest}`));
		expect(text).toMatch(/Platform\s+linux\/amd64/);
	});
});

describe('keys', () => {
	test('y without a pinned reference says why; ? helps and returns; Esc and q close', async () => {
		const t = renderAtSize(archive, 80, 24);
		open.push(t);
		await t.settle();
		await t.press('i', 'y');
		await until(t, s => s.includes('no pinned reference: an archive or layout names no registry'), 'the notice');
		expect(t.stdout.frames.some(frame => frame.includes('\u001B]52;'))).toBe(false);
		await t.press('?');
		await until(t, s => s.includes('Help'), 'help');
		await t.press(keys.escape);
		await until(t, s => s.includes('Inspect'), 'the overlay again');
		await t.press(keys.escape);
		await until(t, s => s.includes('Current Layer Contents'), 'the explorer');
		await t.press('i');
		await until(t, s => s.includes('Inspect'), 'the overlay');
		await t.press('q');
		await until(t, s => s.includes('Current Layer Contents'), 'the explorer again');
		expect(t.quits()).toBe(0);
	});
});

describe('the reducer', () => {
	const at = (columns: number, viewerRows: number): ExplorerState => createExplorerState(archive, {layerRows: 5, treeRows: 5, viewerRows, columns});
	const press = (state: ExplorerState, ...names: string[]) =>
		names.reduce((s, name) => explorerReducer(s, {type: 'key', names: [name], text: name.length === 1 ? name : ''}), state);
	const scroll = (state: ExplorerState) => (state.overlay?.kind === 'inspect' ? state.overlay.scroll : -1);

	test('scrolls within the text: never above the top nor past the last page, at any width', () => {
		for (const columns of [60, 80, 200]) {
			const opened = press(at(columns, 10), 'i');
			expect(scroll(opened)).toBe(0);
			expect(scroll(press(opened, 'up', 'pageup'))).toBe(0);
			const end = press(opened, 'end');
			const last = scroll(end);
			expect(last).toBeGreaterThan(0);
			expect(scroll(press(end, 'down', 'pagedown'))).toBe(last);
			expect(scroll(press(end, 'up'))).toBe(last - 1);
			expect(scroll(press(opened, 'pagedown'))).toBe(10);
			expect(scroll(press(end, 'home'))).toBe(0);
			expect(press(end, 'escape').overlay).toBeNull();
		}
		// Narrower: more rows, so the last page starts further down.
		expect(scroll(press(at(60, 10), 'i', 'end'))).toBeGreaterThan(scroll(press(at(200, 10), 'i', 'end')));
	});
});
