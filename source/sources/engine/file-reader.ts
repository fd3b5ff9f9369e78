import fs from 'node:fs';

/** The few file-system questions engine discovery asks; injected so discovery stays testable. */
export interface FileReader {
	/** The file's text, or null when it does not exist. */
	readText(path: string): string | null;
	exists(path: string): boolean;
}

export const diskReader: FileReader = {
	readText(path) {
		try {
			return fs.readFileSync(path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
			throw error;
		}
	},
	exists(path) {
		return fs.existsSync(path);
	},
};
