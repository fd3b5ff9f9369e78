import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {PeelError} from './errors.js';

/**
 * A worker thread's compiled script, `relative` to the module at `moduleUrl`. Beside that
 * module in a build; when it runs from its TypeScript source (the test suite), the build's
 * copy — so tests exercise the very thread users run, never an in-process stand-in.
 */
export function workerScript(moduleUrl: string, relative: string, what: string): URL {
	const beside = new URL(relative, moduleUrl);
	if (existsSync(fileURLToPath(beside))) return beside;
	const source = fileURLToPath(new URL('.', import.meta.url));
	const built = new URL(relative, moduleUrl.replace(`file://${source}`, `file://${source}../build/source/`));
	if (moduleUrl.endsWith('.ts') && existsSync(fileURLToPath(built))) return built;
	throw new PeelError(`${what} (${relative.replace('./', '')}) is missing: rebuild peel with \`npm run build\``);
}
