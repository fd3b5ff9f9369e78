import {PeelError} from '../errors.js';

/** The themes `--theme` and PEEL_THEME choose from: the same tokens, other colours (theme.ts). No React here: the CLI checks the name before it loads the TUI. */
export const themeNames = ['default', 'light', 'high-contrast'] as const;
export type ThemeName = (typeof themeNames)[number];

/** `--theme NAME`, else PEEL_THEME, else the default; a name peel does not know is an error that lists the others. */
export function chooseTheme(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ThemeName {
	const [value, from] = flag !== undefined ? [flag, '--theme'] : [env['PEEL_THEME'] ?? '', 'PEEL_THEME'];
	if (value === '' && from === 'PEEL_THEME') return 'default';
	if ((themeNames as readonly string[]).includes(value)) return value as ThemeName;
	throw new PeelError(`${from} "${value.slice(0, 40)}" is no theme: use ${themeNames.join(', ')}`);
}
