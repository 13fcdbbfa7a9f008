/** The dashboard's styles: compact cards of equal height, the legend chips, the
 *  stamp line, and a print sheet that keeps only the card being printed. */
export const DASHBOARD_CSS = `
.ld-chart-card { height: 100%; }
.ld-chart-card .ant-card-head { min-height: 36px; }
.ld-chart-card .ant-card-head-title { font-size: 13px; }
.ld-chart-card .ant-card-body { padding: 8px 10px; }
.ld-chart-table .ant-table-tbody > tr > td { padding: 3px 6px !important; font-size: 12px; }
.ld-chart-table .ant-table-thead > tr > th { padding: 4px 6px !important; font-size: 12px; white-space: nowrap; }
.ld-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 11px; color: #595959; margin: 0 0 4px 4px; }
.ld-legend i { display: inline-block; width: 10px; height: 8px; margin-right: 4px; border-radius: 2px; }
.ld-chart-foot { margin-top: 6px; display: flex; flex-direction: column; gap: 2px; }
.ld-chart-note { font-size: 11px; color: #8c8c8c; }
.ld-money { font-variant-numeric: tabular-nums; white-space: nowrap; }
.ld-tile { display: block; color: inherit; }
.ld-stat-title { white-space: nowrap; }
.recharts-wrapper:focus, .recharts-surface:focus { outline: none; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .ant-layout-sider, .ant-layout-header, .ld-no-print, .ant-tabs-nav { display: none !important; }
  .ant-layout, .ant-layout-content { height: auto !important; overflow: visible !important; background: #fff !important; padding: 0 !important; }
  body.ld-print-card .ld-chart-card:not(.ld-print-target), body.ld-print-card .ld-home-header { display: none !important; }
  body.ld-print-card .ant-col:has(> .ld-chart-card:not(.ld-print-target)) { display: none !important; }
  body.ld-print-card .ant-col:has(> .ld-print-target) { max-width: 100% !important; flex: 0 0 100% !important; }
  .ld-chart-table .ant-table-body { max-height: none !important; overflow: visible !important; }
}
`;
