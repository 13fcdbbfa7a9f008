/** Canned replies: company texts with variables ({customerName}, {loanNumber},
 *  {amountDue}, {nextDueDate}) filled from the ticket's customer and loan. A
 *  variable the ticket cannot fill (no loan linked) stays visible in the text and is
 *  reported, so the agent completes it by hand instead of sending a blank. */
export const CANNED_VARIABLES = ['customerName', 'loanNumber', 'amountDue', 'nextDueDate'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];
export type CannedValues = Partial<Record<CannedVariable, string | null>>;

export interface CannedReply {
  code: string;
  title: string;
  body: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The variables a template uses (known ones only, each once, in order). */
export function variablesOf(template: string): CannedVariable[] {
  const out: CannedVariable[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as CannedVariable;
    if ((CANNED_VARIABLES as readonly string[]).includes(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The template with every variable it can fill replaced; unknown names and
 *  variables without a value are left as they are and listed in `missing`. */
export function fillTemplate(template: string, values: CannedValues): { text: string; missing: CannedVariable[] } {
  const missing: CannedVariable[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(CANNED_VARIABLES as readonly string[]).includes(name)) return whole;
    const value = values[name as CannedVariable];
    if (value === undefined || value === null || value === '') {
      if (!missing.includes(name as CannedVariable)) missing.push(name as CannedVariable);
      return whole;
    }
    return value;
  });
  return { text, missing };
}

export const DEFAULT_CANNED_REPLIES: CannedReply[] = [
  {
    code: 'due-reminder',
    title: '还款提醒 / Repayment reminder',
    body: '{customerName}，您好！您的贷款 {loanNumber} 当前应还 {amountDue}，下一还款日为 {nextDueDate}。如已还款请忽略本消息。',
  },
  {
    code: 'received',
    title: '已受理 / Request received',
    body: '{customerName}，您好！您的问题已受理，我们将在承诺时间内答复您。如有补充材料，请直接回复本工单。',
  },
  {
    code: 'need-documents',
    title: '请补充材料 / Documents needed',
    body: '{customerName}，您好！为处理您的申请，请补充最近 3 个月的收入证明。收到材料后我们会继续处理（贷款 {loanNumber}）。',
  },
  {
    code: 'resolved',
    title: '已解决 / Resolved',
    body: '{customerName}，您好！您反映的问题已处理完毕。如仍有疑问，请直接回复，我们会重新为您跟进。',
  },
];
