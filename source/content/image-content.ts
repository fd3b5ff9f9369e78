import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import type {FileVersion} from '../model/types.js';
import {escapeText} from '../text/escape.js';
import {EntryLocator, type EntryLocation} from './locate-entry.js';
import {readEntries} from './read-entries.js';
import {readEntriesAt} from './seek-entries.js';
import {contentVersion} from './resolve-path.js';

/** One file to read: the model's path and version (a hardlink reads as its inode). */
export interface FileToRead<T> {
	path: string;
	version: FileVersion;
	/** Handed back to the consumer with the bytes. */
	tag: T;
}

/**
 * Reads file contents of an analysed image, on demand, from the layers that stored them,
 * opened again from the image's source (a registry's blobs come from the cache it keeps
 * while peel runs). Entries are read where the first decode recorded them (seek-entries.ts);
 * what that cannot read is read by one full pass per layer (read-entries.ts). Layers are
 * read in layer order.
 */
export class ImageContent {
	private readonly locator: EntryLocator;

	constructor(private readonly image: AnalyzedImage) {
		this.locator = new EntryLocator(image.layers);
	}

	/** Where the bytes of a file (or of a hardlink's inode) are; throws when the model knows none. */
	locate(path: string, version: FileVersion): EntryLocation {
		const content = contentVersion(version);
		if (!content) throw new PeelError(`${escapeText(path)} is a hardlink to ${escapeText(version.linkTarget ?? '?')}, which the image does not hold: nothing to read`);
		const location = this.locator.locate(path, content);
		if (!location) throw new PeelError(`${escapeText(path)}: peel found no tar entry holding its bytes in layer ${content.layer} (a bug: please report it)`);
		return location;
	}

	/**
	 * Reads every file of `files` (empty files without opening a layer), calling `consume`
	 * with each file's bytes, which it must read to the end. Files whose bytes are the same
	 * tar entry (hardlinks, or the same content stored under two names) come in one call.
	 */
	async read<T>(files: Array<FileToRead<T>>, consume: (tags: T[], bytes: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
		const byLayer = new Map<number, Map<string, {location: EntryLocation; tags: T[]}>>();
		for (const file of files) {
			const location = this.locate(file.path, file.version);
			if (location.size === 0) {
				await consume([file.tag], empty());
				continue;
			}
			const wanted = byLayer.get(location.layer) ?? new Map();
			byLayer.set(location.layer, wanted);
			const key = `${location.ordinal}\0${location.path}`;
			const slot = wanted.get(key) ?? {location, tags: []};
			slot.tags.push(file.tag);
			wanted.set(key, slot);
		}
		for (const layer of [...byLayer.keys()].sort((a, b) => a - b)) {
			const wanted = byLayer.get(layer)!;
			const tagsOf = new Map([...wanted.values()].map(slot => [slot.location, slot.tags]));
			const handle = this.image.handle.layers[layer]!;
			const pass = (location: EntryLocation, bytes: AsyncIterable<Buffer>) => consume(tagsOf.get(location)!, bytes);
			const left = await readEntriesAt(handle, this.image.layers[layer]!, [...tagsOf.keys()], pass);
			if (left.length > 0) await readEntries(handle, left, pass);
		}
	}
}

async function* empty(): AsyncGenerator<Buffer> {}
