import type {ChangeKind, FileType} from '../../model/types.js';
import type {HistoryMapping} from '../../model/history.js';

/**
 * A piece of a sentence: plain words peel wrote, or a string from the image (a path, a
 * command, a link target) that the view escapes before it reaches the terminal.
 */
export type Part = string | {image: string; max: number};

/** One plain sentence that says one fact. */
export interface Sentence {
	/** The change kind whose colour the sentence starts by naming ("Red: …"), or null. */
	colour: ChangeKind | null;
	parts: Part[];
}

/** Longest a path or command is quoted in a sentence (the rest is cut with "…"). */
export const PATH_MAX = 200;
export const COMMAND_MAX = 60;

/** dive's colours, named as the tree shows them (checked against the theme in its tests). */
export const colourWord: Readonly<Record<ChangeKind, string>> = {
	added: 'Green',
	modified: 'Yellow',
	removed: 'Red',
	unchanged: 'Magenta',
};

export function sentence(colour: ChangeKind | null, ...parts: Part[]): Sentence {
	return {colour, parts: colour ? [`${colourWord[colour]}: `, ...parts] : parts};
}

export const path = (text: string): Part => ({image: text, max: PATH_MAX});

/** "layer 3 (`RUN pip install …`)", or "layer 3" when the config has no command for it. */
export function layerRef(history: HistoryMapping, layer: number): Part[] {
	const command = history.layerSteps[layer]?.command.replace(/\s+/g, ' ').trim();
	return command ? [`layer ${layer} (\``, {image: command, max: COMMAND_MAX}, '`)'] : [`layer ${layer}`];
}

/** The sentence as one string; `escape` makes the image's strings harmless (the view passes escapeText). */
export function sentenceText(s: Sentence, escape: (text: string, max: number) => string): string {
	return s.parts.map(part => (typeof part === 'string' ? part : escape(part.image, part.max))).join('');
}

const typeWords: Record<FileType, string> = {
	file: 'a file',
	dir: 'a directory',
	symlink: 'a symlink',
	hardlink: 'a hardlink',
	char: 'a character device',
	block: 'a block device',
	fifo: 'a FIFO',
};

export function typeWord(type: FileType | null): string {
	return type ? typeWords[type] : 'nothing';
}

/** "0644" */
export function octal(mode: number): string {
	return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** "12.5 %" of a whole; "0 %" of nothing. */
export function share(part: number, whole: number): string {
	if (whole <= 0) return '0 %';
	const ratio = (part / whole) * 100;
	return `${ratio >= 10 || ratio === 0 ? ratio.toFixed(0) : ratio.toFixed(1)} %`;
}

/** "1 path", "3 paths". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
	return `${n} ${n === 1 ? noun : plural}`;
}

/** "1, 2 and 5" */
export function list(items: string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Parts with their first letter capitalised, for the start of a sentence ("Layer 3 (`…`)"). */
export function capitalised(parts: Part[]): Part[] {
	const [first, ...rest] = parts;
	return typeof first === 'string' ? [first.charAt(0).toUpperCase() + first.slice(1), ...rest] : parts;
}
