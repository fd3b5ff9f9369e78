import type {Readable} from 'node:stream';

/** Reads a stream to the end. */
export async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Reads a stream and returns the error it ends with (fails when it ends cleanly). */
export async function readError(stream: Readable): Promise<Error> {
	try {
		await readAll(stream);
	} catch (error) {
		return error as Error;
	}
	throw new Error('the stream ended without an error');
}
