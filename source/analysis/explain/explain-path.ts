import type {HistoryMapping} from '../../model/history.js';
import {aggregatedChange, changeInLayer, findNode, latestVersion, versionAt, versionIn} from '../../model/query.js';
import type {ChangeKind, FileVersion, ImageModel, PathNode, ViewMode} from '../../model/types.js';
import {formatBytes} from '../../text/bytes.js';
import type {ImageAnalysis, ReclaimableItem} from '../types.js';
import {capitalised, count, layerRef, list, octal, path, sentence, typeWord, type Part, type Sentence} from './sentence.js';
import {forEachBelow} from './walk.js';

interface Context {
	model: ImageModel;
	analysis: ImageAnalysis;
	history: HistoryMapping;
}

/**
 * What the selected row of the tree means, one sentence per fact: why it has its colour at
 * `layer` (in the layer view: what that layer did; aggregated: the net change from layer 0),
 * what each layer did to it, and what of it is stored but hidden (reclaimable) — and what
 * dive calls wasted. Pure; the image's strings stay parts for the view to escape.
 */
export function explainPath(model: ImageModel, analysis: ImageAnalysis, history: HistoryMapping, target: string, layer: number, mode: ViewMode = 'layer'): Sentence[] {
	const context = {model, analysis, history};
	const node = findNode(model.root, target);
	if (!node) return [sentence(null, path(target), ' is not in this image.')];
	if (node === model.root) return directoryChanges(context, node, layer, 'the root directory');
	const out = mode === 'layer' ? layerHeadline(context, node, layer) : aggregatedHeadline(context, node, layer);
	// A directory listed again in a layer's tar (as every parent of a new file is) is no part of its story.
	const story = node.versions.filter(v => !(v.change === 'unchanged' && v.type === 'dir'));
	if (story.length > 1 || mode === 'aggregated') out.push(...story.map(v => storySentence(context, node, v)));
	out.push(...wasteSentences(context, node));
	return out;
}

function layerHeadline(context: Context, node: PathNode, layer: number): Sentence[] {
	const {history} = context;
	const change = changeInLayer(node, layer);
	const own = versionIn(node, layer);
	const present = versionAt(node, layer);
	if (!present && change !== 'removed') return absent(context, node, layer);
	const by = layerRef(history, layer);
	switch (change) {
		case 'added':
			return [added(context, node, own!, by)];
		case 'removed':
			return removed(context, node, own!, 'removed by ');
		case 'unchanged':
			if (own && own.type !== 'dir') {
				return [sentence('unchanged', ...by, ` stored the same bytes and metadata again: ${formatBytes(own.stored)} of pure waste`, ...hiddenCopy(context, node, layer, 'rewritten unchanged'), '.')];
			}
			return directoryChanges(context, node, layer, 'this directory');
		case 'modified':
			if (own && own.type !== 'dir') return modified(context, node, own, by);
			return directoryChanges(context, node, layer, 'this directory');
		default:
			return [untouched(context, node, present!, layer)];
	}
}

function absent(context: Context, node: PathNode, layer: number): Sentence[] {
	const latest = latestVersion(node, layer);
	if (latest?.change === 'removed') return [sentence(null, path(node.path), ` is not in the filesystem at layer ${layer}: `, ...layerRef(context.history, latest.layer), ` removed it.`)];
	const first = node.versions[0];
	return [sentence(null, path(node.path), ` is not in the filesystem at layer ${layer}`, ...(first ? [': ', ...layerRef(context.history, first.layer), ' adds it later'] : []), '.')];
}

function added(context: Context, node: PathNode, own: FileVersion, by: Part[]): Sentence {
	if (own.type === 'dir') {
		const below = changesBelow(node, own.layer);
		const inside = below.total > 0 ? `, with ${count(below.total, 'path')} in it (${formatBytes(below.bytes)})` : '';
		const implicit = own.implicit ? ' (implicitly: the tar lists paths inside it, not the directory itself)' : '';
		return sentence('added', 'this directory was added by ', ...by, inside, implicit, '.');
	}
	return sentence('added', 'added by ', ...by, ', ', ...what(own), '.');
}

