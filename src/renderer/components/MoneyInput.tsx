/** An amount typed in yuan, held by the form as integer fen (never a float). */
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { formatFen, parseYuanToFen } from '../../core/money';

export function MoneyInput({
  value,
  onChange,
  ...rest
}: {
  value?: number;
  onChange?: (fen: number | undefined) => void;
  'data-testid'?: string;
  style?: React.CSSProperties;
}) {
  const [text, setText] = useState(value === undefined ? '' : formatFen(value));
  useEffect(() => {
    if (value === undefined) return;
    setText((current) => {
      try {
        return parseYuanToFen(current) === value ? current : formatFen(value);
      } catch {
        return formatFen(value);
      }
    });
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
        try {
          onChange?.(parseYuanToFen(e.target.value.replace(/,/g, '')));
        } catch {
          onChange?.(undefined);
        }
      }}
    />
  );
}
