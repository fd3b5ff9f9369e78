import React from 'react';
import {Explorer} from './components/explorer.js';
import {LoadingView} from './components/loading-view.js';
import {useSession} from './hooks/use-session.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {LoadSession} from './session/load-session.js';
import {ThemeContext, type Theme} from './theme.js';

interface Props {
	session: LoadSession;
	theme: Theme;
	onQuit: () => void;
}

/** The whole TUI: the loading view, then the explorer, sized to the terminal. */
export function App({session, theme, onQuit}: Props) {
	const snapshot = useSession(session);
	const {columns, rows} = useTerminalSize();
	return (
		<ThemeContext.Provider value={theme}>
			{snapshot.phase === 'loading' ? (
				<LoadingView progress={snapshot.progress} columns={columns} rows={rows} onQuit={onQuit} onCancel={snapshot.cancel} />
			) : (
				// Keyed by the image: another platform's image starts an explorer of its own.
				<Explorer key={snapshot.data.platforms?.chosen ?? ''} data={snapshot.data} progress={snapshot.progress ?? null} columns={columns} rows={rows} onQuit={onQuit} />
			)}
		</ThemeContext.Provider>
	);
}
