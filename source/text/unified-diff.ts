/**
 * Line diffs as `diff -U3` prints them: Myers' O(ND) algorithm in linear space (the
 * middle-snake split), minimal up to a cost bound and a valid, shorter-to-find diff above
 * it, so that two very different inputs cost bounded time rather than N·M. Pure.
 */

export interface DiffLine {
	/** ' ' context, '-' only in the old text, '+' only in the new. */
	kind: ' ' | '-' | '+';
	text: string;
}

/** One `@@ -oldStart,oldCount +newStart,newCount @@` block, numbered as diff numbers it. */
export interface Hunk {
	oldStart: number;
	oldCount: number;
	newStart: number;
	newCount: number;
	lines: DiffLine[];
}

/** Sides bigger than these are not diffed (the caller shows a notice instead). */
export const DIFF_LINE_LIMIT = 20_000;
export const DIFF_BYTE_LIMIT = 1024 * 1024;

/**
 * Past this many edits in one split, the search stops being exact and cuts at its
 * furthest point: time stays near (N+M)·COST_LIMIT whatever the inputs. Diffs with fewer
 * edits are minimal (as GNU diff's, which gives up later still).
 */
const COST_LIMIT = 256;

/**
 * The hunks turning `oldLines` into `newLines`, with `context` unchanged lines around each
 * change; changes closer than 2·context lines share a hunk, as in diff.
 */
export function unifiedDiff(oldLines: string[], newLines: string[], context = 3): Hunk[] {
	const ids = new Map<string, number>();
	const idOf = (line: string) => {
		let id = ids.get(line);
		if (id === undefined) ids.set(line, (id = ids.size));
		return id;
	};
	const a = Int32Array.from(oldLines, idOf);
	const b = Int32Array.from(newLines, idOf);
	const deleted = new Uint8Array(a.length);
	const inserted = new Uint8Array(b.length);
	new Search(a, b, deleted, inserted).compare(0, a.length, 0, b.length);
	return hunksOf(oldLines, newLines, changeBlocks(deleted, inserted), Math.max(0, context));
}

/** A run of deleted old lines and inserted new lines between two unchanged ones. */
interface Block {
	oldAt: number;
	oldEnd: number;
	newAt: number;
	newEnd: number;
}

class Search {
	/** Furthest x per diagonal, forward and from the end; indexed diagonal + offset. */
	private readonly forward: Int32Array;
	private readonly backward: Int32Array;
	private readonly offset: number;

	constructor(
		private readonly a: Int32Array,
		private readonly b: Int32Array,
		private readonly deleted: Uint8Array,
		private readonly inserted: Uint8Array,
	) {
		this.offset = a.length + b.length + 1;
		this.forward = new Int32Array(2 * this.offset + 1);
		this.backward = new Int32Array(2 * this.offset + 1);
	}

