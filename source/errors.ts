/**
 * An error the user can act on. Its message is printed as one line on stderr and
 * the process exits with `exitCode` (2 = bad input; 1 is reserved for CI failures).
 */
export class PeelError extends Error {
	readonly exitCode: number;

	constructor(message: string, exitCode = 2) {
		super(message);
		this.name = 'PeelError';
		this.exitCode = exitCode;
	}
}

export function isPeelError(error: unknown): error is PeelError {
	return error instanceof PeelError;
}
