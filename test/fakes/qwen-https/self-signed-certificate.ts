import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * A throwaway certificate for `host`. Node cannot make X.509 certificates without a library, so
 * this runs the `openssl` CLI (present on Debian and on CI images). Browsers under test are told
 * to ignore certificate errors; the certificate only has to exist.
 */
export function createSelfSignedCertificate(host: string): Certificate {
  const directory = mkdtempSync(join(tmpdir(), 'qwen-https-cert-'));
  try {
    const [keyPath, certPath] = [join(directory, 'key.pem'), join(directory, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
