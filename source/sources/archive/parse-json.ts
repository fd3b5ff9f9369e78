import {PeelError} from '../../errors.js';

export function parseJson(bytes: Buffer, what: string): unknown {
	try {
		const value = JSON.parse(bytes.toString('utf8')) as unknown;
		if (value === null || typeof value !== 'object') throw new Error('not a JSON object');
		return value;
	} catch (error) {
		throw new PeelError(`${what} is not valid JSON (${(error as Error).message})`);
	}
}
