import type {FileType} from '../../model/types.js';

const typeChar: Record<FileType, string> = {
	file: '-',
	hardlink: '-',
	dir: 'd',
	symlink: 'l',
	char: 'c',
	block: 'b',
	fifo: 'p',
};

/** `ls -l` style permissions: "drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt". */
export function formatMode(type: FileType | null, mode: number): string {
	const bits = 'rwxrwxrwx'.split('').map((c, i) => (mode & (1 << (8 - i)) ? c : '-'));
	const special = (position: number, flag: number, set: string) => {
		const exec = bits[position] === 'x';
		if (mode & flag) bits[position] = exec ? set : set.toUpperCase();
	};
	special(2, 0o4000, 's');
	special(5, 0o2000, 's');
	special(8, 0o1000, 't');
	return (type ? typeChar[type] : '?') + bits.join('');
}
