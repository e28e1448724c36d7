import { ApiObject, Chart } from 'cdk8s';
import { JsonCaller, jsonCaller } from './_synth-context';

/**
 * Hands the manifests the guard checked at the start of an `App.synth()` / `App.synthYaml()` to
 * cdk8s, so that each ApiObject renders once per synth and what cdk8s writes is exactly what the
 * guard checked.
 *
 * For each object, an own `toJson` is installed that returns the checked manifest once, then
 * removes itself. It only answers calls made from inside an app synth: a call from anywhere else
 * (for example after the synth failed on another construct's validation) removes it and renders
 * afresh. The guard removes whatever is left before it evaluates again.
 *
 * Telling where a call comes from needs the call stack, which is costly to capture for every
 * object. So the stack is looked at once per chart: when cdk8s's own rendering of a chart
 * (`App._synthChart`) takes the first manifest of the chart inside an app synth, and every
 * ApiObject of that chart still has its manifest to take, the rest of the chart's objects answer
 * without looking at the stack. That rendering is one uninterrupted loop over the chart's
 * objects: as each of them only returns its manifest (no other code runs, nothing can throw), the
 * loop takes all of them before anything else can call `toJson`. The permission ends at the
 * guard's next validation pass (cdk8s validates the app again before it renders the next chart).
 * @internal
 */
export class SharedJson {
  private readonly installed = new Map<ApiObject, () => any>();
  /** Per chart: how many of its ApiObjects there are, and how many still have a manifest to take. */
  private readonly charts = new Map<Chart, { objects: number; waiting: number }>();
  /** The chart whose rendering by cdk8s takes the manifests without a look at the stack. */
  private rendering?: Chart;

  /**
   * Offers each object's checked manifest to the rest of the current synth. `objects` holds every
   * ApiObject of each chart they belong to (the guard's walk of its whole scope).
   */
  public share(objects: readonly ApiObject[], manifests: readonly unknown[]): void {
    this.clear();
    const installed = this.installed;
    for (let i = 0; i < objects.length; i++) {
      const obj = objects[i];
      const chart = obj.chart;
      let count = this.charts.get(chart);
      if (count === undefined) this.charts.set(chart, count = { objects: 0, waiting: 0 });
      count.objects++;
      if (Object.prototype.hasOwnProperty.call(obj, 'toJson')) continue;
      const manifest = manifests[i];
      const taken = count;
      const fn = (): any => {
        if (this.rendering !== chart) {
          const caller = jsonCaller(fn);
          // Every ApiObject of the chart still has its manifest to take.
          if (caller === JsonCaller.CHART_RENDER && taken.waiting === taken.objects) {
            this.rendering = chart;
          } else if (caller === JsonCaller.OUTSIDE) {
            delete (obj as any).toJson;
            installed.delete(obj);
            taken.waiting--;
            return obj.toJson();
          }
        }
        delete (obj as any).toJson;
        // Taken: the guard keeps no reference, so the manifest lives only as long as cdk8s needs it.
        installed.delete(obj);
        taken.waiting--;
        return manifest;
      };
      try {
        Object.defineProperty(obj, 'toJson', { value: fn, configurable: true, writable: true, enumerable: false });
        installed.set(obj, fn);
        count.waiting++;
      } catch {
        // a frozen object renders twice, as it would without sharing
      }
    }
  }

  /** A validation pass of the guard: the next manifest taken looks at the stack again. */
  public newPass(): void {
    this.rendering = undefined;
  }

  /** Removes every manifest not yet taken. */
  public clear(): void {
    this.rendering = undefined;
    for (const [obj, fn] of this.installed) {
      if (Object.prototype.hasOwnProperty.call(obj, 'toJson') && (obj as any).toJson === fn) delete (obj as any).toJson;
    }
    this.installed.clear();
    this.charts.clear();
  }
}
