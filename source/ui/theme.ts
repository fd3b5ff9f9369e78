import {createContext, useContext} from 'react';
import {changeKindFacts, changeKinds, type ChangeKind} from '../model/change-kinds.js';
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

/** The colour of each change kind (dive's: green added, yellow modified, red removed; magenta for peel's rewritten-unchanged). */
const changeColors: Record<ChangeKind, string> = {added: 'green', modified: 'yellow', removed: 'red', unchanged: 'magenta'};

export function createTheme(color: boolean): Theme {
	const c = (name: string) => (color ? name : undefined);
	return {
		color,
		change: {
			[ChangeCode.Untouched]: undefined,
			...Object.fromEntries(changeKinds.map(kind => [changeKindFacts[kind].code, c(changeColors[kind])])),
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
