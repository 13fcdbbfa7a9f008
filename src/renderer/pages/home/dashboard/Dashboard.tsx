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

/** One of the scope filters (branch, product, officer): empty is all of them. */
function ScopeSelect({
  all,
  value,
  onChange,
  width,
  items,
  testId,
}: {
  all: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  width: number;
  items: ReadonlyArray<{ id: string; name: string }> | undefined;
  testId: string;
}) {
  return (
    <Select
      allowClear
      placeholder={all}
      value={value}
      onChange={onChange}
      style={{ width }}
      popupMatchSelectWidth={false}
      options={items?.map((i) => ({ value: i.id, label: i.name }))}
      data-testid={testId}
    />
  );
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
      <ScopeSelect
        all={t('dash.allBranches')}
        value={branchId}
        onChange={setBranchId}
        width={150}
        items={options.data?.branches}
        testId="dash-branch"
      />
      <ScopeSelect
        all={t('dash.allProducts')}
        value={productId}
        onChange={setProductId}
        width={200}
        items={options.data?.products}
        testId="dash-product"
      />
      {wholeBook && (
        <ScopeSelect
          all={t('dash.allOfficers')}
          value={officerId}
          onChange={setOfficerId}
          width={130}
          items={options.data?.officers}
          testId="dash-officer"
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
