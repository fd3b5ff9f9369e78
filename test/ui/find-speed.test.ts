import {expect, test} from 'vitest';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {explorerReducer} from '../../source/ui/state/explorer-reducer.js';
import {createExplorerState} from '../../source/ui/state/explorer-state.js';
import {syntheticImage} from './helpers/synthetic-image.js';

test('find on 300k paths: one pass per typed character, n a lookup', () => {
	let state = createExplorerState(buildExplorerData(syntheticImage(300_000, 3)), {layerRows: 5, treeRows: 20});
	const press = (name: string) => (state = explorerReducer(state, {type: 'key', names: [name], text: name.length === 1 ? name : ''}));
	press('/');
	const typed = performance.now();
	for (const ch of 'file19') press(ch);
	const typing = (performance.now() - typed) / 5;
	press('return');
	const stepped = performance.now();
	for (let i = 0; i < 20; i++) press('n');
	const stepping = (performance.now() - stepped) / 20;
	console.log(`find, 300k paths: ${typing.toFixed(1)} ms per typed character, ${stepping.toFixed(2)} ms per n (shared 2-core machine)`);
	expect(state.find.matches.length).toBeGreaterThan(0);
	expect(state.data.index.nodes[state.flat.rows[state.cursor]!]!.name).toMatch(/file19/i);
	expect(typing).toBeLessThan(500);
});
