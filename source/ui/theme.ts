import {createContext, useContext} from 'react';
import {ChangeCode} from './tree/change-code.js';

/** Semantic colour tokens: components name what a colour means, never the colour itself. */
export interface Theme {
	/** False under NO_COLOR: every colour below is undefined and meaning is carried by markers. */
	color: boolean;
	change: Record<number, string | undefined>;
	/** Title of the focused pane. */
	focus: string | undefined;
	/** Labels in details panes. */
	label: string | undefined;
	error: string | undefined;
	warning: string | undefined;
	/** Progress bars, key names in hints. */
	accent: string | undefined;
	/** Good figures (high efficiency). */
	good: string | undefined;
}

export function createTheme(color: boolean): Theme {
	const c = (name: string) => (color ? name : undefined);
	return {
		color,
		change: {
			[ChangeCode.Untouched]: undefined,
			[ChangeCode.Added]: c('green'),
			[ChangeCode.Modified]: c('yellow'),
			[ChangeCode.Removed]: c('red'),
			[ChangeCode.Unchanged]: c('magenta'),
		},
		focus: c('cyan'),
		label: c('blue'),
		error: c('red'),
		warning: c('yellow'),
		accent: c('cyan'),
		good: c('green'),
	};
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
	return !env['NO_COLOR'];
}

export const ThemeContext = createContext<Theme>(createTheme(true));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
