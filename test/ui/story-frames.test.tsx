import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {writeDockerArchiveLegacy} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {columnsOf, frameLines} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {keys, renderAtSize} from './helpers/render-at-size.js';
import {hashOf, storyKnown, writeStoryImage} from './helpers/story-image.js';

const dir = tempDir('peel-story-frames-');
let story: ExplorerData;
let hostile: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

// A name and contents an attacker picks: a clear-screen, a forged line, a colour, a bidi override.
const EVIL = 'evil\x1b[2J\nforged\u202e';
const OLD_TEXT = 'same\n\x1b[31mred before\n';
const NEW_TEXT = 'same\n\x1b]0;title\x07 after\u202e\n';

beforeAll(async () => {
	story = buildExplorerData(await loadArchive(await writeStoryImage(dir)));
	const image = await buildImage({
		layers: [
			{entries: [{name: 'a/', type: 'directory'}, {name: `a/${EVIL}`, content: OLD_TEXT}], createdBy: '/bin/sh -c echo \x1b[31mred'},
			{entries: [{name: 'a/', type: 'directory'}, {name: `a/${EVIL}`, content: NEW_TEXT}], createdBy: '/bin/sh -c printf \x1b[2J'},
		],
	});
	const file = path.join(dir, 'hostile.tar');
	await writeDockerArchiveLegacy(file, [{image, repoTags: ['hostile:story']}]);
	hostile = buildExplorerData(await loadArchive(file));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

async function until(t: ReturnType<typeof renderAtSize>, test: (lines: string[]) => boolean): Promise<string[]> {
	for (let i = 0; i < 200; i++) {
		const lines = frameLines(t.frame());
		if (test(lines)) return lines;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	throw new Error(`the frame never got there:\n${t.frame()}`);
}

describe('the story panel in frames', () => {
	test('at 120 columns: every reason whole in its row, 12 hash characters, nothing wider than the terminal', async () => {
		const t = renderAtSize(story, 120, 30);
		open.push(t);
		await t.press(keys.tab, '/', ...'app.conf', keys.enter, 't');
		const lines = await until(t, ls => ls.some(line => line.includes('Story of /etc/app.conf')));
		for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(120);
		const row = (n: number) => lines.find(line => new RegExp(`^[› ][* ] L${n} `).test(line)) ?? '';
		expect(row(0)).toContain(`${hashOf(storyKnown.v0).slice(0, 12)} ${Buffer.byteLength(storyKnown.v0)} B overwritten by layer 1`);
		expect(row(1)).toContain('copied again by layer 2 for a mode/owner change');
		expect(row(2)).toContain('same bytes rewritten by layer 3');
		expect(row(3)).toContain('rewritten unchanged');
		expect(row(3)).toContain("hidden by layer 4's whiteout");
		expect(row(4)).toMatch(/removed +—$/);
	});

	test('a hostile name, command and contents stay escaped in the panel and in the diff', async () => {
		const t = renderAtSize(hostile, 80, 24);
		open.push(t);
		await t.press(keys.tab, keys.down, 't');
		const panel = await until(t, ls => ls.some(line => line.includes('Story of')));
		expect(t.frame()).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
		expect(panel[0]).toContain('evil\\x1b[2J\\nforged\\u202e');
		expect(panel.join('\n')).toContain('L0: echo \\x1b[31mred');
		await t.press('m', keys.down, 'd');
		const diff = await until(t, ls => ls.some(line => line.startsWith('@@')));
		expect(t.frame()).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
		expect(diff).toContain('-\\x1b[31mred before');
		expect(diff).toContain('+\\x1b]0;title\\x07 after\\u202e');
		expect(diff).toContain(' same');
	});
});
