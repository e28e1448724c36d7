import * as path from 'path';
import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';

function sanitize(name: string): string {
  return name.replace(/[^0-9a-zA-Z-_.]/g, '');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * One construct's part of the test whether cdk8s numbers the chart files (`0000-<chart>`): true
 * when `c` is a chart that contains another chart, or when `c` depends on a construct of another
 * chart than `chart`, its own (`c` itself for a chart). This mirrors cdk8s's own test; a tree
 * walk asks it of every construct and may stop at the first true. @internal
 */
export function numbersCharts(c: IConstruct, children: readonly IConstruct[], chart: Chart | undefined): boolean {
  if (chart === c) {
    for (const child of children) if (Chart.isChart(child)) return true;
  }
  if (chart === undefined) return false;
  const deps = c.node.dependencies;
  for (let i = 0; i < deps.length; i++) {
    try {
      if (Chart.of(deps[i]) !== chart) return true;
    } catch {
      // a dependency outside any chart: cdk8s fails on it itself
    }
  }
  return false;
}

/** True when cdk8s will number the chart files of the app (see `numbersCharts`). */
function hasDependantCharts(app: App): boolean {
  // One walk of the tree that carries each construct's chart down, so that a construct's own
  // chart is known without walking up from it (most constructs have no dependencies at all).
  const visit = (c: IConstruct, parentChart: Chart | undefined): boolean => {
    const chart = Chart.isChart(c) ? c : parentChart;
    const children = c.node.children;
    if (numbersCharts(c, children, chart)) return true;
    for (const child of children) if (visit(child, chart)) return true;
    return false;
  };
  return visit(app, undefined);
}

/**
 * Names the file `app.synth()` writes each ApiObject to, following the app's `yamlOutputType`
 * and `outputFileExtension`, as a path joined to the app's `outdir` (forward slashes). Returns a
 * function of the ApiObject and its rendered JSON. `dependantCharts` is the answer of
 * `numbersCharts` over the whole tree when the caller has walked it already. @internal
 */
export function manifestFileNamer(app: App, dependantCharts?: boolean): (obj: ApiObject, json: any) => string | undefined {
  const ext = app.outputFileExtension;
  const inOutdir = (name: string) => toPosix(path.join(app.outdir, name));
  const chartNames = (): (chart: Chart) => string => {
    if (!(dependantCharts ?? hasDependantCharts(app))) return chart => Names.toDnsLabel(chart);
    const names = new Map<Chart, string>();
    app.charts.forEach((chart, i) => names.set(chart, `${String(i).padStart(4, '0')}-${Names.toDnsLabel(chart)}`));
    return chart => names.get(chart) ?? Names.toDnsLabel(chart);
  };
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP: {
      const file = inOutdir(`app${ext}`);
      return () => file;
    }
    case YamlOutputType.FILE_PER_CHART: {
      const nameOf = chartNames();
      const files = new Map<Chart, string>();
      return obj => {
        const chart = obj.chart;
        let file = files.get(chart);
        if (file === undefined) files.set(chart, file = inOutdir(nameOf(chart) + ext));
        return file;
      };
    }
    case YamlOutputType.FILE_PER_RESOURCE:
      return (_obj, json) => inOutdir(sanitize(`${json?.kind}.${json?.metadata?.name}`) + ext);
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
      const nameOf = chartNames();
      return obj => inOutdir(path.join(nameOf(obj.chart), sanitize(`${obj.kind}.${obj.metadata.name}`) + ext));
    }
    default:
      return () => undefined;
  }
}
