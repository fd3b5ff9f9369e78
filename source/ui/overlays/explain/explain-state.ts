import type {Sentence} from '../../../analysis/explain/index.js';
import type {ViewMode} from '../../../model/types.js';

/** A block of the explanation: its sentences one per line, or run together as one paragraph. */
export interface ExplainSection {
	title: string | null;
	sentences: Sentence[];
	paragraph: boolean;
}

/** The explain overlay's state: the sentences, made when it opened, and how far it is scrolled. */
export interface ExplainOverlay {
	kind: 'explain';
	/** The selected path (an image string: the view escapes it) at a layer, or a layer. */
	subject: {path: string; layer: number; mode: ViewMode} | {path: null; layer: number};
	sections: ExplainSection[];
	/** First line shown. */
	scroll: number;
}
