"""Verifies a message's DKIM signature with dkimpy (Debian's python3-dkim), an implementation independent of
rspamd and of the panel: the public key is looked up in DNS, at the resolver given (the tests' loopback DNS
server), as any receiving server would.

Usage: /usr/bin/python3 dkim_verify.py HOST:PORT [--all] < message
Prints one JSON line {"ok": bool, "domain": "...", "selector": "..."}; exits 0 when the signature verifies.
With --all: every DKIM-Signature of the message, {"signatures": [{"ok", "domain", "selector", "algorithm"}, ...]}
(dkimpy verifies ed25519-sha256, RFC 8463, with python3-nacl).
"""
import json
import sys

import dkim
import dns.resolver


def main() -> int:
    host, port = sys.argv[1].rsplit(':', 1)
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = int(port)

    def txt(name, timeout=5):
        answer = resolver.resolve(name.decode() if isinstance(name, bytes) else name, 'TXT', lifetime=timeout)
        return b''.join(b''.join(record.strings) for record in answer)

    message = sys.stdin.buffer.read()
    if '--all' in sys.argv[2:]:
        return verify_all(message, txt)
    verifier = dkim.DKIM(message)
    try:
        ok = verifier.verify(dnsfunc=txt)
    except Exception as error:  # dkimpy raises for a missing key or a malformed record: not verified
        print(json.dumps({'ok': False, 'error': str(error)}))
        return 1
    text = lambda value: value.decode() if isinstance(value, bytes) else value
    domain = text(verifier.domain) or None
    selector = text(verifier.selector) or None
    print(json.dumps({'ok': bool(ok), 'domain': domain, 'selector': selector}))
    return 0 if ok else 1


def verify_all(message, txt) -> int:
    text = lambda value: value.decode() if isinstance(value, bytes) else value
    count = sum(1 for name, _ in dkim.DKIM(message).headers if name.lower() == b'dkim-signature')
    signatures = []
    for idx in range(count):
        verifier = dkim.DKIM(message)
        try:
            ok = bool(verifier.verify(idx=idx, dnsfunc=txt))
            error = None
        except Exception as failure:  # a missing key or a malformed record: not verified
            ok, error = False, str(failure)
        fields = getattr(verifier, 'signature_fields', None) or {}
        signatures.append({
            'ok': ok,
            'domain': text(verifier.domain) or None,
            'selector': text(verifier.selector) or None,
            'algorithm': text(fields.get(b'a')) if fields.get(b'a') else None,
            **({'error': error} if error else {}),
        })
    print(json.dumps({'signatures': signatures}))
    return 0 if signatures and all(s['ok'] for s in signatures) else 1


if __name__ == '__main__':
    sys.exit(main())
