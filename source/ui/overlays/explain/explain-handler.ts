import {explainImage, explainLayer, explainPath} from '../../../analysis/explain/index.js';
import {selectedNode, type ExplorerState} from '../../state/explorer-state.js';
import {scrollCommands, scrollText} from '../../state/text-scroll.js';
import type {OverlayHandler} from '../overlay-handler.js';
import {explainLines, explainRows, explainWidth} from './explain-lines.js';
import type {ExplainOverlay} from './explain-state.js';

/** `e` in the tree: the selected path at the selected layer (in the view shown); in the Layers pane: the layer, then the image. */
function open(state: ExplorerState): ExplorerState {
	const {model, analysis, history} = state.data.image;
	if (state.focus === 'tree') {
		const node = selectedNode(state);
		if (node <= 0) return {...state, notice: 'nothing selected to explain'};
		const path = state.data.index.nodes[node]!.path;
		const sentences = explainPath(model, analysis, history, path, state.layer, state.mode);
		return {...state, overlay: {kind: 'explain', subject: {path, layer: state.layer, mode: state.mode}, sections: [{title: null, sentences, paragraph: false}], scroll: 0}};
	}
	const sections = [
		{title: `Layer ${state.layer}`, sentences: explainLayer(model, analysis, history, state.layer), paragraph: false},
		{title: 'How the layers stack', sentences: explainImage(model, analysis, history), paragraph: true},
	];
	return {...state, overlay: {kind: 'explain', subject: {path: null, layer: state.layer}, sections, scroll: 0}};
}

export const explainHandler: OverlayHandler<ExplainOverlay> = {
	kind: 'explain',
	opens: ['open-explain'],
	needsEveryLayer: "Explain",
	open,
	command: (state, overlay, command) => {
		if (scrollCommands.includes(command)) {
			const total = explainLines(overlay.sections, explainWidth(state)).length;
			return {...state, overlay: {...overlay, scroll: scrollText(overlay.scroll, command, explainRows(state), total)}};
		}
		return command === 'close-explain' ? {...state, overlay: null} : state;
	},
};
