/**
 * Which videos `npm run analyze` reviews, and where their exports go. A path
 * on the command line may be a video (always taken, whatever its extension)
 * or a folder, walked recursively in a fixed order for the video files in it.
 * A video found in a folder keeps its sub-folder under the out folder, so
 * `clinic/anna/set1.mp4` and `clinic/ben/set1.mp4` do not collide.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** What a folder walk takes as a video (compared without case). */
export const VIDEO_EXTENSIONS = ['.mp4', '.m4v', '.mov', '.webm', '.mkv', '.3gp', '.3g2', '.avi'] as const;

/** A mistake in the command line: the message is for the user; exit status 2. */
export class UsageError extends Error {}

/** A video file by its name: a known extension, not hidden (".DS_Store", macOS "._set1.mp4"). */
export function isVideoName(name: string): boolean {
  return !name.startsWith('.') && (VIDEO_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** Code-unit order: the same on every machine and locale. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The videos under `dir`, recursively, as paths relative to it with "/"
 * separators: each folder's entries in name order (a sub-folder's videos where
 * its name sorts), hidden files and folders skipped, links followed (a link
 * back to a folder already walked is not walked again; a dangling one is skipped).
 */
export function walkVideos(dir: string): string[] {
  const found: string[] = [];
  const walked = new Set<string>();
  const visit = (abs: string, rel: string) => {
    const real = realpathSync(abs);
    if (walked.has(real)) return;
    walked.add(real);
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (e) {
      throw new UsageError(`${abs}: cannot read this folder (${e instanceof Error ? e.message : String(e)})`);
    }
    for (const name of names.filter((n) => !n.startsWith('.')).sort(byCodeUnit)) {
      const p = path.join(abs, name);
      let st: Stats;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      const r = rel ? `${rel}/${name}` : name;
      if (st.isDirectory()) visit(p, r);
      else if (st.isFile() && isVideoName(name)) found.push(r);
    }
  };
  visit(dir, '');
  return found;
}

/** One video to review. */
export interface VideoJob {
  /** absolute path */
  video: string;
  /** its name in progress lines and the summary: relative to the folder given, or the path as given */
  file: string;
  /** the folder for its exports under --out, "/"-separated ('' = the out folder itself) */
  outDir: string;
}

/**
 * The videos the command line names, in order, each once. Paths are resolved
 * against `cwd`. With more than one folder given, a folder's videos are named
 * under the folder's own name (`clinicA/anna/set1.mp4`) so two folders' files
 * stay apart. Throws UsageError naming every path that does not exist, is
 * neither a file nor a folder, or is a folder with no video in it.
 */
export function collectJobs(inputs: readonly string[], cwd: string): VideoJob[] {
  const kind = (abs: string): 'file' | 'folder' | 'other' | 'missing' => {
    try {
      const st = statSync(abs);
      return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
    } catch {
      return 'missing';
    }
  };
  const given = inputs.map((arg) => {
    const abs = path.resolve(cwd, arg);
    return { arg, abs, kind: kind(abs) };
  });
  const severalFolders = given.filter((g) => g.kind === 'folder').length > 1;
  const problems: string[] = [];
  const jobs: VideoJob[] = [];
  const seen = new Set<string>();
  const add = (job: VideoJob) => {
    if (seen.has(job.video)) return;
    seen.add(job.video);
    jobs.push(job);
  };
  for (const g of given) {
    if (g.kind === 'missing') problems.push(`${g.arg}: no such file or folder`);
    else if (g.kind === 'other') problems.push(`${g.arg}: not a file or a folder`);
    else if (g.kind === 'file') add({ video: g.abs, file: g.arg, outDir: '' });
    else {
      const videos = walkVideos(g.abs);
      if (videos.length === 0) problems.push(`${g.arg}: no videos in this folder or its sub-folders (looked for ${VIDEO_EXTENSIONS.join(' ')})`);
      const prefix = severalFolders ? path.basename(g.abs) || 'root' : '';
      for (const rel of videos) {
        const file = prefix ? `${prefix}/${rel}` : rel;
        const dir = path.posix.dirname(file);
        add({ video: path.join(g.abs, ...rel.split('/')), file, outDir: dir === '.' ? '' : dir });
      }
    }
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  return jobs;
}
