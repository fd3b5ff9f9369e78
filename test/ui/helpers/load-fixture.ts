import {loadImage} from '../../../source/load/load-image.js';
import type {AnalyzedImage} from '../../../source/load/analyzed-image.js';
import {openImage} from '../../../source/sources/open-image.js';
import {resolveInput} from '../../../source/sources/resolve-input.js';

/** Reads an archive through the real pipeline (source, layer reader, model, analysis). */
export async function loadArchive(path: string): Promise<AnalyzedImage> {
	const handle = await openImage(resolveInput(path), {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	try {
		return await loadImage(handle);
	} finally {
		await handle.close();
	}
}
