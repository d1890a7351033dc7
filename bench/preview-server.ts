/**
 * Serves the production build (building it first when missing) for the
 * command-line tools that drive the app in headless Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Preview {
  url: string;
  stop(): void;
}

function newestMtime(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or, with `fresh`, older than the sources. */
export function ensureBuild(fresh: boolean): void {
  const index = path.join(repoRoot, 'dist', 'index.html');
  if (existsSync(index)) {
    if (!fresh) return;
    const sources = Math.max(
      newestMtime(path.join(repoRoot, 'src')),
      newestMtime(path.join(repoRoot, 'workers')),
      statSync(path.join(repoRoot, 'index.html')).mtimeMs,
    );
    if (sources <= statSync(index).mtimeMs) return;
    process.stderr.write('dist/ is older than the sources: rebuilding the app…\n');
  }
  const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('npm run build failed');
}

export async function startPreview(port: number, opts: { fresh?: boolean } = {}): Promise<Preview> {
  ensureBuild(opts.fresh ?? false);
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`vite preview did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.kill() };
}
