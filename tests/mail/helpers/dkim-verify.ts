import { spawn } from 'node:child_process';
import path from 'node:path';

/** What dkimpy (Debian's python3-dkim) says of a message's first DKIM signature (./dkim_verify.py). */
export type DkimVerdict = { ok: boolean; domain?: string | null; selector?: string | null; error?: string };

// Debian's interpreter: python3-dkim is installed for it (another python3 earlier in PATH may lack it).
const PYTHON = '/usr/bin/python3';

/** Verifies `message` with dkimpy, looking the key up at `resolver` (HOST:PORT, the tests' DNS server). */
export function dkimVerify(message: string, resolver: string): Promise<DkimVerdict> {
  return runVerifier<DkimVerdict>(message, [resolver]);
}

export type DkimSignatureVerdict = DkimVerdict & { algorithm?: string | null };

/** Every DKIM-Signature of `message`, each verified by dkimpy on its own (first header first). */
export async function dkimVerifyAll(message: string, resolver: string): Promise<DkimSignatureVerdict[]> {
  return (await runVerifier<{ signatures: DkimSignatureVerdict[] }>(message, [resolver, '--all'])).signatures;
}

function runVerifier<T>(message: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [path.join(process.cwd(), 'tests', 'mail', 'helpers', 'dkim_verify.py'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(new Error(`dkim_verify.py said nothing usable:\n${out}\n${err}`));
      }
    });
    child.stdin.end(message);
  });
}
