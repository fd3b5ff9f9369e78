import {expect, test} from 'vitest';
import {explainImage, explainLayer, explainPath} from '../../source/analysis/explain/index.js';
import {syntheticImage} from './helpers/synthetic-image.js';

/**
 * `e` walks the tree once or twice (a layer's facts, the final filesystem, a directory's
 * subtree): on 300k paths it must stay a keypress, not a wait. The bound is loose because the
 * machine is shared; a walk per path (quadratic) would blow far past it.
 */
test('explain on 300k paths: the layer and the image, and the top directory, each well under a second', () => {
	const {model, analysis, history} = syntheticImage(300_000);
	const time = (f: () => unknown) => {
		const start = performance.now();
		f();
		return performance.now() - start;
	};
	// Warm once (JIT), then measure.
	explainLayer(model, analysis, history, 5);
	const fromLayers = time(() => {
		explainLayer(model, analysis, history, 5);
		explainImage(model, analysis, history);
	});
	const top = time(() => explainPath(model, analysis, history, '/usr', 5));
	expect(fromLayers).toBeLessThan(1000);
	expect(top).toBeLessThan(1000);
}, 120_000);
