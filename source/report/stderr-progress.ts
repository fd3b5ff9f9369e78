import type {LoadProgress} from '../load/progress.js';
import {formatBytes} from '../text/bytes.js';
import {escapeText} from '../text/escape.js';

/** One self-rewriting status line on a TTY stderr; nothing at all otherwise (CI logs stay clean). */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): {update: (p: LoadProgress) => void; done: () => void} {
	if (!stream.isTTY) return {update: () => {}, done: () => {}};
	let shown = false;
	return {
		update(progress) {
			const read = progress.layers.reduce((sum, l) => sum + l.bytesRead, 0);
			const finished = progress.layers.filter(l => l.done).length;
			const line = progress.phase === 'analyzing' ? 'analyzing…' : `reading layers ${finished}/${progress.layers.length}, ${formatBytes(read)}`;
			// Kept within one terminal row: a wrapped line would not be cleared by the next update.
			const room = Math.max(20, (stream.columns || 80) - 1 - line.length - 2);
			stream.write(`\r\x1b[2K${escapeText(progress.reference, room)}: ${line}`);
			shown = true;
		},
		done() {
			if (shown) stream.write('\r\x1b[2K');
		},
	};
}
