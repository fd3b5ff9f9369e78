import {rmSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadImage} from '../../source/load/load-image.js';
import type {ImageHandle} from '../../source/sources/image-handle.js';
import {openImage} from '../../source/sources/open-image.js';
import {resolveInput} from '../../source/sources/resolve-input.js';
import {LoadSession, type SessionSnapshot} from '../../source/ui/session/load-session.js';
import {PlatformSwitcher, type PlatformLoader} from '../../source/ui/session/platform-switcher.js';
import {buildExplorerData, type ExplorerData} from '../../source/ui/state/explorer-data.js';
import {blobPath} from '../fixtures/image-index.js';
import {AMD64_ONLY, ARM64_ONLY, buildMultiPlatform, writeMultiPlatformLayout, type MultiPlatformImage} from '../fixtures/multi-platform.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-switcher-');
let image: MultiPlatformImage;

beforeAll(async () => {
	image = await buildMultiPlatform();
});

/** A real layout, opened and loaded as cli.tsx does it; every handle recorded. */
async function setUp(name: string, limit?: number) {
	const layout = path.join(dir, name);
	await writeMultiPlatformLayout(layout, image);
	const handles: ImageHandle[] = [];
	const closed = new Set<ImageHandle>();
	const open = async (extra: {manifestDigest?: string; platform?: {os: string; architecture: string; variant?: string} | null}, onProgress: Parameters<PlatformLoader>[1], signal: AbortSignal) => {
		const handle = await openImage(resolveInput(layout), {platform: extra.platform ?? {os: 'linux', architecture: 'amd64'}, manifestDigest: extra.manifestDigest, insecureRegistries: [], signal});
		const close = handle.close.bind(handle);
		handle.close = async () => {
			closed.add(handle);
			await close();
		};
		handles.push(handle);
		return loadImage(handle, {onProgress, signal});
	};
	const session = new LoadSession();
	const snapshots: SessionSnapshot[] = [];
	session.subscribe(() => snapshots.push(session.getSnapshot()));
	const switcher = new PlatformSwitcher(session, (choice, onProgress, signal) => open({manifestDigest: choice.digest, platform: choice.platform}, onProgress, signal), limit);
	switcher.ready(buildExplorerData(await open({}, () => {}, new AbortController().signal)));
	return {layout, session, snapshots, switcher, handles, closed};
}

function shown(session: LoadSession): ExplorerData {
	const snapshot = session.getSnapshot();
	if (snapshot.phase !== 'ready') throw new Error('not ready');
	return snapshot.data;
}

const paths = (data: ExplorerData) => data.image.layers.flatMap(layer => layer.entries.map(entry => entry.path));

describe('PlatformSwitcher on a real two-platform layout', () => {
	test('loads another platform under the loading view, then switches back without loading', async () => {
		const {session, snapshots, switcher} = await setUp('switch');
		const first = shown(session);
		expect(first.platforms?.chosen).toBe(image.amd64.manifestDigest);
		expect(first.platforms?.entries.map(entry => entry.digest)).toEqual(image.index.index.manifests.map((d: {digest: string}) => d.digest));
		expect(paths(first).some(p => p.includes(AMD64_ONLY))).toBe(true);

		snapshots.length = 0;
		switcher.switchTo(image.arm64.manifestDigest);
		expect(session.getSnapshot().phase).toBe('loading');
		await switcher.settled();
		const arm64 = shown(session);
		expect(arm64.platforms?.notice).toBeNull();
		expect(arm64.image.handle.digest).toBe(image.arm64.manifestDigest);
		expect(paths(arm64).some(p => p.includes(ARM64_ONLY))).toBe(true);
		expect(paths(arm64).some(p => p.includes(AMD64_ONLY))).toBe(false);
		// Progress reached the loading view, titled with the platform.
		const progress = snapshots.flatMap(s => (s.phase === 'loading' && s.progress ? [s.progress] : []));
		expect(progress.length).toBeGreaterThan(0);
		expect(progress[0]!.reference).toContain('(linux/arm64)');
		expect([...arm64.platforms!.loaded.keys()].sort()).toEqual([image.amd64.manifestDigest, image.arm64.manifestDigest].sort());

		snapshots.length = 0;
		switcher.switchTo(image.amd64.manifestDigest);
		// At once, the same analysed image as before: no loading in between.
		expect(snapshots.map(s => s.phase)).toEqual(['ready']);
		expect(shown(session).image).toBe(first.image);
		expect(shown(session).platforms?.chosen).toBe(image.amd64.manifestDigest);
	}, 60_000);

	test('keeps at most `limit` images loaded and closes the one it lets go', async () => {
		const {session, switcher, handles, closed} = await setUp('bounded', 1);
		switcher.switchTo(image.arm64.manifestDigest);
		await switcher.settled();
		expect([...shown(session).platforms!.loaded.keys()]).toEqual([image.arm64.manifestDigest]);
		expect(closed.has(handles[0]!)).toBe(true);
		expect(closed.has(handles[1]!)).toBe(false);
		// Going back loads it again.
		switcher.switchTo(image.amd64.manifestDigest);
		expect(session.getSnapshot().phase).toBe('loading');
		await switcher.settled();
		expect(shown(session).image.handle.digest).toBe(image.amd64.manifestDigest);
	}, 60_000);

	test('a platform that cannot be loaded: back to the image shown, the reason in one line', async () => {
		const {layout, session, switcher} = await setUp('broken');
		// The arm64 image's own layer is gone from the layout.
		rmSync(path.join(layout, blobPath(image.arm64.layers[0]!.digest)));
		const before = shown(session);
		switcher.switchTo(image.arm64.manifestDigest);
		await switcher.settled();
		const after = shown(session);
		expect(after.image).toBe(before.image);
		expect(after.platforms?.chosen).toBe(image.amd64.manifestDigest);
		expect(after.platforms?.notice).toMatch(/^linux\/arm64 could not be loaded: .*missing/);
		expect(after.platforms?.notice).not.toContain('\n');
	}, 60_000);
});

describe('cancelling a platform switch', () => {
	test('Esc in the loading view stops the load and shows the image that was shown, with a notice', async () => {
		const {session, switcher, handles} = await setUp('cancel');
		const first = shown(session);
		switcher.switchTo(image.arm64.manifestDigest);
		const loading = session.getSnapshot();
		expect(loading.phase).toBe('loading');
		if (loading.phase !== 'loading') throw new Error('not loading');
		expect(typeof loading.cancel).toBe('function');
		loading.cancel!();
		const back = shown(session);
		expect(back.image).toBe(first.image);
		expect(back.platforms?.chosen).toBe(image.amd64.manifestDigest);
		expect(back.platforms?.notice).toBe('loading linux/arm64 cancelled');
		await switcher.settled();
		// The stopped load never replaces it.
		expect(shown(session).image).toBe(first.image);
		// And a new switch is possible afterwards.
		switcher.switchTo(image.arm64.manifestDigest);
		await switcher.settled();
		expect(paths(shown(session)).some(p => p.includes(ARM64_ONLY))).toBe(true);
		expect(handles.length).toBeGreaterThanOrEqual(2);
	});
});
