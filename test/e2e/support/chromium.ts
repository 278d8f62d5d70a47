import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type LaunchOptions } from 'playwright-core';

/** Flags from TESTING.md: headless, and no traffic to anything but this machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with 'apt-get update && apt-get install -y chromium' or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

function options(): LaunchOptions {
  return { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(options());
}

/** A separate browser profile: a second "device" with its own IndexedDB. */
export function launchProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, options());
}
