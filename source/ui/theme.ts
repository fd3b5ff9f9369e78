import {createContext, useContext} from 'react';
import type {ThemeName} from './theme-name.js';
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

type Palette = Record<'focus' | 'label' | 'error' | 'warning' | 'accent' | 'good', string> & {change: Record<ChangeKind, string>};

/**
 * dive's change colours (green added, yellow modified, red removed; magenta for peel's
 * rewritten-unchanged) in every theme, so that "red" means the same everywhere: the light
 * theme darkens them (yellow and cyan do not read on white), the high-contrast one uses
 * the bright variants.
 */
const palettes: Record<ThemeName, Palette> = {
	default: {
		change: {added: 'green', modified: 'yellow', removed: 'red', unchanged: 'magenta'},
		focus: 'cyan',
		label: 'blue',
		error: 'red',
		warning: 'yellow',
		accent: 'cyan',
		good: 'green',
	},
	light: {
		change: {added: '#007a00', modified: '#9a6700', removed: '#c00000', unchanged: '#a000a0'},
		focus: '#0050b0',
		label: '#0050b0',
		error: '#c00000',
		warning: '#9a6700',
		accent: '#0050b0',
		good: '#007a00',
	},
	'high-contrast': {
		change: {added: 'greenBright', modified: 'yellowBright', removed: 'redBright', unchanged: 'magentaBright'},
		focus: 'whiteBright',
		label: 'cyanBright',
		error: 'redBright',
		warning: 'yellowBright',
		accent: 'whiteBright',
		good: 'greenBright',
	},
};

/** A theme's tokens; without colour (NO_COLOR) every token is undefined, whichever theme. */
export function createTheme(color: boolean, name: ThemeName = 'default'): Theme {
	const palette = palettes[name];
	const c = (value: string) => (color ? value : undefined);
	return {
		color,
		change: {
			[ChangeCode.Untouched]: undefined,
			...Object.fromEntries(changeKinds.map(kind => [changeKindFacts[kind].code, c(palette.change[kind])])),
		},
		focus: c(palette.focus),
		label: c(palette.label),
		error: c(palette.error),
		warning: c(palette.warning),
		accent: c(palette.accent),
		good: c(palette.good),
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
