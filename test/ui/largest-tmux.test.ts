import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {formatBytes} from '../../source/text/bytes.js';
import {expectedOrder, largestSpec, type ExpectedRow} from '../analysis/largest-fixture.js';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {TmuxSession, tmuxAvailable} from './helpers/tmux.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'build', 'cli.js');
const archive = path.join(tempDir('peel-largest-tmux-'), 'largest.tar');

let session: TmuxSession | null = null;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('tmux is not installed (apt-get install -y tmux): the end-to-end test needs a real terminal');
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run tsc first (npm test does)`);
	await writeDockerArchiveLegacy(archive, [{image: await buildImage(largestSpec), repoTags: ['largest:1']}]);
});

afterEach(() => {
	session?.stop();
	session = null;
});

function startPeel(): TmuxSession {
	const s = new TmuxSession(80, 24);
	s.start(`env -u CI TERM=xterm-256color ${process.execPath} ${cli} ${archive}; echo "peel exited $?"; sleep 60`, root);
	session = s;
	return s;
}

interface ShownRow {
	selected: boolean;
	size: string;
	layer: number;
	change: string;
	end: string;
	path: string;
}

const ROW = /^([› ]) +(\d+(?:\.\d)? [kMG]?B) +(\d+) (added|modified|unchanged) +(visible|kept by a hardlink|[a-z/]+ (?:by|in) \d+) +(?:\S+ [kMG]?B|–) +(\S.*?) *$/;

/** The list's rows as the screen shows them (the lines under the column header). */
function shownRows(screen: string): ShownRow[] {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => line.includes('At the end'));
	const rows: ShownRow[] = [];
	for (const line of lines.slice(header + 1)) {
		const m = ROW.exec(line);
		if (m) rows.push({selected: m[1] === '›', size: m[2]!, layer: Number(m[3]), change: m[4]!, end: m[5]!, path: m[6]!});
	}
	return rows;
}

/** What the fixture says the row must show. */
function expectedShown(row: ExpectedRow) {
	return {size: formatBytes(row.size), layer: row.layer, change: row.change, visible: row.hiddenBy === null};
}

/** The path as shown: whole, or its end after an ellipsis. */
function showsPath(shown: string, full: string): boolean {
	return shown === full || (shown.startsWith('…') && full.endsWith(shown.slice(1)) && shown.length > 10);
}

const treeLines = (screen: string) => screen.split('\n').map(line => line.slice(line.indexOf('│') + 1));

describe('w: the largest files, in a real terminal (tmux, 80×24)', () => {
	test('lists every stored version by size; Enter goes to the file at its layer', async () => {
		const tmux = startPeel();
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer');
		tmux.keys('w');
		const opened = await tmux.waitFor(screen => screen.includes('Largest files') && shownRows(screen).length > 0, 'the largest files');
		expect(opened.split('\n').every(line => line.length <= 80)).toBe(true);
		const expected = expectedOrder('size');
		const rows = shownRows(opened);
		expect(rows.map(({size, layer, change, end}) => ({size, layer, change, visible: end === 'visible'}))).toEqual(expected.map(expectedShown));
		rows.forEach((row, i) => expect(showsPath(row.path, expected[i]!.path), `${row.path} shows ${expected[i]!.path}`).toBe(true));
		expect(rows[1]!.end).toBe('removed by 1');
		expect(rows[2]!.end).toBe('overwritten by 2');
		expect(rows[3]!.end).toBe('overwritten in 1');
		expect(rows[5]!.end).toBe('kept by a hardlink');
		expect(rows[6]!.end).toBe('rewritten by 1');
		expect(opened).toContain(`1/${expected.length}`);

		// v on the copy layer 2 overwrote: the viewer reads layer 0's bytes ('o's, not the 'n's of layer 2); Esc comes back.
		const hidden = expected.findIndex(row => row.path === '/opt/data.bin' && row.layer === 0);
		for (let i = 0; i < hidden; i++) tmux.keys('Down');
		await tmux.waitFor(screen => screen.includes(`${hidden + 1}/${expected.length}`), 'the cursor on the hidden copy');
		tmux.keys('v');
		const viewed = await tmux.waitFor(screen => screen.includes('/opt/data.bin  layer 0') && /^1 o{20}/m.test(screen), 'the viewer on layer 0\'s copy');
		expect(viewed).not.toMatch(/nnnnnnnnnn/);
		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Largest files') && screen.includes(`${hidden + 1}/${expected.length}`), 'the list again, where it was');
		tmux.keys('Home');
		await tmux.waitFor(screen => screen.includes(`1/${expected.length}`), 'the first row');

		// Down to /opt/data.bin as layer 2 rewrote it, then Enter.
		const target = expected.findIndex(row => row.path === '/opt/data.bin' && row.layer === 2);
		for (let i = 0; i < target; i++) tmux.keys('Down');
		const moved = await tmux.waitFor(screen => screen.includes(`${target + 1}/${expected.length}`), 'the cursor on the row');
		expect(shownRows(moved).findIndex(row => row.selected)).toBe(target);
		tmux.keys('Enter');
		const jumped = await tmux.waitFor(screen => screen.includes('Layer 2 details'), 'the explorer at layer 2');
		const cursorLine = treeLines(jumped).find(line => line.startsWith('›'));
		expect(cursorLine).toContain('data.bin');
		expect(cursorLine).toContain(formatBytes(expected[target]!.size));
		// The Layers pane's cursor is on layer 2.
		expect(jumped.split('\n').find(line => line.startsWith('›'))).toMatch(/^› +2 /);
		// The story line names the file.
		expect(jumped).toContain('/opt/data.bin:');
	}, 60_000);

	test('s sorts by reclaimable bytes, f raises the threshold, - lowers it, Esc closes', async () => {
		const tmux = startPeel();
		await tmux.waitFor(screen => screen.includes('Current Layer Contents'), 'the explorer');
		tmux.keys('w', 's');
		const sorted = await tmux.waitFor(screen => screen.includes('by reclaimable'), 'the reclaimable order');
		const byReclaimable = expectedOrder('reclaimable');
		expect(shownRows(sorted).map(row => [row.size, row.layer])).toEqual(byReclaimable.map(row => [formatBytes(row.size), row.layer]));

		tmux.keys('f', 'f');
		const none = await tmux.waitFor(screen => screen.includes('≥ 1 MB'), 'the 1 MB threshold');
		expect(shownRows(none)).toEqual([]);
		expect(none).toContain('- lowers the threshold');

		tmux.keys('-');
		const big = await tmux.waitFor(screen => screen.includes('≥ 100 kB'), 'the 100 kB threshold');
		expect(shownRows(big).map(row => [row.size, row.layer])).toEqual(expectedOrder('reclaimable', 100_000).map(row => [formatBytes(row.size), row.layer]));

		tmux.keys('Escape');
		await tmux.waitFor(screen => screen.includes('Current Layer Contents') && !screen.includes('Largest files'), 'the explorer again');
	}, 60_000);
});
