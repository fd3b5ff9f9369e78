const enter = '\u001B[?1049h';
// Leave the alternate screen and make sure the cursor is visible again.
const leave = '\u001B[?1049l\u001B[?25h';

export interface AlternateScreen {
	/** Back to the normal screen; safe to call any number of times, from any exit path. */
	restore(): void;
}

/** Switches to the alternate screen buffer (Ink 6.8 has no option for it). */
export function enterAlternateScreen(stdout: NodeJS.WriteStream): AlternateScreen {
	stdout.write(enter);
	let active = true;
	return {
		restore() {
			if (!active) return;
			active = false;
			if (!stdout.destroyed) stdout.write(leave);
		},
	};
}
