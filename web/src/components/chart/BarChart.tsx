import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartProps {
  /** Highest first (a ranking's order). */
  data: BarDatum[];
  unit: string;
  /** Read to screen-reader users; charts repeat what the table beside them shows. */
  title: string;
  height: number;
  colors?: string[];
}

// ECharts is the heaviest library here: it loads with the first chart, never with the first screen.
const EChartsBar = lazy(() => import('./EChartsBar'));

export function BarChart(props: Omit<BarChartProps, 'height'> & { height?: number }) {
  const height = props.height ?? Math.max(160, Math.min(props.data.length, 20) * 28 + 40);
  const rows = props.data.slice(0, 20);
  return (
    <figure aria-label={props.title} style={{ margin: 0 }}>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
        <EChartsBar {...props} data={rows} height={height} />
      </Suspense>
    </figure>
  );
}
