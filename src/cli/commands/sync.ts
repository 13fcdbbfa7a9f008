/** `loandesk sync …`: attach the company to the server, make enrollment codes, join
 *  a desktop, sync now, show the state, list and revoke devices. Every subcommand
 *  takes --json; the JSON fields are a stable interface. */
import { flagValue, parseArgs, requiredFlag, type ParsedArgs } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../types';
import { DomainError } from '../../core/errors';
import { openHeadless } from '../../main/headless';
import {
  attach,
  companyClient,
  enrollmentCode,
  join,
  pendingCount,
  refusals,
  syncConfig,
  syncNow,
  syncState,
} from '../../main/features/sync/engine';
import type { DeviceView } from '../../contract/sync/protocol';
import { openOrCreate } from './profile';
import { auditCli } from './eod';

const USAGE = `loandesk sync [--json]                                   push, then pull
loandesk sync attach --server URL --setup-code CODE [--pin SHA256] [--json]
loandesk sync enroll-code [--branch CODE ...] [--json]
loandesk sync join --server URL --code CODE [--pin SHA256] [--json]
loandesk sync status [--json]
loandesk sync devices [--json]
loandesk sync revoke DEVICE [--json]`;

function out(io: CliIo, json: boolean, value: unknown, text: string): void {
  io.out(json ? JSON.stringify(value) : text);
}

function serverFlag(args: ParsedArgs): string {
  const url = requiredFlag(args, 'server');
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--server must be an http(s) URL, got "${url}"`);
  return url;
}

function refusalView(r: ReturnType<typeof refusals>[number]) {
  return { eventId: r.eventId, type: r.type, code: r.code, reason: r.reason };
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'sync with the central server: attach, enroll-code, join, status, devices, revoke',
  usage: USAGE,
  async run(argv, io) {
    const sub = argv[0] && !argv[0].startsWith('--') ? argv[0] : undefined;
    const rest = sub ? argv.slice(1) : argv;
    const args = parseArgs(rest, ['server', 'setup-code', 'code', 'pin', 'branch']);
    const json = args.switches.has('json');
    const pin = flagValue(args, 'pin') ?? null;

    if (sub === 'join') {
      if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
      const server = serverFlag(args);
      const code = requiredFlag(args, 'code');
      const profile = await openOrCreate(io.env);
      try {
        if (!profile.created && syncConfig(profile.db)) throw new DomainError('SYNC_ALREADY_CONFIGURED');
        let shown = -1;
        const result = await join(profile.db, profile.deviceId, { serverUrl: server, code, pin }, (p) => {
          const percent = p.checkpoint > 0 ? Math.floor((p.cursor * 100) / p.checkpoint) : 100;
          if (percent !== shown) io.err(`sync join: ${p.pulled} events (${percent}%)`);
          shown = percent;
        });
        auditCli(profile.db, profile.deviceId, 'cli.sync.join', { server, pulled: result.pulled });
        out(io, json, result, `joined ${server} as device ${result.deviceId}; ${result.pulled} events pulled`);
        return 0;
      } finally {
        profile.close();
      }
    }

    const opened = await openHeadless(io.env, sub === 'status' || sub === 'devices' ? 'read' : 'write');
    const { db, deviceId } = opened;
    try {
      switch (sub) {
        case 'attach': {
          const server = serverFlag(args);
          const result = await attach(db, deviceId, {
            serverUrl: server,
            setupCode: requiredFlag(args, 'setup-code'),
            pin,
          });
          auditCli(db, deviceId, 'cli.sync.attach', { server, pushed: result.pushed });
          out(io, json, result, `attached to ${server} as device ${result.deviceId}; ${result.pushed} events pushed`);
          return 0;
        }
        case 'enroll-code': {
          const codes = args.flags.get('branch') ?? [];
          let branchIds: string[] | null = null;
          if (codes.length > 0) {
            const known = db.$client.prepare('SELECT id, code FROM branches').all() as Array<{
              id: string;
              code: string;
            }>;
            branchIds = codes.map((c) => {
              const b = known.find((k) => k.code === c);
              if (!b) throw new UsageError(`--branch: no branch with code "${c}"`);
              return b.id;
            });
          }
          const result = await enrollmentCode(db, deviceId, branchIds);
          auditCli(db, deviceId, 'cli.sync.enrollCode', { branches: codes, expiresAt: result.expiresAt });
          out(io, json, result, `enrollment code ${result.code} (valid until ${result.expiresAt})`);
          return 0;
        }
        case 'status': {
          const config = syncConfig(db);
          const state = syncState(db);
          const status = {
            server: config?.serverUrl ?? null,
            lastSyncAt: state.lastSyncAt,
            pending: pendingCount(db),
            rejected: refusals(db).map(refusalView),
          };
          out(
            io,
            json,
            status,
            config
              ? `server ${status.server}; last sync ${status.lastSyncAt ?? 'never'}; ${status.pending} pending; ${status.rejected.length} refused`
              : 'not attached to a sync server',
          );
          return 0;
        }
        case 'devices':
        case 'revoke': {
          const client = companyClient(db, deviceId);
          if (sub === 'devices') {
            const devices = await client.call<DeviceView[]>('GET', '/v1/devices');
            out(
              io,
              json,
              { devices },
              devices
                .map(
                  (d) => `${d.deviceNo}\t${d.id}\t${d.name}\t${d.revokedAt ? 'revoked' : 'active'}\tlag ${d.lagEvents}`,
                )
                .join('\n'),
            );
            return 0;
          }
          const target = args.positional[0];
          if (!target) throw new UsageError('the device id to revoke is required');
          const result = await client.call<{ revoked: string }>(
            'POST',
            `/v1/devices/${encodeURIComponent(target)}/revoke`,
            {},
          );
          auditCli(db, deviceId, 'cli.sync.revoke', result);
          out(io, json, result, `device ${result.revoked} revoked`);
          return 0;
        }
        case undefined: {
          const result = await syncNow(db, deviceId);
          const view = { pushed: result.pushed, pulled: result.pulled, rejected: result.rejected.map(refusalView) };
          out(io, json, view, `pushed ${view.pushed}, pulled ${view.pulled}, refused ${view.rejected.length}`);
          return 0;
        }
        default:
          throw new UsageError(`unknown sync command "${sub}" (see loandesk sync --help)`);
      }
    } finally {
      opened.close();
    }
  },
};
