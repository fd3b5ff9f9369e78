import type {HistoryEntry} from '../sources/image-handle.js';

/** One config history entry, mapped to the layer it produced (if any). */
export interface HistoryStep {
	/** Position in config.history. */
	index: number;
	/** created_by without `/bin/sh -c ` and `#(nop) ` noise. */
	command: string;
	/** created_by as stored. */
	rawCommand: string;
	created: string | null;
	comment: string | null;
	author: string | null;
	emptyLayer: boolean;
	/** Layer index this step produced; null for metadata-only steps (ENV, CMD, …). */
	layer: number | null;
}

export interface HistoryMapping {
	steps: HistoryStep[];
	/** For each layer, the step that produced it (null when history is missing or short). */
	layerSteps: Array<HistoryStep | null>;
	/** Set when the number of non-empty history entries differs from the number of layers. */
	mismatch: string | null;
}

/** Strips the shell wrapper Docker puts around RUN commands and the #(nop) marker of metadata steps. */
export function cleanCommand(raw: string): string {
	let text = raw.trim();
	if (text.startsWith('/bin/sh -c ')) text = text.slice('/bin/sh -c '.length).trim();
	if (text.startsWith('#(nop) ')) text = text.slice('#(nop) '.length).trim();
	return text;
}

/**
 * The sources check the config's types (sources/documents/image-config.ts); the model still
 * takes only strings, so that a handle built some other way cannot make it throw.
 */
function text(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

/** The i-th non-empty history entry belongs to the i-th layer (image-spec config.md). */
export function mapHistory(history: HistoryEntry[] | undefined, layerCount: number): HistoryMapping {
	const entries: HistoryEntry[] = Array.isArray(history) ? history.map(entry => (typeof entry === 'object' && entry !== null ? entry : {})) : [];
	const steps: HistoryStep[] = [];
	const layerSteps: Array<HistoryStep | null> = Array.from({length: layerCount}, () => null);
	let next = 0;
	entries.forEach((entry, index) => {
		const emptyLayer = entry.empty_layer === true;
		let layer: number | null = null;
		if (!emptyLayer) {
			if (next < layerCount) layer = next;
			next++;
		}
		const rawCommand = text(entry.created_by) ?? '';
		const step: HistoryStep = {
			index,
			command: cleanCommand(rawCommand),
			rawCommand,
			created: text(entry.created),
			comment: text(entry.comment),
			author: text(entry.author),
			emptyLayer,
			layer,
		};
		steps.push(step);
		if (layer !== null) layerSteps[layer] = step;
	});
	let mismatch: string | null = null;
	if (entries.length === 0 && layerCount > 0) mismatch = 'the image config has no history: layers are shown without commands';
	else if (next !== layerCount) {
		mismatch = `the image config has ${next} history entries for ${layerCount} layers: commands may not match their layers`;
	}
	return {steps, layerSteps, mismatch};
}
