/** A mouse report, with 0-based cell coordinates. */
export interface MouseEvent {
	kind: 'press' | 'release' | 'wheel-up' | 'wheel-down';
	/** 0 left, 1 middle, 2 right (presses and releases). */
	button: number;
	x: number;
	y: number;
}

// ESC [ < Cb ; Cx ; Cy M|m — Ink hands the sequence over without its ESC.
const SGR = /^\u001B?\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])$/;

/** An SGR mouse report, or null for anything else (a key). Motion and modified clicks are not used. */
export function parseMouse(input: string): MouseEvent | null {
	const match = SGR.exec(input);
	if (!match) return null;
	const code = Number(match[1]);
	const x = Number(match[2]) - 1;
	const y = Number(match[3]) - 1;
	if (x < 0 || y < 0) return null;
	if (code & 64) return {kind: code & 1 ? 'wheel-down' : 'wheel-up', button: 0, x, y};
	return {kind: match[4] === 'M' ? 'press' : 'release', button: code & 3, x, y};
}

/** True for reports peel ignores but must not read as keys (motion, modifiers, other buttons). */
export function isMouseReport(input: string): boolean {
	return SGR.test(input);
}
