import {dir, file, symlink, whiteout} from '../../model/entries.js';
import type {AnalyzedImage} from '../../../source/load/analyzed-image.js';
import {imageFromEntries} from './model-image.js';

/**
 * Three layers with one of each change kind:
 *  0: /etc/{hostname,passwd}, /usr/bin/{big (1000 B), sh (100 B)}, /lib → usr/lib
 *  1: modifies /etc/passwd, adds /var/cache/x (500 B) and /usr/bin/tool (10 B)
 *  2: removes /var/cache/x, rewrites /usr/bin/sh unchanged
 * with an ENV step between layers 1 and 2.
 */
export function sampleImage(): AnalyzedImage {
	const big = 'b'.repeat(1000);
	const sh = 's'.repeat(100);
	return imageFromEntries(
		[
			[
				dir('etc'),
				file('etc/hostname', 'box'),
				file('etc/passwd', 'root:x:0:0'),
				dir('usr'),
				dir('usr/bin'),
				file('usr/bin/big', big),
				file('usr/bin/sh', sh),
				symlink('lib', 'usr/lib'),
			],
			[file('etc/passwd', 'root:x:0:0\napp:x:1000:1000'), dir('var'), dir('var/cache'), file('var/cache/x', 'x'.repeat(500)), file('usr/bin/tool', 't'.repeat(10))],
			[whiteout('var/cache', 'x'), file('usr/bin/sh', sh)],
		],
		[
			{created_by: '/bin/sh -c #(nop) ADD file:abc in / ', created: '2024-01-02T03:04:05Z'},
			{created_by: '/bin/sh -c apt-get install tool', created: '2024-01-02T03:04:06Z'},
			{created_by: '/bin/sh -c #(nop)  ENV A=1', empty_layer: true},
			{created_by: '/bin/sh -c rm /var/cache/x && cp /usr/bin/sh /usr/bin/sh', created: '2024-01-02T03:04:07Z', comment: 'cleanup'},
		],
	);
}
