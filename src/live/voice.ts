/**
 * Spoken cues and the rep beep. The lifter is two metres away and mid-set:
 * speak at most one cue per rep, never queue a backlog, and let a newer cue
 * replace one not yet spoken.
 */

export interface VoiceSettings {
  enabled: boolean;
  /** SpeechSynthesisVoice.voiceURI, or '' for the browser default */
  voiceURI: string;
  /** 0–1 */
  volume: number;
  /** short beep on every counted rep */
  beep: boolean;
}

export const DEFAULT_VOICE: VoiceSettings = { enabled: true, voiceURI: '', volume: 1, beep: true };

/** The slice of the Web Speech API this module uses (injectable for tests). */
export interface SpeechLike {
  speak(u: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
  readonly speaking: boolean;
}

export class Voice {
  private lastRepSpoken = -1;
  private audio: AudioContext | null = null;
  private playing = 0;
  spoken: string[] = [];

  constructor(
    private settings: VoiceSettings,
    private readonly synth: SpeechLike | null = typeof speechSynthesis !== 'undefined' ? speechSynthesis : null,
    private readonly makeUtterance: (text: string) => SpeechSynthesisUtterance = (t) => new SpeechSynthesisUtterance(t),
  ) {}

  get available(): boolean {
    return this.synth !== null;
  }

  update(settings: VoiceSettings): void {
    this.settings = settings;
    if (!settings.enabled) this.synth?.cancel();
  }

  voices(): { uri: string; name: string; lang: string }[] {
    return (this.synth?.getVoices() ?? []).map((v) => ({ uri: v.voiceURI, name: v.name, lang: v.lang }));
  }

  /**
   * Speaks a cue for rep `rep` unless one was already spoken for it. Returns
   * whether it spoke. `force` is for set-level messages (start, pause, summary).
   */
  say(text: string, rep: number, force = false): boolean {
    if (!this.settings.enabled || !this.synth || !text) return false;
    if (!force && rep === this.lastRepSpoken) return false;
    if (!force) this.lastRepSpoken = rep;
    // A stale cue is worse than none: drop whatever is still queued.
    this.synth.cancel();
    const u = this.makeUtterance(text);
    u.volume = this.settings.volume;
    u.rate = 1;
    const voice = this.synth.getVoices().find((v) => v.voiceURI === this.settings.voiceURI);
    if (voice) u.voice = voice;
    this.synth.speak(u);
    this.spoken.push(text);
    return true;
  }

  /**
   * Opens the audio output now, from the user's click: browsers only allow
   * sound after a gesture, and opening it blocks the page for tens of ms,
   * which must not land mid-set. It stays suspended between beeps.
   */
  prepare(): void {
    if (typeof AudioContext === 'undefined' || this.audio) return;
    this.audio = new AudioContext();
    void this.audio.suspend();
  }

  beep(): void {
    if (!this.settings.beep || typeof AudioContext === 'undefined') return;
    this.audio ??= new AudioContext();
    const ctx = this.audio;
    const volume = this.settings.volume;
    const play = () => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.3 * volume + 0.0001, ctx.currentTime + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.15);
      osc.connect(gain).connect(ctx.destination);
      this.playing++;
      // A running context keeps an audio thread busy: idle it once the beep is over.
      osc.onended = () => {
        if (--this.playing === 0) void ctx.suspend();
      };
      osc.start();
      osc.stop(ctx.currentTime + 0.16);
    };
    if (ctx.state === 'running') play();
    else ctx.resume().then(play, () => undefined);
  }

  reset(): void {
    this.lastRepSpoken = -1;
    this.synth?.cancel();
  }
}
