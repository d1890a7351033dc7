/** "IMG_0012.MOV" → "IMG_0012"; safe for a file name. */
export function baseName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'review';
  return base.replace(/\.(landmarks|report)$/, '').replace(/[^\w.\-]+/g, '_');
}

export const exportNames = (name: string) => {
  const b = baseName(name);
  return { report: `${b}.report.json`, angles: `${b}.angles.csv`, reps: `${b}.reps.csv`, recording: `${b}.landmarks.json` };
};
