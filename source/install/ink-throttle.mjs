// peel's postinstall (plain JavaScript: it runs before anything is built).
//
// Ink imports one function from es-toolkit, `import { throttle } from 'es-toolkit/compat'`,
// and that specifier is es-toolkit's whole compat index: about 415 modules, ~170 ms of every
// full-screen start on a 2-core machine (the UI's imports: 594–688 ms without this, 424–492
// ms with it). This gives Ink a package of its own under that name,
// node_modules/ink/node_modules/es-toolkit, whose `compat` re-exports that one function from
// es-toolkit's own file: the same code, one module.
//
// Written only when every check holds: Ink imports nothing else from es-toolkit, and the
// file's `throttle` is the very function es-toolkit's compat index exports. Otherwise any
// earlier shim is removed and Ink loads es-toolkit as published. It never fails an install.
//
//   node source/install/ink-throttle.mjs [DIR]   (DIR: where ink is resolved from; default peel's own)
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const MARK = 'peel-throttle-shim';
/** The one es-toolkit import Ink has (6.8): any other form, and no shim. */
const INK_IMPORT = /^import \{ throttle \} from 'es-toolkit\/compat';$/m;

function packageRoot(file, name) {
	for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
	}
	throw new Error(`no package root of ${name} above ${file}`);
}

/** Every es-toolkit import in Ink's build, as written. */
function inkImports(inkDir) {
	const found = [];
	const walk = dir => {
		for (const entry of readdirSync(dir, {withFileTypes: true})) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.js')) {
				const text = readFileSync(file, 'utf8');
				if (text.includes('es-toolkit')) found.push({file, text});
			}
		}
	};
	walk(path.join(inkDir, 'build'));
	return found;
}

/** The shim for the ink under `from`, or why there is none. */
export async function installInkThrottleShim(from) {
	const require = createRequire(path.join(from, 'package.json'));
	const inkDir = packageRoot(require.resolve('ink'), 'ink');
	const shimDir = path.join(inkDir, 'node_modules', 'es-toolkit');
	const shimManifest = path.join(shimDir, 'package.json');
	// An earlier shim goes first: es-toolkit must resolve to the real one below.
	if (existsSync(shimManifest) && JSON.parse(readFileSync(shimManifest, 'utf8'))[MARK]) rmSync(shimDir, {recursive: true, force: true});
	if (existsSync(shimDir)) return 'ink has an es-toolkit of its own: left as it is';
	const imports = inkImports(inkDir);
	if (imports.length !== 1 || !INK_IMPORT.test(imports[0].text) || imports[0].text.split('es-toolkit').length !== 2) return 'ink imports more than throttle from es-toolkit: no shim';
	const compatDir = path.dirname(createRequire(imports[0].file).resolve('es-toolkit/compat'));
	const index = path.join(compatDir, 'index.mjs');
	const own = path.join(compatDir, 'function', 'throttle.mjs');
	if (!existsSync(index) || !existsSync(own)) return "es-toolkit's files are not where this expects them: no shim";
	const [all, one] = await Promise.all([import(pathToFileURL(index).href), import(pathToFileURL(own).href)]);
	if (typeof one.throttle !== 'function' || one.throttle !== all.throttle) return "es-toolkit's throttle file is not what its compat index exports: no shim";
	const version = JSON.parse(readFileSync(path.join(packageRoot(index, 'es-toolkit'), 'package.json'), 'utf8')).version;
	const target = path.relative(shimDir, own).split(path.sep).join('/');
	// Whole or not at all: made beside, then renamed into place.
	const temp = `${shimDir}.${process.pid}.tmp`;
	rmSync(temp, {recursive: true, force: true});
	mkdirSync(temp, {recursive: true});
	writeFileSync(path.join(temp, 'package.json'), `${JSON.stringify({name: 'es-toolkit', version, private: true, type: 'module', exports: {'./compat': './compat.mjs'}, [MARK]: true}, null, 2)}\n`);
	writeFileSync(path.join(temp, 'compat.mjs'), `// Written by peel's postinstall (source/install/ink-throttle.mjs): es-toolkit's own throttle, without its ~415-module compat index.\nexport {throttle} from '${target}';\n`);
	renameSync(temp, shimDir);
	return `ink's es-toolkit import now loads ${target}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const from = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
	try {
		const said = await installInkThrottleShim(from);
		if (process.env['PEEL_INSTALL_VERBOSE']) console.log(`peel: ${said}`);
	} catch (error) {
		// An install never fails for this: Ink just loads es-toolkit as published.
		if (process.env['PEEL_INSTALL_VERBOSE']) console.log(`peel: no shim for ink's es-toolkit import (${String(error instanceof Error ? error.message : error).split('\n')[0]})`);
	}
}