/** "6.8 MB", "a symlink to `usr/bin`", "a hardlink to `/x` (its 6.8 MB)". */
function what(v: FileVersion): Part[] {
	if (v.type === 'symlink') return ['a symlink to `', path(v.linkTarget ?? ''), '`'];
	if (v.type === 'hardlink') return ['a hardlink to `', path(v.linkTarget ?? ''), `\` (${formatBytes(v.size)}, stored once)`];
	if (v.type === 'file') return [formatBytes(v.size)];
	return [typeWord(v.type)];
}

/**
 * A removal: how (the whiteout, the opaque marker, the parent that went or was replaced) and
 * which stored bytes it hid from lower layers — still in the image, downloaded with every pull.
 */
function removed(context: Context, node: PathNode, own: FileVersion, lead: string): Sentence[] {
	const {history} = context;
	const out = [sentence('removed', lead, ...layerRef(history, own.layer), ...removalCause(node, own), '.')];
	const hidden = itemsUnder(context, node).filter(item => item.hiddenBy === own.layer && item.reason === 'removed' && item.layer < own.layer);
	const bytes = hidden.reduce((sum, item) => sum + item.bytes, 0);
	if (bytes === 0) {
		out.push(sentence(null, 'Nothing it removed had stored bytes, so the removal wastes nothing.'));
		return out;
	}
	const layers = [...new Set(hidden.map(item => item.layer))].sort((a, b) => a - b);
	const whose = node.children && hidden.length > 0 && !(hidden.length === 1 && hidden[0]!.path === node.path) ? `the ${formatBytes(bytes)} of ${count(hidden.length, 'file')} under it are` : `its ${formatBytes(bytes)} are`;
	const it = whose.startsWith('its') ? 'it' : 'them';
	out.push(
		sentence(null, `Removing hides but deletes nothing: ${whose} still stored in ${layers.length === 1 ? 'layer' : 'layers'} ${list(layers.map(String))} and downloaded with every pull — reclaimable: delete ${it} in the layer that created ${it}.`),
	);
	return out;
}

function removalCause(node: PathNode, own: FileVersion): Part[] {
	const parent = node.parent?.path ?? '/';
	switch (own.reason) {
		case 'whiteout':
			return [' through a whiteout `', path(`.wh.${node.name}`), '` in ', path(parent)];
		case 'opaque':
			return [' by making ', path(parent), ' opaque (`.wh..wh..opq`): it hides everything lower layers put in it'];
		default: {
			// Gone with an ancestor: the ancestor tells how.
			for (let a = node.parent; a && a.parent; a = a.parent) {
				const v = versionIn(a, own.layer);
				if (!v) continue;
				if (v.change === 'removed') {
					if (v.reason === 'parent-removed') continue;
					return [' along with ', path(a.path), ...removalCause(a, v)];
				}
				return [', which replaced the directory ', path(a.path), ` with ${typeWord(v.type)}: everything under it went`];
			}
			return [];
		}
	}
}

function modified(context: Context, node: PathNode, own: FileVersion, by: Part[]): Sentence[] {
	const lower = versionAt(node, own.layer - 1);
	if (!lower) return [sentence('modified', 'modified by ', ...by, '.')];
	if (lower.type !== own.type) {
		return [sentence('modified', ...by, ` replaced it: it was ${typeWord(lower.type)}, now it is `, ...what(own), ...hiddenCopy(context, node, own.layer, 'overwritten'), '.')];
	}
	if (own.type === 'symlink') return [sentence('modified', ...by, ' changed where it points: `', path(lower.linkTarget ?? ''), '` → `', path(own.linkTarget ?? ''), '`.')];
	const diffs = metadataDiffs(lower, own);
	if (own.hash === lower.hash && own.type === 'file') {
		return [
			sentence('modified', ...by, ` changed only its ${list(diffs)}, yet stored all ${formatBytes(own.stored)} again`, ...hiddenCopy(context, node, own.layer, 'metadata-only'), '.'),
			sentence(null, 'Setting the mode and owner where the file is first written (COPY --chmod, --chown) stores it once.'),
		];
	}
	const also = diffs.length > 0 ? ` (and its ${list(diffs)})` : '';
	return [sentence('modified', 'modified by ', ...by, `: ${formatBytes(lower.size)} → ${formatBytes(own.size)}${also}`, ...hiddenCopy(context, node, own.layer, 'overwritten'), '.')];
}

