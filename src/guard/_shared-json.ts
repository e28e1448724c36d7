import { ApiObject } from 'cdk8s';
import { inAppSynth } from './_synth-context';

/**
 * Hands the manifests the guard checked at the start of an `App.synth()` / `App.synthYaml()` to
 * cdk8s, so that each ApiObject renders once per synth and what cdk8s writes is exactly what the
 * guard checked.
 *
 * For each object, an own `toJson` is installed that returns the checked manifest once, then
 * removes itself. It only answers calls made from inside an app synth: a call from anywhere else
 * (for example after the synth failed on another construct's validation) removes it and renders
 * afresh. The guard removes whatever is left before it evaluates again. @internal
 */
export class SharedJson {
  private installed: Array<{ obj: ApiObject; fn: () => any }> = [];

  /** Offers each object's checked manifest to the rest of the current synth. */
  public share(objects: readonly ApiObject[], manifests: readonly unknown[]): void {
    this.clear();
    objects.forEach((obj, i) => {
      if (Object.prototype.hasOwnProperty.call(obj, 'toJson')) return;
      const manifest = manifests[i];
      const fn = (): any => {
        delete (obj as any).toJson;
        return inAppSynth() ? manifest : obj.toJson();
      };
      try {
        Object.defineProperty(obj, 'toJson', { value: fn, configurable: true, writable: true, enumerable: false });
        this.installed.push({ obj, fn });
      } catch {
        // a frozen object renders twice, as it would without sharing
      }
    });
  }

  /** Removes every manifest not yet taken. */
  public clear(): void {
    for (const { obj, fn } of this.installed) {
      if (Object.prototype.hasOwnProperty.call(obj, 'toJson') && (obj as any).toJson === fn) delete (obj as any).toJson;
    }
    this.installed = [];
  }
}
