/**
 * Serves the production build (building it first when missing) for the
 * command-line tools that drive the app in headless Chromium. With `bench`,
 * serves the bench build instead: the same app plus the pages only the
 * benchmark opens (src/bench/baseline.html), built with `vite build --mode
 * bench` into bench/out/dist (gitignored), never into dist/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viteBin = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');

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

export interface BuildOptions {
  /** rebuild when older than the sources (otherwise only when missing) */
  fresh?: boolean;
  /** the bench build (app + bench pages, bench/out/dist) instead of the production one (dist/) */
  bench?: boolean;
}

/** Where the build lives, relative to the repository: dist/ or, for the benchmark, bench/out/dist/. */
export const buildDir = (bench = false) => (bench ? path.join('bench', 'out', 'dist') : 'dist');

/** Builds dist/ (or the bench build) when it is missing or, with `fresh`, older than the sources. */
export function ensureBuild(fresh: boolean, bench = false): void {
  const outDir = buildDir(bench);
  const index = path.join(repoRoot, outDir, bench ? 'src/bench/baseline.html' : 'index.html');
  if (existsSync(index)) {
    if (!fresh) return;
    const sources = Math.max(
      newestMtime(path.join(repoRoot, 'src')),
      newestMtime(path.join(repoRoot, 'workers')),
      statSync(path.join(repoRoot, 'index.html')).mtimeMs,
      statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
    );
    if (sources <= statSync(index).mtimeMs) return;
    process.stderr.write(`${outDir}/ is older than the sources: rebuilding the app…\n`);
  }
  if (!bench) {
    const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
    return;
  }
  // What `npm run build` does (models, then Vite), in bench mode and into its own folder.
  const m = spawnSync('npm', ['run', 'models', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (m.status !== 0) throw new Error('npm run models failed');
  const b = spawnSync(process.execPath, [viteBin, 'build', '--mode', 'bench', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('vite build --mode bench failed');
}

export async function startPreview(port: number, opts: BuildOptions = {}): Promise<Preview> {
  const bench = opts.bench ?? false;
  ensureBuild(opts.fresh ?? false, bench);
  const child: ChildProcess = spawn(
    process.execPath,
    [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', buildDir(bench)],
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
