/** Messages of the review pages (zh-CN, and en with the same keys). */
export const reviewZhCN = {} as const;

export const reviewEn: Record<keyof typeof reviewZhCN, string> = {};
