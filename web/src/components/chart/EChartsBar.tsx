import { BarChart as Bars } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BarChartProps } from './BarChart';

// Only what the console's charts use, so the chart chunk stays small (echarts/core, tree-shaken).
echarts.use([Bars, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** A bar's value as read: at most two decimals (万元 from fen are long fractions). */
const shown = (value: unknown) =>
  typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value);

/** Horizontal bars, longest first from the top: how a ranking reads. Loaded lazily. */
export default function EChartsBar({ data, unit, height, colors, title }: BarChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = echarts.init(node, undefined, { renderer: 'svg' });
    const rows = [...data].reverse();
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => `${shown(v)} ${unit}`,
      },
      xAxis: { type: 'value', name: unit, nameLocation: 'end', axisLabel: { hideOverlap: true } },
      yAxis: {
        type: 'category',
        data: rows.map((row) => row.label),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((row, i) => ({
            value: row.value,
            itemStyle: { color: colors?.[rows.length - 1 - i] ?? '#1677ff' },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: ({ value }: { value: number }) => shown(value),
          },
          barMaxWidth: 22,
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [data, unit, colors, title]);
  return <div ref={element} style={{ width: '100%', height }} />;
}
