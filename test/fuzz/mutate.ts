import {compress, compressionOf, decompress, isDocument, isTar, type FuzzFile, type FuzzInput} from './files.js';
import {fixDigests} from './fix-digests.js';
import {mutateJson} from './mutate-json.js';
import {mutateTar} from './mutate-tar.js';
import {Prng} from './prng.js';

export interface Mutant {
	input: FuzzInput;
	/** What was done, in order (for the failure report). */
	steps: string[];
	/** Applied to the serialized archive (tar forms): byte damage to the outer container. */
	outer?: (bytes: Buffer) => Buffer;
}

const isLayer = (f: FuzzFile) => f.type === 'file' && f.origin?.diffHex !== undefined;
const isDoc = (f: FuzzFile) => f.type === 'file' && f.content !== undefined && isDocument(f.content);

/** Random byte damage: flips, an insertion, a deletion or a cut. */
export function damageBytes(prng: Prng, bytes: Buffer): {bytes: Buffer; what: string} {
	if (bytes.length === 0) return {bytes: prng.bytes(1 + prng.int(64)), what: 'empty file filled'};
	const op = prng.pick(['flip', 'insert', 'delete', 'cut']);
	const at = prng.int(bytes.length);
	if (op === 'flip') {
		const out = Buffer.from(bytes);
		for (let i = 0, n = 1 + prng.int(6); i < n; i++) out[prng.int(out.length)] ^= 1 + prng.int(255);
		return {bytes: out, what: 'bytes flipped'};
	}
	if (op === 'insert') return {bytes: Buffer.concat([bytes.subarray(0, at), prng.bytes(1 + prng.int(600)), bytes.subarray(at)]), what: `bytes inserted at ${at}`};
	if (op === 'delete') return {bytes: Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + prng.int(600))]), what: `bytes deleted at ${at}`};
	return {bytes: bytes.subarray(0, at), what: `cut at ${at} of ${bytes.length}`};
}

/** gzip/zstd-aware damage: a truncated or corrupt stream, trailing garbage, the wrong compression. */
function damageCompression(prng: Prng, blob: Buffer): {bytes: Buffer; what: string} {
	const kind = compressionOf(blob);
	const tar = decompress(blob);
	const op = prng.pick(['truncate', 'corrupt', 'trailing', 'recompress', 'strip', 'concat']);
	if (op === 'truncate') return {bytes: blob.subarray(0, Math.max(1, blob.length - 1 - prng.int(Math.min(blob.length, 64)))), what: `${kind} stream truncated`};
	if (op === 'corrupt') {
		const out = Buffer.from(blob);
		out[Math.min(out.length - 1, 10 + prng.int(Math.max(1, out.length - 10)))] ^= 0x55;
		return {bytes: out, what: `${kind} stream corrupted`};
	}
	if (op === 'trailing') return {bytes: Buffer.concat([blob, prng.chance(0.5) ? prng.bytes(100) : Buffer.alloc(4096)]), what: `garbage after the ${kind} stream`};
	if (op === 'concat' && tar) return {bytes: Buffer.concat([blob, compress(tar, kind === 'none' ? 'gzip' : kind)]), what: `a second ${kind} member`};
	if (!tar) return {bytes: blob.subarray(0, blob.length >> 1), what: 'undecodable blob halved'};
	const other = op === 'strip' ? 'none' : prng.pick((['gzip', 'zstd', 'none'] as const).filter(k => k !== kind));
	return {bytes: compress(tar, other), what: `stored as ${other} instead of ${kind}`};
}

/** A file turned into something else: gone, a link (escaping or not), a directory, a duplicate. */
function restructure(prng: Prng, input: FuzzInput): string {
	const files = input.files.filter(f => f.type === 'file');
	if (files.length === 0) return 'nothing to restructure';
	const file = prng.pick(files);
	const op = prng.pick(['delete', 'symlink', 'hardlink', 'directory', 'duplicate', 'self-link']);
	if (op === 'delete') {
		input.files.splice(input.files.indexOf(file), 1);
		return `deleted ${file.name}`;
	}
	if (op === 'duplicate') {
		input.files.push({...file, origin: undefined, content: Buffer.from('{"duplicate":true}')});
		return `${file.name} appears twice`;
	}
	const other = prng.pick(files);
	delete file.content;
	delete file.origin;
	if (op === 'directory') file.type = 'directory';
	else if (op === 'self-link') Object.assign(file, {type: 'symlink', linkname: file.name.split('/').pop()});
	else Object.assign(file, {type: op === 'symlink' ? 'symlink' : 'link', linkname: prng.pick(['../../../../etc/passwd', '/etc/passwd', other.name])});
	return `${file.name} made a ${file.type} ${file.linkname ?? ''}`.trim();
}

/** Applies 1–3 mutations, then (usually) the digest fix-up. The input is changed in place. */
export function mutate(prng: Prng, input: FuzzInput): Mutant {
	const steps: string[] = [];
	let outer: Mutant['outer'];
	for (let n = 1 + prng.int(3), i = 0; i < n; i++) {
		const kind = prng.weighted([[35, 'json'], [30, 'tar'], [10, 'compression'], [10, 'bytes'], [8, 'structure'], [input.form === 'layout' ? 0 : 4, 'outer']] as const);
		const docs = input.files.filter(isDoc);
		const layers = input.files.filter(isLayer);
		if (kind === 'json' && docs.length > 0) {
			const doc = prng.pick(docs);
			const done = mutateJson(prng, doc.content!) ?? damageBytes(prng, doc.content!);
			doc.content = done.bytes;
			steps.push(`${doc.name}: ${done.what}`);
		} else if (kind === 'tar' && layers.length > 0) {
			const layer = prng.pick(layers);
			const blob = layer.content!;
			const tar = decompress(blob);
			if (!tar || !isTar(tar)) continue;
			const done = mutateTar(prng, tar);
			layer.content = compress(done.bytes, compressionOf(blob));
			steps.push(`${layer.name}: ${done.what}`);
		} else if (kind === 'compression' && layers.length > 0) {
			const layer = prng.pick(layers);
			const done = damageCompression(prng, layer.content!);
			layer.content = done.bytes;
			steps.push(`${layer.name}: ${done.what}`);
		} else if (kind === 'bytes') {
			const file = prng.pick(input.files.filter(f => f.type === 'file' && f.content));
			if (!file) continue;
			const done = damageBytes(prng, file.content!);
			file.content = done.bytes;
			steps.push(`${file.name}: ${done.what}`);
		} else if (kind === 'structure') {
			steps.push(restructure(prng, input));
		} else if (kind === 'outer') {
			const seed = prng.next();
			outer = bytes => damageBytes(new Prng(`outer:${seed}`), bytes).bytes;
			steps.push('outer archive damaged');
		}
	}
	if (prng.chance(0.9)) fixDigests(input.files);
	else steps.push('digests left stale');
	return {input, steps, ...(outer ? {outer} : {})};
}
