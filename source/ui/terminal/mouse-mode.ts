// Button presses, releases and the wheel (1000), reported as SGR sequences (1006): exact
// coordinates at any terminal size, and no bytes above 0x7f that could look like text.
const on = '\u001B[?1000h\u001B[?1006h';
const off = '\u001B[?1006l\u001B[?1000l';

export interface MouseMode {
	/** Reporting off again; safe to call any number of times, from any exit path. */
	restore(): void;
}

/** Asks the terminal to report the mouse (`--no-mouse` leaves it alone: selecting text then works as usual). */
export function enableMouse(stdout: NodeJS.WriteStream): MouseMode {
	stdout.write(on);
	let active = true;
	return {
		restore() {
			if (!active) return;
			active = false;
			if (!stdout.destroyed) stdout.write(off);
		},
	};
}
