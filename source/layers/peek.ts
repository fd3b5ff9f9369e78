import {Readable} from 'node:stream';

/**
 * Reads the first `count` bytes of a stream without consuming them: returns them and a
 * stream that still yields everything (the same stream, or a replacement when it ended).
 */
export function peek(stream: Readable, count: number): Promise<{head: Buffer; stream: Readable}> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;
		const cleanup = () => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
		};
		const finish = (ended: boolean) => {
			cleanup();
			const head = Buffer.concat(chunks);
			if (ended) {
				resolve({head, stream: Readable.from(head.length ? [head] : [])});
				return;
			}
			stream.unshift(head);
			resolve({head, stream});
		};
		const onReadable = () => {
			let chunk: Buffer | null;
			while (length < count && (chunk = stream.read() as Buffer | null) !== null) {
				chunks.push(chunk);
				length += chunk.length;
			}
			if (length >= count) finish(false);
		};
		const onEnd = () => finish(true);
		const onError = (error: Error) => {
			cleanup();
			reject(error);
		};
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('error', onError);
	});
}
