/**
 * The host permission that lets crossread reach a feed: its scheme and host,
 * any port. Firefox grants a pattern with a port but does not let requests
 * through it (tested in tests/e2e/feeds-firefox.test.ts), and Chrome ignores
 * ports in patterns, so the port is left out for both.
 */
export function permissionPattern(originOrUrl: string): string {
  const url = new URL(originOrUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
