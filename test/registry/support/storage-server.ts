import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface StorageServer {
	url: string;
	host: string;
	/** Requests that arrived with an Authorization header (each one is a leak). */
	authorizationLeaks: string[];
	served: number;
	stop(): Promise<void>;
}

/**
 * A second loopback host standing in for blob storage (S3 and the like): serves blobs by
 * digest at /blobs/DIGEST and fails any request that carries an Authorization header,
 * as presigned-URL storage does.
 */
export async function startStorageServer(blobs: Map<string, Buffer>, bind = '127.0.0.2'): Promise<StorageServer> {
	const storage: StorageServer = {url: '', host: '', authorizationLeaks: [], served: 0, stop: async () => {}};
	const server = http.createServer((req, res) => {
		if (req.headers.authorization !== undefined) {
			storage.authorizationLeaks.push(req.url ?? '');
			res.writeHead(400, {'content-type': 'text/plain'});
			res.end('Only one auth mechanism allowed');
			return;
		}
		const digest = decodeURIComponent((req.url ?? '').replace(/^\/blobs\//, '').split('?')[0]!);
		const blob = blobs.get(digest);
		if (!blob) {
			res.writeHead(404);
			res.end();
			return;
		}
		storage.served++;
		res.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': String(blob.length)});
		res.end(blob);
	});
	await new Promise<void>(resolve => server.listen(0, bind, resolve));
	const {port} = server.address() as AddressInfo;
	storage.host = `${bind}:${port}`;
	storage.url = `http://${storage.host}`;
	storage.stop = () =>
		new Promise(resolve => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return storage;
}
