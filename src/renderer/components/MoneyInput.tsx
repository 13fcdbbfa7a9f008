/** An amount typed in yuan as people type it ("9,500", "9500.5", "￥9,500"), held by
 *  the form as integer fen (never a float). The text is left alone while typing and
 *  written out (9,500.00) when the field is left; text that is no amount reaches the
 *  form as typed, so the field's rule refuses it with a sentence instead of the
 *  value silently vanishing. */
import { Input } from 'antd';
import { useEffect, useState, type FocusEvent } from 'react';
import { formatFenGrouped } from '../../core/money';
import { parseTypedAmount } from '../../core/moneyInput';

/** What the form holds: fen, the text of something that is no amount, or nothing. */
export type MoneyValue = number | string | undefined;

/** The fen a typed text stands for (undefined: empty; the text itself: no amount). */
export function typedToValue(text: string): MoneyValue {
  if (text.trim() === '') return undefined;
  const typed = parseTypedAmount(text);
  return typed.ok ? typed.fen : text;
}

/** The text to show for a value the form set (a reset, a draft, a suggestion),
 *  keeping what the user typed while it says the same amount. */
export function followValue(current: string, value: MoneyValue): string {
  if (typeof value === 'string') return current;
  if (value === undefined) return typedToValue(current) === undefined ? current : '';
  const typed = parseTypedAmount(current);
  return typed.ok && typed.fen === value ? current : formatFenGrouped(value);
}

export function MoneyInput({
  value,
  onChange,
  onBlur,
  ...rest
}: {
  value?: MoneyValue;
  onChange?: (value: MoneyValue) => void;
  onBlur?: (e: FocusEvent<HTMLInputElement>) => void;
  'data-testid'?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  placeholder?: string;
  id?: string;
}) {
  const [text, setText] = useState(typeof value === 'number' ? formatFenGrouped(value) : (value ?? ''));
  useEffect(() => {
    setText((current) => followValue(current, value));
  }, [value]);
  return (
    <Input
      {...rest}
      prefix="¥"
      inputMode="decimal"
      value={text}
      style={{ textAlign: 'right', ...rest.style }}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(typedToValue(e.target.value));
      }}
      onBlur={(e) => {
        const typed = parseTypedAmount(text);
        if (typed.ok) setText(formatFenGrouped(typed.fen));
        onBlur?.(e);
      }}
    />
  );
}
