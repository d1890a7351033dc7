import { describe, expect, it } from 'vitest';
import { DEFAULT_VOICE, Voice, type SpeechLike } from './voice';

class FakeSynth implements SpeechLike {
  said: { text: string; volume: number }[] = [];
  cancels = 0;
  speaking = false;
  speak(u: SpeechSynthesisUtterance) {
    this.said.push({ text: u.text, volume: u.volume });
  }
  cancel() {
    this.cancels++;
  }
  getVoices() {
    return [] as SpeechSynthesisVoice[];
  }
}
const utter = (text: string) => ({ text, volume: 1, rate: 1, voice: null }) as unknown as SpeechSynthesisUtterance;

describe('Voice', () => {
  it('speaks at most one cue per rep', () => {
    const synth = new FakeSynth();
    const v = new Voice({ ...DEFAULT_VOICE, volume: 0.5 }, synth, utter);
    expect(v.say('Hips back first', 1)).toBe(true);
    expect(v.say('Chest up', 1)).toBe(false);
    expect(v.say('Good rep', 2)).toBe(true);
    expect(synth.said).toEqual([
      { text: 'Hips back first', volume: 0.5 },
      { text: 'Good rep', volume: 0.5 },
    ]);
  });

  it('is silent when off, and drops a stale queued cue before a new one', () => {
    const synth = new FakeSynth();
    const v = new Voice({ ...DEFAULT_VOICE, enabled: false }, synth, utter);
    expect(v.say('x', 1)).toBe(false);
    v.update(DEFAULT_VOICE);
    v.say('a', 1);
    v.say('Set paused', 1, true);
    expect(synth.said.map((s) => s.text)).toEqual(['a', 'Set paused']);
    expect(synth.cancels).toBeGreaterThanOrEqual(2);
  });

  it('reports when speech is unavailable', () => {
    expect(new Voice(DEFAULT_VOICE, null).available).toBe(false);
    expect(new Voice(DEFAULT_VOICE, null).say('x', 1)).toBe(false);
  });
});
