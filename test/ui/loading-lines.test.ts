import {describe, expect, it} from 'vitest';
import type {LoadProgress} from '../../source/load/progress.js';
import {loadingLines, loadingTotals} from '../../source/ui/loading/loading-lines.js';

const progress = (elapsedMs: number): LoadProgress => ({
	phase: 'reading',
	reference: 'registry.example/app:v1',
	elapsedMs,
	layers: [
		{index: 0, bytesRead: 3_000_000, totalBytes: 6_000_000, entries: 120, done: false},
		{index: 1, bytesRead: 1_000_000, totalBytes: 1_000_000, entries: 7, done: true},
	],
});

describe('loading view lines', () => {
	it('shows per-layer downloaded/total bytes and the overall speed', () => {
		const lines = loadingLines(progress(2000), 10);
		expect(lines[0]).toMatchObject({label: 'layer 0', fraction: 0.5, done: false});
		expect(lines[0]!.detail).toMatch(/3\.0 MB \/ 6\.0 MB, 120 entries/);
		const totals = loadingTotals(progress(2000));
		expect(totals).toMatch(/^4\.0 MB read, 2\.0 MB\/s, 127 entries, 1\/2 layers done, 2\.0 s$/);
		expect(loadingTotals(progress(100))).not.toMatch(/\/s/);
	});
});
