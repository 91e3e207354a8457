// Postfix's policy delegation protocol (https://www.postfix.org/SMTPD_POLICY_README.html): a request is
// `name=value` lines ended by an empty line; the reply is `action=...` and an empty line. Postfix keeps
// the connection open and sends the next request on it.

export type PolicyRequest = Readonly<Record<string, string>>;

/** A request larger than this is not from Postfix (a real one is well under 4 KB). */
export const MAX_REQUEST_BYTES = 64 * 1024;

export class PolicyProtocolError extends Error {}

/** Splits a byte stream into requests; push() returns the requests completed by the chunk, in order. */
export class PolicyRequestReader {
  private buffer = '';
  private attributes: Record<string, string> = {};
  private size = 0;

  push(chunk: string): PolicyRequest[] {
    this.buffer += chunk;
    const done: PolicyRequest[] = [];
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line === '') {
        done.push(this.attributes);
        this.attributes = {};
        this.size = 0;
        continue;
      }
      this.size += line.length + 1;
      const eq = line.indexOf('=');
      if (eq < 1) throw new PolicyProtocolError(`Not a name=value line: ${line.slice(0, 80)}`);
      this.attributes[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (this.size + this.buffer.length > MAX_REQUEST_BYTES) throw new PolicyProtocolError('Request too large.');
    return done;
  }
}

/** The reply line for an action such as `DUNNO` or `DEFER_IF_PERMIT reason`: one line, then an empty one. */
export function formatPolicyReply(action: string): string {
  return `action=${action.replace(/[\r\n]+/g, ' ')}\n\n`;
}
