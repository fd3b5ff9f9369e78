import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildImage, type BuiltImage} from '../fixtures/image.js';
import {runPeel} from '../helpers/run-peel.js';
import {tempDir} from '../helpers/temp-dir.js';
import {startFaultProxy, type FaultProxy} from '../registry/support/fault-proxy.js';
import {pushImage} from '../registry/support/push.js';
import {startRegistry, type RegistryServer} from '../registry/support/registry-server.js';

let registry: RegistryServer;
let proxy: FaultProxy;
const dir = tempDir('peel-registry-cache-');

const base = {
	entries: [{name: 'usr/', type: 'directory' as const}, ...Array.from({length: 30}, (_, i) => ({name: `usr/lib${i}.so`, content: `lib${i}`.repeat(200)}))],
	createdBy: '/bin/sh -c #(nop) ADD rootfs.tar /',
};

function appImage(version: string): Promise<BuiltImage> {
	return buildImage({layers: [base, {entries: [{name: 'app/', type: 'directory'}, {name: 'app/version', content: `${version}\n`}], createdBy: `/bin/sh -c echo ${version} > /app/version`}]});
}

/** The layer blobs the registry was asked for since the last reset. */
function blobsFetched(): string[] {
	return proxy.requests.filter(r => r.method === 'GET' && r.path.includes('/blobs/')).map(r => r.path.slice(r.path.lastIndexOf('/') + 1));
}

beforeAll(async () => {
	registry = await startRegistry();
	proxy = await startFaultProxy(registry.url);
});

afterAll(async () => {
	await proxy?.stop();
	await registry?.stop();
});

describe('the analysis cache and a registry', () => {
	it('reopening a tag that moved downloads only the layer that changed', async () => {
		const env = {PEEL_CACHE_DIR: path.join(dir, 'cache')};
		const v1 = await appImage('1');
		const v2 = await appImage('2');
		expect(v1.layers[0]!.digest).toBe(v2.layers[0]!.digest);
		await pushImage(registry.url, 'team/app', 'latest', v1);
		const reference = `${proxy.host}/team/app:latest`;

		proxy.reset();
		const first = await runPeel(['--json', '-', reference], {env});
		expect(first.code, first.stderr).toBe(0);
		expect(blobsFetched().sort()).toEqual([v1.configDigest, ...v1.layers.map(l => l.digest)].sort());

		await pushImage(registry.url, 'team/app', 'latest', v2);
		proxy.reset();
		const moved = await runPeel(['--json', '-', reference], {env});
		expect(moved.code, moved.stderr).toBe(0);
		// The base layer "already exists": only the new config and the new top layer are pulled.
		expect(blobsFetched().sort()).toEqual([v2.configDigest, v2.layers[1]!.digest].sort());
		const report = JSON.parse(moved.stdout);
		expect(report.peel.image.digest).toBe(v2.manifestDigest);
		expect(report.layer.map((l: {digestId: string}) => l.digestId)).toEqual(v2.layers.map(l => l.diffId));
		// The same answer as a run that uses no cache at all.
		const cold = await runPeel(['--no-cache', '--json', '-', reference]);
		expect(moved.stdout).toBe(cold.stdout);
	});
});
