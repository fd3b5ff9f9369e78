import zlib from 'node:zlib';

/**
 * Node's zlib streams hide what a gzip seek index needs: inflating with Z_BLOCK (stop at
 * each deflate block boundary) and seeing how much input a call took. Both are there on
 * the native handle behind every zlib stream (`_handle`: write(flush, in, inOff, inLen,
 * out, outOff, outLen), the two counts left in a Uint32Array). That private API is used
 * here and nowhere else; if it is not what this file expects (checked once per thread on
 * a known stream), openGunzipHandle returns null and the caller uses createGunzip (no
 * index, same bytes).
 */
export interface GunzipHandle {
	/** Inflates `input[inOff, inOff+inLen)` into `out[outOff, outOff+outLen)`; resolves with [output room left, input left]. */
	write(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): Promise<[number, number]>;
	close(): void;
}

interface NativeHandle {
	init(windowBits: number, level: number, memLevel: number, strategy: number, state: Uint32Array, callback: () => void, dictionary: undefined): void;
	write(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void;
	writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void;
	close(): void;
	onerror: (message: string, errno: number, code?: string) => void;
}

type NativeHandleClass = new (mode: number) => NativeHandle;

let nativeClass: NativeHandleClass | null | undefined;

/** A gunzip context on the native handle (multi-member streams are read on, as zlib's Gunzip does), or null. */
export function openGunzipHandle(): GunzipHandle | null {
	nativeClass ??= probe();
	if (!nativeClass) return null;
	const state = new Uint32Array(2);
	let pending: {resolve: (left: [number, number]) => void; reject: (error: Error) => void} | null = null;
	let failure: Error | null = null;
	const handle = new nativeClass(zlib.constants.GUNZIP);
	handle.onerror = (message, errno, code) => {
		failure = Object.assign(new Error(message), {errno, code});
		const waiting = pending;
		pending = null;
		waiting?.reject(failure);
	};
	handle.init(15, -1, 8, 0, state, () => {
		const waiting = pending;
		pending = null;
		waiting?.resolve([state[0]!, state[1]!]);
	}, undefined);
	let closed = false;
	return {
		write(flush, input, inOff, inLen, out, outOff, outLen) {
			if (failure) return Promise.reject(failure);
			if (closed) return Promise.reject(new Error('the inflater was closed'));
			return new Promise((resolve, reject) => {
				pending = {resolve, reject};
				handle.write(flush, input, inOff, inLen, out, outOff, outLen);
			});
		},
		close() {
			if (closed) return;
			closed = true;
			handle.close();
		},
	};
}

/** The native handle class, if it behaves as this file expects on a known stream; else null. */
function probe(): NativeHandleClass | null {
	try {
		const stream = zlib.createGunzip() as unknown as {_handle?: {constructor?: unknown}; close(): void};
		const candidate = stream._handle?.constructor as NativeHandleClass | undefined;
		stream.close();
		if (typeof candidate !== 'function') return null;
		for (const method of ['init', 'write', 'writeSync', 'close'] as const) if (typeof (candidate.prototype as Record<string, unknown>)[method] !== 'function') return null;
		const text = Buffer.from('peel checks the zlib handle '.repeat(64));
		const gzipped = zlib.gzipSync(text);
		const handle = new candidate(zlib.constants.GUNZIP);
		const state = new Uint32Array(2);
		let failed = false;
		handle.onerror = () => {
			failed = true;
		};
		handle.init(15, -1, 8, 0, state, () => {}, undefined);
		const out = Buffer.alloc(text.length + 16);
		let inOff = 0;
		let outOff = 0;
		// Z_BLOCK first stops after the gzip header, then at the block's end: a few calls.
		for (let calls = 0; calls < 16 && inOff < gzipped.length && !failed; calls++) {
			handle.writeSync(zlib.constants.Z_BLOCK, gzipped, inOff, gzipped.length - inOff, out, outOff, out.length - outOff);
			outOff = out.length - state[0]!;
			inOff = gzipped.length - state[1]!;
		}
		handle.close();
		return !failed && inOff === gzipped.length && outOff === text.length && out.subarray(0, outOff).equals(text) ? candidate : null;
	} catch {
		return null;
	}
}
