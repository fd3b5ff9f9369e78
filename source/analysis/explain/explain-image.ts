import type {HistoryMapping} from '../../model/history.js';
import {versionAt} from '../../model/query.js';
import type {ImageModel} from '../../model/types.js';
import {formatBytes} from '../../text/bytes.js';
import type {ImageAnalysis} from '../types.js';
import {capitalised, count, layerRef, sentence, share, type Sentence} from './sentence.js';
import {forEachBelow} from './walk.js';

/**
 * How this image's layers stack, as one paragraph with its own numbers: the base, the
 * layers above, the filesystem that shows through at the top, what is stored but hidden
 * (peel's reclaimable) and what dive calls wasted. Pure.
 */
export function explainImage(model: ImageModel, analysis: ImageAnalysis, history: HistoryMapping): Sentence[] {
	const layers = model.layers;
	if (layers.length === 0) return [sentence(null, 'This image has no layers: its filesystem is empty.')];
	const total = layers.reduce((sum, l) => sum + l.sizeBytes, 0);
	const last = layers.length - 1;
	let paths = 0;
	let bytes = 0;
	forEachBelow(model.root, node => {
		const v = versionAt(node, last);
		if (!v) return;
		paths++;
		if (v.type === 'file') bytes += v.size;
	});
	const out: Sentence[] = [
		sentence(null, `This image is a stack of ${count(layers.length, 'layer')}, ${formatBytes(total)} in all, numbered from 0 at the bottom; each is a tar of what one build step changed.`),
		sentence(null, ...capitalised(layerRef(history, 0)), ` lays the base: ${formatBytes(layers[0]!.sizeBytes)}, ${share(layers[0]!.sizeBytes, total)} of the image.`),
	];
	if (layers.length > 1) {
		out.push(sentence(null, `Each layer above adds, changes or removes paths, and the filesystem a container runs is what shows through from the top: here ${count(paths, 'path')}, ${formatBytes(bytes)} of files.`));
	} else {
		out.push(sentence(null, `Its filesystem is that one layer: ${count(paths, 'path')}, ${formatBytes(bytes)} of files.`));
	}
	const biggest = layers.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a));
	if (layers.length > 1) out.push(sentence(null, 'The largest is ', ...layerRef(history, biggest.index), `, ${formatBytes(biggest.sizeBytes)} (${share(biggest.sizeBytes, total)}).`));
	const {reclaimable, dive} = analysis;
	if (reclaimable.totalBytes > 0) {
		const perHider = new Map<number, number>();
		for (const item of reclaimable.items) perHider.set(item.hiddenBy, (perHider.get(item.hiddenBy) ?? 0) + item.bytes);
		const [worst, worstBytes] = [...perHider].reduce((a, b) => (b[1] > a[1] ? b : a));
		out.push(
			sentence(
				null,
				`A layer never changes the ones below it: removing or overwriting a file only hides the lower copy, which every pull still downloads — here ${formatBytes(reclaimable.totalBytes)} (${share(reclaimable.totalBytes, total)} of the image) is stored but hidden like that (reclaimable), ${formatBytes(worstBytes)} of it hidden by `,
				...layerRef(history, worst),
				'.',
			),
		);
	} else {
		out.push(sentence(null, 'No layer hides bytes stored below it: nothing is reclaimable.'));
	}
	out.push(sentence(null, `dive counts ${formatBytes(dive.wastedBytes)} as wasted (every copy of a path stored more than once, the visible one included) and scores its efficiency at ${(dive.efficiency * 100).toFixed(2)} %.`));
	return out;
}
