import { parseCommandArgs, readConnectorCall, stringOption } from '../../args.js';
import { UsageError } from '../../usage-error.js';

export const statusHelp = `Usage: logto-sms status <aliyun|yunpian|tencent|package-dir|file.tgz> --config <file.json> --to <phone> [options]

"Did the code arrive?": asks the provider what became of recent messages to one number, using the
connector's own config, signing and endpoint rules (the package is installed into a Logto-shaped
directory like "send" does, and its queryDeliveryStatus export is called). Prints, newest first:
when each message was sent, its delivery state (waiting / delivered / failed), the carrier's receipt
code in plain words, the template and the provider's message id.

Arguments:
  aliyun | yunpian | tencent
                         this repository's built connector (run "pnpm build" first)
  aliyun-mas             the same for Aliyun 短信认证 (Message Authentication Service)
  <package-dir>          any built logto-sms connector package directory
  <file.tgz>             a connector tarball as made by "npm pack"

Options:
  --config <file.json>   the connector config, as pasted into the Console (required)
  --to <phone>           recipient, digits only with the country code, e.g. 8613800138000 (required)
  --since <when>         oldest send to show: 2h, 3d, 2026-11-29 (local midnight) or an ISO time;
                         default 24h. Clamped to what the provider keeps (Aliyun and 短信认证:
                         30 days, Tencent: 7 days)
  --id <message id>      only this message: Aliyun (or 短信认证) BizId, YunPian sid or Tencent
                         SerialNo, as "send" printed it
  --json                 print one JSON object instead of text
  -h, --help             show this help

APIs and the read-only permissions they need:
  aliyun    Dysmsapi QuerySendDetails; RAM action dysms:QuerySendDetails
  aliyun-mas
            Dypnsapi QuerySendDetails (deprecated by Aliyun; 短信认证 codes only, mainland
            numbers); RAM action dypns:QuerySendDetails. If Aliyun withdraws it: the 号码认证
            console's 短信认证 > 发送记录 page
  yunpian   v2 sms/get_record.json; the apikey of the sending account (code -2 if the API is not enabled)
  tencent   PullSmsSendStatusByPhoneNumber; CAM action sms:PullSmsSendStatusByPhoneNumber. Lists a
            message only once its carrier receipt arrived: one still waiting is not shown

Secrets in the config are never printed, nor the message text (it holds the code).

Exit codes:
  0  the provider answered (whatever the delivery states)
  1  the lookup failed: invalid config, a refusal (e.g. a missing permission), or no such export
  2  usage error

Examples:
  logto-sms status aliyun --config aliyun.json --to 8613800138000
  logto-sms status yunpian --config yunpian.json --to 8613800138000 --since 3d --json
  logto-sms status aliyun --config aliyun.json --to 8613800138000 --id 900619746936498440^0
  logto-sms status aliyun-mas --config mas.json --to 8613800138000 --since 7d
  logto-sms status tencent --config tencent.json --to 8613800138000 --id 5000:1045710669157053657849499619`;

export type StatusOptions = {
  target: string;
  configFile: string;
  to: string;
  since?: Date;
  id?: string;
  json: boolean;
};

const hourMs = 60 * 60 * 1000;

/** `2h`, `3d`, `2026-11-29` (local midnight) or anything `Date.parse` reads with a time. */
export const parseSince = (raw: string, now = Date.now()): Date => {
  const relative = /^(\d{1,4})([hd])$/.exec(raw);
  if (relative) {
    return new Date(now - Number(relative[1]) * (relative[2] === 'h' ? hourMs : 24 * hourMs));
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const parsed = day
    ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]))
    : new Date(/\d:\d/.test(raw) ? Date.parse(raw) : Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw new UsageError(
      `--since must look like 2h, 3d, 2026-11-29 or 2026-11-29T08:00:00+08:00; got "${raw}".`,
      'status'
    );
  }
  return parsed;
};

export const parseStatusArgs = (argv: readonly string[]): StatusOptions | 'help' => {
  const parsed = parseCommandArgs(
    'status',
    argv,
    {
      config: { type: 'string' },
      to: { type: 'string' },
      since: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
    },
    { maxPositionals: 1 }
  );
  const { values } = parsed;
  if (values.help) {
    return 'help';
  }
  const { target, configFile, to } = readConnectorCall('status', parsed);
  const since = stringOption(values, 'since');
  const id = stringOption(values, 'id');
  if (id !== undefined && !/^[\u0021-\u007E]{1,64}$/.test(id)) {
    throw new UsageError(
      '--id must be the message id "send" printed (printable ASCII, at most 64 characters).',
      'status'
    );
  }
  return {
    target,
    configFile,
    to,
    ...(since === undefined ? {} : { since: parseSince(since) }),
    ...(id === undefined ? {} : { id }),
    json: values.json === true,
  };
};
