import {Box} from 'ink';
import React, {useEffect, useMemo} from 'react';
import type {LoadProgress} from '../../load/progress.js';
import type {Command} from '../keymap/commands.js';
import {useDeferredFilter} from '../hooks/use-deferred-filter.js';
import {useEffects} from '../hooks/use-effects.js';
import {useViewerContent} from '../hooks/use-viewer-content.js';
import {useExplorerInput} from '../hooks/use-explorer-input.js';
import {useExplorerState} from '../hooks/use-explorer-state.js';
import {useIdleIndexing} from '../hooks/use-idle-indexing.js';
import {useTreePrefetch} from '../hooks/use-tree-prefetch.js';
import {useQuitWhen} from '../hooks/use-quit-when.js';
import {useViewportSync} from '../hooks/use-viewport-sync.js';
import {computeLayout} from '../layout/layout.js';
import {hitTest} from '../pointer/hit-test.js';
import type {ExplorerData} from '../state/explorer-data.js';
import {activeScopes} from '../state/explorer-reducer.js';
import {selectedNode, type ExplorerState} from '../state/explorer-state.js';
import {escapeText} from '../../text/escape.js';
import {FileTreePane} from './file-tree-pane.js';
import {FileViewer} from './file-viewer.js';
import {NoticeLine} from './notice-line.js';
import {HelpOverlay} from './help-overlay.js';
import {ImageDetails} from './image-details.js';
import {KeyHints} from './key-hints.js';
import {LayerDetails} from './layer-details.js';
import {LayersPane} from './layers-pane.js';
import {OverlayView} from '../overlays/overlay-view.js';
import {isTooSmall, TooSmall} from './too-small.js';

interface Props {
	data: ExplorerData;
	/** The load still under way behind an explorer opened early; null once the image is loaded. */
	progress?: LoadProgress | null;
	columns: number;
	rows: number;
	onQuit: () => void;
}

function activeToggles(state: ExplorerState): Set<Command> {
	const active = new Set<Command>();
	if (state.mode === 'aggregated') active.add('view-aggregated');
	else active.add('view-layer');
	// As in dive, a change kind's hint is highlighted while that kind is shown.
	if (!state.hidden.added) active.add('hide-added');
	if (!state.hidden.removed) active.add('hide-removed');
	if (!state.hidden.modified) active.add('hide-modified');
	if (!state.hidden.unmodified) active.add('hide-unmodified');
	if (state.sort === 'size') active.add('toggle-sort');
	if (state.showAttributes) active.add('toggle-attributes');
	return active;
}

/** The viewer's text lines: the body less its title and status lines. */
function viewerRowsOf(height: number): number {
	return Math.max(height - 3, 1);
}

/** The explorer: Layers, Layer details and Image details on the left, the file tree on the right, key hints below. */
export function Explorer({data: newest, progress = null, columns, rows, onQuit}: Props) {
	const initial = computeLayout(columns, rows, {filterLine: false});
	const [state, dispatch] = useExplorerState(newest, {layerRows: initial.layerRows, treeRows: initial.treeRows, viewerRows: viewerRowsOf(initial.height)});
	// More layers stacked (or the load done): the state moves onto the new data, the cursor kept.
	useEffect(() => dispatch({type: 'rebase', data: newest}), [newest]);
	const data = state.data;
	const filterLine = state.filter.editing || state.filter.text !== '' || state.find.editing || state.find.text !== '';
	const layout = computeLayout(columns, rows, {filterLine});
	const viewerRows = viewerRowsOf(layout.height);
	useExplorerInput(dispatch, event => dispatch({type: 'pointer', event, target: hitTest(layout, event.x, event.y)}));
	useDeferredFilter(state.filter, dispatch);
	useTreePrefetch(state);
	useIdleIndexing(data);
	useViewportSync(dispatch, {layerRows: layout.layerRows, treeRows: layout.treeRows, viewerRows, columns: layout.columns});
	useViewerContent(data.image, state.viewer, dispatch);
	useEffects(data, state.effect, dispatch);
	useQuitWhen(state.quitting, onQuit);
	const active = useMemo(() => activeToggles(state), [state.mode, state.hidden, state.sort, state.showAttributes]);
	const scopes = activeScopes(state);
	const bodyHeight = layout.height - 1;
	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
	return (
		<Box flexDirection="column" width={layout.columns} height={layout.height}>
			{state.help ? (
				<HelpOverlay width={layout.columns} rows={bodyHeight - 1} scroll={state.helpScroll} />
			) : state.viewer ? (
				<FileViewer viewer={state.viewer} width={layout.columns} rows={viewerRows} />
			) : state.overlay ? (
				<OverlayView state={state} overlay={state.overlay} width={layout.columns} rows={bodyHeight} />
			) : (
				<Box flexDirection="row" height={bodyHeight}>
					<Box flexDirection="column" width={layout.leftWidth}>
						<LayersPane
							data={data}
							layer={state.layer}
							scroll={state.layerScroll}
							rows={layout.layerRows}
							width={layout.leftWidth}
							order={state.layerOrder}
							focused={state.focus === 'layers' && !state.filter.editing}
							aggregated={state.mode === 'aggregated'}
							progress={progress}
						/>
						<LayerDetails data={data} layer={state.layer} width={layout.leftWidth} rows={layout.layerDetailRows} />
						<ImageDetails data={data} width={layout.leftWidth} rows={layout.imageDetailRows} />
					</Box>
					<FileTreePane
						state={state}
						width={layout.treeWidth}
						rows={layout.treeRows}
						storyRows={layout.storyRows}
						attributes={state.showAttributes && layout.treeHasRoomForAttributes}
						filterLine={filterLine}
					/>
				</Box>
			)}
			{state.extractPrompt !== null ? (
				<NoticeLine text={`Extract ${escapeText(data.index.nodes[selectedNode(state)]?.path ?? '', 200)} to: ${escapeText(state.extractPrompt, 200)}▏  (Enter extracts, Esc cancels)`} />
			) : state.notice ? (
				<NoticeLine text={state.notice} />
			) : (
				<KeyHints scopes={scopes} active={active} />
			)}
		</Box>
	);
}
