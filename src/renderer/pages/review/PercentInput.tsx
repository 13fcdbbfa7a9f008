/** A rate typed as a percent ("18.5") and held by the form as the fraction string
 *  the API takes ("0.185"). Text that is no percent is passed on as typed, so the
 *  rate schema refuses it with a message instead of the value silently vanishing. */
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { fractionToPercent, percentToFraction } from '../../components/percent';

export function PercentInput({
  value,
  onChange,
  ...rest
}: {
  value?: string;
  onChange?: (fraction: string | undefined) => void;
  'data-testid'?: string;
  style?: React.CSSProperties;
}) {
  const [text, setText] = useState(fractionToPercent(value));
  useEffect(() => {
    // A form reset (undefined) empties the field; a value the text already says is
    // left as typed.
    setText((current) =>
      value === undefined ? '' : percentToFraction(current) === value ? current : fractionToPercent(value) || value,
    );
  }, [value]);
  return (
    <Input
      {...rest}
      suffix="%"
      inputMode="decimal"
      value={text}
      style={{ textAlign: 'right', ...rest.style }}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(percentToFraction(e.target.value));
      }}
    />
  );
}
