import {buildDiveTree, diveVisitChildFirst} from '../analysis/dive-tree.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {sortedChildren, versionAt} from '../model/query.js';
import type {PathNode} from '../model/types.js';
import {formatPlatform} from '../sources/platform.js';
import {diveFileInfo, type DiveFileInfo} from './dive-file-info.js';

/** dive shows created_by without the shell wrapper but keeps `#(nop) `. */
function diveCommand(raw: string): string {
	return raw.startsWith('/bin/sh -c ') ? raw.slice('/bin/sh -c '.length) : raw;
}

function finite(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

/** Built when written (lazily), one layer at a time: the full list of a big image is large. */
function* diveFileList(image: AnalyzedImage, index: number): Generator<DiveFileInfo> {
	const list: DiveFileInfo[] = [];
	diveVisitChildFirst(buildDiveTree(image.layers[index]!.entries), node => {
		list.push(diveFileInfo(node.info));
	});
	yield* list;
}

function* finalFiles(image: AnalyzedImage): Generator<Record<string, unknown>> {
	const last = image.model.layerCount - 1;
	if (last < 0) return;
	function* walk(node: PathNode): Generator<Record<string, unknown>> {
		for (const child of sortedChildren(node)) {
			const v = versionAt(child, last);
			if (!v) continue;
			yield {
				path: child.path,
				type: v.type,
				size: v.size,
				mode: v.mode,
				uid: v.uid,
				gid: v.gid,
				linkTarget: v.linkTarget,
				layer: v.layer,
			};
			yield* walk(child);
		}
	}
	yield* walk(image.model.root);
}

/**
 * dive's JSON schema (`layer[]`, `image{}`, same names and meanings) plus peel's own
 * `peel` object. Unknown values are null, never omitted.
 */
export function buildJsonReport(image: AnalyzedImage): Record<string, unknown> {
	const {handle, layers, analysis, history, model} = image;
	const dive = analysis.dive;
	const reclaimable = analysis.reclaimable;
	return {
		layer: handle.layers.map((layer, index) => ({
			index,
			id: (layer.digest ?? layers[index]!.digest).replace(/^sha256:/, ''),
			digestId: layers[index]!.diffId,
			sizeBytes: model.layers[index]!.sizeBytes,
			command: diveCommand(history.layerSteps[index]?.rawCommand ?? ''),
			fileList: diveFileList(image, index),
		})),
		image: {
			sizeBytes: dive.sizeBytes,
			inefficientBytes: dive.wastedBytes,
			efficiencyScore: dive.efficiency,
			fileReference: dive.inefficientFiles.map(f => ({count: f.count, sizeBytes: f.cumulativeSize, file: f.path})),
		},
		peel: {
			schemaVersion: 1,
			image: {
				reference: handle.reference,
				source: handle.source,
				digest: handle.digest,
				indexDigest: handle.indexDigest,
				configDigest: handle.configDigest,
				platform: handle.platform ? formatPlatform(handle.platform) : null,
				sizeBytes: dive.sizeBytes,
				compressedSizeBytes: layers.reduce((sum, l) => sum + l.compressedSize, 0),
				efficiencyScore: dive.efficiency,
				wastedBytes: dive.wastedBytes,
				reclaimableBytes: reclaimable.totalBytes,
				userWastedPercent: finite(dive.userWastedPercent),
				tags: handle.tags,
			},
			layers: handle.layers.map((layer, index) => {
				const contents = layers[index]!;
				const summary = model.layers[index]!;
				const step = history.layerSteps[index] ?? null;
				return {
					index,
					digest: layer.digest ?? contents.digest,
					diffId: contents.diffId,
					mediaType: layer.mediaType,
					compression: contents.compression,
					sizeBytes: summary.sizeBytes,
					compressedSizeBytes: contents.compressedSize,
					createdBy: step?.rawCommand ?? null,
					command: step?.command ?? null,
					created: step?.created ?? null,
					changes: {added: summary.added, modified: summary.modified, removed: summary.removed, unchanged: summary.unchanged},
					reclaimableBytes: reclaimable.perLayer[index] ?? 0,
				};
			}),
			history: history.steps.map(step => ({
				index: step.index,
				createdBy: step.rawCommand,
				command: step.command,
				created: step.created,
				comment: step.comment,
				emptyLayer: step.emptyLayer,
				layer: step.layer,
			})),
			reclaimable: reclaimable.items,
			files: finalFiles(image),
			warnings: image.warnings,
		},
	};
}
