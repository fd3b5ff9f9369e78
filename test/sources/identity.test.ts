import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {imageIdentity} from '../../source/sources/identity.js';
import type {ImageHandle} from '../../source/sources/image-handle.js';
import {openImage} from '../../source/sources/open-image.js';
import {resolveInput} from '../../source/sources/resolve-input.js';
import {platformIndex} from '../fixtures/image-index.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {pushImage, pushIndex} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';
import {buildInspectImage, writeInspectArchive, writeInspectLayout} from '../ui/helpers/inspect-image.js';

const dir = tempDir('peel-identity-');
let registry: RegistryServer;
const handles: ImageHandle[] = [];

/** sha256 as coreutils computes it: the digests below never come from peel or from the fixture's own bookkeeping. */
function sha256sum(bytes: Buffer): string {
	return `sha256:${execFileSync('sha256sum', {input: bytes, encoding: 'utf8'}).split(' ')[0]}`;
}

/** A member of a tar archive, as GNU tar extracts it. */
function tarMember(file: string, name: string): Buffer {
	return execFileSync('tar', ['-xOf', file, name]);
}

async function open(input: string): Promise<ImageHandle> {
	const handle = await openImage(resolveInput(input), {platform: {os: 'linux', architecture: 'amd64'}, insecureRegistries: []});
	handles.push(handle);
	return handle;
}

beforeAll(async () => {
	registry = await startRegistry();
}, 30_000);

afterAll(async () => {
	await Promise.all(handles.map(handle => handle.close()));
	await registry?.stop();
});

describe('the identity chain', () => {
	it('a docker save archive: no manifest, the image ID is the config digest, nothing to pin', async () => {
		const {file} = await writeInspectArchive(dir);
		const listed = JSON.parse(tarMember(file, 'manifest.json').toString('utf8'));
		const configDigest = sha256sum(tarMember(file, listed[0].Config));
		const id = imageIdentity(await open(file));
		expect(id).toMatchObject({reference: file, indexDigest: null, manifestDigest: null, configDigest, imageId: configDigest, pinnedReference: null});
		expect(id.unpinned).toMatch(/archive or layout names no registry/);

		const run = await runPeel(['--json', '-', file]);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).peel.identity).toEqual({
			typedReference: file,
			reference: file,
			indexDigest: null,
			manifestDigest: null,
			configDigest,
			imageId: configDigest,
			pinnedReference: null,
		});
	});

	it('an OCI layout with a platform index: index → the amd64 manifest → its config', async () => {
		const layout = await writeInspectLayout(dir);
		const top = JSON.parse(readFileSync(path.join(layout.dir, 'index.json'), 'utf8'));
		const indexFile = path.join(layout.dir, 'blobs/sha256', top.manifests[0].digest.slice('sha256:'.length));
		const indexBytes = readFileSync(indexFile);
		const entry = JSON.parse(indexBytes.toString('utf8')).manifests.find((m: {platform: {architecture: string}}) => m.platform.architecture === 'amd64');
		const manifestBytes = readFileSync(path.join(layout.dir, 'blobs/sha256', entry.digest.slice('sha256:'.length)));
		const config = JSON.parse(manifestBytes.toString('utf8')).config.digest;
		const configBytes = readFileSync(path.join(layout.dir, 'blobs/sha256', config.slice('sha256:'.length)));
		const want = {indexDigest: sha256sum(indexBytes), manifestDigest: sha256sum(manifestBytes), configDigest: sha256sum(configBytes)};
		expect(want.indexDigest).toBe(layout.indexDigest);

		const id = imageIdentity(await open(layout.dir));
		expect(id).toMatchObject({...want, imageId: want.configDigest, pinnedReference: null});

		const run = await runPeel(['--json', '-', '--platform', 'linux/amd64', layout.dir]);
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(run.stdout).peel.identity).toMatchObject({...want, imageId: want.configDigest, pinnedReference: null});
	});

	it('a registry image by tag through its index: pinned to REPOSITORY@manifest digest', async () => {
		const amd64 = await buildInspectImage();
		const arm64 = await buildInspectImage({os: 'linux', architecture: 'arm64', variant: 'v8'});
		await pushImage(registry.url, 'team/web', null, amd64);
		await pushImage(registry.url, 'team/web', null, arm64);
		const index = platformIndex([amd64, arm64]);
		await pushIndex(registry.url, 'team/web', '1.27', index);
		const reference = `${registry.host}/team/web:1.27`;
		const indexDigest = sha256sum(index.bytes);
		const manifestDigest = sha256sum(amd64.manifestBytes);
		const configDigest = sha256sum(amd64.configBytes);

		const id = imageIdentity(await open(reference));
		expect(id).toMatchObject({reference, indexDigest, manifestDigest, configDigest, imageId: configDigest, pinnedReference: `${registry.host}/team/web@${manifestDigest}`, unpinned: null});

		const run = await runPeel(['--json', '-', '--platform', 'linux/amd64', reference]);
		expect(run.code, run.stderr).toBe(0);
		const json = JSON.parse(run.stdout).peel.identity;
		expect(json).toMatchObject({reference, indexDigest, manifestDigest, configDigest, imageId: configDigest, pinnedReference: `${registry.host}/team/web@${manifestDigest}`});
		// What the pinned reference names is this very image: peel opened by it gets the same manifest, no index.
		const pinned = await runPeel(['--json', '-', json.pinnedReference]);
		expect(pinned.code, pinned.stderr).toBe(0);
		expect(JSON.parse(pinned.stdout).peel.identity).toMatchObject({indexDigest: null, manifestDigest, configDigest, pinnedReference: json.pinnedReference});
	});
});
