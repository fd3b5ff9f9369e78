import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, test} from 'vitest';
import {LoadingView} from '../../source/ui/components/loading-view.js';

async function quitsAfter(chunk: string): Promise<number> {
	let quits = 0;
	const {stdin, unmount} = render(<LoadingView columns={100} rows={24} onQuit={() => quits++} progress={null} />);
	await new Promise(resolve => setImmediate(resolve));
	// One write: the keys arrive in one read, as fast typing or a slow link delivers them.
	stdin.write(chunk);
	await new Promise(resolve => setImmediate(resolve));
	unmount();
	return quits;
}

describe('the loading view', () => {
	test('q quits also when it arrives in one read with other keys', async () => {
		expect(await quitsAfter('jq')).toBe(1);
		expect(await quitsAfter('\tq')).toBe(1);
		expect(await quitsAfter('j\u0003')).toBe(1);
	});

	test('keys that are not quit keys do not quit', async () => {
		expect(await quitsAfter('jk')).toBe(0);
		expect(await quitsAfter('Q')).toBe(0);
	});
});

describe('the loading view of a platform switch', () => {
	test('Esc goes back (and says so), q still quits', async () => {
		let quits = 0;
		let cancels = 0;
		const {stdin, lastFrame, unmount} = render(<LoadingView columns={100} rows={24} onQuit={() => quits++} onCancel={() => cancels++} progress={null} />);
		await new Promise(resolve => setImmediate(resolve));
		expect(lastFrame()).toContain('Esc back to the image shown');
		stdin.write('\u001B');
		await new Promise(resolve => setTimeout(resolve, 100));
		expect([cancels, quits]).toEqual([1, 0]);
		stdin.write('q');
		await new Promise(resolve => setImmediate(resolve));
		expect([cancels, quits]).toEqual([1, 1]);
		unmount();
	});
});
