import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {compareImages} from '../../source/compare/compare.js';
import {findNode} from '../../source/model/query.js';
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

	it('a shared layer at another place in each image: each model has its own versions of its files (layer, change), as loads on their own', async () => {
		const base = Array.from({length: 50}, (_, i) => ({name: `usr/lib/f${i}`, content: `file ${i}`}));
		// In `upper` the same base blob comes second, over files it modifies (f0) and rewrites unchanged (f1).
		const baseImage = await buildImage({layers: [{entries: base}]});
		const upperImage = await buildImage({layers: [{entries: [{name: 'usr/lib/f0', content: 'older'}, {name: 'usr/lib/f1', content: 'file 1'}]}, {entries: base}]});
		expect(upperImage.layers[1]!.digest).toBe(baseImage.layers[0]!.digest);
		const layout = path.join(dir, 'moved');
		await writeOciLayout(layout, [
			{image: baseImage, refName: 'base'},
			{image: upperImage, refName: 'upper'},
		]);
		const open = (tag: string) => openOciLayoutDir(layout, {...options, tag});
		const sharedReads = new Map<string, Promise<LayerContents>>();
		const [a, b] = await Promise.all([open('base'), open('upper')].map(async h => loadImage(await h, {sharedReads})));
		expect(a!.layers[0]).toBe(b!.layers[1]);
		const versions = (image: typeof a, path: string) => findNode(image!.model.root, path)!.versions.map(v => [v.layer, v.change, v.type, v.size, v.hash]);
		const hashOf = (image: typeof a, path: string) => findNode(image!.model.root, path)!.versions.at(-1)!.hash;
		expect(versions(a, '/usr/lib/f0')).toEqual([[0, 'added', 'file', 6, hashOf(a, '/usr/lib/f0')]]);
		expect(versions(b, '/usr/lib/f0').map(v => v.slice(0, 4))).toEqual([
			[0, 'added', 'file', 5],
			[1, 'modified', 'file', 6],
		]);
		expect(versions(b, '/usr/lib/f1').map(v => v.slice(0, 2))).toEqual([
			[0, 'added'],
			[1, 'unchanged'],
		]);
		expect(versions(b, '/usr/lib/f7')).toEqual([[1, 'added', 'file', 6, hashOf(a, '/usr/lib/f7')]]);
		// Loaded on their own (entries of their own), the models say the same.
		const alone = [await loadImage(await open('base')), await loadImage(await open('upper'))];
		for (const path of ['/usr/lib/f0', '/usr/lib/f1', '/usr/lib/f7', '/usr/lib/f49']) {
			expect(versions(a, path)).toEqual(versions(alone[0], path));
			expect(versions(b, path)).toEqual(versions(alone[1], path));
		}
		expect(a!.analysis).toEqual(alone[0]!.analysis);
		expect(b!.analysis).toEqual(alone[1]!.analysis);
		await Promise.all([a!, b!, ...alone].map(i => i.handle.close()));
	});
});
