import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {compareImages} from '../../source/compare/compare.js';
import {loadImage} from '../../source/load/load-image.js';
import type {LayerContents} from '../../source/layers/layer-entry.js';
import {openOciLayoutDir} from '../../source/sources/archive/open-archive.js';
import type {ImageHandle} from '../../source/sources/image-handle.js';
import {writeOciLayout} from '../fixtures/archives.js';
import {buildImage} from '../fixtures/image.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-shared-');
const options = {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []};

/** Counts how often each blob is opened. */
function counting(handle: ImageHandle, opened: Map<string, number>): ImageHandle {
	for (const layer of handle.layers) {
		const open = layer.open.bind(layer);
		layer.open = () => {
			opened.set(layer.digest!, (opened.get(layer.digest!) ?? 0) + 1);
			return open();
		};
	}
	return handle;
}

describe('two loads with shared reads', () => {
	it('read a blob both images have once, and give the same models as loads on their own', async () => {
		const base = Array.from({length: 200}, (_, i) => ({name: `usr/lib/f${i}`, content: `file ${i} `.repeat(i + 1)}));
		const oldImage = await buildImage({layers: [{entries: base}, {entries: [{name: 'app/v', content: '1'}]}]});
		const newImage = await buildImage({layers: [{entries: base}, {entries: [{name: 'app/v', content: '2'}]}, {entries: [{name: 'app/w', content: 'w'}]}]});
		const layout = path.join(dir, 'layout');
		await writeOciLayout(layout, [
			{image: oldImage, refName: 'old'},
			{image: newImage, refName: 'new'},
		]);
		const opened = new Map<string, number>();
		const handles = [counting(await openOciLayoutDir(layout, {...options, tag: 'old'}), opened), counting(await openOciLayoutDir(layout, {...options, tag: 'new'}), opened)];
		const sharedReads = new Map<string, Promise<LayerContents>>();
		const [a, b] = await Promise.all(handles.map(h => loadImage(h, {sharedReads})));
		expect(opened.get(oldImage.layers[0]!.digest)).toBe(1);
		expect(opened.get(oldImage.layers[1]!.digest)).toBe(1);
		expect(opened.get(newImage.layers[1]!.digest)).toBe(1);
		expect(opened.get(newImage.layers[2]!.digest)).toBe(1);
		// The shared layer is the very same decoded contents on both sides.
		expect(a!.layers[0]).toBe(b!.layers[0]);

		// Loaded on their own, the comparison is the same.
		const alone = [await loadImage(await openOciLayoutDir(layout, {...options, tag: 'old'})), await loadImage(await openOciLayoutDir(layout, {...options, tag: 'new'}))];
		expect(compareImages(a!, b!)).toEqual(compareImages(alone[0]!, alone[1]!));
		expect(compareImages(a!, b!).files.map(f => [f.path, f.change])).toEqual([
			['/app/v', 'modified'],
			['/app/w', 'added'],
		]);
		await Promise.all([...handles, ...alone.map(i => i.handle)].map(h => h.close()));
	});
});
