import {execFile} from 'node:child_process';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {tempDir} from './temp-dir.js';

const run = promisify(execFile);

export interface CertificateFiles {
	dir: string;
	caCert: string;
	/** PEM file paths */
	cert: string;
	key: string;
}

/** A P-256 key and a self-signed certificate for it (used to sign registry tokens). */
export async function selfSignedCertificate(commonName: string): Promise<{cert: string; key: string; certPem: string; keyPem: string}> {
	const dir = await tempDir('peel-cert-');
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${commonName}`]);
	return {cert, key, certPem: await readFile(cert, 'utf8'), keyPem: await readFile(key, 'utf8')};
}

/** A test CA and a server certificate it signed for 127.0.0.1 and localhost. */
export async function caAndServerCertificate(): Promise<CertificateFiles> {
	const dir = await tempDir('peel-tls-');
	const file = (name: string) => path.join(dir, name);
	await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=peel test CA']);
	await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1']);
	await writeFile(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
	await run('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '2', '-extfile', file('san.ext')]);
	return {dir, caCert: file('ca.pem'), cert: file('server.pem'), key: file('server.key')};
}
