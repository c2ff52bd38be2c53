import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  /** Options without the size: the chart takes its container's width. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  testId?: string;
}

/** The axis look shared by every chart: the app's greys on its dark panels. */
export function darkAxis(overrides: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: '#a3acc4',
    grid: { stroke: 'rgba(163, 172, 196, 0.08)', width: 1 },
    ticks: { stroke: 'rgba(163, 172, 196, 0.18)', width: 1, size: 4 },
    font: '11px "Inter Variable", Inter, system-ui, sans-serif',
    ...overrides,
  };
}

/** One uPlot chart, sized to its container's width and kept so as the page resizes. */
export function UPlotChart({ options, data, height = 220, testId }: Props): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const created = new uPlot({ ...options, width: Math.max(200, element.clientWidth), height }, data, element);
    chart.current = created;
    const observer = new ResizeObserver(() => created.setSize({ width: Math.max(200, element.clientWidth), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      chart.current = undefined;
    };
    // A chart is rebuilt when its options change (a price set, a lane appearing); data alone is set in place below.
  }, [options, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div class="report-chart" ref={host} data-testid={testId} />;
}
