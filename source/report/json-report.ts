import {diveFileOrder} from '../analysis/dive-tree.js';
import type {DiveFigures, ReclaimableItem} from '../analysis/types.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {sortedChildren, versionAt} from '../model/query.js';
import type {LayerEntry} from '../layers/layer-entry.js';
import type {FileVersion, PathNode} from '../model/types.js';
import {formatPlatform} from '../sources/platform.js';
import {diveFileInfo} from './dive-file-info.js';
import {flat, JsonRows, jsonNumber, jsonString, jsonStringOrNull} from './json-rows.js';
import {countsByKind} from '../model/change-kinds.js';
import {jsonConfig} from './json-config.js';
import {jsonIdentity} from './json-identity.js';
import {jsonPlatforms} from './json-platforms.js';

/** dive shows created_by without the shell wrapper but keeps `#(nop) `. */
function diveCommand(raw: string): string {
	return raw.startsWith('/bin/sh -c ') ? raw.slice('/bin/sh -c '.length) : raw;
}

function finite(value: number): number | null {
	return Number.isFinite(value) ? value : null;
}

/**
 * dive's file list of a layer, written row by row when the report is written. Neighbouring
 * rows mostly share their type, link, mode and owner: those runs of text are reused.
 */
function diveFileList(image: AnalyzedImage, index: number): JsonRows<LayerEntry | null> {
	const keys = ['path', 'typeFlag', 'linkName', 'size', 'fileMode', 'uid', 'gid', 'isDir'];
	let frame: readonly string[] | null = null;
	let typeFlag = NaN;
	let linkName = '';
	let middle = '';
	let fileMode = NaN;
	let uid = NaN;
	let gid = NaN;
	let isDir = false;
	let end = '';
	return new JsonRows(diveFileOrder(image.layers[index]!.entries), keys, (entry, k) => {
		const f = diveFileInfo(entry);
		if (k !== frame || f.typeFlag !== typeFlag || f.linkName !== linkName) {
			({typeFlag, linkName} = f);
			middle = flat(`${k[1]}${jsonNumber(typeFlag)}${k[2]}${jsonString(linkName)}${k[3]}`);
		}
		if (k !== frame || f.fileMode !== fileMode || f.uid !== uid || f.gid !== gid || f.isDir !== isDir) {
			({fileMode, uid, gid, isDir} = f);
			end = flat(`${k[4]}${jsonNumber(fileMode)}${k[5]}${jsonNumber(uid)}${k[6]}${jsonNumber(gid)}${k[7]}${isDir}${k[8]}`);
		}
		frame = k;
		return `${k[0]}${jsonString(f.path)}${middle}${jsonNumber(f.size)}${end}`;
	});
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
	// One row object, refilled: each is written before the next is asked for.
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
		row.path = path;
		row.version = v;
		yield row;
		if (child.children) stack.push({children: sortedChildren(child), next: 0, path});
	}
}

/** Every path of the final filesystem (runs of text shared with the row before are reused). */
function finalFiles(image: AnalyzedImage): JsonRows<FinalFile> {
	const keys = ['path', 'type', 'size', 'mode', 'uid', 'gid', 'linkTarget', 'layer'];
	let frame: readonly string[] | null = null;
	let type: string | null = null;
	let middle = '';
	let mode = NaN;
	let uid = NaN;
	let gid = NaN;
	let linkTarget: string | null = null;
	let layer = NaN;
	let end = '';
	return new JsonRows({[Symbol.iterator]: () => finalFileVersions(image)}, keys, ({path, version: v}, k) => {
		if (k !== frame || v.type !== type) {
			type = v.type;
			middle = flat(`${k[1]}${jsonStringOrNull(type)}${k[2]}`);
		}
		if (k !== frame || v.mode !== mode || v.uid !== uid || v.gid !== gid || v.linkTarget !== linkTarget || v.layer !== layer) {
			({mode, uid, gid, linkTarget, layer} = v);
			end = flat(`${k[3]}${jsonNumber(mode)}${k[4]}${jsonNumber(uid)}${k[5]}${jsonNumber(gid)}${k[6]}${jsonStringOrNull(linkTarget)}${k[7]}${jsonNumber(layer)}${k[8]}`);
		}
		frame = k;
		return `${k[0]}${jsonString(path)}${middle}${jsonNumber(v.size)}${end}`;
	});
}

function reclaimableItems(items: ReclaimableItem[]): JsonRows<ReclaimableItem> {
	const keys = ['path', 'layer', 'hiddenBy', 'bytes', 'reason'];
	return new JsonRows(items, keys, (item, k) => {
		return `${k[0]}${jsonString(item.path)}${k[1]}${jsonNumber(item.layer)}${k[2]}${jsonNumber(item.hiddenBy)}${k[3]}${jsonNumber(item.bytes)}${k[4]}${jsonString(item.reason)}${k[5]}`;
	});
}

function fileReferences(files: DiveFigures['inefficientFiles']): JsonRows<DiveFigures['inefficientFiles'][number]> {
	const keys = ['count', 'sizeBytes', 'file'];
	return new JsonRows(files, keys, (f, k) => `${k[0]}${jsonNumber(f.count)}${k[1]}${jsonNumber(f.cumulativeSize)}${k[2]}${jsonString(f.path)}${k[3]}`);
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
			fileReference: fileReferences(dive.inefficientFiles),
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
			identity: jsonIdentity(handle),
			config: jsonConfig(handle.config, handle.configDigest),
			platforms: jsonPlatforms(handle),
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
					changes: countsByKind(kind => summary[kind]),
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
			reclaimable: reclaimableItems(reclaimable.items),
			files: finalFiles(image),
			warnings: image.warnings,
		},
	};
}
