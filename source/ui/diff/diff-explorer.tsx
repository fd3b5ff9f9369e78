import {Box} from 'ink';
import React, {useEffect, useMemo, useReducer} from 'react';
import type {Command, Scope} from '../keymap/commands.js';
import {FileViewer} from '../components/file-viewer.js';
import {HelpOverlay} from '../components/help-overlay.js';
import {KeyHints} from '../components/key-hints.js';
import {NoticeLine} from '../components/notice-line.js';
import {isTooSmall, TooSmall} from '../components/too-small.js';
import {useExplorerInput} from '../hooks/use-explorer-input.js';
import {useQuitWhen} from '../hooks/use-quit-when.js';
import {useViewerContent} from '../hooks/use-viewer-content.js';
import type {DiffData} from './diff-data.js';
import {diffHelpLines} from './diff-help-lines.js';
import {computeDiffLayout, type DiffLayout} from './diff-layout.js';
import {DiffLayersPane} from './diff-layers-pane.js';
import {diffReducer, diffScopes} from './diff-reducer.js';
import {ConfigPane, TotalsPane} from './diff-side-panes.js';
import {createDiffState, type DiffState, type DiffViewport} from './diff-state.js';
import {DiffTreePane} from './diff-tree-pane.js';
import {UnifiedViewer} from './unified-viewer.js';
import {useUnifiedContent} from './use-diff-content.js';

interface Props {
	data: DiffData;
	columns: number;
	rows: number;
	onQuit: () => void;
}

function viewportOf(layout: DiffLayout): DiffViewport {
	// The viewer's text lines: the body less its title and status lines.
	return {columns: layout.columns, layerRows: layout.layerRows, treeRows: layout.treeRows, configRows: layout.configRows, viewerRows: Math.max(layout.height - 3, 1)};
}

function lineOpen(state: DiffState): boolean {
	return state.filter.editing || state.filter.text !== '' || state.find.editing || state.find.text !== '';
}

/** The hints line's scopes: the diff's own keys first (so `?` is always in sight), then the focused pane's. */
function hintScopes(scopes: Scope[]): Scope[] {
	return scopes.includes('diff') ? ['diff', ...scopes.filter(s => s !== 'diff')] : scopes;
}

/** `peel diff` in a terminal: Layers side by side, Totals and Config on the left, the difference tree on the right, key hints below. */
export function DiffExplorer({data, columns, rows, onQuit}: Props) {
	const layerCount = data.comparison.layers.length;
	const [state, dispatch] = useReducer(diffReducer, undefined, () => createDiffState(data, viewportOf(computeDiffLayout(columns, rows, layerCount, {lineOpen: false}))));
	const layout = computeDiffLayout(columns, rows, layerCount, {lineOpen: lineOpen(state)});
	const viewport = viewportOf(layout);
	useExplorerInput(dispatch);
	useEffect(() => {
		dispatch({type: 'viewport', viewport});
	}, [viewport.columns, viewport.layerRows, viewport.treeRows, viewport.configRows, viewport.viewerRows]);
	useViewerContent(state.viewerSide === 'old' ? data.old : data.new, state.viewer, dispatch);
	useUnifiedContent(data.old, data.new, state.unified, dispatch);
	useQuitWhen(state.quitting, onQuit);
	const active = useMemo(() => new Set<Command>(state.sort === 'delta' ? ['toggle-sort'] : []), [state.sort]);
	const helpLines = useMemo(() => diffHelpLines(), []);
	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
	const scopes = diffScopes(state);
	return (
		<Box flexDirection="column" width={layout.columns} height={layout.height}>
			{state.help ? (
				<HelpOverlay width={layout.columns} rows={layout.body - 1} scroll={state.helpScroll} lines={helpLines} />
			) : state.viewer ? (
				<FileViewer viewer={{...state.viewer, path: `${state.viewerSide === 'old' ? 'OLD' : 'NEW'} ${state.viewer.path}`}} width={layout.columns} rows={viewport.viewerRows} />
			) : state.unified ? (
				<UnifiedViewer view={state.unified} width={layout.columns} rows={viewport.viewerRows} />
			) : (
				<Box flexDirection="row" height={layout.body}>
					<Box flexDirection="column" width={layout.leftWidth}>
						<DiffLayersPane data={data} cursor={state.layerCursor} scroll={state.layerScroll} rows={layout.layerRows} width={layout.leftWidth} focused={state.focus === 'layers'} />
						<TotalsPane data={data} rows={layout.totalsRows} width={layout.leftWidth} />
						<ConfigPane data={data} scroll={state.configScroll} rows={layout.configRows} width={layout.leftWidth} focused={state.focus === 'config'} />
					</Box>
					<DiffTreePane state={state} layout={layout} focused={state.focus === 'tree' || state.filter.editing || state.find.editing} />
				</Box>
			)}
			{state.notice ? <NoticeLine text={state.notice} /> : <KeyHints scopes={hintScopes(scopes)} active={active} />}
		</Box>
	);
}
