import {readFileSync} from 'node:fs';

/** Where package.json says bugs go (bugs.url, bugs, or repository + /issues), else null. */
function issueTracker(): string | null {
	try {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
			bugs?: string | {url?: string};
			repository?: string | {url?: string};
		};
		const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
		if (bugs) return bugs;
		const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
		return repository ? `${repository.replace(/^git\+/, '').replace(/\.git$/, '')}/issues` : null;
	} catch {
		return null;
	}
}

/**
 * The message for an error that is not a PeelError: that is a bug in peel, never bad
 * input (bad input always gets a PeelError saying what is wrong). One line that says so
 * and how to report it.
 */
export function internalErrorMessage(error: unknown): string {
	const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	const where = issueTracker();
	return `internal error (a bug in peel): ${what.length > 300 ? `${what.slice(0, 300)}…` : what} — please report it${where ? ` at ${where}` : ''} with the command you ran and peel --version`;
}
