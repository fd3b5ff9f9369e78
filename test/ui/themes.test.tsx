import chalk, {Chalk} from 'chalk';
import {describe, expect, test} from 'vitest';
import {changeCode} from '../../source/ui/tree/change-code.js';
import {buildExplorerData} from '../../source/ui/state/explorer-data.js';
import {createTheme} from '../../source/ui/theme.js';
import {chooseTheme, themeNames} from '../../source/ui/theme-name.js';
import {runPeel} from '../helpers/run-peel.js';
import {renderAtSize} from './helpers/render-at-size.js';
import {sampleImage} from './helpers/sample-image.js';

/** How chalk (Ink's colour library) writes a foreground colour, at the level the frames are drawn with. */
function opening(color: string, level: 0 | 1 | 2 | 3): string {
	const chalk = new Chalk({level});
	const painted = color.startsWith('#') ? chalk.hex(color)('x') : (chalk as unknown as Record<string, (text: string) => string>)[color]!('x');
	return painted.slice(0, painted.indexOf('x'));
}

describe('themes', () => {
	test('every theme gives each change kind its own colour, and NO_COLOR turns all of them off', () => {
		for (const name of themeNames) {
			const theme = createTheme(true, name);
			const changes = Object.values(theme.change).filter(Boolean);
			expect(new Set(changes).size, name).toBe(4);
			const plain = createTheme(false, name);
			expect([...Object.values(plain.change), plain.focus, plain.label, plain.error, plain.warning, plain.accent, plain.good].every(c => c === undefined), name).toBe(true);
		}
	});

	test('the chosen theme is the one the explorer paints its rows with', async () => {
		// Ink paints with chalk's shared instance; its level follows the environment (0 without a TTY).
		const before = chalk.level;
		chalk.level = 3;
		const data = buildExplorerData(sampleImage());
		const frames = new Map<string, string>();
		for (const name of themeNames) {
			const screen = renderAtSize(data, 120, 30, {color: true, theme: name});
			await screen.settle();
			frames.set(name, screen.frame());
			screen.unmount();
		}
		chalk.level = before;
		const level = 3;
		for (const name of themeNames) {
			// The explorer opens on layer 0, where every path is added.
			const added = createTheme(true, name).change[changeCode('added')]!;
			expect(frames.get(name), `${name}: added rows in ${added}`).toContain(opening(added, level));
		}
		// Different themes, different frames: the colours really changed.
		expect(new Set(frames.values()).size).toBe(themeNames.length);
	});

	test('--theme beats PEEL_THEME; an unknown name is one line that lists the themes', async () => {
		expect(chooseTheme(undefined, {})).toBe('default');
		expect(chooseTheme(undefined, {PEEL_THEME: 'light'})).toBe('light');
		expect(chooseTheme('high-contrast', {PEEL_THEME: 'light'})).toBe('high-contrast');
		expect(() => chooseTheme(undefined, {PEEL_THEME: 'solarized'})).toThrow(/PEEL_THEME "solarized" is no theme: use default, light, high-contrast/);
		const run = await runPeel(['--theme', 'neon']);
		expect(run.code).toBe(2);
		expect(run.stderr).toBe('peel: --theme "neon" is no theme: use default, light, high-contrast\n');
	});
});