	/** Marks the lines of a[aLo,aHi) and b[bLo,bHi) that are not in their common subsequence. */
	compare(aLo: number, aHi: number, bLo: number, bHi: number): void {
		const {a, b} = this;
		// An explicit stack: the split depth follows the inputs.
		const stack = [aLo, aHi, bLo, bHi];
		while (stack.length > 0) {
			bHi = stack.pop()!;
			bLo = stack.pop()!;
			aHi = stack.pop()!;
			aLo = stack.pop()!;
			while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) aLo++, bLo++;
			while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) aHi--, bHi--;
			if (aLo === aHi) {
				this.inserted.fill(1, bLo, bHi);
				continue;
			}
			if (bLo === bHi) {
				this.deleted.fill(1, aLo, aHi);
				continue;
			}
			const snake = this.split(aLo, aHi, bLo, bHi);
			const [x, y, u, v] = snake ?? [aLo, bLo, aLo, bLo];
			if (!snake || (x - aLo + y - bLo === aHi - aLo + bHi - bLo) || (u === aLo && v === bLo)) {
				// No split that makes progress (never expected): all of it changed is still a true diff.
				this.deleted.fill(1, aLo, aHi);
				this.inserted.fill(1, bLo, bHi);
				continue;
			}
			// a[x,u) equals b[y,v): the snake stays unchanged.
			stack.push(aLo, x, bLo, y, u, aHi, v, bHi);
		}
	}

	/**
	 * The middle snake of the shortest edit script, as [x, y, u, v] (absolute): the two
	 * halves before (x, y) and after (u, v) each hold about half of the edits. Both ends
	 * differ here (compare trims them) and neither side is empty. Diagonals whose paths ran
	 * off the grid are searched no further; only points inside it may meet.
	 */
	private split(aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] | null {
		const {a, b, forward, backward, offset} = this;
		const n = aHi - aLo;
		const m = bHi - bLo;
		const delta = n - m;
		const odd = (delta & 1) !== 0;
		const maxD = Math.ceil((n + m) / 2);
		forward.fill(-1, offset - maxD - 1, offset + maxD + 2);
		backward.fill(-1, offset - maxD - 1, offset + maxD + 2);
		forward[offset + 1] = 0;
		backward[offset + 1] = 0;
		// How many diagonals each search has given up at its low and high end.
		let fLow = 0;
		let fHigh = 0;
		let bLow = 0;
		let bHigh = 0;
		const inGrid = (x: number, y: number) => x >= 0 && y >= 0 && x <= n && y <= m;
		for (let d = 0; d <= maxD; d++) {
			for (let k = -d + fLow; k <= d - fHigh; k += 2) {
				let x = k === -d || (k !== d && forward[offset + k - 1]! < forward[offset + k + 1]!) ? forward[offset + k + 1]! : forward[offset + k - 1]! + 1;
				let y = x - k;
				const x0 = x;
				const y0 = y;
				while (x < n && y < m && a[aLo + x] === b[bLo + y]) x++, y++;
				forward[offset + k] = x;
				if (x > n) fHigh += 2;
				else if (y > m) fLow += 2;
				else if (odd && inGrid(x0, y0)) {
					// Has the search from the end reached this diagonal (delta - k there) this far?
					const back = backward[offset + delta - k]!;
					if (back >= 0 && inGrid(back, back - delta + k) && x + back >= n && !(x0 === n && y0 === m)) return [aLo + x0, bLo + y0, aLo + x, bLo + y];
				}
			}
			for (let k = -d + bLow; k <= d - bHigh; k += 2) {
				// x and y count from the end here.
				let x = k === -d || (k !== d && backward[offset + k - 1]! < backward[offset + k + 1]!) ? backward[offset + k + 1]! : backward[offset + k - 1]! + 1;
				let y = x - k;
				const x0 = x;
				const y0 = y;
				while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) x++, y++;
				backward[offset + k] = x;
				if (x > n) bHigh += 2;
				else if (y > m) bLow += 2;
				else if (!odd && inGrid(x0, y0)) {
					const front = forward[offset + delta - k]!;
					if (front >= 0 && inGrid(front, front - delta + k) && x + front >= n && !(x0 === n && y0 === m)) return [aHi - x, bHi - y, aHi - x0, bHi - y0];
				}
			}
			if (d >= COST_LIMIT) {
				const cut = this.furthest(d, n, m, aLo, aHi, bLo, bHi);
				if (cut) return cut;
			}
		}
		// Not reached: the searches meet by maxD.
		return null;
	}

	/** The point either search got furthest to after `d` steps, as an empty snake; null when it is an end. */
	private furthest(d: number, n: number, m: number, aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] | null {
		const {forward, backward, offset} = this;
		let best = 0;
		let cut: [number, number, number, number] | null = null;
		for (let k = -d; k <= d; k += 2) {
			const fx = Math.min(forward[offset + k]!, n);
			const fy = fx - k;
			if (fy >= 0 && fy <= m && fx + fy > best && fx + fy < n + m) {
				best = fx + fy;
				cut = [aLo + fx, bLo + fy, aLo + fx, bLo + fy];
			}
			const bx = Math.min(backward[offset + k]!, n);
			const by = bx - k;
			if (by >= 0 && by <= m && bx + by > best && bx + by < n + m) {
				best = bx + by;
				cut = [aHi - bx, bHi - by, aHi - bx, bHi - by];
			}
		}
		return cut;
	}
}

