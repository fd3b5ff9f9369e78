import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {EarlyPublisher} from '../../source/ui/session/early-publisher.js';

describe('EarlyPublisher', () => {
	it('hands the first offer over at once (outside the caller), then only the newest per interval, and nothing after stop', async () => {
		const published: number[] = [];
		const taken: number[] = [];
		const publisher = new EarlyPublisher<number>(n => published.push(n), 150);
		const offer = (n: number) => publisher.offer(() => (taken.push(n), n));
		offer(1);
		// Not from inside offer(): the loader's loop must not run the screen's work.
		expect(published).toEqual([]);
		await sleep(20);
		expect(published).toEqual([1]);
		offer(2);
		offer(3);
		await sleep(40);
		expect(published).toEqual([1]);
		await sleep(200);
		// 2 was never taken: taking walks the whole tree, so only the newest is.
		expect(published).toEqual([1, 3]);
		expect(taken).toEqual([1, 3]);
		offer(4);
		publisher.stop();
		await sleep(250);
		expect(published).toEqual([1, 3]);
	});

	it('waits 16 times as long as the last hand-over took when that is longer than the interval', async () => {
		const at: number[] = [];
		const publisher = new EarlyPublisher<number>(() => {
			at.push(performance.now());
			const end = performance.now() + 40;
			while (performance.now() < end);
		}, 10);
		publisher.offer(() => 1);
		await sleep(20);
		publisher.offer(() => 2);
		await sleep(1400);
		publisher.stop();
		expect(at).toHaveLength(2);
		// The first took 40 ms: the next comes ≥ 640 ms after it ended.
		expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(40 + 640 - 5);
	});
});
