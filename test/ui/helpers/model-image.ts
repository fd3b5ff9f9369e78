import {createHash} from 'node:crypto';
import {analyzeImage} from '../../../source/analysis/analyze.js';
import type {LayerContents, LayerEntry} from '../../../source/layers/layer-entry.js';
import type {AnalyzedImage} from '../../../source/load/analyzed-image.js';
import {buildModel} from '../../../source/model/build.js';
import {mapHistory} from '../../../source/model/history.js';
import type {HistoryEntry, ImageHandle} from '../../../source/sources/image-handle.js';

const digestOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * An AnalyzedImage from hand-written layer entries, through the real model and analysis
 * (no tar bytes: for reducer and view tests that need exact, known trees).
 */
export function imageFromEntries(layers: LayerEntry[][], history?: HistoryEntry[]): AnalyzedImage {
	const model = buildModel(layers);
	const contents: LayerContents[] = layers.map(entries => {
		const tar = JSON.stringify(entries);
		return {
			entries,
			diffId: digestOf(tar),
			digest: digestOf(`blob ${tar}`),
			compression: 'gzip',
			compressedSize: Math.ceil(tar.length / 3),
			uncompressedSize: tar.length,
			warnings: [],
		};
	});
	const steps = history ?? layers.map((_, i) => ({created_by: `/bin/sh -c step ${i}`, created: '2024-01-02T03:04:05Z'}));
	const handle: ImageHandle = {
		source: 'docker-archive',
		reference: 'test/image:latest',
		digest: digestOf('manifest'),
		indexDigest: null,
		platform: {os: 'linux', architecture: 'amd64'},
		tags: ['test/image:latest'],
		manifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: {history: steps, rootfs: {type: 'layers', diff_ids: contents.map(c => c.diffId)}},
		configDigest: digestOf('config'),
		layers: contents.map((c, index) => ({
			index,
			mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
			digest: c.digest,
			size: c.compressedSize,
			diffId: c.diffId,
			open: () => Promise.reject(new Error('not readable: built from entries')),
		})),
		warnings: [],
		close: async () => {},
	};
	return {
		handle,
		layers: contents,
		model,
		analysis: analyzeImage(model, contents),
		history: mapHistory(steps, layers.length),
		warnings: [...model.warnings],
	};
}
