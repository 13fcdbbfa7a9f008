/** A role's dashboard: the filters (period, granularity, branch, product,
 *  officer) and the panels the role may see, section by section. Loaded lazily
 *  (its own script chunk, with recharts), so the first screen stays small. */
import { useState } from 'react';
import { Col, Row, Segmented, Select, Space, Tabs } from 'antd';
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import { RangeField } from '../../loans/parts';
import type { DateRange } from '../../loans/hooks';
import { periodCount, MAX_PERIODS, type Granularity } from '../../../../core/monitoring';
import { addDays } from '../../../../core/dates';
import { panelsFor, type ChartFilter, type PanelContext } from './panels';
import { DASHBOARD_CSS } from './styles';

export interface DashboardProps {
  permissions: readonly string[];
  userId: string;
  businessDate: string;
}

/** The finest granularity the range allows (at most MAX_PERIODS points). */
export function fitGranularity(range: DateRange, wanted: Granularity): Granularity {
  const order: Granularity[] = ['day', 'week', 'month'];
  for (const g of order.slice(order.indexOf(wanted))) if (periodCount(range.from, range.to, g) <= MAX_PERIODS) return g;
  return 'month';
}

export function Dashboard({ permissions, userId, businessDate }: DashboardProps) {
  const { t } = useI18n();
  const sections = panelsFor(permissions);
  const wholeBook = permissions.includes('monitoring.portfolio');
  const [range, setRange] = useState<DateRange>(() => ({ from: addDays(businessDate, -364), to: businessDate }));
  const [granularity, setGranularity] = useState<Granularity>('month');
  const [branchId, setBranchId] = useState<string | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [officerId, setOfficerId] = useState<string | undefined>();
  const [tab, setTab] = useState(sections[0]?.section.id ?? '');
  const options = useApi('monitoring.options', {}, { staleTime: 5 * 60_000 });
  if (sections.length === 0) return null;

  const g = fitGranularity(range, granularity);
  const filter: ChartFilter = {
    from: range.from,
    to: range.to,
    granularity: g,
    branchId,
    productId,
    officerId: wholeBook ? officerId : undefined,
  };
  const scope = { branchId, productId, officerId: wholeBook ? officerId : userId };
  const ctx: PanelContext = { filter, scope, businessDate, options: options.data };
  const active = sections.find((s) => s.section.id === tab) ?? sections[0]!;

  const filters = active.section.filtered && (
    <Space wrap className="ld-no-print" style={{ marginBottom: 10 }} data-testid="dash-filters">
      <RangeField value={range} onChange={setRange} businessDate={businessDate} testId="dash-range" />
      <Segmented<Granularity>
        size="small"
        value={g}
        onChange={setGranularity}
        options={(['day', 'week', 'month'] as const).map((v) => ({
          value: v,
          label: t(`dash.granularity.${v}`),
          disabled: periodCount(range.from, range.to, v) > MAX_PERIODS,
        }))}
        data-testid="dash-granularity"
      />
      <Select
        allowClear
        placeholder={t('dash.allBranches')}
        value={branchId}
        onChange={setBranchId}
        style={{ width: 150 }}
        options={options.data?.branches.map((b) => ({ value: b.id, label: b.name }))}
        data-testid="dash-branch"
      />
      <Select
        allowClear
        placeholder={t('dash.allProducts')}
        value={productId}
        onChange={setProductId}
        style={{ width: 200 }}
        popupMatchSelectWidth={false}
        options={options.data?.products.map((p) => ({ value: p.id, label: p.name }))}
        data-testid="dash-product"
      />
      {wholeBook && (
        <Select
          allowClear
          placeholder={t('dash.allOfficers')}
          value={officerId}
          onChange={setOfficerId}
          style={{ width: 130 }}
          options={options.data?.officers.map((o) => ({ value: o.id, label: o.name }))}
          data-testid="dash-officer"
        />
      )}
    </Space>
  );

  const grid = (panels: (typeof sections)[number]['panels']) => (
    <Row gutter={[12, 12]}>
      {panels.map((p) => (
        <Col key={p.id} span={p.span ?? 12}>
          {p.render(ctx)}
        </Col>
      ))}
    </Row>
  );

  return (
    <div className="ld-dashboard" data-testid="dashboard">
      <style>{DASHBOARD_CSS}</style>
      {sections.length === 1 ? (
        <>
          {filters}
          {grid(active.panels)}
        </>
      ) : (
        <Tabs
          activeKey={active.section.id}
          onChange={setTab}
          destroyOnHidden
          data-testid="dash-tabs"
          items={sections.map((s) => ({
            key: s.section.id,
            label: <span data-testid={`dash-tab-${s.section.id}`}>{t(s.section.label)}</span>,
            children: (
              <>
                {filters}
                {grid(s.panels)}
              </>
            ),
          }))}
        />
      )}
    </div>
  );
}
