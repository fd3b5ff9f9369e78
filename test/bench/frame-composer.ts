import {INK_OWN_GET, inkOutputClass, installRunLengthOutput} from '../../source/ui/terminal/run-length-output.js';

type Get = () => {output: string; height: number};

/**
 * Which code composes Ink's frames: Ink's own Output.get (the baseline) or peel's
 * run-length one that `peel` installs (run-length-output.ts). Switched between runs of one bench.
 */
export async function useFrameComposer(which: 'ink' | 'peel'): Promise<void> {
	if (!(await installRunLengthOutput())) throw new Error('peel\'s frame composer is not in place on this Ink: nothing to compare');
	const prototype = (await inkOutputClass()).prototype as unknown as {get: Get; [INK_OWN_GET]?: Get; peelGet?: Get};
	prototype.peelGet ??= prototype.get;
	prototype.get = which === 'ink' ? prototype[INK_OWN_GET]! : prototype.peelGet;
}