/** Runs of changed lines, in order; the unchanged lines between them pair up one to one. */
function changeBlocks(deleted: Uint8Array, inserted: Uint8Array): Block[] {
	const blocks: Block[] = [];
	let i = 0;
	let j = 0;
	while (i < deleted.length || j < inserted.length) {
		if (i < deleted.length && j < inserted.length && !deleted[i] && !inserted[j]) {
			i++, j++;
			continue;
		}
		const oldAt = i;
		const newAt = j;
		while (i < deleted.length && deleted[i]) i++;
		while (j < inserted.length && inserted[j]) j++;
		blocks.push({oldAt, oldEnd: i, newAt, newEnd: j});
	}
	return blocks;
}

function hunksOf(oldLines: string[], newLines: string[], blocks: Block[], context: number): Hunk[] {
	const hunks: Hunk[] = [];
	let first = 0;
	while (first < blocks.length) {
		// Blocks at most 2·context unchanged lines apart go into one hunk.
		let last = first;
		while (last + 1 < blocks.length && blocks[last + 1]!.oldAt - blocks[last]!.oldEnd <= 2 * context) last++;
		const start = blocks[first]!;
		const end = blocks[last]!;
		const lead = Math.min(context, start.oldAt);
		const trail = Math.min(context, oldLines.length - end.oldEnd);
		const oldFrom = start.oldAt - lead;
		const newFrom = start.newAt - lead;
		const oldTo = end.oldEnd + trail;
		const newTo = end.newEnd + trail;
		const lines: DiffLine[] = [];
		let i = oldFrom;
		for (let b = first; b <= last; b++) {
			const block = blocks[b]!;
			for (; i < block.oldAt; i++) lines.push({kind: ' ', text: oldLines[i]!});
			for (let d = block.oldAt; d < block.oldEnd; d++) lines.push({kind: '-', text: oldLines[d]!});
			for (let n = block.newAt; n < block.newEnd; n++) lines.push({kind: '+', text: newLines[n]!});
			i = block.oldEnd;
		}
		for (; i < oldTo; i++) lines.push({kind: ' ', text: oldLines[i]!});
		hunks.push({oldStart: startOf(oldFrom, oldTo - oldFrom), oldCount: oldTo - oldFrom, newStart: startOf(newFrom, newTo - newFrom), newCount: newTo - newFrom, lines});
		first = last + 1;
	}
	return hunks;
}

/** diff numbers an empty range by the line before it. */
function startOf(from: number, count: number): number {
	return count === 0 ? from : from + 1;
}

/**
 * Marks a last line that had no newline after it (see splitLines): a line never holds
 * '\n' otherwise, so "x" and "x" without its newline stay different lines, as in diff.
 */
export const NO_FINAL_NEWLINE = '\n';

/** The lines of a text; a last line without a newline ends in NO_FINAL_NEWLINE. */
export function splitLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	else lines[lines.length - 1] += NO_FINAL_NEWLINE;
	return lines;
}

/** The hunks as diff prints them: the @@ line, then one line per DiffLine (and diff's note where a file lacks its last newline). */
export function formatHunks(hunks: Hunk[]): string[] {
	const out: string[] = [];
	for (const hunk of hunks) {
		out.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
		for (const line of hunk.lines) {
			if (line.text.endsWith(NO_FINAL_NEWLINE)) out.push(line.kind + line.text.slice(0, -1), '\\ No newline at end of file');
			else out.push(line.kind + line.text);
		}
	}
	return out;
}

function range(start: number, count: number): string {
	return count === 1 ? String(start) : `${start},${count}`;
}
