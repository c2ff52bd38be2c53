/**
 * A base URL as it may be shown: no user name or password, no query string or fragment (where
 * some gateways take a key), no trailing slash. A value that is not a URL is shown as "(invalid URL)".
 */
export function endpointForDisplay(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return '(invalid URL)';
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}
