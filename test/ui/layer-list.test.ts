import {describe, expect, test} from 'vitest';
import {mapHistory} from '../../source/model/history.js';
import {buildLayerList} from '../../source/ui/layers/layer-list.js';

const describeRows = (layerCount: number, history: Parameters<typeof mapHistory>[0]) =>
	buildLayerList(layerCount, mapHistory(history, layerCount)).rows.map(row => (row.kind === 'layer' ? `L${row.layer}` : row.step.command));

describe('the Layers list', () => {
	test('puts metadata-only steps between the layers they were built between', () => {
		const rows = describeRows(2, [
			{created_by: '/bin/sh -c #(nop)  ARG VERSION', empty_layer: true},
			{created_by: '/bin/sh -c #(nop) ADD file:abc in / '},
			{created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true},
			{created_by: 'RUN /bin/sh -c make'},
			{created_by: '/bin/sh -c #(nop)  CMD ["app"]', empty_layer: true},
		]);
		expect(rows).toEqual(['ARG VERSION', 'L0', 'ENV A=1', 'L1', 'CMD ["app"]']);
	});

	test('lists every layer when the history is missing or short', () => {
		expect(describeRows(3, undefined)).toEqual(['L0', 'L1', 'L2']);
		expect(describeRows(3, [{created_by: 'ADD a'}, {created_by: 'ENV X=1', empty_layer: true}])).toEqual(['L0', 'ENV X=1', 'L1', 'L2']);
	});

	test('knows the row of each layer', () => {
		const list = buildLayerList(2, mapHistory([{created_by: 'ENV A', empty_layer: true}, {created_by: 'ADD a'}, {created_by: 'ENV B', empty_layer: true}, {created_by: 'RUN b'}], 2));
		expect(list.rowOfLayer).toEqual([1, 3]);
	});
});
