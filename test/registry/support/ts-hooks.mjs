// Node module hooks that let a child process run this repository's TypeScript sources
// directly (type-stripping via the typescript package), for tests that need a fresh
// process, e.g. to see NODE_EXTRA_CA_CERTS, which Node reads only at start-up.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
	try {
		return await next(specifier, context);
	} catch (error) {
		const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
		if (relative && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
		throw error;
	}
}

export async function load(url, context, next) {
	if (!url.endsWith('.ts')) return next(url, context);
	const file = fileURLToPath(url);
	const output = ts.transpileModule(await readFile(file, 'utf8'), {
		fileName: file,
		compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false},
	});
	return {format: 'module', source: output.outputText, shortCircuit: true};
}
