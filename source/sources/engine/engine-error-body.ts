import type {Readable} from 'node:stream';

const limit = 64 * 1024;

/** The `message` of an engine's JSON error body (`{"message": …}`), else its text, else the status. */
export async function readEngineError(body: Readable, statusCode: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = Buffer.from(chunk as Uint8Array);
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// A broken error body still leaves the status to report.
	} finally {
		body.destroy();
	}
	const text = Buffer.concat(chunks).subarray(0, limit).toString('utf8').trim();
	return messageFromJson(text) ?? (text ? oneLine(text) : `HTTP ${statusCode}`);
}

function messageFromJson(text: string): string | null {
	try {
		const parsed = JSON.parse(text) as {message?: unknown};
		return typeof parsed?.message === 'string' && parsed.message ? oneLine(parsed.message) : null;
	} catch {
		return null;
	}
}

function oneLine(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
