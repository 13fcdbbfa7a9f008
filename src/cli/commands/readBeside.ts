/** `loandesk export` reads, but records the export in the audit log when it can: it
 *  takes the profile for writing when it is free, and beside a running LoanDesk opens
 *  it read-only and says that the audit record was not written. */
import { isDomainError } from '../../core/errors';
import { openHeadless, type HeadlessProfile } from '../../main/headless';
import type { CliIo } from '../types';

export async function openForExport(io: CliIo, command = 'export'): Promise<HeadlessProfile> {
  try {
    return await openHeadless(io.env, 'write');
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'PROFILE_IN_USE') throw e;
    const profile = await openHeadless(io.env, 'read');
    io.err(
      `loandesk ${command}: the profile is open in another LoanDesk (${String(e.details.kind)} pid ${String(e.details.pid)}): reading it read-only, not recorded in the audit log / 配置文件正被另一个 LoanDesk 使用：以只读方式读取，本次操作未写入审计日志`,
    );
    return profile;
  }
}
