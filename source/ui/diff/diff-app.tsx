import React from 'react';
import {LoadingView} from '../components/loading-view.js';
import {useSession} from '../hooks/use-session.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import type {LoadSession} from '../session/load-session.js';
import {ThemeContext, type Theme} from '../theme.js';
import type {DiffData} from './diff-data.js';
import {DiffExplorer} from './diff-explorer.js';

interface Props {
	session: LoadSession<DiffData>;
	theme: Theme;
	onQuit: () => void;
}

/** `peel diff` full screen: the loading view while both images load, then the diff explorer. */
export function DiffApp({session, theme, onQuit}: Props) {
	const snapshot = useSession(session);
	const {columns, rows} = useTerminalSize();
	return (
		<ThemeContext.Provider value={theme}>
			{snapshot.phase === 'loading' ? (
				<LoadingView progress={snapshot.progress} columns={columns} rows={rows} onQuit={onQuit} />
			) : (
				<DiffExplorer data={snapshot.data} columns={columns} rows={rows} onQuit={onQuit} />
			)}
		</ThemeContext.Provider>
	);
}
