import type {TreeIndex} from './tree-index.js';

/**
 * Every node's name side by side in one buffer, for a find by name: the names are scattered
 * over the heap, and one regex test each was ~30 ms per key on a 440k-path image. In one
 * buffer an ASCII text is found with indexOf in a few milliseconds. Each name is written one
 * byte per UTF-16 unit (its low byte) with A–Z lowered, so an ASCII text occurs in a name's
 * bytes wherever it occurs in the name, case ignored; a non-ASCII unit can make a false
 * hit, never a missed one, so every hit is checked on the name itself. ~1 byte per name
 * character and 4 bytes per path; built in slices while the explorer is idle (namesTextStep).
 */
interface NamesText {
	bytes: Buffer;
	/** Per node, where its name starts in `bytes`; one more entry at the end. */
	starts: Int32Array;
	/** Nodes written so far (the text is usable once all are). */
	built: number;
}

const texts = new WeakMap<TreeIndex, NamesText>();

/** Text a regex reads as more than itself. */
export const hasRegexSyntax = (text: string) => /[.*+?^${}()|[\]\\]/.test(text);

/** Printable ASCII with no regex syntax: what nameCandidates can look for (once lowered). */
export const isPlainAscii = (text: string) => /^[\x20-\x7e]+$/.test(text) && !hasRegexSyntax(text);

function textOf(index: TreeIndex): NamesText {
	let text = texts.get(index);
	if (!text) {
		// The names' total length, for one allocation: a pass over the lengths only.
		const starts = new Int32Array(index.size + 1);
		let offset = 0;
		for (let i = 0; i < index.size; i++) {
			starts[i] = offset;
			offset += index.nodes[i]!.name.length + 1;
		}
		starts[index.size] = offset;
		text = {bytes: Buffer.alloc(offset), starts, built: 0};
		texts.set(index, text);
	}
	return text;
}

/** Writes the next `count` names; true once every name is in. */
export function namesTextStep(index: TreeIndex, count: number): boolean {
	const text = textOf(index);
	const {bytes, starts} = text;
	const last = Math.min(text.built + count, index.size);
	for (let i = text.built; i < last; i++) {
		const at = starts[i]!;
		const written = bytes.write(index.nodes[i]!.name, at, 'latin1');
		for (let k = at; k < at + written; k++) {
			const byte = bytes[k]!;
			if (byte >= 65 && byte <= 90) bytes[k] = byte + 32;
		}
		// The byte after each name stays 0: no ASCII text holds it, so no hit spans two names.
	}
	text.built = last;
	return last === index.size;
}

export function namesTextReady(index: TreeIndex): boolean {
	return (texts.get(index)?.built ?? -1) === index.size;
}

/** The node whose name holds byte `at`. */
function nodeAt(starts: Int32Array, at: number): number {
	let low = 0;
	let high = starts.length - 2;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= at) low = middle;
		else high = middle - 1;
	}
	return low;
}

/**
 * Nodes (root excluded), in index order, whose name holds `needle` as bytes: a superset of
 * those whose name contains it, ASCII case ignored. `needle` must be lowercase printable ASCII.
 * Completes the text first if it is not built yet.
 */
export function nameCandidates(index: TreeIndex, needle: string): number[] {
	namesTextStep(index, index.size);
	const {bytes, starts} = textOf(index);
	const found: number[] = [];
	const pattern = Buffer.from(needle, 'latin1');
	let from = starts[1]!;
	for (;;) {
		const at = bytes.indexOf(pattern, from);
		if (at < 0) break;
		const node = nodeAt(starts, at);
		found.push(node);
		from = starts[node + 1]!;
	}
	return found;
}
