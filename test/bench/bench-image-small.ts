import {existsSync, mkdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {type Entry, random, type WrittenLayer, writeLayerBlob, writeLayoutFiles} from './bench-image.js';

/**
 * The second bench shape (issue 13): what distro and node_modules images look like — many
 * small files (about 400k tar entries per GB of tar), a long tail of bigger ones, deep
 * directories, ~8 % whiteouts and rewrites, hardlinks and a few opaque directories.
 * `scale` multiplies every count (1× ≈ 1 GB of tar). Cached in the temp directory per scale.
 */
export function smallFilesDir(scale: number): string {
	return path.join(os.tmpdir(), `peel-bench-small-v1-x${scale}`);
}

const rand = random(7);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const POOL = (() => {
	const words = Array.from({length: 3000}, () => Array.from({length: int(2, 10)}, () => String.fromCharCode(97 + int(0, 25))).join(''));
	let text = '';
	while (text.length < 4 << 20) text += words[int(0, words.length - 1)] + (rand() < 0.12 ? '\n' : ' ');
	return Buffer.from(text);
})();

/** Sizes as in real package trees: mostly under 1 kB, some a few kB, few tens of kB, very few large. */
function fileSize(): number {
	const r = rand();
	if (r < 0.7) return int(40, 1000);
	if (r < 0.95) return int(1000, 5000);
	if (r < 0.999) return int(5000, 20000);
	return int(200_000, 800_000);
}

function data(size: number): Buffer {
	if (size <= POOL.length - 1) {
		const start = int(0, POOL.length - size - 1);
		return POOL.subarray(start, start + size);
	}
	return Buffer.concat([POOL, POOL]).subarray(0, size);
}

/** A package-like directory path, 3 to 7 levels deep. */
function dirOf(root: string, i: number, spread: number): string {
	const pkg = i % spread;
	return `${root}/pkg${pkg}/${['lib', 'src', 'dist', 'test'][i % 4]}/m${(i >> 3) % 12}`;
}

function* withDirs(files: Iterable<Entry>): Generator<Entry> {
	const seen = new Set<string>();
	for (const file of files) {
		const parts = file.name.split('/');
		for (let i = 1; i < parts.length; i++) {
			const dir = `${parts.slice(0, i).join('/')}/`;
			if (seen.has(dir)) continue;
			seen.add(dir);
			yield {name: dir, type: 'directory'};
		}
		yield file;
	}
}

function* files(root: string, count: number, spread: number, prefix: string): Generator<Entry> {
	for (let i = 0; i < count; i++) yield {name: `${dirOf(root, i, spread)}/${prefix}${i}.${['py', 'js', 'h', 'txt', 'json'][i % 5]}`, data: data(fileSize())};
}

function layerEntries(index: number, n: number): Iterable<Entry> {
	const base = (i: number) => `${dirOf('usr/lib/python3/dist-packages', i, 2000 * n)}/b${i}.${['py', 'js', 'h', 'txt', 'json'][i % 5]}`;
	switch (index) {
		case 0:
			return withDirs(
				(function* () {
					for (let i = 0; i < 150_000 * n; i++) yield {name: base(i), data: data(fileSize())};
				})(),
			);
		case 1:
			return withDirs(files('usr/share/apt', 80_000 * n, 800 * n, 'a'));
		case 2:
			return withDirs(files('app/node_modules', 100_000 * n, 3000 * n, 'n'));
		case 3:
			// Rewrites: 10k modified, 3k chmod-only (same bytes again).
			return withDirs(
				(function* () {
					for (let i = 0; i < 10_000 * n; i++) yield {name: base(i * 11), data: data(fileSize())};
					for (let i = 0; i < 3_000 * n; i++) yield {name: base(i * 13 + 5), data: data(fileSize()), mode: 0o755};
				})(),
			);
		case 4:
			// Whiteouts of files below, and three opaque directories.
			return (function* () {
				for (let i = 0; i < 13_500 * n; i++) {
					const name = base(i * 7 + 3);
					yield {name: name.replace(/[^/]+$/, file => `.wh.${file}`), data: Buffer.alloc(0)};
				}
				for (let d = 0; d < 3; d++) yield {name: `${dirOf('usr/share/apt', d, 800 * n)}/.wh..wh..opq`, data: Buffer.alloc(0)};
			})();
		case 5:
			return withDirs(files('usr/local/lib/site', 40_000 * n, 600 * n, 's'));
		case 6:
			return withDirs(
				(function* () {
					for (let i = 0; i < 900 * n; i++) yield {name: `usr/bin/h${i}`, type: 'link', linkname: base(i * 7)}; // never whited out below (those are 7k+3)
					for (let i = 0; i < 5_000 * n; i++) yield {name: `usr/bin/l${i}`, type: 'symlink', linkname: `../lib/python3/dist-packages/pkg${i % 50}`};
				})(),
			);
		default:
			return withDirs(files('srv/app', 20_000 * n, 400 * n, 'x'));
	}
}

/** Builds the image at `scale` unless it is cached; returns the layout directory and its tar bytes. */
export async function ensureSmallFilesImage(scale: number, log: (line: string) => void = () => {}): Promise<{dir: string; tarBytes: number}> {
	const dir = smallFilesDir(scale);
	const marker = path.join(dir, 'index.json');
	const sizes = path.join(dir, 'tar-bytes');
	if (existsSync(marker) && existsSync(sizes)) return {dir, tarBytes: Number((await import('node:fs')).readFileSync(sizes, 'utf8'))};
	rmSync(dir, {recursive: true, force: true});
	const blobs = path.join(dir, 'blobs', 'sha256');
	mkdirSync(blobs, {recursive: true});
	const layers: WrittenLayer[] = [];
	for (let i = 0; i < 8; i++) {
		log(`generating small-files bench layer ${i} (×${scale})…`);
		layers.push(await writeLayerBlob(layerEntries(i, scale), blobs, `tmp-${i}`));
	}
	const tarBytes = layers.reduce((sum, layer) => sum + layer.tarBytes, 0);
	(await import('node:fs')).writeFileSync(sizes, String(tarBytes));
	writeLayoutFiles(dir, layers);
	return {dir, tarBytes};
}
