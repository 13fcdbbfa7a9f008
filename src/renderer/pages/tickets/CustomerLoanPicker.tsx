/** Picks the customer (and, optionally, one of their loans) a ticket is about,
 *  searching by name, masked resident ID, phone or loan number; shows masked data
 *  only. The value is { customerId, loanId }. */
import { useState } from 'react';
import { Select, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useDebounced } from '../../components/useDebounced';

export interface LinkValue {
  customerId: string | null;
  loanId: string | null;
  /** What the field shows (kept by the form so a chosen value stays readable). */
  label?: string;
}

const SEP = '|';

export function CustomerLoanPicker({
  value,
  onChange,
  testId,
}: {
  value?: LinkValue;
  onChange?: (value: LinkValue) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 250);
  const found = useApi('tickets.lookup', { search: settled }, { enabled: settled.length >= 2 });
  const options = (found.data ?? []).flatMap(({ customer, loans }) => {
    const who = [customer.name, customer.number, customer.phoneMasked, customer.residentIdMasked]
      .filter(Boolean)
      .join(' · ');
    return [
      {
        value: `${customer.id}${SEP}`,
        label: `${who} · ${t('tickets.picker.noLoan')}`,
        who,
      },
      ...loans.map((l) => ({
        value: `${customer.id}${SEP}${l.id}`,
        label: `${who} · ${t('tickets.picker.loan', {
          number: l.number,
          status: t(`loans.status.${l.status}` as MessageKey),
          dpd: l.dpd,
        })}`,
        who,
      })),
    ];
  });
  const current = value?.customerId ? `${value.customerId}${SEP}${value.loanId ?? ''}` : undefined;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={current}
      placeholder={t('tickets.picker.placeholder')}
      notFoundContent={found.isFetching ? t('common.loading') : null}
      loading={found.isFetching}
      data-testid={testId}
      options={
        current && !options.some((o) => o.value === current) && value?.label
          ? [{ value: current, label: value.label, who: '' }, ...options]
          : options
      }
      optionRender={(o) => <Typography.Text>{o.label}</Typography.Text>}
      onChange={(v: string | undefined, option) => {
        if (!v) return onChange?.({ customerId: null, loanId: null });
        const [customerId, loanId] = v.split(SEP) as [string, string];
        const label = Array.isArray(option) ? undefined : (option?.label as string | undefined);
        onChange?.({ customerId, loanId: loanId || null, label });
      }}
    />
  );
}
