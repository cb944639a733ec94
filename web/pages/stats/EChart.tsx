import { BarChart, LineChart, MapChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

// Only the parts the statistics page draws, so the chunk stays small.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  seriesIndex?: number;
  dataIndex: number;
  name: string;
}

interface Props {
  option: ChartOption;
  onClick?: (e: ChartClick) => void;
  style?: CSSProperties;
  testId?: string;
}

/** One ECharts chart; a click on a bar, slice, point or region calls `onClick`. */
export function EChart({ option, onClick, style, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on("click", (e) => click.current?.(e as unknown as ChartClick));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} style={{ height: 300, cursor: "pointer", ...style }} data-testid={testId} />;
}
