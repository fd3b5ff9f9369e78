import {largestFiles, walkAt, type ListedPath} from '../content/listing.js';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';
import {formatMode} from '../ui/format/mode.js';
import {layerOption, parseCommand, positionalsOf, withImage} from './command-line.js';
import {lookUp} from './lookup.js';

const USAGE = 'peel ls IMAGE [PATH] [--layer N] [--largest K] [--json]';
/** Paths are long; only a hostile one is cut (PATH_MAX). */
const MAX_PATH = 4096;

/**
 * `peel ls IMAGE [PATH]`: every path under PATH (default /) in the filesystem at
 * `--layer N`, one line each like `tar -tv --numeric-owner` (type and mode, uid:gid, size,
 * the layer the version comes from, path, link target); or the K largest regular files;
 * `--json`: an array of objects with the fields of `peel.files` in the JSON report.
 * A trailing `/` lists what a symlinked directory points to.
 */
export async function lsCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const {values, positionals} = parseCommand('ls', argv, {layer: {type: 'string'}, largest: {type: 'string'}, json: {type: 'boolean'}});
	if (positionals.length > 2) throw new PeelError(`usage: ${USAGE}`);
	const [reference, path] = positionalsOf(positionals, 1, USAGE, true);
	const largest = values.largest === undefined ? null : countOption(values.largest);
	return withImage(reference!, values, async image => {
		const layer = layerOption(image, values.layer);
		const {node, version} = lookUp(image, path ?? '/', layer, false);
		const walk = walkAt(node, version, layer);
		const rows = largest === null ? walk : largestFiles(walk, largest);
		if (values.json) writeJson(rows, out);
		else writeLines([...rows], out);
		return 0;
	});
}

function countOption(text: string): number {
	if (!/^[0-9]{1,9}$/.test(text) || Number(text) === 0) throw new PeelError(`--largest wants a number of files (1 or more), not "${text}"`);
	return Number(text);
}

function typeOf(row: ListedPath): string {
	return row.version.type ?? 'unknown';
}

/** `peel.files` rows: path, type, size, mode, uid, gid, linkTarget, layer. */
function writeJson(rows: Iterable<ListedPath>, out: NodeJS.WritableStream): void {
	let first = true;
	let text = '[';
	for (const {path, version: v} of rows) {
		text += `${first ? '\n' : ',\n'}${JSON.stringify({path, type: typeOf({path, version: v}), size: v.size, mode: v.mode, uid: v.uid, gid: v.gid, linkTarget: v.linkTarget, layer: v.layer})}`;
		first = false;
		if (text.length > 1 << 16) {
			out.write(text);
			text = '';
		}
	}
	out.write(`${text}${first ? ']\n' : '\n]\n'}`);
}

function writeLines(rows: ListedPath[], out: NodeJS.WritableStream): void {
	const owners = rows.map(r => `${r.version.uid}:${r.version.gid}`);
	// Loops, not Math.max(...): an image has hundreds of thousands of paths.
	let ownerWidth = 0;
	let sizeWidth = 0;
	let layerWidth = 0;
	rows.forEach((r, i) => {
		ownerWidth = Math.max(ownerWidth, owners[i]!.length);
		sizeWidth = Math.max(sizeWidth, String(r.version.size).length);
		layerWidth = Math.max(layerWidth, String(r.version.layer).length + 1);
	});
	let text = '';
	rows.forEach((row, i) => {
		const v = row.version;
		const link = v.type === 'symlink' ? ` -> ${escapeText(v.linkTarget ?? '', MAX_PATH)}` : v.type === 'hardlink' ? ` link to ${escapeText(v.linkTarget ?? '', MAX_PATH)}` : '';
		const mode = v.type === 'hardlink' ? `h${formatMode(v.type, v.mode).slice(1)}` : formatMode(v.type, v.mode);
		text += `${mode} ${owners[i]!.padEnd(ownerWidth)} ${String(v.size).padStart(sizeWidth)} ${`L${v.layer}`.padStart(layerWidth)} ${escapeText(row.path, MAX_PATH)}${link}\n`;
		if (text.length > 1 << 16) {
			out.write(text);
			text = '';
		}
	});
	out.write(text);
}
