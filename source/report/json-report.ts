import {diveFileOrder} from '../analysis/dive-tree.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {sortedChildren, versionAt} from '../model/query.js';
import type {LayerEntry} from '../layers/layer-entry.js';
import type {FileVersion, PathNode} from '../model/types.js';
import {formatPlatform} from '../sources/platform.js';
import {diveFileInfo} from './dive-file-info.js';
import {JsonRows} from './json-rows.js';

/** dive shows created_by without the shell wrapper but keeps `#(nop) `. */
function diveCommand(raw: string): string {
	return raw.startsWith('/bin/sh -c ') ? raw.slice('/bin/sh -c '.length) : raw;
}

function finite(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

const DIVE_FILE_KEYS = ['path', 'typeFlag', 'linkName', 'size', 'fileMode', 'uid', 'gid', 'isDir'] as const;
const FILE_KEYS = ['path', 'type', 'size', 'mode', 'uid', 'gid', 'linkTarget', 'layer'] as const;

/** dive's file list of a layer, written row by row when the report is written. */
function diveFileList(image: AnalyzedImage, index: number): JsonRows<LayerEntry | null> {
	return new JsonRows(diveFileOrder(image.layers[index]!.entries), entry => diveFileInfo(entry) as unknown as Record<string, unknown>, DIVE_FILE_KEYS);
}

interface FinalFile {
	path: string;
	version: FileVersion;
}

/** Depth first in name order; paths are built along the walk (asking each node for its path would keep them all). */
function* finalFileVersions(image: AnalyzedImage): Generator<FinalFile> {
	const last = image.model.layerCount - 1;
	if (last < 0) return;
	const stack: Array<{children: PathNode[]; next: number; path: string}> = [{children: sortedChildren(image.model.root), next: 0, path: ''}];
	const row: FinalFile = {path: '', version: null!};
	while (stack.length > 0) {
		const top = stack[stack.length - 1]!;
		if (top.next === top.children.length) {
			stack.pop();
			continue;
		}
		const child = top.children[top.next++]!;
		const v = versionAt(child, last);
		if (!v) continue;
		const path = `${top.path}/${child.name}`;
		// One row object, refilled: it is formatted before the next one is asked for.
		row.path = path;
		row.version = v;
		yield row;
		if (child.children) stack.push({children: sortedChildren(child), next: 0, path});
	}
}

function finalFiles(image: AnalyzedImage): JsonRows<FinalFile> {
	return new JsonRows(
		{[Symbol.iterator]: () => finalFileVersions(image)},
		({path, version: v}) => ({path, type: v.type, size: v.size, mode: v.mode, uid: v.uid, gid: v.gid, linkTarget: v.linkTarget, layer: v.layer}),
		FILE_KEYS,
	);
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
