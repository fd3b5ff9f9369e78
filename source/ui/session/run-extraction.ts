import path from 'node:path';
import {planExtraction} from '../../content/extract-plan.js';
import {walkAt} from '../../content/listing.js';
import {checkDestination, writeExtraction} from '../../content/write-extraction.js';
import {versionAt} from '../../model/query.js';
import {formatBytes} from '../../text/bytes.js';
import {escapeText, oneLine} from '../../text/escape.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {imageContentOf} from './image-content-of.js';

/**
 * `x`: the node as it is at `layer`, written under `dest` at its image path by the content
 * library (never outside `dest`, never over an existing file). One line says what was
 * written, or why nothing was.
 */
export async function runExtraction(data: ExplorerData, node: number, layer: number, dest: string): Promise<string> {
	try {
		const pathNode = data.index.nodes[node]!;
		const version = versionAt(pathNode, layer);
		if (!version) return `${escapeText(pathNode.path)} is not in the filesystem at layer ${layer}: nothing to extract`;
		const target = path.resolve(dest);
		await checkDestination(target);
		const {items, danglingHardlinks} = planExtraction(walkAt(pathNode, version, layer));
		if (danglingHardlinks.length > 0) return `${escapeText(danglingHardlinks[0]!)} is a hardlink to a file the image does not hold: nothing extracted`;
		const r = await writeExtraction(items, target, imageContentOf(data.image), false);
		const parts = [count(r.files, 'file'), count(r.hardlinks, 'hardlink'), count(r.dirs, 'directory', 'directories'), count(r.symlinks, 'symlink')].filter(Boolean);
		const skipped = r.skipped ? `; skipped ${count(r.skipped, 'device or pipe', 'devices and pipes')} (peel does not create them)` : '';
		return `wrote ${parts.length ? parts.join(', ') : 'nothing'} (${formatBytes(r.bytes)}) of ${escapeText(pathNode.path)} under ${escapeText(dest)}${skipped}`;
	} catch (error) {
		return `extract: ${oneLine(error instanceof Error ? error.message : String(error))}`;
	}
}

function count(n: number, one: string, many = `${one}s`): string | null {
	return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
}
