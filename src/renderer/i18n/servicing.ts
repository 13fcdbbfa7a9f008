/** Messages of servicing (issue 11): the repayment's intent, the payoff above the
 *  rate cap and its override, the penalty red line, the closed-on date (zh-CN, and
 *  en with the same keys). */
export const servicingZhCN = {
  'loans.repay.intent': '还款用途',
  'loans.intent.installments': '按期还款',
  'loans.intent.principal': '提前还本',
  'loans.intent.installments.hint': '超出当期应还的部分提前归还后续期供，到期视为已还，不逾期、不计罚息。',
  'loans.intent.principal.hint': '当期利息按实际天数计至起息日，其余提前偿还本金，后续期供按产品的提前还款方式重算。',
  'loans.intent.default': '产品默认',
  'loans.cap.over': '结清后，按实际现金流计算的年化成本 {cost} 超过上限 {cap}。',
  'loans.cap.overUnbounded': '结清后，当日归还的金额多于实际放出的金额，年化成本无上限，超过上限 {cap}。',
  'loans.cap.within': '上限内的最高结清额：{amount}。',
  'loans.cap.needsOverride': '须由有超限审批权限的人员（如主管）填写理由后登记。',
  'loans.cap.reason': '超限审批理由',
  'loans.cap.reasonHint': '理由随还款记录保存并写入审计日志',
  'loans.payoff.cap': '年化成本上限',
  'loans.payoff.maxWithinCap': '上限内最高结清额',
  'loans.payoff.record': '按此金额登记结清',
  'loans.payoff.recordOverride': '超限审批并登记',
  'loans.payoff.futureDate': '结清日期晚于营业日，仅供试算。',
  'loans.field.closedOn': '结清日',
  'loans.field.redLine': '罚息红线',
  'loans.field.defaultIntent': '默认还款用途',
  'loans.penaltyBound.tag': '已达红线',
  'loans.field.offBalanceInterest': '表外利息',
  'loans.nonAccrual.tag': '非应计',
  'loans.nonAccrual.tip': '自 {date} 起非应计：未收的利息和罚息已冲出收入，记在表外，收回时再确认收入。',
  'loans.penaltyBound.tip':
    '自 {date} 起，贷款按实际现金流计算的年化综合成本达到红线 {redLine}，罚息停止计收（未计收 {forgone}）。',
  'loans.tx.capOverride': '超限审批',
  'loans.event.capOverride': '超限审批理由',
  'settings.lending': '信贷',
  'settings.redLineAnnual': '罚息红线（年化综合成本）',
  'settings.redLineHint': '罚息计至贷款的年化综合成本达到此值为止；新批准的贷款在批准时固定此值，已批准的贷款不变。',
  'settings.writeOffMinDpd': '提议核销所需逾期天数',
  'settings.largeCashThreshold': '单日大额现金阈值',
  'perm.repayments.overrideCap': '超限结清审批',
  'perm.applications.override': '预审不通过时越权批准',
  'error.PAYOFF_OVER_CAP':
    '结清后按实际现金流计算的年化成本 {annualizedCost} 超过上限 {rateCapAnnual}（结清额 {payoffFen}，上限内最多 {maxTotalWithinCapFen}）：须由有超限审批权限的人员填写理由后登记。',
};

export const servicingEn: Record<keyof typeof servicingZhCN, string> = {
  'loans.repay.intent': 'Apply as',
  'loans.intent.installments': 'Pay installments',
  'loans.intent.principal': 'Prepay principal',
  'loans.intent.installments.hint':
    'What exceeds the current installment pays the next ones in advance; they count as paid when due (no DPD, no penalty).',
  'loans.intent.principal.hint':
    'Interest runs to the value date by actual days; the rest prepays principal and the remaining installments are recomputed by the product’s prepayment rule.',
  'loans.intent.default': 'product default',
  'loans.cap.over': 'With this payoff the annualized cost of the actual cash flows is {cost}, above the cap of {cap}.',
  'loans.cap.overUnbounded':
    'With this payoff more comes back on the day than was paid out: the annualized cost is unbounded, above the cap of {cap}.',
  'loans.cap.within': 'Largest payoff within the cap: {amount}.',
  'loans.cap.needsOverride': 'Only a role allowed to override the cap (a manager) can record it, with a reason.',
  'loans.cap.reason': 'Override reason',
  'loans.cap.reasonHint': 'Kept with the repayment and in the audit log',
  'loans.payoff.cap': 'Annualized cost cap',
  'loans.payoff.maxWithinCap': 'Largest payoff within the cap',
  'loans.payoff.record': 'Record this payoff',
  'loans.payoff.recordOverride': 'Override and record',
  'loans.payoff.futureDate': 'The date is after the business date: quote only.',
  'loans.field.closedOn': 'Closed on',
  'loans.field.redLine': 'Penalty red line',
  'loans.field.defaultIntent': 'Repayments apply as',
  'loans.penaltyBound.tag': 'Red line',
  'loans.field.offBalanceInterest': 'Off-balance interest',
  'loans.nonAccrual.tag': 'Non-accrual',
  'loans.nonAccrual.tip':
    'Non-accrual since {date}: unpaid interest and penalty were taken out of income and are kept off the balance sheet until received.',
  'loans.penaltyBound.tip':
    'Since {date} the loan’s total cost on its actual cash flows is at the red line of {redLine}: penalty interest stopped ({forgone} not charged).',
  'loans.tx.capOverride': 'Cap override',
  'loans.event.capOverride': 'Cap override',
  'settings.lending': 'Lending',
  'settings.redLineAnnual': 'Penalty red line (annual total cost)',
  'settings.redLineHint':
    'Penalty interest stops where a loan’s annualized total cost reaches it; fixed into each loan at approval, approved loans keep theirs.',
  'settings.writeOffMinDpd': 'Days past due before a write-off',
  'settings.largeCashThreshold': 'Large cash threshold (a day)',
  'perm.repayments.overrideCap': 'Let a payoff above the cap through',
  'perm.applications.override': 'Approve past a failed pre-check',
  'error.PAYOFF_OVER_CAP':
    'With this payoff the annualized cost of the actual cash flows is {annualizedCost}, above the cap of {rateCapAnnual} (payoff {payoffFen}, at most {maxTotalWithinCapFen} within the cap): a role allowed to override the cap must record it with a reason.',
};
