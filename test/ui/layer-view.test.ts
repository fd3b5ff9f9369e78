import {describe, expect, test} from 'vitest';
import {DEMO_PATH} from '../../demo/make-demo.js';
import type {AnalyzedImage} from '../../source/load/analyzed-image.js';
import {viewState} from '../../source/model/query.js';
import type {ViewMode} from '../../source/model/types.js';
import {changeCode, ChangeCode} from '../../source/ui/tree/change-code.js';
import {computeLayerView} from '../../source/ui/tree/layer-view.js';
import {buildTreeIndex} from '../../source/ui/tree/tree-index.js';
import {buildVersionTable} from '../../source/ui/tree/version-table.js';
import {dir, file, opaque, symlink, whiteout} from '../model/entries.js';
import {loadArchive} from './helpers/load-fixture.js';
import {imageFromEntries} from './helpers/model-image.js';
import {sampleImage} from './helpers/sample-image.js';
import {syntheticImage} from './helpers/synthetic-image.js';

/** The fast per-layer pass must say exactly what query.ts's viewState says, node by node. */
function expectSameAsQuery(image: AnalyzedImage) {
	const index = buildTreeIndex(image.model.root);
	const table = buildVersionTable(index);
	let compared = 0;
	for (let layer = 0; layer < image.model.layerCount; layer++) {
		for (const mode of ['layer', 'aggregated'] as ViewMode[]) {
			const view = computeLayerView(index, table, layer, mode);
			for (let i = 1; i < index.size; i++) {
				const expected = viewState(index.nodes[i]!, layer, mode);
				const got = view.change[i] === ChangeCode.Absent ? null : {version: table.versions[view.version[i]!], change: view.change[i]};
				const want = expected ? {version: expected.version, change: changeCode(expected.change)} : null;
				if (got?.version !== want?.version || got?.change !== want?.change) {
					throw new Error(`${index.nodes[i]!.path} at layer ${layer} (${mode}): got ${JSON.stringify(got?.change)} want ${JSON.stringify(want?.change)}`);
				}
				compared++;
			}
		}
	}
	return compared;
}

describe('computeLayerView agrees with query.viewState', () => {
	test('on the sample image', () => {
		expect(expectSameAsQuery(sampleImage())).toBeGreaterThan(0);
	});

	test('on removals, opaque directories, re-additions and replaced directories', () => {
		const image = imageFromEntries([
			[dir('a'), dir('a/b'), file('a/b/c', '1'), file('a/d', '2'), dir('x'), file('x/y', '3'), symlink('l', 'a'), dir('o'), file('o/old', 'o')],
			[whiteout('', 'a'), file('x', 'now a file'), opaque('o'), file('o/new', 'n')],
			[dir('a'), file('a/d', '2'), file('x/y', 'back')],
			[file('o/new', 'n'), whiteout('o', 'new'), file('l', 'l was a link')],
		]);
		expect(expectSameAsQuery(image)).toBeGreaterThan(0);
	});

	test('on the demo image, read from its archive', async () => {
		expect(expectSameAsQuery(await loadArchive(DEMO_PATH()))).toBeGreaterThan(0);
	});

	test('on a generated image with rewrites and removals in every layer', () => {
		expect(expectSameAsQuery(syntheticImage(5000, 6))).toBeGreaterThan(0);
	});
});