function metadataDiffs(a: FileVersion, b: FileVersion): string[] {
	const diffs: string[] = [];
	if ((a.mode & 0o7777) !== (b.mode & 0o7777)) diffs.push(`mode ${octal(a.mode)} → ${octal(b.mode)}`);
	if (a.uid !== b.uid || a.gid !== b.gid) diffs.push(`owner ${a.uid}:${a.gid} → ${b.uid}:${b.gid}`);
	return diffs;
}

/** "; the 6.8 MB copy in layer 3 is still stored, hidden (reclaimable, metadata-only)". */
function hiddenCopy(context: Context, node: PathNode, layer: number, reason: string): Part[] {
	const copies = context.analysis.reclaimable.items.filter(item => item.path === node.path && item.hiddenBy === layer && item.layer < layer);
	if (copies.length === 0) return [];
	const bytes = copies.reduce((sum, item) => sum + item.bytes, 0);
	const layers = list(copies.map(item => String(item.layer)));
	return [`; the ${formatBytes(bytes)} copy in layer ${layers} is still stored, hidden (reclaimable, ${reason})`];
}

/** Yellow (or magenta) directories: what changed under them in `layer`. */
function directoryChanges(context: Context, node: PathNode, layer: number, what: string): Sentence[] {
	const below = changesBelow(node, layer);
	const by = layerRef(context.history, layer);
	const kinds = (['added', 'modified', 'removed'] as const).filter(kind => below.kinds[kind] > 0).map(kind => `${below.kinds[kind]} ${kind}`);
	if (kinds.length === 0) {
		if (below.kinds.unchanged === 0) return [sentence(null, `Nothing in ${what} changed in `, ...by, '.')];
		return [sentence('unchanged', `nothing in ${what} changed, but `, ...by, ' stored ', ...rewrittenBelow(below), '.')];
	}
	const changedPaths = below.kinds.added + below.kinds.modified + below.kinds.removed;
	const colour: ChangeKind | null = node.parent ? 'modified' : null;
	const out = [sentence(colour, `${colour ? what : 'In ' + what} changed because ${count(changedPaths, 'path')} under it did in `, ...by, `: ${list(kinds)}.`)];
	const own = versionIn(node, layer);
	const lower = own ? versionAt(node, layer - 1) : null;
	if (own && lower && own.change === 'modified') {
		const diffs = metadataDiffs(lower, own);
		if (diffs.length > 0) out.push(sentence(null, `The layer also changed the directory itself: ${list(diffs)}.`));
	}
	if (below.kinds.unchanged > 0) out.push(sentence(null, 'It also stored ', ...rewrittenBelow(below), '.'));
	return out;
}

function rewrittenBelow(below: Below): Part[] {
	return [`${count(below.kinds.unchanged, 'path')} under it again unchanged, ${formatBytes(below.unchangedBytes)} of pure waste`];
}

interface Below {
	kinds: Record<ChangeKind, number>;
	total: number;
	/** Stored bytes the layer wrote under the node. */
	bytes: number;
	unchangedBytes: number;
}

/** What `layer` itself wrote or removed under `node` (a directory listed again unchanged is not a change). */
function changesBelow(node: PathNode, layer: number): Below {
	const below: Below = {kinds: {added: 0, modified: 0, removed: 0, unchanged: 0}, total: 0, bytes: 0, unchangedBytes: 0};
	forEachBelow(node, child => {
		const v = versionIn(child, layer);
		if (!v || (v.change === 'unchanged' && v.type === 'dir')) return;
		below.kinds[v.change]++;
		below.total++;
		below.bytes += v.stored;
		if (v.change === 'unchanged') below.unchangedBytes += v.stored;
	});
	return below;
}

