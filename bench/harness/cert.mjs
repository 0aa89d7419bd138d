// A throwaway self-signed certificate for the local TLS front, generated with openssl into a fresh
// temporary directory at run time and deleted with it. Its SANs cover every provider hostname the
// official connectors hard-code (../connectors.mjs) and 127.0.0.1. Nothing here is ever written into the repo.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { providerHosts } from '../connectors.mjs';

export const generateCertificate = (directory) => {
  const keyFile = path.join(directory, 'front-key.pem');
  const certFile = path.join(directory, 'front-cert.pem');
  const san = [...providerHosts.map((host) => `DNS:${host}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '1',
      '-subj',
      '/CN=logto-sms-bench throwaway',
      '-addext',
      `subjectAltName=${san}`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  return { keyFile, certFile, key: readFileSync(keyFile), cert: readFileSync(certFile) };
};
export { providerHosts } from '../connectors.mjs';
