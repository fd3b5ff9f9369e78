import {describe, expect, test} from 'vitest';
import {isMouseReport, parseMouse} from '../../source/ui/pointer/mouse-event.js';

// The SGR encoding (xterm's ctlseqs, "SGR (1006)"): CSI < Cb ; Cx ; Cy M on press, m on
// release, 1-based cells; wheel up/down are buttons 64/65; +4 shift, +8 meta, +16 ctrl, +32 motion.
describe('SGR mouse reports', () => {
	test('presses, releases and the wheel, at 0-based cells; Ink hands them over without the ESC', () => {
		expect(parseMouse('[<0;1;1M')).toEqual({kind: 'press', button: 0, x: 0, y: 0});
		expect(parseMouse('\u001B[<0;80;24m')).toEqual({kind: 'release', button: 0, x: 79, y: 23});
		expect(parseMouse('[<2;10;5M')).toEqual({kind: 'press', button: 2, x: 9, y: 4});
		expect(parseMouse('[<64;300;100M')).toEqual({kind: 'wheel-up', button: 0, x: 299, y: 99});
		expect(parseMouse('[<65;3;4M')).toEqual({kind: 'wheel-down', button: 0, x: 2, y: 3});
		// Shift+wheel is still the wheel.
		expect(parseMouse('[<68;3;4M')?.kind).toBe('wheel-up');
	});

	test('keys and broken reports are not mouse reports', () => {
		for (const input of ['[A', '[<0;1M', '[<0;0;0M', 'j', '[<a;1;1M', '[<0;1;1X', '[<99999;1;1M']) {
			expect(parseMouse(input), input).toBeNull();
		}
		expect(isMouseReport('[<35;10;10M')).toBe(true);
		expect(isMouseReport('[1;5A')).toBe(false);
	});
});
