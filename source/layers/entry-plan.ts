import {hash as hashOnce} from 'node:crypto';
import type tar from 'tar-stream';
import {PeelError} from '../errors.js';
import {classifyName, fileTypeOf} from './classify-entry.js';
import {decodeEntryName} from './decode-name.js';
import {pathTooDeep, tooLong} from './entry-limits.js';
import type {FileType, LayerEntry} from './layer-entry.js';
import {normalizeEntryPath} from './normalize-path.js';
import {parseDecimal} from './pax-records.js';
import {sparsePlan, type SparsePlan} from './sparse-entry.js';
import {CorruptEntryError, paxProblem, shownName} from './tar-shim.js';
import type {WarningList} from '../warnings.js';

/** The header fields an entry is made of: tar-stream's header, or TarScanner's. */
export interface EntryHeader {
	name: string;
	type?: string | null;
	size?: number;
	mode?: number;
	uid?: number;
	gid?: number;
	linkname?: string | null;
	pax?: unknown;
}

/**
 * What to do with one tar entry: nothing (null entry: its data is skipped), keep it as is,
 * or keep it once its data is hashed (`hashed`; `sparse` for a GNU sparse file).
 */
export interface EntryPlan {
	entry: LayerEntry | null;
	/** The entry's name as decoded, before normalizing (what messages about it say). */
	name: string;
	hashed: boolean;
	sparse: SparsePlan | null;
}

const typeFlags: Record<string, number> = {
	file: 48,
	link: 49,
	symlink: 50,
	'character-device': 51,
	'block-device': 52,
	directory: 53,
	fifo: 54,
	'contiguous-file': 55,
};

/** 'S': Go keeps an old GNU sparse file's typeflag, so dive exports it. */
const OLD_GNU_SPARSE = 83;

const typeflagNames: Record<string, string> = {
	file: '0',
	link: '1',
	symlink: '2',
	'character-device': '3',
	'block-device': '4',
	directory: '5',
	fifo: '6',
	'contiguous-file': '7',
};

/**
 * The entry a header describes, normalized and checked (throws CorruptEntryError or
 * PeelError for a layer to refuse). Regular files with data are `hashed`: their hash is
 * the caller's to fill in.
 */
export function planEntry(header: EntryHeader, label: string, warnings: WarningList): EntryPlan {
	const problem = paxProblem(header as tar.Header);
	if (problem) throw new CorruptEntryError(`entry "${shownName(header.name)}": ${problem}`);
	const sparse = sparsePlan(header as tar.Header, header.name);
	const typeName = header.type ?? null;
	let type: FileType | null = sparse ? 'file' : typeName ? fileTypeOf(typeflagNames[typeName] ?? '') : null;
	// Old tars mark directories by a trailing slash only; tar-stream types them before noticing.
	if (type === 'file' && header.name.endsWith('/') && (header.size ?? 0) === 0) type = 'dir';
	const rawName = sparse?.name ?? header.name;
	const fromPax = sparse?.name ? true : hasPax(header, 'path');
	const nameTooLong = tooLong(rawName, rawName, fromPax, 'path');
	if (nameTooLong) throw new CorruptEntryError(nameTooLong);
	const name = decodeEntryName(rawName, fromPax);
	if (!type) {
		// Unknown types (volume headers, …) are skipped, not fatal.
		warnings.add(`${label}: skipped "${name}": unsupported tar entry type`);
		return {entry: null, name, hashed: false, sparse: null};
	}
	const path = normalizeEntryPath(name);
	if (path === null) throw new PeelError(`${label}: entry "${shownName(name)}" points outside the image root: refusing to read this layer`);
	const tooDeep = pathTooDeep(path);
	if (tooDeep) throw new CorruptEntryError(tooDeep);
	const size = sparse ? sparse.realSize : header.size ?? 0;
	if (path === '') return {entry: null, name, hashed: false, sparse: null}; // the root directory itself
	const linkTooLong = header.linkname ? tooLong(name, header.linkname, hasPax(header, 'linkpath'), 'link target') : null;
	if (linkTooLong) throw new CorruptEntryError(linkTooLong);
	let linkTarget: string | null = header.linkname ? decodeEntryName(header.linkname, hasPax(header, 'linkpath')) : null;
	if (type === 'hardlink' && linkTarget !== null) {
		const target = normalizeEntryPath(linkTarget);
		if (target === null || target === '') {
			throw new PeelError(`${label}: hardlink "${shownName(name)}" points outside the image root: refusing to read this layer`);
		}
		linkTarget = target;
	}
	const entry: LayerEntry = {
		path,
		kind: classifyName(path, type),
		typeFlag: type === 'dir' ? 53 : sparse && !typeName ? OLD_GNU_SPARSE : typeFlags[typeName!] ?? 48,
		size,
		mode: (header.mode ?? 0) & 0o7777,
		// PAX records override the header's fields (POSIX); tar-stream applies only path, linkpath and size.
		uid: paxNumber(header, 'uid') ?? header.uid ?? 0,
		gid: paxNumber(header, 'gid') ?? header.gid ?? 0,
		linkTarget,
		hash: null,
	};
	if (sparse) return {entry, name, hashed: true, sparse};
	if (type !== 'file' || size === 0) {
		if (type === 'file') entry.hash = EMPTY_HASH;
		return {entry, name, hashed: false, sparse: null};
	}
	return {entry, name, hashed: true, sparse: null};
}

/**
 * A sha256 digest in base64url, cut to 22 characters: 132 bits, too many to collide even
 * on purpose, in a third less memory than hex (for every file of an image). Cut from the
 * text, not the bytes: no Buffer per file.
 */
export function contentHash(digest: string): string {
	return digest.slice(0, 22);
}

/** The content hash of an empty file. */
export const EMPTY_HASH = contentHash(hashOnce('sha256', new Uint8Array(0), 'base64url'));

/** A numeric PAX record (already checked to be a decimal integer by readPaxRecords), or null. */
function paxNumber(header: EntryHeader, key: string): number | null {
	const value = paxOf(header)?.[key];
	return value === undefined ? null : parseDecimal(value);
}

function hasPax(header: EntryHeader, key: string): boolean {
	return Boolean(paxOf(header)?.[key]);
}

function paxOf(header: EntryHeader): Record<string, string> | null {
	return (header.pax as Record<string, string> | null | undefined) ?? null;
}
