import path from 'node:path';
import {planExtraction} from '../content/extract-plan.js';
import {ImageContent} from '../content/image-content.js';
import {walkAt, type ListedPath} from '../content/listing.js';
import {checkDestination, writeExtraction, type ExtractionResult} from '../content/write-extraction.js';
import {PeelError} from '../errors.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText} from '../text/escape.js';
import {layerOption, parseCommand, positionalsOf, withImage} from './command-line.js';
import {lookUp} from './lookup.js';

const USAGE = 'peel extract IMAGE PATH… -o DIR [--layer N] [--force]';

/**
 * `peel extract IMAGE PATH… -o DIR`: the paths (directories with all under them) as they
 * are at `--layer N`, written under DIR at their image paths (`/etc/passwd` → DIR/etc/passwd),
 * with modes, symlinks as symlinks, hardlinks as hardlinks. One line says what was written.
 * A symlink named as PATH is written as a link; `PATH/` extracts what it points to.
 */
export async function extractCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const {values, positionals} = parseCommand('extract', argv, {
		output: {type: 'string', short: 'o'},
		layer: {type: 'string'},
		force: {type: 'boolean'},
	});
	const [reference, ...paths] = positionalsOf(positionals, 2, USAGE, true);
	const output = values.output;
	if (!output) throw new PeelError(`extract needs a destination: -o DIR (usage: ${USAGE})`);
	const dest = path.resolve(output);
	await checkDestination(dest);
	return withImage(reference!, values, async image => {
		const layer = layerOption(image, values.layer);
		// Every path is looked up before anything is written.
		const chosen = paths.map(p => lookUp(image, p, layer, false));
		const walks = (function* (): Generator<ListedPath> {
			for (const {node, version} of chosen) yield* walkAt(node, version, layer);
		})();
		const {items, danglingHardlinks} = planExtraction(walks);
		if (danglingHardlinks.length > 0) {
			throw new PeelError(`${escapeText(danglingHardlinks[0]!)} is a hardlink to a file the image does not hold: nothing to extract for it (leave it out)`);
		}
		const result = await writeExtraction(items, dest, new ImageContent(image), Boolean(values.force));
		out.write(`${summary(result)} under ${escapeText(output)}\n`);
		return 0;
	});
}

function count(n: number, one: string, many = `${one}s`): string | null {
	return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
}

function summary(r: ExtractionResult): string {
	const parts = [count(r.files, 'file'), count(r.hardlinks, 'hardlink'), count(r.dirs, 'directory', 'directories'), count(r.symlinks, 'symlink')].filter(Boolean);
	let text = `wrote ${parts.length ? parts.join(', ') : 'nothing'} (${formatBytes(r.bytes)})`;
	if (r.replaced) text += `, replaced ${count(r.replaced, 'existing file')}`;
	if (r.skipped) text += `; skipped ${count(r.skipped, 'device or pipe', 'devices and pipes')} (peel does not create them)`;
	return text;
}
