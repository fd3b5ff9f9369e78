import {describe, expect, it} from 'vitest';
import {cleanCommand, mapHistory} from '../../source/model/history.js';

describe('mapHistory', () => {
	it('maps the i-th non-empty entry to the i-th layer, metadata-only steps to none', () => {
		const mapping = mapHistory(
			[
				{created_by: '/bin/sh -c #(nop) ADD file:abc in / '},
				{created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true},
				{created_by: '/bin/sh -c apt-get update', created: '2024-01-01T00:00:00Z'},
				{created_by: 'RUN /bin/sh -c true # buildkit', comment: 'buildkit.dockerfile.v0'},
			],
			3,
		);
		expect(mapping.steps.map(s => s.layer)).toEqual([0, null, 1, 2]);
		expect(mapping.layerSteps.map(s => s?.index)).toEqual([0, 2, 3]);
		expect(mapping.steps[1]!.command).toBe('CMD ["sh"]');
		expect(mapping.steps[0]!.command).toBe('ADD file:abc in /');
		expect(mapping.steps[3]!.comment).toBe('buildkit.dockerfile.v0');
		expect(mapping.mismatch).toBeNull();
	});

	it('a size-0 layer is still a layer (only empty_layer says otherwise)', () => {
		const mapping = mapHistory([{created_by: 'a'}, {created_by: 'WORKDIR /x'}], 2);
		expect(mapping.layerSteps.map(s => s?.command)).toEqual(['a', 'WORKDIR /x']);
	});

	it('reports fewer entries than layers, and no history at all, without failing', () => {
		const fewer = mapHistory([{created_by: 'only one'}], 3);
		expect(fewer.layerSteps.map(s => s?.command ?? null)).toEqual(['only one', null, null]);
		expect(fewer.mismatch).toMatch(/1 history entries for 3 layers/);
		const none = mapHistory(undefined, 2);
		expect(none.layerSteps).toEqual([null, null]);
		expect(none.mismatch).toMatch(/no history/);
		const more = mapHistory([{}, {}, {}], 2);
		expect(more.mismatch).toMatch(/3 history entries for 2 layers/);
	});

	it('cleans the shell wrapper', () => {
		expect(cleanCommand('/bin/sh -c #(nop) ENV A=1')).toBe('ENV A=1');
		expect(cleanCommand('|1 ARG=x /bin/sh -c make')).toBe('|1 ARG=x /bin/sh -c make');
	});
});
