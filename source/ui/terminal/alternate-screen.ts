import {enableMouse, type MouseMode} from './mouse-mode.js';

const enter = '\u001B[?1049h';
// Leave the alternate screen and make sure the cursor is visible again.
const leave = '\u001B[?1049l\u001B[?25h';

export interface AlternateScreen {
	/** Back to the normal screen (mouse reporting off first); safe to call any number of times, from any exit path. */
	restore(): void;
}

/** Switches to the alternate screen buffer (Ink 6.8 has no option for it), with mouse reporting if asked. */
export function enterAlternateScreen(stdout: NodeJS.WriteStream, options: {mouse?: boolean} = {}): AlternateScreen {
	stdout.write(enter);
	const mouse: MouseMode | null = options.mouse ? enableMouse(stdout) : null;
	let active = true;
	return {
		restore() {
			if (!active) return;
			active = false;
			mouse?.restore();
			if (!stdout.destroyed) stdout.write(leave);
		},
	};
}
