/** Work outside the reducer, done by a hook, which reports back with an action. `id` tells one request from the next. */
export type Effect =
	| {kind: 'copy'; id: number; text: string; what: string}
	/** Extract `node` (an index node) as it is at `layer` under `dest`. */
	| {kind: 'extract'; id: number; node: number; layer: number; dest: string}
	/** Show the image of another index entry (the platforms overlay). */
	| {kind: 'switch-platform'; id: number; digest: string};

let id = 0;

export function nextEffectId(): number {
	return ++id;
}
