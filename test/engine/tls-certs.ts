import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** Writes a CA plus a server certificate for 127.0.0.1 and a client certificate, with the openssl CLI. */
export function makeTlsFiles(dir: string): {ca: string; serverCert: string; serverKey: string; clientDir: string} {
	mkdirSync(dir, {recursive: true});
	const file = (name: string) => path.join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, {stdio: ['ignore', 'ignore', 'pipe']});
	const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl('req', '-x509', ...ecKey, '-keyout', file('ca-key.pem'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=peel test CA');
	const sign = (name: string, subject: string, extensions: string) => {
		writeFileSync(file(`${name}.ext`), extensions);
		openssl('req', ...ecKey, '-keyout', file(`${name}-key.pem`), '-out', file(`${name}.csr`), '-subj', subject);
		openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial', '-out', file(`${name}-cert.pem`), '-days', '2', '-extfile', file(`${name}.ext`));
	};
	sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
	sign('client', '/CN=peel', 'extendedKeyUsage=clientAuth\n');
	// The layout DOCKER_CERT_PATH expects.
	const clientDir = file('client');
	mkdirSync(clientDir);
	copyFileSync(file('ca.pem'), path.join(clientDir, 'ca.pem'));
	copyFileSync(file('client-cert.pem'), path.join(clientDir, 'cert.pem'));
	copyFileSync(file('client-key.pem'), path.join(clientDir, 'key.pem'));
	return {ca: file('ca.pem'), serverCert: file('server-cert.pem'), serverKey: file('server-key.pem'), clientDir};
}
