import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

// The built module, in a process of its own: the cap changes a process-wide V8 flag.
const built = fileURLToPath(new URL('../../build/source/runtime/young-generation.js', import.meta.url));

/** new_space's size after a load-like run (most of what is allocated is kept), with the cap or without. */
function newSpaceAfterLoad(capMb: number | null): number {
	const script = `
		import v8 from 'node:v8';
		import {capYoungGeneration} from ${JSON.stringify(built)};
		${capMb === null ? '' : `capYoungGeneration(${capMb});`}
		const kept = [];
		for (let i = 0; i < 400; i++) {
			for (let j = 0; j < 5000; j++) kept.push({i, j, name: 'f' + i + '/' + j});
			await new Promise(resolve => setImmediate(resolve)); // the observer's turn, as between a load's slices
		}
		const space = v8.getHeapSpaceStatistics().find(s => s.space_name === 'new_space');
		console.log(JSON.stringify({size: space.space_size, kept: kept.length}));
	`;
	const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'})) as {size: number; kept: number};
	expect(out.kept).toBe(2_000_000);
	return out.size;
}

describe('capYoungGeneration', () => {
	it('stops the young generation at the size asked for, where V8 alone grows it further', () => {
		const MB = 1024 * 1024;
		const uncapped = newSpaceAfterLoad(null);
		const capped = newSpaceAfterLoad(2);
		// Two semi-spaces of 2 MB (V8 may add a page or so).
		expect(capped).toBeLessThanOrEqual(2 * 2 * MB + MB);
		expect(capped).toBeGreaterThanOrEqual(2 * 2 * MB);
		expect(uncapped).toBeGreaterThan(2 * capped);
	});
});
