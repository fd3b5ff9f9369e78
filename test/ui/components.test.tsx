import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, test} from 'vitest';
import {KeyHints} from '../../source/ui/components/key-hints.js';
import {LoadingView} from '../../source/ui/components/loading-view.js';
import {WorstFilesTable} from '../../source/ui/components/worst-files-table.js';
import {worstFileRows} from '../../source/ui/details/worst-files.js';
import {keymap} from '../../source/ui/keymap/keymap.js';
import {colorWanted, createTheme} from '../../source/ui/theme.js';
import {ChangeCode} from '../../source/ui/tree/change-code.js';

// ink-testing-library renders at 100 columns.
describe('LoadingView', () => {
	test('shows each layer\'s bytes and entries read, totals and how to cancel', () => {
		const {lastFrame, unmount} = render(
			<LoadingView
				columns={100}
				rows={24}
				onQuit={() => {}}
				progress={{
					phase: 'reading',
					reference: 'docker.io/library/nginx:1.27',
					elapsedMs: 2500,
					layers: [
						{index: 0, bytesRead: 1_500_000, totalBytes: 3_000_000, entries: 1234, done: false},
						{index: 1, bytesRead: 2_000, totalBytes: 2_000, entries: 12, done: true},
						{index: 2, bytesRead: 0, totalBytes: null, entries: 0, done: false},
					],
				}}
			/>,
		);
		const frame = lastFrame()!;
		expect(frame).toContain('Loading docker.io/library/nginx:1.27');
		expect(frame).toContain('reading layers');
		expect(frame).toMatch(/layer 0 .*1\.5 MB \/ 3\.0 MB, 1,234 entries/);
		expect(frame).toMatch(/layer 1 .*2\.0 kB \/ 2\.0 kB, 12 entries, done/);
		expect(frame).toMatch(/1\.5 MB read, 601 kB\/s, 1,246 entries, 1\/3 layers done, 2\.5 s/);
		expect(frame).toContain('cancel');
		unmount();
	});

	test('before any progress: never a blank screen', () => {
		const {lastFrame, unmount} = render(<LoadingView columns={100} rows={24} onQuit={() => {}} progress={null} />);
		expect(lastFrame()).toContain('Opening the image');
		unmount();
	});

	test('q cancels', async () => {
		let quits = 0;
		const {stdin, unmount} = render(<LoadingView columns={100} rows={24} onQuit={() => quits++} progress={null} />);
		await new Promise(resolve => setImmediate(resolve));
		stdin.write('q');
		await new Promise(resolve => setImmediate(resolve));
		expect(quits).toBe(1);
		unmount();
	});
});

describe('WorstFilesTable', () => {
	const items = [
		{path: '/var/cache/apt/archives/curl_7.88.1-10_amd64.deb', layer: 1, hiddenBy: 2, bytes: 328_000, reason: 'removed' as const},
		{path: '/usr/lib/libc.so.6', layer: 0, hiddenBy: 7, bytes: 25_000, reason: 'rewritten-unchanged' as const},
	];

	test('one line per file, paths cut from the left to fit, the reason when wide enough', () => {
		const {lastFrame, unmount} = render(<WorstFilesTable rows={worstFileRows(items, 5)} width={40} />);
		const lines = lastFrame()!.split('\n');
		expect(lines).toHaveLength(3);
		expect(lines.every(line => line.length <= 40)).toBe(true);
		expect(lines[1]).toMatch(/^328 kB 1→2 {4}….*amd64\.deb$/);
		expect(lines[2]).toContain('/usr/lib/libc.so.6');
		unmount();
		const wide = render(<WorstFilesTable rows={worstFileRows(items, 5)} width={80} />);
		expect(wide.lastFrame()).toContain('rewritten');
		wide.unmount();
	});
});

describe('KeyHints', () => {
	test('come from the keymap: global keys first, then the focused pane\'s', () => {
		const {lastFrame, unmount} = render(<KeyHints scopes={['tree', 'global']} active={new Set()} />);
		const frame = lastFrame()!;
		const hinted = keymap.filter(b => b.hint && (b.scopes.includes('tree') || b.scopes.includes('global')));
		expect(frame.indexOf('Quit')).toBeLessThan(frame.indexOf('Collapse'));
		// 100 columns hold the first ones at least.
		for (const binding of hinted.slice(0, 6)) expect(frame).toContain(binding.hint);
		unmount();
	});
});

describe('theme', () => {
	test('NO_COLOR turns every colour off; the markers carry the meaning', () => {
		expect(colorWanted({NO_COLOR: '1'})).toBe(false);
		expect(colorWanted({NO_COLOR: ''})).toBe(true);
		expect(colorWanted({})).toBe(true);
		const plain = createTheme(false);
		expect(Object.values(plain.change).every(color => color === undefined)).toBe(true);
		expect([plain.focus, plain.label, plain.error, plain.warning, plain.accent, plain.good].every(color => color === undefined)).toBe(true);
		const colored = createTheme(true);
		expect(new Set([ChangeCode.Added, ChangeCode.Modified, ChangeCode.Removed, ChangeCode.Unchanged].map(code => colored.change[code])).size).toBe(4);
	});
});
