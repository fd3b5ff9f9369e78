import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import type {LoadProgress} from '../../source/load/progress.js';
import {LoadSession, progressIntervalMs} from '../../source/ui/session/load-session.js';

const progress = (bytes: number): LoadProgress => ({
	phase: 'reading',
	reference: 'r',
	layers: [{index: 0, bytesRead: bytes, totalBytes: 100_000, entries: 0, done: false}],
	elapsedMs: 0,
});

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('LoadSession', () => {
	test('publishes progress at most every 100 ms, always ending on the newest', () => {
		const session = new LoadSession(() => Date.now());
		const seen: number[] = [];
		session.subscribe(() => {
			const snapshot = session.getSnapshot();
			if (snapshot.phase === 'loading' && snapshot.progress) seen.push(snapshot.progress.layers[0]!.bytesRead);
		});
		// 1000 reports over one second, one per millisecond.
		for (let ms = 0; ms < 1000; ms++) {
			session.reportProgress(progress(ms));
			vi.advanceTimersByTime(1);
		}
		vi.advanceTimersByTime(progressIntervalMs);
		expect(seen.length).toBeLessThanOrEqual(11);
		expect(seen.length).toBeGreaterThanOrEqual(9);
		expect(seen.at(-1)).toBe(999);
		for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
	});

	test('once ready, late progress is ignored', () => {
		const session = new LoadSession(() => Date.now());
		session.reportProgress(progress(1));
		session.ready({} as never);
		session.reportProgress(progress(2));
		vi.advanceTimersByTime(1000);
		expect(session.getSnapshot().phase).toBe('ready');
	});
});
