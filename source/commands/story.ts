import {storyNode} from '../content/story-node.js';
import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {changeKindFacts} from '../model/change-kinds.js';
import type {FileVersion} from '../model/types.js';
import {escapeText} from '../text/escape.js';
import {formatMode} from '../ui/format/mode.js';
import {parseCommand, positionalsOf, withImage} from './command-line.js';
import {imagePath} from './lookup.js';

const USAGE = 'peel story IMAGE PATH [--json]';
const MAX_PATH = 4096;
const COMMAND_WIDTH = 60;

/**
 * `peel story IMAGE PATH`: every version of the path, one line per layer that touched it —
 * change, type and mode, owner, size, what else is worth knowing, and the layer's command.
 * `--json`: an array with one object per version.
 */
export async function storyCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const {values, positionals} = parseCommand('story', argv, {json: {type: 'boolean'}});
	const [reference, path] = positionalsOf(positionals, 2, USAGE);
	return withImage(reference!, values, async image => {
		const last = image.model.layerCount - 1;
		const node = storyNode(image.model.root, imagePath(path!), last);
		if (!node) throw new PeelError(`${escapeText(imagePath(path!))} is in no layer of this image (list paths with peel ls IMAGE)`);
		const versions = node.versions;
		if (values.json) {
			const rows = versions.map(v => JSON.stringify(storyRow(node.path, v, image)));
			out.write(`[\n${rows.join(',\n')}\n]\n`);
			return 0;
		}
		const cells = versions.map(v => [`L${v.layer}`, changeKindFacts[v.change].label, formatMode(v.type ?? lastType(versions, v), v.mode), `${v.uid}:${v.gid}`, String(v.size), detail(v)]);
		const widths = cells[0]!.map((_, c) => Math.max(...cells.map(row => row[c]!.length)));
		out.write(`${escapeText(node.path, MAX_PATH)}\n`);
		cells.forEach((row, i) => {
			const command = image.history.layerSteps[versions[i]!.layer]?.command ?? '';
			const text = row.map((cell, c) => (c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
			out.write(`  ${text}${command ? `  ${escapeText(command, COMMAND_WIDTH)}` : ''}`.trimEnd() + '\n');
		});
		return 0;
	});
}

/** A removal shows the type the path had. */
function lastType(versions: FileVersion[], removal: FileVersion): FileVersion['type'] {
	return versions.filter(v => v.layer < removal.layer && v.type).at(-1)?.type ?? null;
}

function detail(v: FileVersion): string {
	const parts: string[] = [];
	if (v.type === 'symlink') parts.push(`-> ${escapeText(v.linkTarget ?? '', MAX_PATH)}`);
	if (v.type === 'hardlink') parts.push(`link to ${escapeText(v.linkTarget ?? '', MAX_PATH)}`);
	if (v.change === 'removed') parts.push(`(${v.reason === 'whiteout' || !v.reason ? 'whiteout' : v.reason === 'opaque' ? 'opaque directory' : v.reason === 'replaced' ? 'replaced by a non-directory' : 'parent removed'})`);
	if (v.implicit) parts.push('(implied by paths under it)');
	if (v.change === 'unchanged' && v.stored > 0) parts.push(`(${v.stored} bytes stored again)`);
	return parts.join(' ');
}

function storyRow(path: string, v: FileVersion, image: AnalyzedImage): Record<string, unknown> {
	return {
		path,
		layer: v.layer,
		change: v.change,
		type: v.type,
		size: v.size,
		stored: v.stored,
		mode: v.mode,
		uid: v.uid,
		gid: v.gid,
		linkTarget: v.linkTarget,
		reason: v.reason,
		implicit: v.implicit,
		command: image.history.layerSteps[v.layer]?.command ?? null,
	};
}
