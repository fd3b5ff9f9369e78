import {expect, test} from 'vitest';
import {checkEngineReference, displayReference, referencePath} from '../../source/sources/engine/engine-reference.js';

const id = 'sha256:' + '0123456789abcdef'.repeat(4);

test('the engine’s own tag names the image when it matches what was typed', () => {
	expect(displayReference('podman', 'myapp:dev', ['localhost/myapp:dev'], id)).toBe('podman://localhost/myapp:dev');
	expect(displayReference('docker', 'nginx', ['nginx:latest', 'nginx:1.27'], id)).toBe('docker://nginx:latest');
	expect(displayReference('docker', 'docker.io/library/nginx:1.27', ['nginx:latest', 'nginx:1.27'], id)).toBe('docker://nginx:1.27');
});

test('otherwise the typed name with :latest made explicit; digests and IDs as typed', () => {
	expect(displayReference('docker', 'localhost:5000/team/app', [], id)).toBe('docker://localhost:5000/team/app:latest');
	expect(displayReference('docker', 'app@sha256:' + 'f'.repeat(64), ['app:1'], id)).toBe(`docker://app@sha256:${'f'.repeat(64)}`);
	expect(displayReference('docker', '0123456789ab', ['app:1'], id)).toBe('docker://0123456789ab');
	// A hex-looking name that is not this image's ID is a name.
	expect(displayReference('docker', 'abcdef', ['abcdef:latest'], id)).toBe('docker://abcdef:latest');
});

test('only reference characters reach a URL', () => {
	expect(() => checkEngineReference('docker', '')).toThrow(/docker:\/\/ needs an image/);
	for (const bad of ['my app', 'a?b', 'a#b', '../x', 'a/../x', 'a/.', '%2e']) expect(() => checkEngineReference('docker', bad), bad).toThrow(/not an image reference or ID/);
	expect(() => checkEngineReference('docker', '[fc00::1]:5000/x:1')).not.toThrow();
	expect(referencePath('[fc00::1]:5000/x:1')).toBe('%5Bfc00::1%5D:5000/x:1');
});
