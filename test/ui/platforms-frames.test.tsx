import path from 'node:path';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {writeContainerdStore, writeOciArchive} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {columnsOf, frameLines} from './helpers/frame-text.js';
import {loadArchive} from './helpers/load-fixture.js';
import {renderAtSize} from './helpers/render-at-size.js';

// An index entry's platform is the image's text like any other: a clear-screen and a bidi override.
const EVIL_ARCH = 'arm64\x1b[2J\u202eevil';
let data: ExplorerData;
let open: Array<ReturnType<typeof renderAtSize>> = [];

beforeAll(async () => {
	const layer = {entries: [{name: 'etc/arch', content: 'x'}]};
	const amd64 = await buildImage({layers: [layer], platform: {os: 'linux', architecture: 'amd64'}});
	const evil = await buildImage({layers: [{entries: [{name: 'etc/arch', content: 'y'}]}], platform: {os: 'linux', architecture: EVIL_ARCH}});
	const file = path.join(tempDir(), 'evil-index.tar');
	await writeOciArchive(file, [{image: [amd64, evil], refName: '1'}]);
	// Loaded without a session that can switch: the overlay lists from the handle's own index.
	data = buildExplorerData(await loadArchive(file));
});

afterEach(() => {
	for (const t of open) t.unmount();
	open = [];
});

describe('the platforms overlay on hostile platform text', () => {
	test('escapes it, keeps every row in the terminal, and says when it cannot switch', async () => {
		const t = renderAtSize(data, 80, 24);
		open.push(t);
		await t.settle();
		await t.press('p');
		const frame = t.frame();
		expect(frame).toContain('Platforms of');
		// Colour is off: any control or bidi character in the frame would be the image's.
		expect(frame).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
		// Escaped, and lower-cased as containerd normalizes an architecture.
		expect(frame).toContain('linux/arm64\\x1b[2j\\u202eevil');
		for (const line of frameLines(frame)) expect(columnsOf(line)).toBeLessThanOrEqual(80);
		await t.press('j', '\r');
		await t.settle();
		expect(t.frame()).toContain('this explorer cannot switch platform');
	});

	test('a platform listed but not saved (Docker\'s containerd store) is marked and cannot be chosen', async () => {
		const amd64 = await buildImage({layers: [{entries: [{name: 'a', content: 'a'}]}], platform: {os: 'linux', architecture: 'amd64'}});
		const arm64 = await buildImage({layers: [{entries: [{name: 'b', content: 'b'}]}], platform: {os: 'linux', architecture: 'arm64'}});
		const file = path.join(tempDir(), 'partial.tar');
		await writeContainerdStore(file, {platforms: [amd64, arm64], repoTags: ['app:1'], missing: [1]});
		const t = renderAtSize(buildExplorerData(await loadArchive(file)), 80, 24);
		open.push(t);
		await t.settle();
		await t.press('p');
		const row = frameLines(t.frame()).find(line => line.includes('linux/arm64'));
		expect(row).toContain(arm64.manifestDigest.slice(0, 19));
		expect(row).toContain('not in this archive');
		await t.press('j', '\r');
		await t.settle();
		expect(t.frame()).toContain('linux/arm64 is listed in the index, but its image is not in the archive');
	});
});
