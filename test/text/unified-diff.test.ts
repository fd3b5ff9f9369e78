import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test, vi} from 'vitest';
import {formatHunks, splitLines, unifiedDiff} from '../../source/text/unified-diff.js';
import {Prng} from '../fuzz/prng.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-udiff-');
// Each case runs GNU diff once: seconds in all on a loaded machine.
vi.setConfig({testTimeout: 60_000});

/** GNU diff's hunks (its two header lines dropped) for two texts. */
function gnuDiff(oldText: string, newText: string, context = 3): string[] {
	const a = path.join(dir, 'old');
	const b = path.join(dir, 'new');
	writeFileSync(a, oldText);
	writeFileSync(b, newText);
	let out: string;
	try {
		out = execFileSync('diff', [`-U${context}`, a, b], {encoding: 'utf8'});
	} catch (error) {
		// Exit 1: the files differ.
		out = (error as {stdout: string}).stdout;
	}
	const lines = out.split('\n').slice(2);
	if (lines.at(-1) === '') lines.pop();
	return lines;
}

const ours = (oldText: string, newText: string, context = 3) => formatHunks(unifiedDiff(splitLines(oldText), splitLines(newText), context));

/** `lines` edited at random: lines deleted, replaced, inserted (fresh lines unless `alphabet` is small). */
function edit(random: Prng, lines: string[], word: () => string): string[] {
	return lines.flatMap(line => {
		const r = random.next() / 2 ** 32;
		if (r < 0.08) return [];
		if (r < 0.16) return [word()];
		if (r < 0.22) return [line, word(), word()];
		return [line];
	});
}

const text = (lines: string[], finalNewline = true) => lines.join('\n') + (lines.length > 0 && finalNewline ? '\n' : '');

/** Applies formatted hunks to the old text: what a patch tool would get. */
function apply(oldText: string, diff: string[]): string {
	const old = splitLines(oldText);
	const out: string[] = [];
	let at = 0;
	for (let i = 0; i < diff.length; i++) {
		const line = diff[i]!;
		const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line);
		if (header) {
			const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
			while (at < start) out.push(old[at++]!);
			continue;
		}
		const noNewline = diff[i + 1] === '\\ No newline at end of file';
		const body = line.slice(1) + (noNewline ? '\n' : '');
		if (line[0] === ' ' || line[0] === '-') at++;
		if (line[0] === ' ' || line[0] === '+') out.push(body);
		if (noNewline) i++;
	}
	while (at < old.length) out.push(old[at++]!);
	return out.map(line => (line.endsWith('\n') ? line.slice(0, -1) : `${line}\n`)).join('');
}

const changed = (diff: string[]) => ({removed: diff.filter(l => l.startsWith('-')).length, added: diff.filter(l => l.startsWith('+')).length});

describe('unifiedDiff against GNU diff -U3', () => {
	test('texts of distinct lines: the same hunks, header for header and line for line', () => {
		const random = new Prng('distinct');
		let fresh = 0;
		for (let round = 0; round < 60; round++) {
			const count = random.next() % 80;
			const old = Array.from({length: count}, (_, i) => `line ${i} of round ${round}`);
			const next = edit(random, old, () => `new line ${fresh++}`);
			// Some texts lose their final newline: diff's "\ No newline at end of file".
			const oldText = text(old, round % 7 !== 3);
			const newText = text(next, round % 5 !== 2);
			expect(ours(oldText, newText), `round ${round}`).toEqual(gnuDiff(oldText, newText));
		}
	});

	test('other context sizes, empty sides, identical texts', () => {
		const random = new Prng('context');
		let fresh = 0;
		for (const context of [0, 1, 2, 5]) {
			for (let round = 0; round < 8; round++) {
				const old = Array.from({length: 40}, (_, i) => `l${i}`);
				const oldText = text(old);
				const newText = text(edit(random, old, () => `n${fresh++}`));
				expect(ours(oldText, newText, context)).toEqual(gnuDiff(oldText, newText, context));
			}
		}
		for (const [a, b] of [['', 'a\nb\n'], ['a\nb\n', ''], ['a\n', 'a'], ['x\ny\n', 'x\ny\n'], ['', '']] as const) expect(ours(a, b)).toEqual(gnuDiff(a, b));
	});

	test('repeated lines: as few changed lines as GNU diff, and the hunks rebuild the new text', () => {
		const random = new Prng('repeated');
		for (let round = 0; round < 60; round++) {
			// Four kinds of line: many equally short scripts; GNU may choose another one.
			const word = () => `w${random.next() % 4}`;
			const old = Array.from({length: random.next() % 60}, word);
			const oldText = text(old);
			const newText = text(edit(random, old, word));
			const mine = ours(oldText, newText);
			expect(changed(mine), `round ${round}`).toEqual(changed(gnuDiff(oldText, newText)));
			expect(apply(oldText, mine)).toBe(newText);
		}
	});

	test('bounded: two unrelated 20,000-line texts diff in bounded time, into a true diff', () => {
		const old = Array.from({length: 20_000}, (_, i) => `old ${i}`);
		const next = Array.from({length: 20_000}, (_, i) => (i % 3 === 0 ? `new ${i}` : `old ${i * 7 % 20_000}`));
		const start = performance.now();
		const diff = formatHunks(unifiedDiff(old, next));
		const ms = performance.now() - start;
		// About 0.2-1.5 s on the shared 2-core machine; minutes for a search without the cost bound.
		expect(ms).toBeLessThan(10_000);
		expect(apply(text(old), diff)).toBe(text(next));
	}, 30_000);
});
