import fs from 'node:fs';
import type { BrowserContext, LaunchOptions } from 'playwright-core';

/**
 * How Pairlane's headless tools (the `pairlane test` CLI, e2e, benchmarks) start Chromium:
 * the system's Chromium (PAIRLANE_CHROMIUM, default /usr/bin/chromium), with every background
 * service that would phone home switched off, so nothing waits on a network that may be absent.
 */
export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const executablePath = env.PAIRLANE_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian: apt-get install -y chromium) or set PAIRLANE_CHROMIUM.`,
    );
  }
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

/** True for loopback hosts: the only network a headless Pairlane run is allowed to touch. */
export function isLoopbackUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

/** Aborts every request that leaves the machine, at once, instead of letting it time out. */
export async function blockNonLoopback(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !isLoopbackUrl(url.href),
    (route) => route.abort('internetdisconnected'),
  );
}
