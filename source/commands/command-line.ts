import {parseArgs, type ParseArgsConfig} from 'node:util';
import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import {openCache} from '../cache/open-cache.js';
import {loadImage} from '../load/load-image.js';
import {stderrProgress} from '../report/stderr-progress.js';
import {openImage} from '../sources/open-image.js';
import {hostPlatform, parsePlatform} from '../sources/platform.js';
import {resolveInput, type SourceChoice} from '../sources/resolve-input.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options that choose and reach the image: the same as `peel IMAGE` takes. */
const IMAGE_OPTIONS = {
	platform: {type: 'string'},
	tag: {type: 'string'},
	source: {type: 'string'},
	'insecure-registry': {type: 'string', multiple: true},
	'engine-host': {type: 'string'},
	'no-cache': {type: 'boolean'},
} as const satisfies Options;

/** Parses a command's arguments: its own options plus the image options; one line on a mistake. */
export function parseCommand<O extends Options>(command: string, argv: string[], own: O) {
	try {
		return parseArgs({args: argv, allowPositionals: true, strict: true, options: {...IMAGE_OPTIONS, ...own}});
	} catch (error) {
		const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
		throw new PeelError(`${message} (see peel ${command} --help)`);
	}
}

type ImageValues = {platform?: string; tag?: string; source?: string; 'insecure-registry'?: string[]; 'engine-host'?: string; 'no-cache'?: boolean};

/**
 * Opens and analyses the image (progress on a TTY stderr only), runs `work` on it and
 * closes the source, whatever happens.
 */
export async function withImage<T>(reference: string, values: ImageValues, work: (image: AnalyzedImage) => Promise<T>): Promise<T> {
	const source = values.source as SourceChoice | undefined;
	if (source && !['docker', 'podman', 'registry'].includes(source)) throw new PeelError(`--source must be docker, podman or registry, not "${source}"`);
	const input = resolveInput(reference, source);
	const cache = openCache(Boolean(values['no-cache']));
	const handle = await openImage(input, {
		keptBlobs: cache?.blobs,
		platform: values.platform ? parsePlatform(values.platform) : hostPlatform(),
		tag: values.tag,
		insecureRegistries: values['insecure-registry'] ?? [],
		engineHost: values['engine-host'],
	});
	const progress = stderrProgress();
	try {
		const image = await loadImage(handle, {onProgress: progress.update, cache});
		progress.done();
		return await work(image);
	} finally {
		progress.done();
		await handle.close();
	}
}

/** `--layer N`: a layer index of the image, default the last (the final filesystem). */
export function layerOption(image: AnalyzedImage, text: string | undefined): number {
	const last = image.model.layerCount - 1;
	if (last < 0) throw new PeelError('the image has no layers: there is no file to look at');
	if (text === undefined) return last;
	if (!/^[0-9]{1,9}$/.test(text)) throw new PeelError(`--layer wants a layer index (0 to ${last}), not "${text}"`);
	const layer = Number(text);
	if (layer > last) throw new PeelError(`--layer ${layer} is out of range: the image has layers 0 to ${last} (see peel ls IMAGE)`);
	return layer;
}

/** Exactly `count` positionals (or at least, with `atLeast`), else one line with the usage. */
export function positionalsOf(positionals: string[], count: number, usage: string, atLeast = false): string[] {
	if (positionals.length < count || (!atLeast && positionals.length > count)) throw new PeelError(`usage: ${usage}`);
	return positionals;
}
