import { redact } from './audit';

describe('audit redaction', () => {
  it('drops secrets, masks personal identifiers and keeps no file contents', () => {
    const out = redact({
      password: 'Secret123',
      confirm: 'Secret123',
      residentId: '11010519491231002X',
      phone: '13800138000',
      nested: { bankCard: '6222020200112233445' },
      contentBase64: 'AAAA',
      name: '张三',
    });
    expect(out).toEqual({
      password: '***',
      confirm: '***',
      residentId: '**************002X',
      phone: '*******8000',
      nested: { bankCard: '***************3445' },
      contentBase64: '(4 chars not kept)',
      name: '张三',
    });
  });
});
