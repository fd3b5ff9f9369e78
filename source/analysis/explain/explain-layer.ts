import type {HistoryMapping} from '../../model/history.js';
import type {ImageModel} from '../../model/types.js';
import {formatBytes} from '../../text/bytes.js';
import type {ImageAnalysis, WasteReason} from '../types.js';
import {layerFacts} from './layer-facts.js';
import {capitalised, count, layerRef, list, sentence, share, type Sentence} from './sentence.js';

const reasonWords: Record<WasteReason, string> = {
	removed: 'removed',
	overwritten: 'overwritten',
	'rewritten-unchanged': 'stored again unchanged',
	'metadata-only': 'copied by a chmod/chown',
};

/**
 * One layer, one sentence per fact: its size and share of the image, what it added,
 * modified, removed and stored again (in bytes), how many bytes of lower layers it hid,
 * and how much of its own later layers hide. Pure.
 */
export function explainLayer(model: ImageModel, analysis: ImageAnalysis, history: HistoryMapping, layer: number): Sentence[] {
	const summary = model.layers[layer];
	if (!summary) return [sentence(null, `The image has no layer ${layer}.`)];
	const total = model.layers.reduce((sum, l) => sum + l.sizeBytes, 0);
	const facts = layerFacts(model, layer);
	const ref = layerRef(history, layer);
	const out: Sentence[] = [
		sentence(null, ...capitalised(ref), ` is ${formatBytes(summary.sizeBytes)}, ${share(summary.sizeBytes, total)} of the image's ${formatBytes(total)}.`),
	];
	if (!history.layerSteps[layer]) out.push(sentence(null, 'The image config has no history entry for it, so its command is unknown.'));
	const {paths, stored} = facts;
	if (paths.added > 0) out.push(sentence('added', `it added ${count(paths.added, 'path')}, storing ${formatBytes(stored.added)}.`));
	if (paths.modified > 0) out.push(sentence('modified', `it modified ${count(paths.modified, 'path')}, storing each one whole again: ${formatBytes(stored.modified)}.`));
	if (paths.removed > 0) {
		out.push(sentence('removed', `it removed ${count(paths.removed, 'path')} (whiteouts and opaque directories), ${formatBytes(facts.removedSize)} of files as the layer below had them.`));
	}
	if (paths.unchanged > 0) out.push(sentence('unchanged', `it stored ${count(paths.unchanged, 'path')} again unchanged: ${formatBytes(stored.unchanged)} of pure waste.`));
	if (paths.added + paths.modified + paths.removed + paths.unchanged === 0) out.push(sentence(null, 'It changes no file: its size is tar headers only.'));

	const items = analysis.reclaimable.items;
	const hidden = items.filter(item => item.hiddenBy === layer && item.layer < layer);
	const hiddenBytes = hidden.reduce((sum, item) => sum + item.bytes, 0);
	if (hiddenBytes > 0) {
		const byReason = (Object.keys(reasonWords) as WasteReason[])
			.map(reason => [reason, hidden.filter(item => item.reason === reason).reduce((sum, item) => sum + item.bytes, 0)] as const)
			.filter(([, bytes]) => bytes > 0)
			.map(([reason, bytes]) => `${formatBytes(bytes)} ${reasonWords[reason]}`);
		out.push(sentence(null, `It hid ${formatBytes(hiddenBytes)} that lower layers still store (${list(byReason)}): every pull downloads them, the final image never shows them.`));
	} else if (layer > 0) {
		out.push(sentence(null, 'It hid no bytes of lower layers.'));
	}
	const own = items.filter(item => item.hiddenBy === layer && item.layer === layer);
	if (own.length > 0) out.push(sentence(null, `It wrote ${count(own.length, 'path')} twice itself; the earlier ${formatBytes(own.reduce((s, i) => s + i.bytes, 0))} are stored but never seen.`));
	const later = items.filter(item => item.layer === layer && item.hiddenBy > layer);
	if (later.length > 0) {
		const bytes = later.reduce((sum, item) => sum + item.bytes, 0);
		const by = [...new Set(later.map(item => item.hiddenBy))].sort((a, b) => a - b);
		out.push(sentence(null, `Later ${by.length === 1 ? 'layer' : 'layers'} ${list(by.map(String))} ${by.length === 1 ? 'hides' : 'hide'} ${formatBytes(bytes)} of what it stores (reclaimable: ${share(bytes, summary.sizeBytes)} of this layer).`));
	}
	return out;
}
