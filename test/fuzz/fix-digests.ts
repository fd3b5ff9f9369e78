import {compressionOf, decompress, isDocument, isTar, sha256Hex, type FuzzFile} from './files.js';

interface Change {
	from: string;
	to: string;
	oldSize?: number;
	newSize?: number;
}

/**
 * Re-hashes mutated files and rewrites every reference to them — blob names, `sha256:` digests,
 * descriptor sizes, rootfs.diff_ids, manifest.json paths, symlink targets — until nothing
 * changes (a config's new digest changes the manifest, whose new digest changes the index…).
 * Without it almost every mutant would stop at "digest mismatch" and never reach the deep
 * parsers. Hex digests are 64 random characters, so a textual replacement finds exactly the
 * references; a size is only rewritten where it was right before, so a mutated size survives.
 */
export function fixDigests(files: FuzzFile[]): void {
	for (let round = 0; round < 12; round++) {
		const changes: Change[] = [];
		for (const file of files) {
			if (file.type !== 'file' || !file.content || !file.origin) continue;
			const hex = sha256Hex(file.content);
			if (hex === file.origin.hex) continue;
			changes.push({from: file.origin.hex, to: hex, oldSize: file.origin.size, newSize: file.content.length});
			let diffHex = file.origin.diffHex;
			if (diffHex !== undefined) {
				const tar = compressionOf(file.content) === 'none' ? file.content : decompress(file.content);
				const next = tar && (isTar(tar) || tar === file.content) ? sha256Hex(tar) : undefined;
				if (next && next !== diffHex && diffHex !== file.origin.hex) changes.push({from: diffHex, to: next});
				if (next) diffHex = next;
			}
			file.origin = {hex, size: file.content.length, ...(diffHex ? {diffHex} : {})};
		}
		if (changes.length === 0) return;
		for (const file of files) apply(file, changes);
	}
}

function apply(file: FuzzFile, changes: Change[]): void {
	for (const change of changes) {
		if (file.name.includes(change.from)) file.name = file.name.split(change.from).join(change.to);
		if (file.linkname?.includes(change.from)) file.linkname = file.linkname.split(change.from).join(change.to);
	}
	if (file.type !== 'file' || !file.content || !isDocument(file.content)) return;
	let text = file.content.toString('latin1');
	const before = text;
	for (const change of changes) {
		if (!text.includes(change.from)) continue;
		text = text.split(change.from).join(change.to);
		if (change.oldSize !== undefined && change.oldSize !== change.newSize) text = fixSizes(text, change.to, change.oldSize, change.newSize!);
	}
	// latin1 both ways keeps every byte as it was (the text may be mutated into invalid UTF-8)
	if (text !== before) file.content = Buffer.from(text, 'latin1');
}

/** In each object naming `hex`, a "size" equal to the old size becomes the new one. */
function fixSizes(text: string, hex: string, oldSize: number, newSize: number): string {
	const size = new RegExp(`("size"\\s*:\\s*)${oldSize}(?![0-9.eE])`, 'g');
	let out = '';
	let last = 0;
	for (let at = text.indexOf(hex); at !== -1; at = text.indexOf(hex, at + hex.length)) {
		if (at < last) continue; // inside the object already handled
		const start = Math.max(text.lastIndexOf('{', at), text.lastIndexOf('}', at), last);
		const ends = [text.indexOf('{', at), text.indexOf('}', at)].filter(i => i !== -1);
		const end = ends.length > 0 ? Math.min(...ends) : text.length;
		out += text.slice(last, start) + text.slice(start, end).replace(size, `$1${newSize}`);
		last = end;
	}
	return out + text.slice(last);
}
