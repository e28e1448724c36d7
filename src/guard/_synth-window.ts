import { App } from 'cdk8s';

const WINDOWS = new WeakMap<App, SynthWindow>();

/**
 * Marks the start and the end of `app.synth()` and `app.synthYaml()` on one App instance.
 *
 * cdk8s has no synthesis hook, and validates the app `1 + charts` times per synth. The window
 * tells the policy guard that a validation pass belongs to a synth that is already under way, so
 * it evaluates once per synth, and lets it act when the synth is over (the manifests are written
 * then). It wraps the two public methods of that instance only; nothing else of cdk8s is touched.
 * @internal
 */
export class SynthWindow {
  /** The window of an App, installed on the first call. */
  public static of(app: App): SynthWindow {
    let window = WINDOWS.get(app);
    if (!window) {
      window = new SynthWindow(app);
      WINDOWS.set(app, window);
    }
    return window;
  }

  /** Counts the synths that have started; the current synth's number while one is open. */
  public generation = 0;
  private depth = 0;
  private closers: Array<(failed: boolean) => void> = [];

  private constructor(app: App) {
    const synth = app.synth;
    const synthYaml = app.synthYaml;
    app.synth = () => this.run(() => synth.call(app));
    app.synthYaml = () => this.run(() => synthYaml.call(app));
  }

  /** True while `app.synth()` or `app.synthYaml()` runs. */
  public get open(): boolean {
    return this.depth > 0;
  }

  /** Runs `fn` when the current synth ends, with whether it threw. */
  public onClose(fn: (failed: boolean) => void): void {
    this.closers.push(fn);
  }

  private run<T>(fn: () => T): T {
    if (this.depth++ === 0) this.generation++;
    let failed = true;
    try {
      const out = fn();
      failed = false;
      return out;
    } finally {
      if (--this.depth === 0) {
        const closers = this.closers;
        this.closers = [];
        for (const close of closers) close(failed);
      }
    }
  }
}
