/** The business calendar (营业日历): working weekdays, working hours, and per year
 *  the official holidays and make-up working days; SLA clocks on business hours run
 *  on it. Validated with the schema the main process reads it with. */
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { useSaveSettings } from './saveSettings';
import type { Api } from '../../api/client';
import { addDays } from '../../../core/dates';

type Calendar = Api['settings.get']['output']['calendar'];

/** 2026-01-01…2026-01-03, 2026-02-15 …: consecutive days folded into ranges. */
function ranges(dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  for (const d of sorted) {
    if (start && prev && addDays(prev, 1) === d) {
      prev = d;
      continue;
    }
    if (start) out.push(start === prev ? start.slice(5) : `${start.slice(5)}~${prev!.slice(5)}`);
    start = d;
    prev = d;
  }
  if (start) out.push(start === prev ? start.slice(5) : `${start.slice(5)}~${prev!.slice(5)}`);
  return out.join(', ');
}

/** A list of dates, picked on a calendar; the form holds them as YYYY-MM-DD strings. */
function DatesField({
  value = [],
  onChange,
  year,
  testId,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  year?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <DatePicker
        multiple
        maxTagCount={0}
        style={{ width: '100%' }}
        value={value.map((d) => dayjs(d))}
        defaultPickerValue={year ? dayjs(`${year}-01-01`) : undefined}
        onChange={(days: Dayjs[] | null) => onChange?.((days ?? []).map((d) => d.format('YYYY-MM-DD')).sort())}
        placeholder={t('calendar.addDate')}
        data-testid={testId}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('calendar.days', { n: value.length })}
        {value.length > 0 ? `${t('shell.colon')}${ranges(value)}` : ''}
      </Typography.Text>
    </Space>
  );
}

export function CalendarPage() {
  const { t } = useI18n();
  const current = useApi('settings.get', {});
  const [form] = Form.useForm<Calendar>();
  const { save, pending } = useSaveSettings('calendar', form, 'calendar.saved');
  if (!current.data) return null;
  const onFinish = (value: Calendar) => save({ ...value, years: [...value.years].sort((a, b) => a.year - b.year) });
  return (
    <>
      <PageHeader title={t('calendar.title')} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('calendar.intro', { tz: current.data.locale.timeZone })}
      </Typography.Paragraph>
      <Form<Calendar>
        form={form}
        layout="vertical"
        initialValues={current.data.calendar}
        onFinish={onFinish}
        data-testid="calendar-form"
      >
        <Row gutter={12}>
          <Col span={12}>
            <Card size="small" title={t('calendar.workdays')} style={{ marginBottom: 12 }}>
              <Form.Item name="workdays" style={{ marginBottom: 0 }}>
                <Checkbox.Group
                  options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                    value: d,
                    label: t(`calendar.weekday.${d}` as MessageKey),
                  }))}
                />
              </Form.Item>
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('calendar.hours')} style={{ marginBottom: 12 }}>
              <Form.List name="hours">
                {(fields, { add, remove }) => (
                  <Space wrap>
                    {fields.map((f) => (
                      <Space.Compact key={f.key}>
                        <Form.Item name={[f.name, 'start']} noStyle>
                          <Input style={{ width: 70 }} placeholder="09:00" />
                        </Form.Item>
                        <Input style={{ width: 30, pointerEvents: 'none' }} placeholder="~" disabled />
                        <Form.Item name={[f.name, 'end']} noStyle>
                          <Input style={{ width: 70 }} placeholder="18:00" />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          disabled={fields.length <= 1}
                        />
                      </Space.Compact>
                    ))}
                    {fields.length < 4 && (
                      <Button icon={<PlusOutlined />} onClick={() => add({ start: '13:00', end: '18:00' })}>
                        {t('calendar.addWindow')}
                      </Button>
                    )}
                  </Space>
                )}
              </Form.List>
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('calendar.years')} style={{ marginBottom: 12 }}>
          <Form.List name="years">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Row key={f.key} gutter={12} align="top">
                    <Col span={2}>
                      <Form.Item name={[f.name, 'year']} label={t('calendar.year')}>
                        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={13}>
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <Form.Item name={[f.name, 'holidays']} label={t('calendar.holidays')}>
                            <DatesField
                              year={form.getFieldValue(['years', f.name, 'year'])}
                              testId={`calendar-holidays-${f.name}`}
                            />
                          </Form.Item>
                        )}
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item noStyle shouldUpdate>
                        {() => (
                          <Form.Item name={[f.name, 'workdays']} label={t('calendar.makeUp')}>
                            <DatesField year={form.getFieldValue(['years', f.name, 'year'])} />
                          </Form.Item>
                        )}
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <Form.Item label=" ">
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} title={t('calendar.remove')} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const years = (form.getFieldValue('years') as Calendar['years']).map((y) => y.year);
                    add({
                      year: (years.length ? Math.max(...years) : dayjs().year() - 1) + 1,
                      holidays: [],
                      workdays: [],
                    });
                  }}
                >
                  {t('calendar.addYear')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('calendar.source2026')}
          </Typography.Paragraph>
        </Card>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="calendar-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
