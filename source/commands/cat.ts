import {once} from 'node:events';
import {ImageContent} from '../content/image-content.js';
import {PeelError} from '../errors.js';
import {escapeText} from '../text/escape.js';
import {layerOption, parseCommand, positionalsOf, withImage} from './command-line.js';
import {lookUp} from './lookup.js';

const SPECIAL: Record<string, string> = {char: 'character device', block: 'block device', fifo: 'named pipe'};

export const CAT_USAGE = 'peel cat IMAGE PATH [--layer N]';

/**
 * `peel cat IMAGE PATH`: the file's bytes on stdout, raw (as cat writes them), read from
 * the layer that stored the version visible at `--layer N` (default: the final
 * filesystem). Symlinks are followed inside the image, a hardlink reads as its inode.
 */
export async function catCommand(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const {values, positionals} = parseCommand('cat', argv, {layer: {type: 'string'}});
	const [reference, path] = positionalsOf(positionals, 2, CAT_USAGE);
	return withImage(reference!, values, async image => {
		const layer = layerOption(image, values.layer);
		const {node, version} = lookUp(image, path!, layer, true);
		const shown = escapeText(node.path);
		if (version.type === 'dir') throw new PeelError(`${shown} is a directory at layer ${layer}: cat reads files (list it with peel ls IMAGE ${shown})`);
		if (version.type !== 'file' && version.type !== 'hardlink') throw new PeelError(`${shown} is a ${SPECIAL[version.type ?? ""] ?? version.type} at layer ${layer}: it has no bytes to read`);
		const content = new ImageContent(image);
		await content.read([{path: node.path, version, tag: null}], async (_, bytes) => {
			await writeAll(bytes, out);
		});
		return 0;
	});
}

/** Writes with backpressure; a reader that went away (`peel cat … | head`) ends it quietly, as cat does. */
async function writeAll(bytes: AsyncIterable<Buffer>, out: NodeJS.WritableStream): Promise<void> {
	let failure: NodeJS.ErrnoException | null = null;
	const onError = (error: NodeJS.ErrnoException) => {
		failure ??= error;
	};
	out.on('error', onError);
	try {
		for await (const chunk of bytes) {
			if (failure) break;
			if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close'), once(out, 'error')]);
		}
	} finally {
		out.off('error', onError);
	}
	const error = failure as NodeJS.ErrnoException | null;
	if (error && error.code !== 'EPIPE') throw new PeelError(`cannot write the file's bytes: ${error.message}`);
}
