/**
 * What the set screen (the full-screen view read from three metres) shows:
 * one short cue, the rep count, a mark per rep ("good rep", "fix: …",
 * "couldn't see") and, once the set ends, its result in big type. Pure: the
 * words come from the analyzer's verdicts and the cue manager's cue.
 */
import { CUE_SHORT } from '../analysis/cues';
import type { Cue, FaultId, RepReport, RepVerdict, SetReport, UnjudgedCheck } from '../analysis/types';
import { verdictOf } from '../components/verdict';

export type SetScreenTone = 'idle' | 'praise' | 'fault' | 'unjudged' | 'setup';

export interface SetScreenRep {
  index: number;
  verdict: RepVerdict;
  /** "good", the short cue for the rep's first fault, or "couldn't see" */
  word: string;
}

export interface SetScreen {
  /** the cue in two to four words (a setup message as it is) */
  headline: string;
  tone: SetScreenTone;
  count: number;
  reps: SetScreenRep[];
  /** the set just ended: its result */
  done: { reps: number; good: number; fix: string | null; unjudged: number } | null;
}

type Rep = Pick<RepReport, 'index' | 'faults'> & { verdict?: RepVerdict; unjudged?: UnjudgedCheck[] };

const shortFor = (id: FaultId) => CUE_SHORT[id] ?? id;

export function repWord(rep: Rep): SetScreenRep {
  const verdict = verdictOf(rep);
  const word = verdict === 'fault' ? shortFor(rep.faults[0]) : verdict === 'clean' ? 'good' : "couldn't see";
  return { index: rep.index, verdict, word };
}

export function setScreen(input: { cue: Cue | null; waiting: string; count: number; reps: readonly Rep[]; summary: SetReport | null }): SetScreen {
  const { cue } = input;
  const tone: SetScreenTone = !cue ? 'idle' : cue.kind === 'fault' ? 'fault' : cue.kind;
  const headline = !cue
    ? input.waiting
    : cue.kind === 'fault' && cue.faultId
      ? shortFor(cue.faultId)
      : cue.kind === 'praise'
        ? 'Good rep'
        : cue.kind === 'unjudged'
          ? "Couldn't see that rep"
          : cue.text;
  const s = input.summary;
  const done = s
    ? {
        reps: s.summary.repCount,
        good: s.summary.cleanReps,
        unjudged: s.summary.unjudgedReps,
        fix: s.summary.mainFault ? shortFor(s.summary.mainFault) : null,
      }
    : null;
  return { headline, tone, count: input.count, reps: input.reps.map(repWord), done };
}
