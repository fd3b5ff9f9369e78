/**
 * The escape sequence that asks the terminal to put `text` on the clipboard (OSC 52),
 * wrapped in tmux's passthrough when running inside tmux (which otherwise keeps it to
 * itself unless set-clipboard is on). Base64 carries any bytes safely. Pure.
 */
export function osc52(text: string, inTmux: boolean): string {
	const sequence = `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
	// tmux passes through what is between DCS tmux; and ST, its ESCs doubled.
	return inTmux ? `\u001BPtmux;${sequence.replaceAll('\u001B', '\u001B\u001B')}\u001B\\` : sequence;
}