function untouched(context: Context, node: PathNode, present: FileVersion, layer: number): Sentence {
	const how = present.change === 'added' ? 'added' : present.change === 'unchanged' ? 'stored again' : 'changed';
	const size = present.type === 'file' || present.type === 'hardlink' ? [`, ${formatBytes(present.size)}`] : present.type === 'symlink' ? [', a symlink to `', path(present.linkTarget ?? ''), '`'] : [];
	return sentence(null, `Not changed by layer ${layer}: it is as `, ...layerRef(context.history, present.layer), ` ${how} it`, ...size, '.');
}

function aggregatedHeadline(context: Context, node: PathNode, layer: number): Sentence[] {
	const change = aggregatedChange(node, layer);
	const touched = [...new Set([...node.versions.map(v => v.layer), ...node.marks.map(([l]) => l)])].filter(l => l >= 1 && l <= layer).sort((a, b) => a - b);
	const layers = `${touched.length === 1 ? 'layer' : 'layers'} ${list(touched.map(String))}`;
	switch (change) {
		case 'added': {
			const since = [...node.versions].reverse().find(v => v.layer <= layer && v.change === 'added');
			return [sentence('added', `not in layer 0, there at layer ${layer}: added by `, ...layerRef(context.history, since?.layer ?? layer), '.')];
		}
		case 'removed': {
			const gone = latestVersion(node, layer);
			return gone?.change === 'removed' ? removed(context, node, gone, `gone by layer ${layer}: removed by `) : [sentence('removed', `gone by layer ${layer}.`)];
		}
		case 'modified':
			return [sentence('modified', `changed between layer 0 and layer ${layer}, by ${layers}.`)];
		case 'unchanged':
			return [sentence('unchanged', `as it was in layer 0, but ${layers} stored it again unchanged: pure waste.`)];
		default:
			return versionAt(node, layer) ? [sentence(null, `Not changed from layer 0 to layer ${layer}.`)] : absent(context, node, layer);
	}
}

/** One layer's part in the path's story. */
function storySentence(context: Context, node: PathNode, v: FileVersion): Sentence {
	const by = capitalised(layerRef(context.history, v.layer));
	switch (v.change) {
		case 'added':
			return sentence(null, ...by, v.implicit ? ' created it implicitly (a path inside it)' : ' added it', v.type === 'dir' ? '' : ': ', ...(v.type === 'dir' ? [] : what(v)), '.');
		case 'modified':
			return sentence(null, ...by, ' changed it', v.type === 'dir' ? '' : ': ', ...(v.type === 'dir' ? [] : what(v)), '.');
		case 'unchanged':
			return sentence(null, ...by, v.type === 'dir' ? ' listed it again unchanged.' : ` stored it again unchanged (${formatBytes(v.stored)}).`);
		case 'removed':
			return sentence(null, ...by, ' removed it', ...removalCause(node, v), '.');
	}
}

/** Reclaimable bytes at and under the path, and what dive says of it. */
function wasteSentences(context: Context, node: PathNode): Sentence[] {
	const out: Sentence[] = [];
	const items = itemsUnder(context, node);
	const bytes = items.reduce((sum, item) => sum + item.bytes, 0);
	if (bytes > 0) {
		const under = node.children ? `Under it, ${formatBytes(bytes)} in ${count(items.length, 'stored copy', 'stored copies')}` : `${formatBytes(bytes)} of its stored copies`;
		out.push(sentence(null, `${under} ${items.length === 1 && node.children ? 'is' : 'are'} hidden in the final image: reclaimable.`));
	}
	const dive = context.analysis.dive.inefficientFiles.find(file => file.path === node.path);
	if (dive) {
		const visible = versionAt(node, context.model.layerCount - 1) !== null;
		const copies = visible
			? `${dive.count === 2 ? 'both' : `all ${dive.count}`} copies, the one the final image shows included (peel's reclaimable leaves that one out)`
			: `${dive.count} layers list it, the whiteout that removed it included`;
		out.push(sentence(null, `dive counts ${formatBytes(dive.cumulativeSize)} of it as wasted: ${copies}.`));
	}
	return out;
}

function itemsUnder(context: Context, node: PathNode): ReclaimableItem[] {
	const prefix = node.path === '/' ? '/' : `${node.path}/`;
	return context.analysis.reclaimable.items.filter(item => item.path === node.path || item.path.startsWith(prefix));
}
