/**
 * `peel COMMAND …`: the commands that look inside an image from the shell. A command is
 * the first argument; an image named like one is reachable as `registry://cat` or a path.
 * Each command is loaded only when used.
 */
const COMMANDS = {
	cat: {usage: 'peel cat IMAGE PATH [--layer N]', what: "the file's bytes on stdout (symlinks followed inside the image)", load: async () => (await import('./cat.js')).catCommand},
	extract: {
		usage: 'peel extract IMAGE PATH… -o DIR [--layer N] [--force]',
		what: 'write files and directories, with modes and symlinks, under DIR (never outside it)',
		load: async () => (await import('./extract.js')).extractCommand,
	},
	ls: {usage: 'peel ls IMAGE [PATH] [--layer N] [--largest K] [--json]', what: 'list paths like tar -tv: type, mode, uid:gid, size, layer, path', load: async () => (await import('./ls.js')).lsCommand},
	story: {usage: 'peel story IMAGE PATH [--json]', what: "the path's history across layers, one line per version", load: async () => (await import('./story.js')).storyCommand},
	diff: {
		usage: 'peel diff OLD NEW [--json FILE] [--ci] [--old-platform P] [--new-platform P]',
		what: 'compare two images: shared layers, pull cost, changed paths and config (peel diff --help)',
		load: async () => (await import('./diff.js')).runDiff,
		help: async () => (await import('./diff.js')).DIFF_HELP,
	},
	cache: {
		usage: 'peel cache ls | peel cache prune [--all | --older-than AGE]',
		what: "list or remove what peel's analysis cache holds (peel cache --help)",
		load: async () => (await import('./cache.js')).cacheCommand,
		help: async () => (await import('./cache.js')).CACHE_HELP,
	},
} as const;

export type CommandName = keyof typeof COMMANDS;

export function isCommand(word: string | undefined): word is CommandName {
	return word !== undefined && Object.hasOwn(COMMANDS, word);
}

/** The commands' lines for `peel --help`. */
export function commandHelp(): string {
	return Object.values(COMMANDS)
		.map(c => `  ${c.usage}\n      ${c.what}\n`)
		.join('');
}

const IMAGE_OPTIONS_HELP = 'Image options as for peel IMAGE: --platform, --tag, --source, --insecure-registry, --engine-host.\n';

/** Runs a command; its exit code (errors are thrown as PeelError, for the caller's one line). */
export async function runCommand(name: CommandName, argv: string[]): Promise<number> {
	const command = COMMANDS[name];
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write('help' in command ? await command.help() : `Usage: ${command.usage}\n  ${command.what}\n${IMAGE_OPTIONS_HELP}`);
		return 0;
	}
	// A reader that went away (`peel ls IMAGE | head`) ends the output quietly, as for cat and ls.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		process.exit(0);
	});
	return (await command.load())(argv);
}
