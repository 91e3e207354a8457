import { headers } from 'next/headers';

/**
 * Runs before the page's JavaScript (inline, first in the body). Fields and submit buttons are usable at
 * once (issue 23, 15); a form submitted before React runs must not be sent as a page navigation (that
 * would put its fields, a password too, in the address). So until React has hydrated the page
 * (HydrationMark) or the form (it still carries data-queue-submit), the submit is held and the form
 * marked data-queued; useQueuedSubmit sends it once React runs.
 */
const SCRIPT =
  "document.addEventListener('submit',function(e){var f=e.target;if(!f||!f.hasAttribute)return;if(!document.documentElement.hasAttribute('data-hydrated')||f.hasAttribute('data-queue-submit')){e.preventDefault();f.setAttribute('data-queued','')}},true)";

/** The inline script, with this response's CSP nonce (lib/security/csp.ts allows only scripts that carry it). */
export async function SubmitQueueScript() {
  const policy = (await headers()).get('content-security-policy') ?? '';
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: SCRIPT }} />;
}
