import {describe, expect, it} from 'vitest';
import {buildModel} from '../../source/model/build.js';
import {dir, file, symlink} from './entries.js';

describe('model warnings', () => {
	it('says when a path is written twice in one layer — also through a symlinked parent — and not for a directory listed after its contents', () => {
		const model = buildModel([
			[dir('usr'), dir('usr/bin'), symlink('bin', 'usr/bin')],
			[file('etc/conf', 'a'), dir('etc'), file('etc/conf', 'b'), file('bin/tool', 'x'), file('usr/bin/tool', 'y')],
		]);
		expect(model.warnings).toEqual([
			'layer 1: "/etc/conf" appears twice in this layer; the last one wins',
			'layer 1: "/usr/bin/tool" appears twice in this layer; the last one wins',
		]);
	});

	it('keeps a bounded number, however many the image holds, and counts the rest', () => {
		const entries = Array.from({length: 5000}, (_, i) => [file(`d/f${i}`, 'a'), file(`d/f${i}`, 'b')]).flat();
		const model = buildModel([entries]);
		expect(model.warnings).toHaveLength(101);
		expect(model.warnings.at(-1)).toBe('4,900 more warnings like these');
	});
});
