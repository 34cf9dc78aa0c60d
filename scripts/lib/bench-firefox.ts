import type { BrowserDriver } from './bench-driver';

export async function firefoxDriver(_repoRoot: string): Promise<BrowserDriver> {
  throw new Error('Firefox is not measured yet.');
}
