/** Saving a file from the page through the browser's own download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download time to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** "IMG_0012.MOV" → "IMG_0012"; safe for a file name. */
export function baseName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'review';
  return base.replace(/\.(landmarks|report)$/, '').replace(/[^\w.\-]+/g, '_');
}

export const exportNames = (name: string) => {
  const b = baseName(name);
  return { report: `${b}.report.json`, angles: `${b}.angles.csv`, reps: `${b}.reps.csv`, recording: `${b}.landmarks.json` };
};
